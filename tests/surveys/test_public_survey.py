"""The public survey: the form from a QR code, a submission stored once, the thank-you page, and
the kiosk's JSON answers. Anonymous: no account, no session."""

from __future__ import annotations

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapor.surveys.models import Rejection, Response

from .conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_respondents(settings):
    settings.RAPOR_SURVEY_MIN_SECONDS = 0  # the minimum fill time has tests of its own


def test_the_form_of_a_service_asks_the_nine_unsur_with_their_labels_in_indonesian(
    client, hall, settings
):
    response = client.get(reverse("surveys:service_form", args=[hall.ktp.token]))
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert "Perekaman KTP-el" in html and "Gerai Disdukcapil" in html
    for n in range(1, 10):
        assert html.count(f'name="u{n}"') == 4  # four answers each, stored by code
    assert "Sangat sesuai" in html and "Dikelola dengan baik" in html
    assert 'name="website"' in html  # the bot trap, hidden from people
    assert "<script" not in html  # no JavaScript needed on a phone
    assert "http" not in re.sub(r'href="[^"]*"|action="[^"]*"', "", html).split("<main>")[1]
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # no session
    assert "skm_perangkat" in response.cookies  # a device cookie for the rate limit


def test_the_form_is_in_english_when_asked(client, hall):
    html = client.get(reverse("surveys:service_form", args=[hall.ktp.token]) + "?lang=en")
    text = html.content.decode()
    assert '<html lang="en">' in text and "Citizen Satisfaction Survey" in text
    assert "Very appropriate" in text and html["Content-Language"] == "en"


def test_a_counter_qr_offers_its_services_to_choose_from(client, hall):
    html = client.get(reverse("surveys:counter_form", args=[hall.gerai_dukcapil.token]))
    text = html.content.decode()
    assert "Perekaman KTP-el" in text and "Akta kelahiran" in text
    assert "Pengaduan listrik" not in text and 'type="radio" name="layanan"' in text


def test_an_unknown_or_inactive_link_says_so(client, hall):
    assert client.get(reverse("surveys:service_form", args=["nope"])).status_code == 404
    hall.ktp.active = False
    hall.ktp.save()
    response = client.get(reverse("surveys:service_form", args=[hall.ktp.token]))
    assert response.status_code == 404 and "Pindai lagi kode QR" in response.content.decode()


def test_a_submission_is_stored_once_with_its_answers_by_code(client, hall):
    data = form_data(hall.ktp, u3="", u9="2", umur="31-40", jk="P", saran="Antrean panjang")
    response = client.post(reverse("surveys:submit"), data)
    assert response.status_code == 302 and reverse("surveys:thanks") in response["Location"]
    stored = Response.objects.get()
    assert stored.answers() == {**{f"U{i}": 4 for i in range(1, 10)}, "U3": None, "U9": 2}
    assert (stored.service, stored.counter, stored.agency, stored.mpp) == (
        hall.ktp,
        hall.gerai_dukcapil,
        hall.dukcapil,
        hall.mpp,
    )
    assert (stored.age_group, stored.sex, stored.suggestion) == ("31-40", "P", "Antrean panjang")
    assert stored.channel == "qr" and stored.kiosk is None
    # the same submission again (a double tap, the back button): recognised, not stored twice
    again = client.post(reverse("surveys:submit"), data)
    assert again.status_code == 302 and "ulang=1" in again["Location"]
    assert Response.objects.count() == 1
    assert Rejection.objects.get(reason="duplicate").hits == 1
    thanks = client.get(again["Location"]).content.decode()
    assert "tidak dicatat dua kali" in thanks


def test_the_thank_you_page_leads_back_to_the_form(client, hall):
    form = reverse("surveys:service_form", args=[hall.ktp.token])
    response = client.post(reverse("surveys:submit"), form_data(hall.ktp, asal=form), follow=True)
    assert "Terima kasih" in response.content.decode()
    assert f'href="{form}?lang=id"' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("u4", "5", "Pilih salah satu jawaban."),
        ("layanan", "999999", "Pilih layanan yang Anda terima."),
        ("umur", "99", "Pilih dari daftar."),
        ("saran", "x" * 1001, "Saran paling banyak 1000 karakter (sekarang 1001)."),
        ("kontak", "0" * 121, "Kontak paling banyak 120 karakter."),
    ],
)
def test_bad_input_is_named_in_the_form_shown_again_and_nothing_is_stored(
    client, hall, field, value, message
):
    response = client.post(reverse("surveys:submit"), form_data(hall.ktp, **{field: value}))
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert 'value="4" checked' in html  # the answers given are kept
    assert not Response.objects.exists()
    assert Rejection.objects.get(reason="invalid").hits == 1


def test_a_form_with_no_answer_at_all_asks_for_one(client, hall):
    data = form_data(hall.ktp, **{f"u{i}": "" for i in range(1, 10)})
    response = client.post(reverse("surveys:submit"), data)
    assert response.status_code == 400
    assert "Jawab setidaknya satu pertanyaan." in response.content.decode()


def test_a_tampered_ticket_is_refused_and_counted_without_an_mpp(client, hall):
    data = form_data(hall.ktp)
    data["t"] = data["t"][:-3] + "abc"
    response = client.post(reverse("surveys:submit"), data)
    assert response.status_code == 400 and "Pindai lagi kode QR" in response.content.decode()
    assert Rejection.objects.get().mpp_key == 0 and not Response.objects.exists()


def test_the_kiosk_is_answered_in_json_and_a_replay_is_not_stored_twice(client, hall):
    data = form_data(hall.ktp, kiosk=hall.kiosk, elapsed="20000")
    first = client.post(reverse("surveys:submit"), data, HTTP_ACCEPT="application/json")
    assert first.status_code == 201 and first.json()["status"] == "accepted"
    replay = client.post(reverse("surveys:submit"), data, HTTP_ACCEPT="application/json")
    assert replay.status_code == 200 and replay.json()["status"] == "duplicate"
    bad = client.post(
        reverse("surveys:submit"),
        {**data, "id": "x", "u1": "7"},
        HTTP_ACCEPT="application/json",
    )
    assert bad.status_code == 400 and bad.json()["errors"]["u1"]
    stored = Response.objects.get()
    assert stored.channel == "kiosk" and stored.kiosk == hall.kiosk


def test_the_kiosk_page_carries_its_script_and_its_services(client, hall):
    html = client.get(reverse("surveys:kiosk_form", args=[hall.kiosk.token])).content.decode()
    assert 'src="/static/surveys/kiosk.js"' in html and f'data-kiosk="{hall.kiosk.pk}"' in html
    for service in (hall.ktp, hall.akta, hall.listrik):
        assert service.name in html
    assert "<script>" not in html  # no inline script


def test_a_submission_costs_two_statements(client, hall):
    client.post(reverse("surveys:submit"), form_data(hall.ktp))  # the first may tidy buckets
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("surveys:submit"), form_data(hall.ktp))
    assert response.status_code == 302
    statements = [q["sql"].split()[0].upper() for q in queries]
    assert statements == ["INSERT", "INSERT"]  # the rate-limit upsert and the response


def test_the_form_ticket_carries_its_issue_time_so_an_old_form_is_refused(client, hall, settings):
    data = form_data(hall.ktp, issued=time.time() - 3 * 86400)
    response = client.post(reverse("surveys:submit"), data)
    html = response.content.decode()
    assert response.status_code == 400 and "terlalu lama dibuka" in html
    assert data["t"] not in html  # a fresh ticket to try again with
    assert Rejection.objects.get().reason == "expired"


def test_a_service_form_shows_the_service_standard_folded(client, hall):
    hall.ktp.requirements, hall.ktp.duration, hall.ktp.cost = (
        "Kartu keluarga",
        "1 hari kerja",
        "Gratis",
    )
    hall.ktp.save()
    html = client.get(reverse("surveys:service_form", args=[hall.ktp.token])).content.decode()
    standard = html.split('<details class="standard">')[1].split("</details>")[0]
    assert "Standar pelayanan" in standard and "1 hari kerja" in standard
    assert "Kartu keluarga" in standard and "Gratis" in standard


def test_a_kiosk_without_javascript_returns_to_its_form_by_itself(client, hall):
    kiosk = reverse("surveys:kiosk_form", args=[hall.kiosk.token])
    # no script: no "elapsed"; the page was opened 30 s ago (the no-JS kiosk reloads per person)
    data = form_data(hall.ktp, kiosk=hall.kiosk, asal=kiosk, issued=time.time() - 30)
    thanks = client.post(reverse("surveys:submit"), data, follow=True).content.decode()
    assert f'<meta http-equiv="refresh" content="5;url={kiosk}?lang=id">' in thanks
    assert "Responden berikutnya" in thanks
