"""The 2023 method in the web: General · Tematik · the adjustment · the index wherever the index is
shown, who measures each value and who typically owns it, "tidak berlaku" answers, and the
koefisien that the Tim RB enters (provisional)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.corrections import correction_save
from rapor.assessments.domain.cycles import cycle_create
from rapor.assessments.domain.errors import Conflict, DomainError
from rapor.assessments.domain.frameworks import frameworks_load_shipped
from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Answer, FrameworkVersion, HistoryEvent

from .conftest import make_cycle

ANSWERS = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "rapor"
    / "demo"
    / "data"
    / "pangkalpinang-rb-2023.answers.json"
)


@pytest.fixture
def rb2023(db):
    frameworks_load_shipped()
    return FrameworkVersion.objects.get(framework_id="rb-2023-kabkota", is_active=True)


@pytest.fixture
def cycle2023(cast, rb2023):
    """Kota Contoh on rb-2023-kabkota with Pangkalpinang's real 2023 values."""
    cycle = make_cycle(cast, rb2023)
    values = json.loads(ANSWERS.read_text(encoding="utf-8"))["answers"]
    for code, value in values.items():
        answer_save(
            cycle=cycle,
            question_code=code,
            value=value,
            level="self",
            by=cast.coordinator,
            expected_version=0,
        )
    return cycle


def page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_beranda_shows_general_tematik_and_the_index(as_user, cast, cycle2023):
    for who, index_id in ((cast.inspector, "home-index"), (cast.pimpinan, "dash-index")):
        html = page(as_user(who), "assessments:home")  # the pimpinan's is the dashboard
        assert 'RB General</span> <span class="num">55,86' in html
        assert 'RB Tematik</span> <span class="num">1,97' in html
        assert f'id="{index_id}">57,83</span>' in html and "CC · Cukup" in html
        assert "disesuaikan" not in html  # nothing is adjusted


def test_the_workspace_total_and_the_cycle_list_show_the_parts(as_user, cast, cycle2023):
    client = as_user(cast.coordinator)
    html = page(client, "assessments:workspace", cycle2023.pk)
    total = html[html.index('id="score-total"') :][:1500]
    assert "55,86" in total and "1,97" in total and "57,83" in total and "22/40" in total
    cycles = page(client, "assessments:cycles")
    row = cycles[cycles.index(f'data-cycle="{cycle2023.pk}"') :][:2500]
    assert "RB General" in row and "57,83" in row and "CC · Cukup" in row


def test_a_question_shows_who_measures_it_and_who_typically_owns_it(as_user, cast, cycle2023):
    html = page(as_user(cast.coordinator), "assessments:question", cycle2023.pk, "G.B.H.3")
    assert "Diukur oleh: BPKP" in html and "Pemilik lazim: Inspektorat" in html
    assert "1–5" in html  # the input's range
    tematik = page(as_user(cast.coordinator), "assessments:question", cycle2023.pk, "T.A.R.K")
    assert "0–0,4" in tematik


def test_an_opd_answers_tidak_berlaku_and_general_is_rescaled(as_user, cast, cycle2023):
    from rapor.assessments.domain.assignments import assignment_create

    assignment_create(
        cycle=cycle2023, indicator_code="G.B.H.1", opd=cast.disdukcapil, by=cast.coordinator
    )
    client = as_user(cast.opd_member)
    row = Answer.objects.get(cycle=cycle2023, question_code="G.B.H.1", level="self")
    response = client.post(
        reverse("assessments:answer", args=[cycle2023.pk]),
        {"question": "G.B.H.1", "level": "self", "version": row.version, "value": ["", "n/a"]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Answer.objects.get(pk=row.pk).value == "n/a"
    html = " ".join(response.content.decode().split())
    assert "RB General disesuaikan = RB General / bobot penyesuaian × 100" in html
    assert "53,86 / 98,00 × 100 = 54,96" in html
    result = cycle_score(cycle2023).result
    assert result.roots["G"].adjusted == Fraction("54.96") and result.show(result.index) == "56.93"
    question = page(client, "assessments:question", cycle2023.pk, "G.B.H.1")
    assert 'value="n/a" checked' in question and "disabled" in question


def test_tidak_berlaku_is_refused_where_the_framework_does_not_allow_it(as_user, cast, cycle2023):
    client = as_user(cast.coordinator)
    response = client.post(
        reverse("assessments:answer", args=[cycle2023.pk]),
        {"question": "G.A.1", "level": "self", "version": 0, "value": "tidak berlaku"},
        HTTP_HX_REQUEST="true",
    )
    assert "G.A.1 tidak dapat dijawab “tidak berlaku”." in response.content.decode()
    assert not Answer.objects.filter(cycle=cycle2023, question_code="G.A.1").exists()


def test_the_tim_rb_enters_the_koefisien_marked_provisional(as_user, cast, cycle2023):
    client = as_user(cast.coordinator)
    url = reverse("assessments:cycle_correction", args=[cycle2023.pk, "KOEF"])
    response = client.post(url, {"value": "-1,5", "version": 0}, follow=True)
    html = " ".join(response.content.decode().split())
    assert "Koefisien disimpan." in html
    assert "RB General + koefisien = 55,86 − 1,50 = 54,36" in html
    assert "provisional-notice" in html and "Sementara:" in html
    assert cycle_score(cycle2023).result.show(cycle_score(cycle2023).result.index) == "56.33"
    event = HistoryEvent.objects.filter(cycle=cycle2023, question_code="KOEF").get()
    assert event.after["value"] == "-1.5" and event.after["correction"] is True


@pytest.mark.parametrize(
    ("value", "message"),
    [("banyak", "“banyak” bukan angka."), ("2", "2 di luar rentang -10–1.")],
)
def test_a_bad_koefisien_says_why_and_changes_nothing(as_user, cast, cycle2023, value, message):
    client = as_user(cast.coordinator)
    url = reverse("assessments:cycle_correction", args=[cycle2023.pk, "KOEF"])
    html = client.post(url, {"value": value, "version": 0}, follow=True).content.decode()
    assert message in html
    assert not Answer.objects.filter(cycle=cycle2023, question_code="KOEF").exists()


def test_the_koefisien_is_for_those_who_manage_the_cycle(as_user, cast, cycle2023):
    url = reverse("assessments:cycle_correction", args=[cycle2023.pk, "KOEF"])
    assert as_user(cast.opd_member).post(url, {"value": "1", "version": 0}).status_code == 403
    assert (
        as_user(cast.coordinator)
        .post(reverse("assessments:cycle_correction", args=[cycle2023.pk, "NOPE"]), {"value": "1"})
        .status_code
        == 404
    )
    settings_page = page(as_user(cast.inspector), "assessments:cycle_settings", cycle2023.pk)
    assert 'id="corr-KOEF"' in settings_page and "disabled" in settings_page


def test_a_koefisien_saved_from_a_stale_page_is_a_conflict(cast, cycle2023):
    correction_save(
        cycle=cycle2023, code="KOEF", value="-1", by=cast.coordinator, expected_version=0
    )
    with pytest.raises(Conflict):
        correction_save(
            cycle=cycle2023, code="KOEF", value="-2", by=cast.coordinator, expected_version=0
        )
    with pytest.raises(DomainError):
        correction_save(
            cycle=cycle2023, code="G.A.1", value="1", by=cast.coordinator, expected_version=1
        )


def test_the_koefisien_is_not_carried_over_but_not_applicable_is(cast, cycle2023):
    correction_save(
        cycle=cycle2023, code="KOEF", value="-1", by=cast.coordinator, expected_version=0
    )
    row = Answer.objects.get(cycle=cycle2023, question_code="G.B.H.1")
    answer_save(
        cycle=cycle2023,
        question_code="G.B.H.1",
        value="n/a",
        level="self",
        by=cast.coordinator,
        expected_version=row.version,
    )
    nxt = cycle_create(
        organisation=cast.kota,
        framework=cycle2023.framework,
        year=cycle2023.year + 1,
        by=cast.coordinator,
        carry_over=True,
    )
    carried = dict(Answer.objects.filter(cycle=nxt).values_list("question_code", "value"))
    assert "KOEF" not in carried and carried["G.B.H.1"] == "n/a"


def test_the_parts_read_in_english(as_user, cast, cycle2023):
    client = as_user(cast.pimpinan)
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        html = page(client, "assessments:home")
    assert "Index" in html and "57.83" in html and "CC · Cukup" in html


def test_a_framework_without_the_2023_structure_shows_the_index_alone(as_user, cast, cycle):
    html = page(as_user(cast.inspector), "assessments:home")
    assert 'id="home-index"' in html and "index-parts" not in html
    html = page(as_user(cast.pimpinan), "assessments:home")  # the dashboard
    assert 'id="dash-index"' in html and "index-parts" not in html
