"""The demo tells the real story: Kota Pangkalpinang on rb-2023-kabkota, its closed 2023 cycle with
the real 57.83 CC, the published 2023 results of Babel's other governments with their source,
and an open 2024 cycle carried over from 2023 with invented progress (late and returned items)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.utils import timezone

from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Answer, AnswerStatus, Cycle, EvidenceLink
from rapor.assessments.mywork import work_items
from rapor.cli import build_parser
from rapor.demo import demo_logins, load_demo
from rapor.demo.babel import OWNER_OPDS, PROGRESS_2024
from rapor.demo.published import read_results
from rapor.orgs.models import Organisation
from rapor.steering.models import PublishedResult


def pangkalpinang(year: int) -> Cycle:
    return Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=year)


def test_the_demo_loads_once_with_all_regions_and_a_login_per_role(db):
    assert load_demo() is True and load_demo() is False
    assert Organisation.objects.filter(kind__in=["kabupaten", "kota"], is_demo=True).count() == 7
    assert Organisation.objects.get(name="Kota Pangkalpinang").region_code == "19.71"
    assert {row["username"] for row in demo_logins()} == {
        "pimpinan",
        "timrb",
        "diskominfo",
        "inspektorat",
        "evaluator",
        "admin",
        "dpmptsp",  # the MPP manager (SKM survey)
    }
    assert Cycle.objects.count() == 2  # Pangkalpinang's 2023 and 2024, nothing invented elsewhere


def test_pangkalpinangs_closed_2023_cycle_holds_the_real_57_83_cc(db):
    load_demo()
    cycle = pangkalpinang(2023)
    assert cycle.stage == "closed" and cycle.framework.framework_id == "rb-2023-kabkota"
    result = cycle_score(cycle).result
    assert (result.show(result.roots["G"].adjusted), result.show(result.roots["T"].adjusted)) == (
        "55.86",
        "1.97",
    )
    assert result.show(result.index) == "57.83" and result.grade.code == "CC"
    assert set(AnswerStatus.objects.filter(cycle=cycle).values_list("state", flat=True)) == {
        "verified"
    }


def test_the_other_governments_hold_their_published_2023_results_with_the_source(db):
    load_demo()
    source, rows = read_results()
    assert PublishedResult.objects.filter(year=2023).count() == len(rows) == 8
    for row in rows:
        p = PublishedResult.objects.get(organisation__name=row["government"], year=2023)
        assert (p.general, p.tematik, p.index, p.grade) == (
            Decimal(row["rb_general"]),
            Decimal(row["rb_tematik"]),
            Decimal(row["index"]),
            row["grade"],
        )
        assert p.adjustment_weight == 100 and not p.is_demo
        assert p.source == source and "evaluation application" in p.source
    assert PublishedResult.objects.get(organisation__kind="province").framework_id == (
        "rb-2023-provinsi"
    )


def test_every_indicator_of_2024_is_assigned_to_the_opd_that_owns_it(db):
    load_demo()
    cycle = pangkalpinang(2024)
    fw = cycle.framework.framework()
    assigned = {a.indicator_code: a.opd.short_name for a in cycle.assignments.all()}
    assert assigned == {code: OWNER_OPDS[q.owner] for code, q in fw.questions.items()}
    assert assigned["G.A.1"] == assigned["G.A.2"] == assigned["G.B.H.4"] == "Setda"
    assert assigned["G.B.H.6"] == "Diskominfo"
    assert set(PROGRESS_2024) == set(fw.questions)


def test_pangkalpinangs_2024_cycle_starts_from_2023_with_work_for_every_role(db):
    load_demo()
    cycle = pangkalpinang(2024)
    assert cycle.carried_from == pangkalpinang(2023) and cycle.stage == "self_assessment"
    result = cycle_score(cycle).result
    assert 57.83 < result.index < 75 and 0.5 < result.answered / result.questions < 0.85
    assert result.answers["G.C.S.2"] == Fraction("70.55")  # the real 2023 value, carried over
    assert Answer.objects.filter(cycle=cycle, needs_reconfirmation=True).exists()
    states = set(AnswerStatus.objects.filter(cycle=cycle).values_list("state", flat=True))
    assert {"draft", "submitted", "accepted", "verified", "returned"} <= states
    assert EvidenceLink.objects.filter(cycle=cycle).exists()
    today = timezone.localdate()
    items = work_items(get_user_model().objects.get(username="diskominfo"), today=today)
    assert any(i.late for i in items) and any(i.returned for i in items)
    assert any(i.due_soon for i in items)


def test_the_cli_has_demo_and_manage_commands():
    parser = build_parser()
    args = parser.parse_args(["demo", "--port", "8123", "--reset"])
    assert (args.port, args.reset) == (8123, True)
    assert parser.parse_args(["manage", "check"]).args == ["check"]
