"""Published results: recorded with a form or a CSV, each with its source; CSV errors name the
row and the column and change nothing; only regions of one's own province; every change recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapor.orgs.models import Organisation
from rapor.steering.models import PublishedResult, SteeringEvent
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

BABEL_2023 = """\
# Published results of the 2023 RB evaluation (a comment line, as in the shared data file)
government,type,rb_general,rb_tematik,adjustment_weight,index,grade
Kota Contoh,kota,55.86,1.97,100,57.83,CC
Kabupaten Lain,kabupaten,66.54,12.14,100,78.68,BB
"""


def upload(client, text, source="", name="hasil.csv", year=""):
    return client.post(
        reverse("steering:results_import"),
        {"file": SimpleUploadedFile(name, text.encode()), "source": source, "year": year},
    )


def test_the_tim_rb_records_a_result_with_a_decimal_comma_and_replaces_it_later(as_user, cast):
    client = as_user(cast.coordinator)
    data = {
        "region": cast.other_pemda.pk,
        "year": 2023,
        "index": "78,68",
        "grade": "BB",
        "general": "66,54",
        "tematik": "12,14",
        "source": "Surat KemenPANRB 2023",
    }
    response = client.post(reverse("steering:results"), data)
    assert response.status_code == 302
    stored = PublishedResult.objects.get(organisation=cast.other_pemda, year=2023)
    assert stored.index == Decimal("78.68") and stored.recorded_by == cast.coordinator
    client.post(reverse("steering:results"), {**data, "index": "79,00"})
    stored.refresh_from_db()
    assert stored.index == Decimal("79.00")
    events = list(SteeringEvent.objects.filter(kind="result_saved"))
    assert [e.after["index"] for e in events] == ["78.68", "79.00"]
    assert events[1].before["index"] == "78.68" and events[1].actor == cast.coordinator
    page = client.get(reverse("steering:results")).content.decode()
    assert "Surat KemenPANRB 2023" in page and "79,00" in page


def test_a_result_needs_its_source_and_keeps_what_was_typed(as_user, cast):
    client = as_user(cast.coordinator)
    response = client.post(
        reverse("steering:results"), {"region": cast.kota.pk, "year": 2023, "index": "57,83"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "57,83" in html and "tidak boleh kosong" in html
    assert not PublishedResult.objects.exists()


def test_the_shared_data_file_imports_as_it_is(as_user, cast):
    response = upload(as_user(cast.coordinator), BABEL_2023, source="KemenPANRB 2023", year=2023)
    assert response.status_code == 302
    kota = PublishedResult.objects.get(organisation=cast.kota, year=2023)
    assert (kota.index, kota.general, kota.tematik, kota.grade) == (
        Decimal("57.83"),
        Decimal("55.86"),
        Decimal("1.97"),
        "CC",
    )
    assert kota.source == "KemenPANRB 2023" and kota.adjustment_weight == Decimal("100")


def test_semicolons_and_decimal_commas_as_spreadsheets_export_them(as_user, cast):
    text = "wilayah;tahun;indeks;sumber\nKota Contoh;2024;73,51;Berita daerah\n"
    assert upload(as_user(cast.coordinator), text).status_code == 302
    assert PublishedResult.objects.get(year=2024).index == Decimal("73.51")


@pytest.mark.parametrize(
    "text, problems",
    [
        (
            "wilayah,tahun,indeks,sumber\nKota Contoh,2023,57.83,x\nKota Antah,2023,abc,\n",
            [
                "baris 3, kolom wilayah: Kota Antah bukan kabupaten/kota",
                "baris 3, kolom indeks: abc bukan angka",
                "baris 3, kolom sumber: sumber kosong",
            ],
        ),
        (
            "wilayah,tahun,indeks,sumber\nKota Contoh,2023,130,x\nKota Contoh,2023,57.834,x\n",
            [
                "baris 2, kolom indeks: 130 di luar rentang 0–120",
                "baris 3, kolom indeks: 57.834: paling banyak dua angka",
            ],
        ),
        (
            "wilayah,tahun,indeks,sumber,predikat\nKota Contoh,2023,57.83,x,ZZ\n"
            "kota contoh,2023,57.83,x,\n",
            [
                "baris 2, kolom predikat: ZZ bukan predikat",
                "baris 3, kolom wilayah: Kota Contoh 2023 sudah ada di baris 2",
            ],
        ),
        ("region,year\nKota Contoh,2023\n", ["kolom indeks tidak ada"]),
        ("wilayah,indeks\nKota Contoh,50\n", ["kolom tahun tidak ada"]),
        ("wilayah,tahun,indeks,sumber\n", ["Tidak ada baris hasil"]),
    ],
)
def test_csv_errors_name_row_and_column_and_change_nothing(as_user, cast, text, problems):
    PublishedResult.objects.create(organisation=cast.kota, year=2022, index=50, source="lama")
    response = upload(as_user(cast.coordinator), text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tidak ada yang disimpan" in html
    for p in problems:
        assert p in html
    assert list(PublishedResult.objects.values_list("year", flat=True)) == [2022]
    assert not SteeringEvent.objects.exists()


def test_a_file_that_is_not_utf8_or_too_large_is_refused(as_user, cast):
    client = as_user(cast.coordinator)
    response = client.post(
        reverse("steering:results_import"),
        {"file": SimpleUploadedFile("h.csv", "wilayah,tahun\nKota Céntoh".encode("latin-1"))},
    )
    assert "bukan teks UTF-8" in response.content.decode()
    big = SimpleUploadedFile("h.csv", b"x" * (512 * 1024 + 1))
    response = client.post(reverse("steering:results_import"), {"file": big})
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()


def test_regions_of_another_province_are_out_of_reach(as_user, cast):
    far_province = Organisation.objects.create(name="Provinsi Jauh", kind="province")
    far = Organisation.objects.create(name="Kota Jauh", kind="kota", parent=far_province)
    client = as_user(cast.coordinator)
    data = {"region": far.pk, "year": 2023, "index": "50", "source": "x"}
    assert client.post(reverse("steering:results"), data).status_code == 403
    response = upload(client, "wilayah,tahun,indeks,sumber\nKota Jauh,2023,50,x\n")
    assert "Kota Jauh bukan kabupaten/kota" in response.content.decode()
    theirs = PublishedResult.objects.create(organisation=far, year=2023, index=50, source="x")
    response = client.post(reverse("steering:result_delete", args=[theirs.pk]))
    assert response.status_code == 403 and PublishedResult.objects.filter(pk=theirs.pk).exists()
    far_rb = make_user("timrb_jauh", far, "tim_rb")
    assert (
        as_user(far_rb).post(reverse("steering:result_delete", args=[theirs.pk])).status_code == 302
    )
    assert not PublishedResult.objects.filter(pk=theirs.pk).exists()
    assert SteeringEvent.objects.get(kind="result_deleted").before["index"] == "50.00"


def test_only_the_tim_rb_and_the_admin_record_results(as_user, cast):
    for who in (cast.pimpinan, cast.opd_member, cast.inspector, cast.evaluator):
        assert as_user(who).get(reverse("steering:results")).status_code == 403
    assert as_user(cast.admin).get(reverse("steering:results")).status_code == 200


def test_a_source_with_a_control_or_direction_character_is_refused(as_user, cast):
    client = as_user(cast.coordinator)
    data = {"region": cast.kota.pk, "year": 2023, "index": "57,83", "source": "Surat\u202eKPK"}
    response = client.post(reverse("steering:results"), data)
    assert response.status_code == 400 and "pengatur arah teks" in response.content.decode()
    text = "wilayah,tahun,indeks,sumber\nKota Contoh,2023,57.83,Surat\x07uji\n"
    response = upload(client, text)
    assert (
        "baris 2, kolom sumber" in response.content.decode()
        and "karakter kontrol" in response.content.decode()
    )
    assert not PublishedResult.objects.exists()
