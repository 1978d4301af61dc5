"""The demo's steering story: the mayor's target for 2024 (grade B and the top three of the
province, by the final deadline) and the dashboard's trend since the cycle opened.

The trend is invented demo data (labelled so, like every demo value): one snapshot a day from the
day the self-assessment opened, rising from the 2023 index carried over to today's live index, a
little unevenly; the daily job (`rapor daily`) adds the real ones from then on.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Cycle
from rapor.steering.domain.plans import target_set
from rapor.steering.domain.snapshots import shown, verified_codes
from rapor.steering.models import DailySnapshot

TARGET = {"grade": "B", "rank": 3, "margin": Decimal("0.01")}


def build_steering(cycle: Cycle, people: dict[str, Any], today: dt.date) -> None:
    target_set(cycle=cycle, by=people["timrb"], due_date=cycle.final_deadline, **TARGET)
    start = cycle.self_assessment_starts or today - dt.timedelta(days=30)
    now = shown(cycle_score(cycle, explain=False).result.index)
    checked = shown(cycle_score(cycle, only=verified_codes(cycle), explain=False).result.index)
    first = (
        shown(cycle_score(cycle.carried_from, explain=False).result.index)
        if cycle.carried_from
        else now
    )
    assert now is not None and first is not None and checked is not None
    days = max((today - start).days, 1)
    rnd = random.Random(2024)
    rows = []
    for n in range(days):
        share = Decimal(n) / Decimal(days)
        wobble = Decimal(rnd.randint(-30, 30)) / 100 if 0 < n < days - 1 else Decimal(0)
        index = (first + (now - first) * share + wobble).quantize(Decimal("0.01"))
        verified = (checked * share).quantize(Decimal("0.01"))
        rows.append(
            DailySnapshot(
                cycle=cycle,
                day=start + dt.timedelta(days=n),
                index=index,
                index_verified=verified,
                grade="",
            )
        )
    DailySnapshot.objects.bulk_create(rows)
