"""Running the MPP: the catalogue, QR posters, follow-up of suggestions and weak unsur, where the
results were published, the printed report and the raw responses."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.urls import reverse

from rapor.assessments.domain.errors import DomainError
from rapor.surveys.domain.catalogue import catalogue_save
from rapor.surveys.models import Counter, FollowUp, Mpp, Publication, Service, SurveyEvent

from .conftest import respond
from .test_results import LAST_HOUR_OF_Q3, SURVEY

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_the_operating_opd_adds_a_counter_and_a_service_with_its_standard(as_user, cast, hall):
    client = as_user(cast.opd_member)
    response = client.post(
        reverse("surveys:item_edit", args=[hall.mpp.pk, "counter", 0]),
        {"name": "Gerai 2 Disdukcapil", "agency": hall.dukcapil.pk, "order": 2, "active": "on"},
    )
    counter = Counter.objects.get(name="Gerai 2 Disdukcapil")
    assert response.status_code == 302 and counter.mpp == hall.mpp and len(counter.token) == 12
    client.post(
        reverse("surveys:item_edit", args=[hall.mpp.pk, "service", 0]),
        {
            "name": "Surat pindah",
            "counter": counter.pk,
            "requirements": "KK\nKTP-el",
            "duration": "1 hari kerja",
            "cost": "Gratis",
            "product": "SKPWNI",
            "order": 1,
            "active": "on",
        },
    )
    service = Service.objects.get(name="Surat pindah")
    assert (service.duration, service.cost, service.product) == ("1 hari kerja", "Gratis", "SKPWNI")
    event = SurveyEvent.objects.filter(kind="service").get()
    assert event.actor == cast.opd_member and event.after["name"] == "Surat pindah"
    page = client.get(reverse("surveys:mpp", args=[hall.mpp.pk])).content.decode()
    assert "Surat pindah" in page and service.token in page


def test_a_counter_cannot_be_put_under_another_mpps_agency(cast, hall):
    other = Mpp.objects.create(pemda=cast.kota, operator=cast.dinkes, name="MPP kedua")
    stray = Counter(agency=hall.pln, name="Gerai nyasar")
    with pytest.raises(DomainError):
        catalogue_save(mpp=other, kind="counter", item=stray, by=cast.coordinator)
    assert not Counter.objects.filter(name="Gerai nyasar").exists()


def test_another_opd_of_the_pemda_sees_the_mpp_but_may_not_change_it(as_user, cast, hall):
    client = as_user(cast.other_opd_member)
    assert client.get(reverse("surveys:mpp", args=[hall.mpp.pk])).status_code == 200
    url = reverse("surveys:item_edit", args=[hall.mpp.pk, "agency", hall.pln.pk])
    assert client.post(url, {"name": "Diubah", "order": 1}).status_code == 403
    hall.pln.refresh_from_db()
    assert hall.pln.name == "PT PLN (Persero)"


def test_an_opd_team_opens_an_mpp_only_run_by_its_own_opd(as_user, cast):
    client = as_user(cast.opd_member)
    own = {
        "pemda": cast.kota.pk,
        "operator": cast.disdukcapil.pk,
        "name": "MPP A",
        "weighting": "exact",
    }
    other = {**own, "operator": cast.dinkes.pk, "name": "MPP B"}
    assert client.post(reverse("surveys:mpp_new"), other).status_code == 403
    assert client.post(reverse("surveys:mpp_new"), own).status_code == 302
    assert list(Mpp.objects.values_list("name", flat=True)) == ["MPP A"]


def test_a_poster_carries_the_public_address_of_its_counter_or_service(
    as_user, cast, hall, tmp_path, settings
):
    settings.RAPOR_PUBLIC_URL = "https://rapor.contoh.go.id"
    client = as_user(cast.pimpinan)
    response = client.get(reverse("surveys:poster", args=[hall.mpp.pk, "service", hall.ktp.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert f"https://rapor.contoh.go.id/skm/l/{hall.ktp.token}/" in text
    assert "Perekaman KTP-el" in text and "Bagaimana pelayanan kami hari ini?" in text
    counter = client.get(
        reverse("surveys:poster", args=[hall.mpp.pk, "counter", hall.gerai_pln.pk])
    )
    assert f"/skm/g/{hall.gerai_pln.token}/" in pdf_text(counter.content, tmp_path)
    wrong = reverse("surveys:poster", args=[hall.mpp.pk, "kiosk", hall.kiosk.pk])
    assert client.get(wrong).status_code == 404  # a kiosk's address is a secret, not a poster


def test_a_suggestion_and_a_weak_unsur_become_follow_up_actions(as_user, cast, hall):
    answer = respond(hall.ktp, [3] * 9, LAST_HOUR_OF_Q3, suggestion="Kursi tunggu kurang")
    client = as_user(cast.coordinator)
    url = reverse("surveys:followups", args=[hall.mpp.pk])
    page = client.get(url, {"periode": "2025-Q3", "saran": answer.pk}).content.decode()
    assert "Kursi tunggu kurang" in page and f'name="response" value="{answer.pk}"' in page
    base = {"period": "2025-Q3", "owner": "Koordinator MPP", "due_date": "2025-10-31"}
    client.post(
        url, {**base, "source": "suggestion", "action": "Tambah kursi", "response": answer.pk}
    )
    client.post(url, {**base, "source": "unsur", "unsur": "U8", "action": "Papan alur pengaduan"})
    assert FollowUp.objects.count() == 2
    item = FollowUp.objects.get(unsur="U8")
    status = reverse("surveys:followup_status", args=[hall.mpp.pk, item.pk])
    client.post(status, {"status": "done", "done_on": ""})
    item.refresh_from_db()
    assert item.status == "done" and item.done_on is not None
    page = client.get(url, {"periode": "2025-Q3"}).content.decode()
    assert "50% selesai" in page and "sudah ditindaklanjuti" in page
    assert SurveyEvent.objects.filter(kind="followup").count() == 3


def test_a_follow_up_needs_an_owner_and_a_due_date(as_user, cast, hall):
    client = as_user(cast.coordinator)
    url = reverse("surveys:followups", args=[hall.mpp.pk])
    response = client.post(url, {"period": "2025-Q3", "source": "other", "action": "Sesuatu"})
    assert response.status_code == 400 and not FollowUp.objects.exists()


def test_where_and_when_results_were_published_is_recorded(as_user, cast, hall):
    client = as_user(cast.coordinator)
    client.post(
        reverse("surveys:publication", args=[hall.mpp.pk]),
        {
            "period": "2025-Q3",
            "medium": "website",
            "where": "https://kota.contoh.go.id/skm",
            "published_on": "2025-10-10",
        },
    )
    item = Publication.objects.get()
    assert (item.period, item.published_on) == ("2025-Q3", dt.date(2025, 10, 10))
    bad = client.post(
        reverse("surveys:publication", args=[hall.mpp.pk]),
        {"period": "2025-Q3", "medium": "telepati", "where": "x", "published_on": "2025-10-10"},
        follow=True,
    )
    assert "Publikasi tidak tercatat" in bad.content.decode() and Publication.objects.count() == 1


def test_the_report_holds_what_the_ministry_asks(as_user, cast, hall, tmp_path):
    for answers in SURVEY:
        respond(hall.ktp, answers, LAST_HOUR_OF_Q3, suggestion="Antrean panjang di pagi hari")
    FollowUp.objects.create(
        mpp=hall.mpp,
        period="2025-Q3",
        source="unsur",
        unsur="U8",
        action="Papan alur pengaduan",
        owner="Koordinator MPP",
        due_date=dt.date(2025, 10, 31),
    )
    Publication.objects.create(
        mpp=hall.mpp,
        period="2025-Q3",
        medium="board",
        where="Lobi MPP",
        published_on=dt.date(2025, 10, 5),
    )
    client = as_user(cast.pimpinan)
    response = client.get(reverse("surveys:report", args=[hall.mpp.pk]), {"periode": "2025-Q3"})
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "Laporan Survei Kepuasan Masyarakat",
        "Triwulan III 2025 (1 Juli 2025 – 30 September 2025)",
        "85,88",
        "U8 Penanganan Pengaduan, Saran dan Masukan (terlemah)",
        "Antrean panjang di pagi hari",
        "Papan alur pengaduan",
        "Lobi MPP",
        "Responden terkumpul 4",
    ):
        assert expected in text, expected


def test_the_raw_responses_download_is_for_managers_and_defuses_formulas(as_user, cast, hall):
    respond(hall.ktp, SURVEY[2], LAST_HOUR_OF_Q3, suggestion='=HYPERLINK("http://x")', sex="P")
    url = reverse("surveys:responses_csv", args=[hall.mpp.pk])
    assert as_user(cast.pimpinan).get(url, {"periode": "2025-Q3"}).status_code == 403
    response = as_user(cast.coordinator).get(url, {"periode": "2025-Q3"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("waktu,instansi,gerai,layanan,kanal,U1,U2")
    assert len(lines) == 2
    assert lines[1].startswith("2025-09-30 23:30,Dinas Kependudukan,Gerai Disdukcapil")
    assert ",4,3,,4,4,3,4,2,4," in lines[1]  # U3 skipped stays empty
    assert "'=HYPERLINK" in lines[1] and "Perempuan" in lines[1]
    other_q = as_user(cast.coordinator).get(url, {"periode": "2025-Q4"})
    assert len(b"".join(other_q.streaming_content).decode("utf-8-sig").splitlines()) == 1


def test_a_name_with_a_control_character_is_refused_and_changes_nothing(as_user, cast, hall):
    url = reverse("surveys:item_edit", args=[hall.mpp.pk, "agency", hall.pln.pk])
    response = as_user(cast.coordinator).post(url, {"name": "PLN\x07", "order": 1, "active": "on"})
    assert response.status_code == 400 and "karakter kontrol" in response.content.decode()
    hall.pln.refresh_from_db()
    assert hall.pln.name == "PT PLN (Persero)"
    with pytest.raises(DomainError, match="karakter kontrol"):
        catalogue_save(
            mpp=hall.mpp,
            kind="service",
            item=Service(counter=hall.gerai_pln, name="x\x00"),
            by=None,
        )
