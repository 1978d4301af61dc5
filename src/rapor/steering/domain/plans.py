"""The Tim RB's target, efforts and plans: set, record, make (the engine's exact planner), save.

How this works: ``plan_make`` reads the cycle's answers through the one scoring path, turns the
stored efforts into the planner's efforts rows, builds the engine target (a grade, a rank among
the league table's peers with a margin, a score; several together mean the strictest of them),
runs ``rapor.engine.planner.plan`` and stores everything it was made from with the result in a
``SavedPlan``: a plan stays readable exactly as it was made, whatever changes later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rapor import engine
from rapor.assessments.domain.answers import canonical_value
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Cycle
from rapor.engine import planner
from rapor.engine.planner import Target

from ..league import PeerFigure
from ..models import EffortInput, SavedPlan, SteeringEvent, SteeringTarget, steering_record
from ..owners import Owners


def _dec(value: Any) -> str | None:
    return None if value is None else str(value)


def _target_snapshot(t: SteeringTarget | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "grade": t.grade,
        "rank": t.rank,
        "margin": _dec(t.margin),
        "score": _dec(t.score),
        "due_date": t.due_date.isoformat() if t.due_date else None,
    }


@transaction.atomic
def target_set(
    *,
    cycle: Cycle,
    by: Any,
    grade: str = "",
    rank: int | None = None,
    margin: Decimal = Decimal(0),
    score: Decimal | None = None,
    due_date: dt.date | None = None,
) -> SteeringTarget:
    """Set the cycle's target: a grade, a rank (with a margin), a score, or several together."""
    if not grade and rank is None and score is None:
        raise DomainError(_("Pilih predikat, peringkat atau indeks target."))
    fw = cycle.framework.framework()
    if grade and grade not in {b.code for b in fw.grading.bands}:
        raise DomainError(_("%(grade)s bukan predikat kerangka ini.") % {"grade": grade})
    current = SteeringTarget.objects.filter(cycle=cycle).first()
    before = _target_snapshot(current)
    target = current or SteeringTarget(cycle=cycle)
    target.grade, target.rank, target.margin = grade, rank, margin
    target.score, target.due_date, target.set_by = score, due_date, by
    target.save()
    target.refresh_from_db()
    steering_record(
        kind=SteeringEvent.Kind.TARGET_SET,
        by=by,
        cycle=cycle,
        before=before,
        after=_target_snapshot(target),
    )
    return target


@dataclass(frozen=True)
class EffortEntry:
    """One question's efforts as typed: a step effort (choice), or a forecast (number)."""

    question_code: str
    step: Decimal | None = None
    forecast: str = ""
    forecast_effort: Decimal | None = None
    fixed: bool = False


@transaction.atomic
def efforts_save(*, cycle: Cycle, entries: Sequence[EffortEntry], by: Any) -> int:
    """Replace the efforts of the questions in ``entries``; return how many rows are kept."""
    fw = cycle.framework.framework()
    codes = [e.question_code for e in entries]
    unknown = [c for c in codes if c not in fw.questions]
    if unknown:
        raise DomainError(
            _("Bukan pertanyaan kerangka ini: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    rows: list[EffortInput] = []
    for e in entries:
        q = fw.questions[e.question_code]
        if e.fixed:
            rows.append(EffortInput(cycle=cycle, question_code=q.code, fixed=True, updated_by=by))
            continue
        if q.scale.kind == "number":
            if e.forecast:
                value = canonical_value(cycle, q.code, e.forecast)  # DomainError if out of range
                effort = e.forecast_effort if e.forecast_effort is not None else Decimal(1)
                rows.append(
                    EffortInput(
                        cycle=cycle,
                        question_code=q.code,
                        option=value,
                        effort=effort,
                        updated_by=by,
                    )
                )
        elif e.step is not None:
            rows.append(
                EffortInput(cycle=cycle, question_code=q.code, effort=e.step, updated_by=by)
            )
    before = sorted(
        EffortInput.objects.filter(cycle=cycle, question_code__in=codes).values_list(
            "question_code", "option", "effort", "fixed"
        )
    )
    EffortInput.objects.filter(cycle=cycle, question_code__in=codes).delete()
    EffortInput.objects.bulk_create(rows)
    after = sorted((r.question_code, r.option, r.effort, r.fixed) for r in rows)
    if [tuple(map(str, b)) for b in before] != [tuple(map(str, a)) for a in after]:
        steering_record(
            kind=SteeringEvent.Kind.EFFORTS_SAVED,
            by=by,
            cycle=cycle,
            before=[[str(x) for x in b] for b in before],
            after=[[str(x) for x in a] for a in after],
        )
    return len(rows)


def efforts_rows(cycle: Cycle) -> list[list[str]]:
    """The cycle's efforts as the planner's CSV rows (header first)."""
    rows = [["question", "option", "effort"]]
    for e in EffortInput.objects.filter(cycle=cycle).order_by("question_code", "option"):
        rows.append([e.question_code, e.option, "fixed" if e.fixed else str(e.effort)])
    return rows


def engine_target(
    fw: engine.Framework, target: SteeringTarget, peers: Sequence[PeerFigure]
) -> Target:
    """The engine's target for the Tim RB's: the strictest of its grade, rank and score."""
    parts: list[Target] = []
    if target.grade:
        parts.append(planner.target_for_grade(fw, target.grade))
    if target.rank:
        engine_peers = [planner.Peer(p.region.name, p.figure.index) for p in peers]
        parts.append(
            planner.target_for_rank(fw, target.rank, engine_peers, Fraction(target.margin))
        )
    if target.score is not None:
        parts.append(planner.target_for_score(fw, Fraction(target.score)))
    if not parts:
        raise DomainError(_("Pilih predikat, peringkat atau indeks target."))
    return max(parts, key=lambda t: (t.bound, t.strict))


def _shown(fw: engine.Framework, value: Fraction) -> str:
    return engine.format_fixed(value, fw.decimals)


@transaction.atomic
def plan_make(*, cycle: Cycle, by: Any, peers: Sequence[PeerFigure]) -> SavedPlan:
    """Run the planner on the cycle's answers and efforts towards its target; save the plan."""
    target = SteeringTarget.objects.filter(cycle=cycle).first()
    if target is None:
        raise DomainError(_("Tetapkan target dulu."))
    fw = cycle.framework.framework()
    score = cycle_score(cycle, explain=False)  # the planner reads the answers only
    rows = efforts_rows(cycle)
    try:
        efforts = planner.parse_efforts_rows(rows, fw, source="efforts")
    except planner.PlannerInputError as exc:  # stored rows were checked when typed
        raise DomainError(str(exc)) from None
    goal = engine_target(fw, target, peers)
    plan = planner.plan(fw, score.result.answers, goal, efforts)
    engine_peers = [planner.Peer(p.region.name, p.figure.index) for p in peers]
    changes = []
    owners = Owners(cycle)
    for c in plan.changes:
        q = fw.questions[c.question]
        owner = owners(q.node)
        changes.append(
            {
                "question": c.question,
                "indicator": q.node,
                "from": None if c.before is None else engine.answer_text(c.before),
                "to": engine.answer_text(c.after),
                "effort": engine.format_exact(c.effort),
                "gain": _shown(fw, c.gain),
                "opd": owner.opd_id,
                "opd_name": owner.label,
                "owner_source": owner.source,
            }
        )
    result = {
        "reachable": plan.reachable,
        "effort": engine.format_exact(plan.effort),
        "index_before": _shown(fw, plan.index_before),
        "index": _shown(fw, plan.index),
        "grade_before": plan.grade_before.code,
        "grade": plan.grade.code,
        "target_index": _shown(fw, goal.shown),
        "target_strict": goal.strict,
        "rank_before": planner.rank_of(fw, plan.index_before, engine_peers) if peers else None,
        "rank": planner.rank_of(fw, plan.index, engine_peers) if peers else None,
        "regions": len(peers) + 1,
        "changes": changes,
    }
    inputs = {
        "answers": {code: engine.answer_text(a) for code, a in score.result.answers.items()},
        "efforts": rows[1:],
        "peers": [
            {
                "name": p.region.name,
                "index": _shown(fw, p.figure.index),
                "year": p.figure.year,
                "source": p.figure.source,
            }
            for p in peers
        ],
        "framework": {"id": fw.id, "version": fw.version},
    }
    saved = SavedPlan.objects.create(
        cycle=cycle,
        target={**(_target_snapshot(target) or {})},
        inputs=inputs,
        result=result,
        created_by=by,
    )
    steering_record(
        kind=SteeringEvent.Kind.PLAN_SAVED,
        by=by,
        cycle=cycle,
        after={"plan": saved.pk, "reachable": plan.reachable, "changes": len(changes)},
    )
    return saved


@dataclass
class Applied:
    assigned: list[str]
    """Indicators given to an agency by the plan (new assignments)."""
    dated: list[str]
    """Indicators already assigned whose due date the plan brought forward."""
    kept: list[str]
    """Indicators already assigned with an earlier or equal due date (left as they are)."""
    without_owner: list[str]
    """Indicators with no agency known: the Tim RB assigns them in Penugasan."""


@transaction.atomic
def plan_apply(*, plan: SavedPlan, due_date: dt.date, by: Any) -> Applied:
    """Turn a plan into assignments: each indicator with a change goes to its agency, due on
    ``due_date``. An existing assignment keeps its agency and person, and an earlier due date
    (a plan never pushes a deadline back)."""
    from rapor.assessments.domain.assignments import assign_indicators

    cycle = plan.cycle
    owners = Owners(cycle)
    indicators = list(dict.fromkeys(c["indicator"] for c in plan.result["changes"]))
    out = Applied([], [], [], [])
    groups: dict[tuple[int, Any, dt.date], list[str]] = {}
    for code in indicators:
        a = owners.assignments.get(code)
        if a is not None:
            if a.due_date is not None and a.due_date <= due_date:
                out.kept.append(code)
                continue
            groups.setdefault((a.opd_id, a.person, due_date), []).append(code)
            out.dated.append(code)
            continue
        owner = owners(code)
        if owner.opd_id is None:
            out.without_owner.append(code)
            continue
        groups.setdefault((owner.opd_id, None, due_date), []).append(code)
        out.assigned.append(code)
    opds = {o.pk: o for o in owners.opds}
    for (opd_id, person, due), codes in groups.items():
        assign_indicators(
            cycle=cycle, indicator_codes=codes, opd=opds[opd_id], by=by, person=person, due_date=due
        )
    plan.applied_at, plan.applied_by = timezone.now(), by
    plan.save(update_fields=["applied_at", "applied_by"])
    steering_record(
        kind=SteeringEvent.Kind.PLAN_APPLIED,
        by=by,
        cycle=cycle,
        after={
            "plan": plan.pk,
            "due_date": due_date.isoformat(),
            "assigned": out.assigned,
            "dated": out.dated,
            "kept": out.kept,
            "without_owner": out.without_owner,
        },
    )
    return out
