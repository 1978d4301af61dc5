"""Login throttling: a locked-out user name or address is refused before any password is
hashed, with a clear message saying when to try again."""

from __future__ import annotations

import datetime as dt
import re

from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client
from django.utils import timezone

from rapor.web.clients import client_address

from .conftest import PASSWORD, sign_in, signed_in, with_password


def test_thirty_wrong_passwords_then_the_right_one_do_not_sign_in_and_cost_no_hashing(
    client, cast, counting
):
    with_password(cast.coordinator)
    counting.calls = 0
    replies = [sign_in(client, "koordinator", f"salah-{n}") for n in range(30)]
    right = sign_in(client, "koordinator", PASSWORD)
    assert [r.status_code for r in replies[:4]] == [200] * 4  # "wrong password", try again
    assert {r.status_code for r in replies[5:]} == {429} and right.status_code == 429
    assert not signed_in(client)
    # only the five tries before the lock-out were checked against the stored hash
    assert counting.calls == 5
    html = right.content.decode()
    assert re.search(r"Coba lagi pukul \d\d\.\d\d \(sekitar 15 menit lagi\)", html)
    # tries while locked out are not counted: the time shown stays the time of the fifth failure
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_the_lockout_message_is_in_the_users_language(client, cast, counting):
    with_password(cast.coordinator)
    client.cookies["django_language"] = "en"
    for n in range(5):
        sign_in(client, "koordinator", f"salah-{n}")
    html = sign_in(client, "koordinator", PASSWORD).content.decode()
    assert "Too many failed sign-in attempts. Try again at" in html and "15 minutes" in html


def test_one_address_trying_many_names_is_locked_out_but_others_are_not(client, cast, counting):
    with_password(cast.coordinator)
    for n in range(30):
        sign_in(client, f"tebakan{n}", "salah")
    assert sign_in(client, "koordinator", PASSWORD).status_code == 429
    elsewhere = Client()
    assert sign_in(elsewhere, "koordinator", PASSWORD, address="10.1.2.3").status_code == 302
    assert signed_in(elsewhere)


def test_a_few_typos_in_an_office_behind_one_address_lock_no_one_else_out(client, cast, counting):
    with_password(cast.coordinator)
    for n in range(4):  # four people mistype once each
        sign_in(client, f"pegawai{n}", "salah")
    assert sign_in(client, "koordinator", PASSWORD).status_code == 302


def test_sign_in_works_again_after_the_cool_off(client, cast, counting):
    with_password(cast.coordinator)
    for n in range(6):
        sign_in(client, "koordinator", f"salah-{n}")
    assert sign_in(client, "koordinator", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=16))
    assert sign_in(client, "koordinator", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()  # a success clears the record


def test_behind_the_proxy_the_forwarded_address_counts(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    settings.RAPOR_TRUSTED_PROXIES = 0
    assert client_address(request) == "127.0.0.1"  # a client cannot choose its own address
    settings.RAPOR_TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.9"
    spoofed = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    assert client_address(spoofed) == "203.0.113.9"  # the proxy's own entry is the last


def test_the_lockout_ends_at_the_time_shown(client, cast, counting):
    with_password(cast.coordinator)
    for n in range(5):
        sign_in(client, "koordinator", f"salah-{n}")
    html = sign_in(client, "koordinator", PASSWORD).content.decode()
    shown = re.search(r"pukul (\d\d)\.(\d\d)", html).groups()
    last = AccessAttempt.objects.get().attempt_time + dt.timedelta(minutes=15)
    local = timezone.localtime(last)
    assert shown == (f"{local.hour:02d}", f"{local.minute:02d}")
