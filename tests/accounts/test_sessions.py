"""Sessions end when idle and a fixed time after sign-in; "last seen" is written at most once a
minute."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.urls import reverse

from rapor.accounts.middleware import SEEN, STARTED

from .conftest import sign_in


def shift(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = now - ago
    session.save()


def test_a_session_idle_for_more_than_an_hour_ends_with_a_message(client, people):
    assert sign_in(client, "koordinator").status_code == 302
    shift(client, seen=61 * 60)
    response = client.get(reverse("assessments:my_work"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?" + urlencode(
        {"next": reverse("assessments:my_work")}
    )
    html = client.get(response["Location"]).content.decode()
    assert "Sesi Anda sudah berakhir. Silakan masuk lagi." in html
    assert client.get(reverse("assessments:home")).status_code == 302


def test_a_busy_session_still_ends_twelve_hours_after_sign_in(client, people):
    sign_in(client, "koordinator")
    shift(client, started=12 * 3600 + 1, seen=5)
    assert client.get(reverse("assessments:home")).status_code == 302


def test_an_htmx_request_of_an_ended_session_moves_the_whole_page_to_the_login(client, people):
    sign_in(client, "koordinator")
    shift(client, seen=2 * 3600)
    response = client.post(reverse("assessments:home"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == reverse("login")


def test_last_seen_is_written_once_a_minute_and_renews_the_cookie(client, people):
    sign_in(client, "koordinator")
    before = client.session[SEEN]
    client.get(reverse("assessments:home"))
    assert client.session[SEEN] == before  # not written on every request
    shift(client, seen=120)
    response = client.get(reverse("assessments:home"))
    assert response.status_code == 200
    assert abs(client.session[SEEN] - time.time()) < 5
    assert response.cookies["sessionid"]["max-age"] == 3600  # the idle limit, renewed
