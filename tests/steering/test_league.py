"""League tables: ranks with ties, published results over live cycles, movement, visibility of
other governments' cycles (index only, never drafts), numbers against the engine, query counts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapor import engine
from rapor.assessments.domain.answers import answer_save
from rapor.orgs.models import Organisation
from rapor.steering.league import competition_ranks, league_table, peers_for
from rapor.steering.models import PublishedResult
from tests.web.conftest import make_cycle, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "values, ranks",
    [
        ([80, 70, 70, 60], [1, 2, 2, 4]),
        ([50, 50, 50], [1, 1, 1]),
        ([10, 30, 20], [3, 1, 2]),
        ([], []),
    ],
)
def test_ties_share_a_rank_and_the_next_rank_is_skipped(values, ranks):
    assert competition_ranks([Fraction(v) for v in values]) == ranks


def publish(region, year, index, grade="", source="KemenPANRB"):
    return PublishedResult.objects.create(
        organisation=region, year=year, index=Decimal(index), grade=grade, source=source
    )


def answer_all(cycle, value, by):
    fw = cycle.framework.framework()
    for code, q in fw.questions.items():
        v = (
            "60"
            if q.scale.kind == "number" and value != "C"
            else ("0" if q.scale.kind == "number" else value)
        )
        answer_save(
            cycle=cycle, question_code=code, value=v, level="self", by=by, expected_version=0
        )


def test_published_results_rank_the_regions_with_ties_and_movement(cast):
    third = Organisation.objects.create(name="Kota Ketiga", kind="kota", parent=cast.province)
    publish(cast.kota, 2023, "57.83", "CC")
    publish(cast.other_pemda, 2023, "70.10", "BB")
    publish(third, 2023, "70.10", "BB")
    publish(cast.kota, 2022, "80.00", "A")
    publish(cast.other_pemda, 2022, "60.00", "B")
    league = league_table(province=cast.province, year=2023, user=cast.pimpinan)
    rows = {r.region.name: r for r in league.rows}
    assert [r.rank for r in league.rows] == [1, 1, 3]
    assert rows["Kota Contoh"].rank == 3 and rows["Kota Contoh"].is_own
    assert rows["Kota Contoh"].last_rank == 1 and rows["Kota Contoh"].movement == -2
    assert rows["Kabupaten Lain"].movement == 1
    assert rows["Kota Ketiga"].movement is None  # no figure last year
    assert rows["Kota Contoh"].figure.grade.code == "CC"
    above, below = league.neighbours(cast.kota.pk)
    assert above.region.name in ("Kabupaten Lain", "Kota Ketiga") and below is None


def test_a_live_cycle_counts_with_its_engine_index_and_a_published_result_wins(cast, framework):
    cycle = make_cycle(cast, framework, year=2024)
    answer_all(cycle, "B", cast.coordinator)
    fw = framework.framework()
    stored = {a.question_code: a.value for a in cycle.answers.all()}
    expected = engine.score(fw, engine.parse_answers(fw, stored)).index
    row = league_table(province=cast.province, year=2024, user=cast.pimpinan).own
    assert row.figure.is_live and row.figure.exact_index == expected
    assert row.figure.index == engine.round_half_up(expected, 2)
    publish(cast.kota, 2024, "91.23", "AA", "Surat KemenPANRB")
    row = league_table(province=cast.province, year=2024, user=cast.pimpinan).own
    assert not row.figure.is_live and row.figure.index == Fraction("91.23")
    assert row.figure.source_text == "Surat KemenPANRB"


def test_another_governments_draft_never_shows_only_its_submitted_index(cast, framework):
    theirs = make_cycle(cast, framework, year=2024, org=cast.other_pemda)
    answer_all(theirs, "A", cast.admin)
    for stage, shown in [("self_assessment", False), ("verification", False), ("submitted", True)]:
        theirs.stage = stage
        theirs.save()
        league = league_table(province=cast.province, year=2024, user=cast.pimpinan)
        row = next(r for r in league.rows if r.region == cast.other_pemda)
        assert (row.figure is not None) is shown, stage
        assert not row.may_open
    # their own Tim RB sees their draft's index (they see the answers anyway)
    theirs.stage = "self_assessment"
    theirs.save()
    league = league_table(province=cast.province, year=2024, user=cast.outsider)
    assert next(r for r in league.rows if r.region == cast.other_pemda).figure is not None


def test_the_league_page_shows_figures_never_answers_of_another_government(
    as_user, cast, framework
):
    theirs = make_cycle(cast, framework, year=2024, org=cast.other_pemda)
    answer_save(
        cycle=theirs,
        question_code="A1.1.a",
        value="A",
        level="self",
        by=cast.admin,
        expected_version=0,
    )
    make_cycle(cast, framework, year=2024)
    page = as_user(cast.pimpinan).get(reverse("steering:league") + "?tahun=2024")
    html = page.content.decode()
    assert page.status_code == 200 and "Kabupaten Lain" in html
    row = html.split('data-region="Kabupaten Lain"')[1].split("</tr>")[0]
    assert "belum ada hasil" in row  # its draft's index is not shown
    assert "A1.1.a" not in html


def test_an_unknown_or_foreign_province_is_not_found(as_user, cast):
    far = Organisation.objects.create(name="Provinsi Jauh", kind="province")
    client = as_user(cast.pimpinan)
    assert client.get(reverse("steering:league") + f"?provinsi={far.pk}").status_code == 404
    admin = as_user(cast.admin)
    assert admin.get(reverse("steering:league") + f"?provinsi={far.pk}").status_code == 200


def test_peers_of_a_rank_target_take_the_latest_known_figure(cast, framework):
    third = Organisation.objects.create(name="Kota Ketiga", kind="kota", parent=cast.province)
    publish(cast.other_pemda, 2023, "75.14", "BB")
    publish(third, 2022, "64.00", "B")
    publish(third, 2023, "66.00", "B")
    theirs = make_cycle(cast, framework, year=2024, org=third, stage="submitted")
    answer_all(theirs, "C", cast.admin)
    ours = make_cycle(cast, framework, year=2024)
    peers = {p.region.name: p.figure for p in peers_for(ours, cast.coordinator)}
    assert peers["Kabupaten Lain"].year == 2023 and peers["Kabupaten Lain"].index == Fraction(
        "75.14"
    )
    assert peers["Kota Ketiga"].year == 2024 and peers["Kota Ketiga"].is_live
    assert "Kota Contoh" not in peers


def league_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("steering:league") + "?tahun=2024")
    assert response.status_code == 200
    return len(queries)


def test_league_queries_do_not_grow_with_regions(as_user, cast, framework):
    client = as_user(cast.evaluator)
    for n in range(2):
        region = Organisation.objects.create(
            name=f"Kab {n}", kind="kabupaten", parent=cast.province
        )
        publish(region, 2023, f"6{n}.00")
        c = make_cycle(cast, framework, year=2024, org=region, stage="submitted")
        answer_all(c, "B", cast.admin)
    league_queries(client)  # warm the framework cache
    few = league_queries(client)
    for n in range(2, 12):
        region = Organisation.objects.create(
            name=f"Kab {n}", kind="kabupaten", parent=cast.province
        )
        publish(region, 2023, f"6{n % 10}.50")
        c = make_cycle(cast, framework, year=2024, org=region, stage="closed")
        answer_all(c, "A", cast.admin)
    many = league_queries(client)
    assert many == few
    league = league_table(province=cast.province, year=2024, user=cast.evaluator)
    assert league.ranked == 12


def test_a_tim_opd_member_sees_the_league_of_their_province(as_user, cast):
    publish(cast.kota, 2023, "57.83", "CC")
    page = as_user(cast.opd_member).get(reverse("steering:league") + "?tahun=2023")
    assert page.status_code == 200 and "57,83" in page.content.decode()


def test_someone_without_a_membership_sees_an_empty_league_page(client, db):
    user = make_user("nobody", Organisation.objects.create(name="X", kind="province"), "tim_rb")
    user.memberships.all().delete()
    client.force_login(user)
    assert "Belum ada provinsi" in client.get(reverse("steering:league")).content.decode()
