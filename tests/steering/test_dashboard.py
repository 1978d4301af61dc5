"""The leadership dashboard: numbers against the engine, the gaps to the target grade and rank,
last year's result and place, neighbours, trend, priorities with owners, the Beranda of the
Pimpinan and the Tim RB, no inline script, and queries that do not grow with the data."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapor import engine
from rapor.assessments.domain.answers import answer_save
from rapor.assessments.domain.assignments import assign_area, assignment_create
from rapor.assessments.models import AnswerStatus
from rapor.orgs.models import Organisation
from rapor.steering.domain.plans import target_set
from rapor.steering.models import DailySnapshot, PublishedResult
from rapor.steering.pages.dashboard import dashboard_page
from tests.web.conftest import make_cycle, make_framework, make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 6, 1)
BABEL_2023 = [
    ("Kabupaten Bangka Tengah", "78.68", "BB"),
    ("Kabupaten Belitung Timur", "76.44", "BB"),
    ("Kabupaten Belitung", "75.14", "BB"),
    ("Kabupaten Bangka", "70.78", "BB"),
    ("Kabupaten Bangka Barat", "67.72", "B"),
    ("Kabupaten Bangka Selatan", "64.53", "B"),
]


@pytest.fixture
def province(cast):
    """Kota Contoh's province with the six Babel kabupaten and their 2023 results; Kota Contoh
    2023: 57.83 CC, last of seven (the other Pemda of the cast has no result: not ranked)."""
    for name, index, grade in BABEL_2023:
        region = Organisation.objects.create(name=name, kind="kabupaten", parent=cast.province)
        PublishedResult.objects.create(
            organisation=region, year=2023, index=Decimal(index), grade=grade, source="KemenPANRB"
        )
    PublishedResult.objects.create(
        organisation=cast.kota, year=2023, index=Decimal("57.83"), grade="CC", source="KemenPANRB"
    )
    return cast.province


@pytest.fixture
def cycle(cast, framework):
    c = make_cycle(cast, framework)
    assignment_create(
        cycle=c,
        indicator_code="A1.1",
        opd=cast.disdukcapil,
        person=cast.opd_member,
        due_date=TODAY - dt.timedelta(days=3),
        by=cast.coordinator,
    )
    assignment_create(
        cycle=c,
        indicator_code="A1.2",
        opd=cast.dinkes,
        due_date=TODAY + dt.timedelta(days=5),
        by=cast.coordinator,
    )
    for code, value in [
        ("A1.1.a", "A"),
        ("A1.1.b", "80"),
        ("A1.2.a", "B"),
        ("A2.1.a", "A"),
        ("A2.2.a", "A"),
    ]:
        answer_save(
            cycle=c,
            question_code=code,
            value=value,
            level="self",
            by=cast.coordinator,
            expected_version=0,
        )
    AnswerStatus.objects.filter(cycle=c, question_code__in=["A1.1.a", "A2.1.a"]).update(
        state="verified"
    )
    return c


def index_of(fw, raw):
    return engine.score(fw, engine.parse_answers(fw, raw)).index


def test_the_dashboard_shows_the_index_from_all_and_from_verified_answers(cast, cycle, province):
    d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=TODAY)
    fw = cycle.framework.framework()
    everything = {"A1.1.a": "A", "A1.1.b": "80", "A1.2.a": "B", "A2.1.a": "A", "A2.2.a": "A"}
    assert d.now.index == index_of(fw, everything)
    assert d.verified.index == index_of(fw, {"A1.1.a": "A", "A2.1.a": "A"})
    assert (d.answered, d.verified_count, d.questions) == (5, 2, 8)
    assert d.now.parts is None  # no General/Tematik split in this framework


def test_the_gaps_to_grade_b_and_third_place_are_as_the_mayor_reads_them(cast, cycle, province):
    target_set(cycle=cycle, by=cast.coordinator, grade="B", rank=3)
    d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=TODAY)
    now = engine.round_half_up(d.now.index, 2)
    assert d.grade_gap.label == "B" and d.grade_gap.points == Fraction("60.01") - now
    # third place outright: one step above Belitung's 75.14
    assert d.rank_gap.label == "3" and d.rank_gap.points == Fraction("75.15") - now
    assert d.rank == 7 and d.regions == 7 and d.is_last
    assert d.above.name == "Kabupaten Bangka Selatan" and d.above.index == Fraction("64.53")
    assert d.below is None
    assert d.last_year.index == Fraction("57.83") and d.last_year.grade.code == "CC"
    assert (d.last_year_rank, d.last_year_regions, d.last_year_last) == (7, 7, True)
    # where the story started: 57.83 needed +2.18 for B and +17.32 for third place
    assert d.last_year_grade_gap.points == Fraction("2.18")
    assert d.last_year_rank_gap.points == Fraction("17.32")


def test_the_page_reads_57_83_cc_last_place_and_the_gaps(as_user, cast, cycle, province):
    target_set(cycle=cycle, by=cast.coordinator, grade="B", rank=3)
    html = as_user(cast.pimpinan).get(reverse("assessments:home")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "57,83" in text and "CC · Cukup" in text and "peringkat 7 dari 7 terakhir" in text
    d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=dt.date.today())
    gap_b = engine.format_fixed(d.grade_gap.points, 2, decimal_comma=True)
    gap_3 = engine.format_fixed(d.rank_gap.points, 2, decimal_comma=True)
    assert f"+{gap_b} ke B" in text and f"+{gap_3} ke peringkat 3" in text


def test_the_trend_comes_from_the_daily_snapshots_with_today_live(cast, cycle, province):
    for i, value in enumerate(["40.00", "41.50", "43.25"]):
        DailySnapshot.objects.create(
            cycle=cycle,
            day=TODAY - dt.timedelta(days=3 - i),
            index=Decimal(value),
            index_verified=Decimal("10.00"),
        )
    d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=TODAY)
    assert [str(i) for _d, i, _v in d.trend[:3]] == ["40", "83/2", "173/4"]
    assert d.trend[-1][0] == TODAY and d.trend[-1][1] == engine.round_half_up(d.now.index, 2)
    data = d.chart_data()
    assert data["trend"]["index"][:3] == [40.0, 41.5, 43.25] and data["trend"]["last_year"] == 57.83


def test_priorities_are_the_largest_open_gains_with_their_owner(cast, cycle, province):
    d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=TODAY)
    gains = [p.points for p in d.priorities]
    assert gains == sorted(gains, reverse=True) and len(gains) == 5
    first = {p.question: p for p in d.priorities}
    assert first["A1.2.b"].owner == "Dinkes" and first["A1.1.b"].person == "Dukcapil"
    assert first["A2.1.b"].owner == ""  # not assigned


def test_who_is_late_and_the_agencies_with_their_people(cast, cycle, province):
    d = dashboard_page(cycle=cycle, user=cast.pimpinan, today=TODAY)
    assert [a.name for a in d.late_agencies] == ["Disdukcapil"]
    assert {a.name: a.people for a in d.agencies} == {"Disdukcapil": ["Dukcapil"], "Dinkes": []}


def test_the_beranda_of_the_pimpinan_and_the_tim_rb_is_the_dashboard(as_user, cast, cycle):
    for who in (cast.pimpinan, cast.coordinator):
        assert 'id="dash-index"' in as_user(who).get(reverse("assessments:home")).content.decode()
    for who in (cast.opd_member, cast.inspector):
        html = as_user(who).get(reverse("assessments:home")).content.decode()
        assert 'id="dash-index"' not in html and 'data-count="late"' in html
    assert (
        as_user(cast.inspector).get(reverse("steering:dashboard", args=[cycle.pk])).status_code
        == 200
    )
    assert (
        as_user(cast.opd_member).get(reverse("steering:dashboard", args=[cycle.pk])).status_code
        == 403
    )


def test_the_charts_read_a_json_data_island_and_no_inline_script(as_user, cast, cycle, province):
    html = (
        as_user(cast.pimpinan).get(reverse("steering:dashboard", args=[cycle.pk])).content.decode()
    )
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    inline = [
        attrs
        for attrs, body in scripts
        if "src=" not in attrs and 'type="application/json"' not in attrs
    ]
    assert not inline
    island = re.search(
        r'<script id="dashboard-data" type="application/json">(.*?)</script>', html, re.S
    )
    data = json.loads(island.group(1))
    assert data["bars"]["labels"] == ["Area 1", "Area 2"] and data["bars"]["weight"] == [50.0, 50.0]
    assert "vendor/chartjs/chart.umd.min.js" in html and "steering/dashboard.js" in html


def dashboard_queries(client, cycle):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("steering:dashboard", args=[cycle.pk]))
    assert response.status_code == 200
    return len(queries)


def grow(cast, cycle, *, agencies, regions, days):
    fw = cycle.framework.framework()
    areas = sorted({n.area for n in fw.nodes.values() if n.area})
    for i in range(agencies):
        opd = Organisation.objects.create(
            name=f"Badan {cycle.pk}-{i}", kind="opd", parent=cast.kota
        )
        person = make_user(f"orang{cycle.pk}-{i}", opd, "tim_opd")
        assign_area(
            cycle=cycle,
            area=areas[i % len(areas)],
            opd=opd,
            person=person,
            due_date=TODAY,
            by=cast.coordinator,
        )
    for i in range(regions):
        region = Organisation.objects.create(
            name=f"Kab {cycle.pk}-{i}", kind="kabupaten", parent=cast.province
        )
        PublishedResult.objects.create(
            organisation=region, year=cycle.year - 1, index=Decimal(50 + i), source="x"
        )
        PublishedResult.objects.create(
            organisation=region, year=cycle.year, index=Decimal(60 + i), source="x"
        )
    DailySnapshot.objects.bulk_create(
        DailySnapshot(
            cycle=cycle,
            day=TODAY - dt.timedelta(days=d),
            index=Decimal("40"),
            index_verified=Decimal("20"),
        )
        for d in range(days)
    )


def test_dashboard_queries_do_not_grow_with_agencies_questions_regions_or_snapshots(as_user, cast):
    small = make_cycle(
        cast, make_framework(areas=2, indicators=2, questions=2, fid="rb-kecil"), year=2030
    )
    large = make_cycle(
        cast, make_framework(areas=8, indicators=6, questions=4, fid="rb-besar"), year=2024
    )
    grow(cast, small, agencies=1, regions=1, days=2)
    grow(cast, large, agencies=8, regions=10, days=365)
    client = as_user(cast.coordinator)
    assert settled_queries(client, large) == settled_queries(client, small)


def settled_queries(client, cycle):
    """The second view of a cycle: the framework is cached and the session already remembers the
    cycle (switching cycles writes the session once, by design)."""
    dashboard_queries(client, cycle)
    return dashboard_queries(client, cycle)
