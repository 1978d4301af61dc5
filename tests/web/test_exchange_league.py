"""The league table as CSV (the Peringkat page's download): the same rows and ranks the page
shows, numbers with a decimal point, formulas in a source defused, another province refused."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from rapor.orgs.models import Organisation
from rapor.steering.models import PublishedResult

pytestmark = pytest.mark.django_db


def publish(region, year, index, grade="", source="KemenPANRB"):
    return PublishedResult.objects.create(
        organisation=region, year=year, index=Decimal(index), grade=grade, source=source
    )


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_league_csv_has_the_ranks_and_figures_of_the_page(as_user, cast):
    third = Organisation.objects.create(name="Kota Ketiga", kind="kota", parent=cast.province)
    publish(cast.kota, 2023, "57.83", "CC", source='=HYPERLINK("http://evil.example","x")')
    publish(cast.other_pemda, 2023, "70.10", "BB")
    publish(third, 2023, "70.10", "BB")
    publish(cast.kota, 2022, "80.00", "A")
    client = as_user(cast.pimpinan)
    page = client.get(reverse("steering:league"), {"tahun": 2023}).content.decode()
    url = f"{reverse('exchange:league_csv')}?provinsi={cast.province.pk}&amp;tahun=2023"
    assert url in page
    table = rows(
        client.get(reverse("exchange:league_csv"), {"provinsi": cast.province.pk, "tahun": 2023})
    )
    header, body = table[0], table[1:]
    assert header[:3] == ["peringkat", "wilayah", "tahun"]
    assert [(r[0], r[1]) for r in body] == [
        ("1", "Kabupaten Lain"),
        ("1", "Kota Ketiga"),
        ("3", "Kota Contoh"),
    ] or [(r[0], r[1]) for r in body] == [
        ("1", "Kota Ketiga"),
        ("1", "Kabupaten Lain"),
        ("3", "Kota Contoh"),
    ]
    own = dict(zip(header, body[2], strict=True))
    assert own["indeks"] == "57.83" and own["predikat"] == "CC"
    assert own["peringkat tahun lalu"] == "1" and own["indeks tahun lalu"] == "80.00"
    assert own["sumber"].startswith("'=HYPERLINK")  # defused: a spreadsheet shows it as text


def test_the_league_csv_speaks_english_to_an_english_user(as_user, cast):
    publish(cast.kota, 2023, "57.83", "CC")
    client = as_user(cast.pimpinan)
    client.cookies["django_language"] = "en"
    table = rows(client.get(reverse("exchange:league_csv"), {"tahun": 2023}))
    assert table[0][:3] == ["rank", "region", "year"]


def test_another_provinces_league_is_not_found(as_user, cast):
    elsewhere = Organisation.objects.create(name="Provinsi Lain", kind="province")
    far = Organisation.objects.create(name="Kota Jauh", kind="kota", parent=elsewhere)
    publish(far, 2023, "90.00", "AA")
    response = as_user(cast.pimpinan).get(
        reverse("exchange:league_csv"), {"provinsi": elsewhere.pk, "tahun": 2023}
    )
    assert response.status_code == 404
    assert b"Kota Jauh" not in response.content
