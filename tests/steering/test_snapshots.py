"""Daily snapshots: the index from all answers and from verified answers only, once per day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rapor import engine
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.models import AnswerStatus
from rapor.steering.domain.snapshots import snapshot_take, snapshots_take
from rapor.steering.models import DailySnapshot
from tests.web.conftest import make_cycle

pytestmark = pytest.mark.django_db
DAY = dt.date(2031, 3, 10)


def index(fw, raw):
    value = engine.score(fw, engine.parse_answers(fw, raw)).index
    return Decimal(engine.format_fixed(value, 2))


def test_a_snapshot_holds_the_index_of_all_answers_and_of_verified_ones(cast, framework):
    cycle = make_cycle(cast, framework)
    for code, value in [("A1.1.a", "A"), ("A1.2.a", "B"), ("A2.1.a", "A")]:
        answer_save(
            cycle=cycle,
            question_code=code,
            value=value,
            level="self",
            by=cast.coordinator,
            expected_version=0,
        )
    AnswerStatus.objects.filter(cycle=cycle, question_code="A1.1.a").update(state="verified")
    AnswerStatus.objects.filter(cycle=cycle, question_code="A1.2.a").update(state="accepted")
    snap = snapshot_take(cycle=cycle, day=DAY)
    fw = framework.framework()
    assert snap.index == index(fw, {"A1.1.a": "A", "A1.2.a": "B", "A2.1.a": "A"})
    assert snap.index_verified == index(fw, {"A1.1.a": "A"})
    assert (snap.answered, snap.verified, snap.questions, snap.grade) == (3, 1, 8, "C")


def test_the_daily_job_run_twice_keeps_one_row_per_cycle_and_day(cast, framework):
    cycle = make_cycle(cast, framework)
    make_cycle(cast, framework, year=2023, stage="closed")
    assert snapshots_take(day=DAY) == 1
    answer_save(
        cycle=cycle,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.coordinator,
        expected_version=0,
    )
    assert snapshots_take(day=DAY) == 1
    assert DailySnapshot.objects.count() == 1 and DailySnapshot.objects.get().answered == 1
    snapshots_take(day=DAY + dt.timedelta(days=1))
    assert list(DailySnapshot.objects.values_list("day", flat=True)) == [
        DAY,
        DAY + dt.timedelta(days=1),
    ]
