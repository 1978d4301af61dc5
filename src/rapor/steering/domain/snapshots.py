"""Daily snapshots: each open cycle's index from all answers and from verified answers only,
recorded once a day by ``rapor snapshot`` / ``rapor daily`` (a second run on the same day
updates that day's row). Figures are stored as displayed (2 decimals)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from decimal import Decimal
from fractions import Fraction

from rapor.assessments.access import cycles_qs
from rapor.assessments.domain.review import final_state
from rapor.assessments.domain.scoring import (
    Linked,
    cycle_score,
    linked_values,
    linked_values_many,
)
from rapor.assessments.models import Answer, AnswerStatus, Cycle
from rapor.engine import round_half_up

from ..breakdown import breakdown
from ..models import DailySnapshot

OPEN_EXCLUDED = ("submitted", "closed")


def shown(value: Fraction | None) -> Decimal | None:
    """A figure as displayed: rounded half up to 2 decimals, as an exact Decimal."""
    if value is None:
        return None
    r = round_half_up(value, 2)
    return Decimal(r.numerator) / Decimal(r.denominator)


def verified_codes(cycle: Cycle) -> set[str]:
    """The questions in the final state of the cycle's chain (verified, by default)."""
    done = final_state(cycle.levels)
    return set(
        AnswerStatus.objects.filter(cycle=cycle, state=done).values_list("question_code", flat=True)
    )


def snapshot_take(
    *,
    cycle: Cycle,
    day: dt.date,
    answers: Sequence[Answer] | None = None,
    verified: Collection[str] | None = None,
    linked: Linked | None = None,
) -> DailySnapshot:
    """Record (or update) the cycle's figures for ``day`` through the one scoring path."""
    rows = (
        list(answers)
        if answers is not None
        else list(Answer.objects.filter(cycle=cycle).only("question_code", "level", "value"))
    )
    checked_codes = set(verified) if verified is not None else verified_codes(cycle)
    linked = linked if linked is not None else linked_values(cycle)
    everything = cycle_score(cycle, answers=rows, explain=False, linked=linked)
    checked = cycle_score(cycle, answers=rows, only=checked_codes, explain=False, linked=linked)
    parts = breakdown(everything)
    snap, _ = DailySnapshot.objects.update_or_create(
        cycle=cycle,
        day=day,
        defaults={
            "index": shown(everything.result.index),
            "index_verified": shown(checked.result.index),
            "grade": everything.result.grade.code,
            "answered": everything.result.answered,
            "verified": len(checked_codes & set(everything.framework.questions)),
            "questions": everything.result.questions,
            "general": shown(parts.general) if parts else None,
            "tematik": shown(parts.tematik) if parts else None,
        },
    )
    return snap


def snapshots_take(*, day: dt.date) -> int:
    """Snapshot every open cycle: a fixed number of reads in all, then one write per cycle."""
    cycles = list(cycles_qs().exclude(stage__in=OPEN_EXCLUDED))
    answers: dict[int, list[Answer]] = defaultdict(list)
    for a in Answer.objects.filter(cycle__in=cycles).only(
        "cycle_id", "question_code", "level", "value"
    ):
        answers[a.cycle_id].append(a)
    states: dict[int, dict[str, str]] = defaultdict(dict)
    for cid, code, state in AnswerStatus.objects.filter(cycle__in=cycles).values_list(
        "cycle_id", "question_code", "state"
    ):
        states[cid][code] = state
    linked = linked_values_many(cycles)
    for c in cycles:
        done = final_state(c.levels)
        verified = {code for code, s in states[c.pk].items() if s == done}
        snapshot_take(
            cycle=c, day=day, answers=answers[c.pk], verified=verified, linked=linked[c.pk]
        )
    return len(cycles)
