"""Siklus: the cycles a user may see, each with its index (and, for a framework with the 2023
structure, its parts), and the corrections (koefisien) of one cycle for its settings page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapor import engine
from rapor.orgs.permissions import can

from ..domain.corrections import correction_rows
from ..domain.scoring import CycleScore, cycle_score, linked_values_many
from ..domain.stages import not_final
from ..interfaces.forms import CycleReopenForm
from ..models import Answer, Cycle


@dataclass(frozen=True)
class CycleRow:
    cycle: Cycle
    score: CycleScore


def cycle_rows(cycles: Iterable[Cycle]) -> list[CycleRow]:
    """Each cycle with its score (one query for all the answers, then the scoring path)."""
    cycles = list(cycles)
    rows: dict[int, list[Answer]] = {c.pk: [] for c in cycles}
    answers = Answer.objects.filter(cycle__in=cycles).only(
        "cycle_id", "question_code", "level", "value"
    )
    for a in answers:
        rows[a.cycle_id].append(a)
    linked = linked_values_many(cycles)  # values fed from elsewhere (the SKM), for all at once
    return [
        CycleRow(c, cycle_score(c, answers=rows[c.pk], explain=False, linked=linked[c.pk]))
        for c in cycles
    ]


@dataclass(frozen=True)
class CorrectionView:
    correction: engine.Correction
    row: Answer | None

    @property
    def value(self) -> str:
        return self.row.value if self.row else ""

    @property
    def version(self) -> int:
        return self.row.version if self.row else 0


def corrections_page(cycle: Cycle) -> list[CorrectionView]:
    """The framework's corrections with their stored values (empty for most frameworks)."""
    fw = cycle.framework.framework()
    if not fw.corrections:
        return []
    stored = correction_rows(cycle)
    return [CorrectionView(c, stored.get(code)) for code, c in fw.corrections.items()]


def settings_context(cycle: Cycle, user: Any) -> dict[str, Any]:
    """What the settings page shows beside the form: the score and the corrections; what still
    stands before the cycle can be submitted; the reopen form for an Admin."""
    may_submit = can(user, "submit_cycle", cycle)
    return {
        "score": cycle_score(cycle, explain=False),
        "corrections": corrections_page(cycle),
        "may_correct": can(user, "manage_cycle", cycle),
        "may_submit": may_submit,
        "not_final": not_final(cycle) if may_submit else [],
        "reopen_form": CycleReopenForm() if can(user, "reopen_cycle", cycle) else None,
    }
