"""Results of a period: NRR per unsur, IKM in both weightings, mutu, the weakest unsur, units,
trend, the sample against Krejcie–Morgan, and a number of queries that does not grow."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapor.surveys.domain.followup import population_set
from rapor.surveys.periods import Period, parse_period, period_of, recent_periods
from rapor.surveys.queries import period_totals

from .conftest import JAKARTA, respond

pytestmark = pytest.mark.django_db

# Four respondents, two of whom skipped an unsur (U3, U9): IKM 9275/108 = 85.8796… (the engine's
# hand-computed survey), NRR U8 = 11/4 the weakest.
SURVEY = [
    [4, 4, 3, 4, 3, 3, 4, 3, 4],
    [3, 4, 3, 4, 3, 4, 4, 3, 3],
    [4, 3, None, 4, 4, 3, 4, 2, 4],
    [3, 3, 3, 4, 3, 3, 4, 3, None],
]
LAST_HOUR_OF_Q3 = dt.datetime(2025, 9, 30, 23, 30, tzinfo=JAKARTA)
FIRST_HOUR_OF_Q4 = dt.datetime(2025, 10, 1, 0, 30, tzinfo=JAKARTA)  # 30 Sept 17:30 UTC


def results(client, hall, **query):
    url = reverse("surveys:results", args=[hall.mpp.pk])
    return client.get(url, query).content.decode()


def test_a_period_shows_nrr_ikm_in_both_weightings_mutu_and_the_weakest_unsur(as_user, cast, hall):
    for answers in SURVEY:
        respond(hall.ktp, answers, LAST_HOUR_OF_Q3)
    html = results(as_user(cast.pimpinan), hall, periode="2025-Q3")
    assert re.search(r'id="ikm">\s*85,88', html)
    assert "dengan bobot 0,111: 85,79" in html
    assert "B · Baik" in html and re.search(r'id="respondents">4<', html)
    nrr = html.split('id="nrr"')[1].split("</table>")[0]
    assert "U3 Waktu Penyelesaian" in nrr and "3,00" in nrr  # the skipped answer left out
    weakest = [row for row in nrr.split("<tr") if "terlemah" in row]
    assert len(weakest) == 1 and "U8 Penanganan Pengaduan" in weakest[0] and "2,75" in weakest[0]


def test_the_old_printed_weight_is_the_mpps_choice(as_user, cast, hall):
    hall.mpp.weighting = "0.111"
    hall.mpp.save()
    for answers in SURVEY:
        respond(hall.ktp, answers, LAST_HOUR_OF_Q3)
    html = results(as_user(cast.pimpinan), hall, periode="2025-Q3")
    assert re.search(r'id="ikm">\s*85,79', html) and "dengan bobot 1/9: 85,88" in html


def test_a_response_belongs_to_the_quarter_of_its_jakarta_date(hall):
    respond(hall.ktp, [4] * 9, LAST_HOUR_OF_Q3)
    respond(hall.ktp, [1] * 9, FIRST_HOUR_OF_Q4)
    assert period_totals(hall.mpp, parse_period("2025-Q3")).respondents == 1
    q4 = period_totals(hall.mpp, parse_period("2025-Q4"))
    assert q4.respondents == 1 and q4.sums["U1"] == 1
    assert period_totals(hall.mpp, parse_period("2025")).respondents == 2
    assert period_totals(hall.mpp, parse_period("2025-H2")).respondents == 2


def test_an_unsur_nobody_answered_leaves_no_ikm_and_says_which(as_user, cast, hall):
    respond(hall.ktp, [4, 4, 4, None, 4, 4, 4, 4, 4], LAST_HOUR_OF_Q3)
    html = results(as_user(cast.pimpinan), hall, periode="2025-Q3")
    assert "IKM belum dapat dihitung: belum ada jawaban untuk U4." in html
    assert re.search(r'id="ikm">\s*–', html)


def test_the_sample_is_compared_with_krejcie_morgan_and_warns_while_short(as_user, cast, hall):
    for answers in SURVEY:
        respond(hall.ktp, answers, LAST_HOUR_OF_Q3)
    client = as_user(cast.pimpinan)
    assert "belum diisi" in results(client, hall, periode="2025-Q3")
    population_set(mpp=hall.mpp, period="2025-Q3", population=1000, by=cast.coordinator)
    html = results(client, hall, periode="2025-Q3")
    assert "sampel minimal (Krejcie–Morgan) 278 responden; terkumpul 4" in html
    assert "kurang 274 responden" in html
    population_set(mpp=hall.mpp, period="2025-Q3", population=4, by=cast.coordinator)
    assert "Sampel sudah cukup." in results(client, hall, periode="2025-Q3")


def test_the_manager_enters_the_population_and_bad_input_changes_nothing(as_user, cast, hall):
    client = as_user(cast.opd_member)  # Disdukcapil runs this MPP
    url = reverse("surveys:population", args=[hall.mpp.pk])
    client.post(url, {"period": "2025-Q3", "population": "5000", "source": "antrean"})
    assert hall.mpp.populations.get().population == 5000
    response = client.post(url, {"period": "2025-Q3", "population": "-3"}, follow=True)
    assert "N tidak tersimpan" in response.content.decode()
    client.post(url, {"period": "kuartal 3", "population": "10"})
    assert hall.mpp.populations.get().population == 5000
    refused = as_user(cast.other_opd_member).post(url, {"period": "2025-Q3", "population": "1"})
    assert refused.status_code == 403


def test_units_are_compared_per_agency_counter_or_service_and_open_one_by_one(as_user, cast, hall):
    respond(hall.ktp, [4] * 9, LAST_HOUR_OF_Q3)
    respond(hall.listrik, [2] * 9, LAST_HOUR_OF_Q3)
    client = as_user(cast.pimpinan)
    units = results(client, hall, periode="2025-Q3", per="service").split('id="units"')[1]
    rows = units.split("</table>")[0]
    assert rows.index("Pengaduan listrik") < rows.index("Perekaman KTP-el")  # lowest IKM first
    assert "50,00" in rows and "100,00" in rows and "belum ada responden" in rows  # Akta: none
    one = results(client, hall, periode="2025-Q3", unit=f"agency:{hall.pln.pk}")
    assert re.search(r'id="ikm">\s*50,00', one) and "D · Tidak Baik" in one


def test_the_trend_is_a_data_island_for_the_chart_and_a_table_without_javascript(
    as_user, cast, hall
):
    respond(hall.ktp, [4] * 9, LAST_HOUR_OF_Q3)
    respond(hall.ktp, [3] * 9, FIRST_HOUR_OF_Q4)
    html = results(as_user(cast.pimpinan), hall, periode="2025-Q4")
    island = re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', html)
    data = json.loads(island.group(1))
    assert data["labels"][-2:] == ["III/2025", "IV/2025"] and data["ikm"][-2:] == [100.0, 75.0]
    assert data["respondents"][-2:] == [1, 1] and len(data["labels"]) == 8
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all("src=" in s or "application/json" in s for s in scripts)  # no inline script
    assert "Tabel tren" in html


def test_the_number_of_queries_does_not_grow_with_responses(as_user, cast, hall):
    client = as_user(cast.pimpinan)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("surveys:results", args=[hall.mpp.pk])).status_code == 200
        return len(captured)

    now = dt.datetime.now(JAKARTA)
    respond(hall.ktp, [4] * 9, now)
    few = queries()
    for n in range(120):
        service = (hall.ktp, hall.akta, hall.listrik)[n % 3]
        respond(service, [1 + n % 4] * 9, now - dt.timedelta(days=n * 5), suggestion=f"saran {n}")
    assert queries() == few


def test_periods_are_quarters_half_years_and_years_of_whole_months():
    q = parse_period("2026-q4")
    assert (q.key, q.start, q.end, q.last_day) == (
        "2026-Q4",
        dt.date(2026, 10, 1),
        dt.date(2027, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert parse_period("2026-H1").month_keys()[-1] == (2026, 6)
    assert parse_period("2025").previous() == Period(2024, "year", 1)
    assert parse_period("2025-Q1").previous().key == "2024-Q4"
    assert period_of(dt.date(2026, 7, 1), "half").key == "2026-H2"
    assert [p.key for p in recent_periods("quarter", dt.date(2026, 2, 1), 3)] == [
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
    ]
    for bad in ("2026-Q5", "2026-H3", "26", "1999", "2026Q1", "", "2026-Q1; drop"):
        with pytest.raises(ValueError):
            parse_period(bad)
