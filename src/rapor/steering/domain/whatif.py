"""What-if: change answers in a personal sandbox and see the index, grade and rank move.

The sandbox stores overrides only ({question code: canonical value}; "" clears an answer); a
value equal to the stored answer is dropped from it. Nothing here writes an Answer: the real
answers never change (a test proves it). Scores go through the one scoring path
(``scoring.score_with_overrides``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from rapor.assessments.domain.answers import canonical_value
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.scoring import cycle_values
from rapor.assessments.models import Cycle

from ..models import Sandbox, SavedPlan

MAX_OVERRIDES = 2000


class SandboxErrors(DomainError):
    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{c}: {m}" for c, m in problems.items()))


def real_values(cycle: Cycle) -> dict[str, str]:
    """What the cycle is scored from now: stored answers with linked values laid over them."""
    return cycle_values(cycle)[0]


def sandbox_of(cycle: Cycle, owner: Any) -> Sandbox | None:
    return Sandbox.objects.filter(cycle=cycle, owner=owner).first()


@transaction.atomic
def sandbox_set(*, cycle: Cycle, owner: Any, values: Mapping[str, str]) -> Sandbox:
    """Lay ``values`` (raw, as typed) over the sandbox; all or nothing (SandboxErrors)."""
    fw = cycle.framework.framework()
    problems: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for code, raw in values.items():
        if code not in fw.questions:
            problems[code] = "?"
            continue
        try:
            canonical[code] = canonical_value(cycle, code, raw)
        except DomainError as error:
            problems[code] = str(error)
    if problems:
        raise SandboxErrors(problems)
    sandbox, _ = Sandbox.objects.select_for_update().get_or_create(cycle=cycle, owner=owner)
    real = real_values(cycle)
    overrides = dict(sandbox.overrides)
    for code, value in canonical.items():
        if value == real.get(code, ""):
            overrides.pop(code, None)
        else:
            overrides[code] = value
    if len(overrides) > MAX_OVERRIDES:
        raise DomainError("too many changes in one sandbox")
    sandbox.overrides = overrides
    sandbox.save(update_fields=["overrides", "updated_at"])
    return sandbox


@transaction.atomic
def sandbox_load_plan(*, cycle: Cycle, owner: Any, plan: SavedPlan) -> Sandbox:
    """Start the sandbox afresh from the stored answers with the plan's changes."""
    sandbox, _ = Sandbox.objects.get_or_create(cycle=cycle, owner=owner)
    sandbox.overrides = {}
    sandbox.from_plan = None
    sandbox.save()
    sandbox = sandbox_set(
        cycle=cycle, owner=owner, values={c["question"]: c["to"] for c in plan.result["changes"]}
    )
    sandbox.from_plan = plan
    sandbox.save(update_fields=["from_plan"])
    return sandbox


def sandbox_reset(*, cycle: Cycle, owner: Any) -> None:
    Sandbox.objects.filter(cycle=cycle, owner=owner).update(overrides={}, from_plan=None)
