"""The web planner: the Tim RB's target (grade, rank among the league's peers with a margin, a
score), efforts, the engine's exact least-effort plan grouped by agency, unreachable targets,
saved plans keeping their inputs, and turning a plan into assignments with due dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from rapor import engine
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assignment_create
from rapor.assessments.models import Assignment
from rapor.engine import planner
from rapor.orgs.models import Organisation
from rapor.steering.domain.plans import EffortEntry, efforts_save, plan_make, target_set
from rapor.steering.league import peers_for
from rapor.steering.models import PublishedResult, SavedPlan, SteeringEvent
from rapor.steering.owners import match_opd
from tests.web.conftest import make_cycle

pytestmark = pytest.mark.django_db
DUE = dt.date(2031, 1, 31)


@pytest.fixture
def cycle(cast, framework):
    """Kota Contoh: A1.1 with Disdukcapil, A1.2 with Dinkes, area 2 unassigned; some answers."""
    c = make_cycle(cast, framework)
    assignment_create(
        cycle=c,
        indicator_code="A1.1",
        opd=cast.disdukcapil,
        person=cast.opd_member,
        by=cast.coordinator,
    )
    assignment_create(
        cycle=c,
        indicator_code="A1.2",
        opd=cast.dinkes,
        due_date=dt.date(2030, 1, 1),
        by=cast.coordinator,
    )
    for code, value in [("A1.1.a", "C"), ("A1.1.b", "40"), ("A1.2.a", "B"), ("A2.1.a", "C")]:
        answer_save(
            cycle=c,
            question_code=code,
            value=value,
            level="self",
            by=cast.coordinator,
            expected_version=0,
        )
    return c


def engine_answers(cycle):
    fw = cycle.framework.framework()
    return fw, engine.parse_answers(fw, {a.question_code: a.value for a in cycle.answers.all()})


def test_a_grade_plan_is_the_engines_exact_least_effort_plan(cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, grade="BB")
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    fw, answers = engine_answers(cycle)
    expected = planner.plan(fw, answers, planner.target_for_grade(fw, "BB"))
    assert saved.result["reachable"] and saved.result["grade"] == "BB"
    assert saved.result["effort"] == engine.format_exact(expected.effort)
    assert [c["question"] for c in saved.result["changes"]] == [
        c.question for c in expected.changes
    ]
    assert saved.result["index"] == engine.format_fixed(expected.index, 2)
    assert saved.inputs["answers"] == {"A1.1.a": "C", "A1.1.b": "40", "A1.2.a": "B", "A2.1.a": "C"}
    assert SteeringEvent.objects.filter(kind="plan_saved", cycle=cycle).count() == 1


def test_efforts_steer_the_plan_and_a_step_marked_impossible_is_left_out(cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, score=Decimal("40"))
    free = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    first = free.result["changes"][0]["question"]
    efforts_save(
        cycle=cycle,
        entries=[
            EffortEntry(first, fixed=True),
            EffortEntry("A1.1.b", forecast="90", forecast_effort=Decimal("0.5")),
        ],
        by=cast.coordinator,
    )
    steered = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    questions = [c["question"] for c in steered.result["changes"]]
    assert first not in questions
    fw, answers = engine_answers(cycle)
    rows = [["question", "option", "effort"], [first, "", "fixed"], ["A1.1.b", "90", "0.50"]]
    expected = planner.plan(
        fw,
        answers,
        planner.target_for_score(fw, Fraction(40)),
        planner.parse_efforts_rows(rows, fw),
    )
    assert questions == [c.question for c in expected.changes]
    assert steered.inputs["efforts"] == [[first, "", "fixed"], ["A1.1.b", "90", "0.50"]]


def test_an_unreachable_target_says_so_and_shows_the_best_reachable_index(as_user, cast, cycle):
    efforts_save(
        cycle=cycle,
        entries=[EffortEntry(c, fixed=True) for c in ("A1.1.a", "A1.2.a", "A1.2.b")],
        by=cast.coordinator,
    )
    target_set(cycle=cycle, by=cast.coordinator, grade="BB")
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    assert not saved.result["reachable"]
    page = as_user(cast.coordinator).get(reverse("steering:plan", args=[cycle.pk, saved.pk]))
    html = page.content.decode()
    assert "Target tidak dapat dicapai" in html
    assert f"indeks {saved.result['index'].replace('.', ',')}" in html


def test_a_rank_target_takes_its_peers_from_the_league_table(cast, cycle):
    third = Organisation.objects.create(name="Kota Ketiga", kind="kota", parent=cast.province)
    PublishedResult.objects.create(
        organisation=cast.other_pemda, year=2023, index=Decimal("75.14"), source="x"
    )
    PublishedResult.objects.create(
        organisation=third, year=2024, index=Decimal("64.53"), source="x"
    )
    target_set(cycle=cycle, by=cast.coordinator, rank=1, margin=Decimal("0.50"))
    peers = peers_for(cycle, cast.coordinator)
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=peers)
    assert saved.result["target_index"] == "75.64"  # above Kabupaten Lain's latest known 75.14
    assert saved.result["rank"] == 1 and saved.result["rank_before"] == 3
    assert {p["name"]: p["year"] for p in saved.inputs["peers"]} == {
        "Kabupaten Lain": 2023,
        "Kota Ketiga": 2024,
    }


def test_grade_and_rank_together_aim_at_the_stricter_of_the_two(cast, cycle):
    PublishedResult.objects.create(
        organisation=cast.other_pemda, year=2024, index=Decimal("45.00"), source="x"
    )
    target_set(cycle=cycle, by=cast.coordinator, grade="B", rank=1)
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=peers_for(cycle, cast.coordinator))
    assert saved.result["target_index"] == "60.01"  # grade B (above 60) is stricter than 45.00


def test_a_saved_plan_keeps_what_it_was_made_from_when_answers_change(as_user, cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, grade="B")
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    answer_save(
        cycle=cycle,
        question_code="A2.2.a",
        value="A",
        level="self",
        by=cast.coordinator,
        expected_version=0,
    )
    saved.refresh_from_db()
    assert "A2.2.a" not in saved.inputs["answers"]
    html = (
        as_user(cast.pimpinan)
        .get(reverse("steering:plan", args=[cycle.pk, saved.pk]))
        .content.decode()
    )
    assert saved.result["index_before"].replace(".", ",") in html


def test_the_plan_page_groups_changes_by_agency_with_effort_totals(as_user, cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, grade="BB")
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    html = (
        as_user(cast.coordinator)
        .get(reverse("steering:plan", args=[cycle.pk, saved.pk]))
        .content.decode()
    )
    assert 'data-opd="Disdukcapil"' in html and 'data-opd="Dinkes"' in html
    by_opd = {}
    for c in saved.result["changes"]:
        by_opd.setdefault(c["opd_name"], Fraction(0))
        by_opd[c["opd_name"]] += Fraction(c["effort"])
    section = html.split('data-opd="Disdukcapil"')[1].split("</header>")[0]
    assert engine.format_fixed(by_opd["Disdukcapil"], 2, decimal_comma=True) in section


def test_a_plan_becomes_assignments_that_show_in_the_agencies_tugas_saya(as_user, cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, grade="BB", due_date=DUE)
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    indicators = {c["indicator"] for c in saved.result["changes"]}
    assert {"A1.1", "A1.2"} <= indicators and indicators & {"A2.1", "A2.2"}
    client = as_user(cast.coordinator)
    response = client.post(
        reverse("steering:plan_apply", args=[cycle.pk, saved.pk]), {"due_date": "2031-01-31"}
    )
    assert response.status_code == 302
    duk = Assignment.objects.get(cycle=cycle, indicator_code="A1.1")
    assert (duk.opd, duk.person, duk.due_date) == (cast.disdukcapil, cast.opd_member, DUE)
    assert Assignment.objects.get(cycle=cycle, indicator_code="A1.2").due_date == dt.date(
        2030, 1, 1
    )
    assert not Assignment.objects.filter(cycle=cycle, indicator_code__startswith="A2").exists()
    messages = [
        str(m)
        for m in client.get(reverse("steering:plan", args=[cycle.pk, saved.pk])).context["messages"]
    ]
    assert any("Belum ada OPD" in m and "A2." in m for m in messages)
    saved.refresh_from_db()
    assert saved.applied_by == cast.coordinator
    mine = as_user(cast.opd_member).get(reverse("assessments:my_work")).content.decode()
    assert 'data-indicator="A1.1"' in mine and "31 Jan 2031" in mine


def test_the_typical_owner_of_the_framework_assigns_unassigned_indicators(cast, cycle, monkeypatch):
    from rapor.steering import owners

    monkeypatch.setattr(
        owners, "typical_owner", lambda fw, code: "Dinas Kesehatan" if code.startswith("A2") else ""
    )
    target_set(cycle=cycle, by=cast.coordinator, grade="BB", due_date=DUE)
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    a2 = [c for c in saved.result["changes"] if c["indicator"].startswith("A2")]
    assert a2 and {(c["opd_name"], c["owner_source"]) for c in a2} == {("Dinkes", "framework")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Inspektorat", "Inspektorat"),
        ("Bagian Organisasi Setda", "Setda"),
        ("Bagian Hukum Setda", "Setda"),
        ("Dinas Komunikasi dan Informatika", "Diskominfo"),
        ("DPMPTSP (Mal Pelayanan Publik)", "DPMPTSP Naker"),
        ("Badan Kepegawaian dan Pengembangan SDM", "BKPSDMD"),
        ("Bappeda / Dinas Sosial", "Bappeda Litbang"),
        ("semua OPD pelayanan (koordinasi Bagian Organisasi)", None),
        ("Badan Pusat Statistik", None),
    ],
)
def test_typical_owners_are_matched_to_the_governments_agencies_by_name(text, expected):
    opds = [
        Organisation(name=name, short_name=short, kind="opd")
        for name, short in [
            ("Sekretariat Daerah", "Setda"),
            ("Inspektorat", "Inspektorat"),
            ("Dinas Komunikasi dan Informatika", "Diskominfo"),
            (
                "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Tenaga Kerja",
                "DPMPTSP Naker",
            ),
            ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah", "BKPSDMD"),
            (
                "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
                "Bappeda Litbang",
            ),
            ("Dinas Sosial", "Dinsos"),
        ]
    ]
    found = match_opd(text, opds)
    assert (found.short_name if found else None) == expected


def test_the_target_form_keeps_what_was_typed_and_needs_one_goal(as_user, cast, cycle):
    client = as_user(cast.coordinator)
    response = client.post(reverse("steering:planner", args=[cycle.pk]), {"margin": "1,5"})
    assert response.status_code == 400
    assert "Pilih predikat, peringkat atau indeks target" in response.content.decode()
    assert 'value="1,5"' in response.content.decode()
    response = client.post(
        reverse("steering:planner", args=[cycle.pk]),
        {"grade": "B", "rank": "3", "margin": "0,5", "due_date": "2031-01-31"},
    )
    assert response.status_code == 302
    assert (
        "predikat B dan peringkat 3 besar (+0,50)"
        in client.get(reverse("steering:planner", args=[cycle.pk])).content.decode()
    )


def test_efforts_are_typed_per_section_and_bad_cells_are_named_and_save_nothing(
    as_user, cast, cycle
):
    client = as_user(cast.coordinator)
    url = reverse("steering:efforts", args=[cycle.pk])
    bad = {"bagian": "A1", "effort-A1.1.a": "dua", "forecast-A1.1.b": "150", "fixed-A1.2.a": "on"}
    response = client.post(url, bad)
    html = response.content.decode()
    assert (
        response.status_code == 400
        and "“dua” bukan angka" in html
        and "150 di luar rentang 0–100" in html
    )
    assert not cycle.effort_inputs.exists()
    good = {
        "bagian": "A1",
        "effort-A1.1.a": "2,5",
        "forecast-A1.1.b": "80",
        "effort-A1.1.b": "3",
        "fixed-A1.2.a": "on",
    }
    assert client.post(url, good).status_code == 302
    rows = sorted(cycle.effort_inputs.values_list("question_code", "option", "effort", "fixed"))
    assert rows == [
        ("A1.1.a", "", Decimal("2.50"), False),
        ("A1.1.b", "80", Decimal("3.00"), False),
        ("A1.2.a", "", None, True),
    ]
    page = client.get(url + "?bagian=A1").content.decode()
    assert 'value="2,5"' in page and 'value="80"' in page


def test_the_pimpinan_reads_plans_but_only_the_tim_rb_makes_and_applies_them(as_user, cast, cycle):
    target_set(cycle=cycle, by=cast.coordinator, grade="B")
    saved = plan_make(cycle=cycle, by=cast.coordinator, peers=[])
    boss = as_user(cast.pimpinan)
    assert boss.get(reverse("steering:plan", args=[cycle.pk, saved.pk])).status_code == 200
    assert boss.post(reverse("steering:plan_make", args=[cycle.pk])).status_code == 403
    assert (
        boss.post(
            reverse("steering:plan_apply", args=[cycle.pk, saved.pk]), {"due_date": "2031-01-01"}
        ).status_code
        == 403
    )
    assert (
        SavedPlan.objects.count() == 1
        and not Assignment.objects.filter(due_date=dt.date(2031, 1, 1)).exists()
    )
