"""The optional second factor for Admin and Tim RB: enrol with a QR code and the key, sign in
with a code from the app (computed here as an authenticator app does, RFC 6238) or a recovery
code, turn it off, and an admin's reset."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import PASSWORD, sign_in, signed_in


def totp(secret: str, at: float | None = None, step: int = 30) -> str:
    """What an authenticator app shows for a base32 key (RFC 6238: HMAC-SHA1, 6 digits)."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def seconds_pass(seconds: int) -> None:
    """A wrong code slows the next try down (django-otp: one second, doubling); let it pass."""
    TOTPDevice.objects.exclude(throttling_failure_timestamp=None).update(
        throttling_failure_timestamp=F("throttling_failure_timestamp")
        - dt.timedelta(seconds=seconds)
    )


def enrol(client: Client) -> tuple[str, list[str]]:
    """Turn the second factor on through the pages; return the key and the recovery codes."""
    start = client.post(reverse("accounts:two_factor"))
    html = start.content.decode()
    assert "<svg" in html and 'class="segno"' in html  # the QR code, inline
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', html).group(1)
    done = client.post(reverse("accounts:two_factor"), {"step": "confirm", "code": totp(secret)})
    codes = re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", done.content.decode())
    assert len(codes) == 10
    return secret, codes


def test_a_tim_rb_member_enrols_and_then_signs_in_with_a_code_from_the_app(people):
    client = Client()
    sign_in(client, "koordinator")
    account = client.get(reverse("accounts:account")).content.decode()
    assert "Aktifkan verifikasi dua langkah" in account
    secret, _codes = enrol(client)
    assert TOTPDevice.objects.get(user=people.coordinator).confirmed
    assert signed_in(client)  # the session that enrolled stays signed in

    fresh = Client()
    step = sign_in(fresh, "koordinator")
    assert step["Location"] == reverse("accounts:login_code")
    assert not signed_in(fresh)  # the password alone does not sign in
    wrong = fresh.post(reverse("accounts:login_code"), {"code": "000000"})
    assert "Kode salah atau sudah dipakai" in wrong.content.decode() and not signed_in(fresh)
    seconds_pass(2)
    # the code of the next time step: the one enrolment used may not be used again
    code = totp(secret, time.time() + 30)
    done = fresh.post(reverse("accounts:login_code"), {"code": code})
    assert done.status_code == 302 and signed_in(fresh)

    again = Client()
    sign_in(again, "koordinator")
    reused = again.post(reverse("accounts:login_code"), {"code": code})
    assert "Kode salah atau sudah dipakai" in reused.content.decode() and not signed_in(again)


def test_a_recovery_code_signs_in_once(people):
    client = Client()
    sign_in(client, "koordinator")
    _secret, codes = enrol(client)
    first = Client()
    sign_in(first, "koordinator")
    done = first.post(reverse("accounts:login_code"), {"code": codes[0].upper()}, follow=True)
    assert signed_in(first) and "Sisa kode pemulihan: 9" in done.content.decode()
    second = Client()
    sign_in(second, "koordinator")
    second.post(reverse("accounts:login_code"), {"code": codes[0]})
    assert not signed_in(second)


def test_five_wrong_codes_send_the_user_back_to_the_password(people):
    client = Client()
    sign_in(client, "koordinator")
    enrol(client)
    fresh = Client()
    sign_in(fresh, "koordinator")
    for _ in range(4):
        fresh.post(reverse("accounts:login_code"), {"code": "111111"})
    last = fresh.post(reverse("accounts:login_code"), {"code": "111111"})
    assert last["Location"] == reverse("login")
    assert fresh.get(reverse("accounts:login_code"))["Location"] == reverse("login")


def test_the_code_step_expires_after_five_minutes(people):
    client = Client()
    sign_in(client, "koordinator")
    secret, _ = enrol(client)
    fresh = Client()
    sign_in(fresh, "koordinator")
    session = fresh.session
    session["rapor_second_factor"]["at"] -= 301
    session.save()
    late = fresh.post(reverse("accounts:login_code"), {"code": totp(secret, time.time() + 30)})
    assert late["Location"] == reverse("login") and not signed_in(fresh)


def test_only_admin_and_tim_rb_are_offered_the_second_factor(people):
    client = Client()
    sign_in(client, "walikota")
    assert client.get(reverse("accounts:two_factor")).status_code == 403
    assert client.post(reverse("accounts:two_factor")).status_code == 403
    assert not TOTPDevice.objects.exists()
    assert "verifikasi dua langkah" not in client.get(reverse("accounts:account")).content.decode()
    admin = Client()
    sign_in(admin, "admin")
    assert admin.get(reverse("accounts:two_factor")).status_code == 200


def test_turning_it_off_needs_the_password(people):
    client = Client()
    sign_in(client, "koordinator")
    enrol(client)
    wrong = client.post(reverse("accounts:two_factor_disable"), {"password": "keliru"})
    assert "Kata sandi salah." in wrong.content.decode() and TOTPDevice.objects.exists()
    client.post(reverse("accounts:two_factor_disable"), {"password": PASSWORD})
    assert not TOTPDevice.objects.exists()
    fresh = Client()
    assert sign_in(fresh, "koordinator")["Location"] == "/"


def test_an_admin_resets_a_user_who_lost_phone_and_codes(people):
    client = Client()
    sign_in(client, "koordinator")
    enrol(client)
    call_command("two_factor_reset", "koordinator")
    assert sign_in(Client(), "koordinator")["Location"] == "/"
    with pytest.raises(CommandError, match="no user named"):
        call_command("two_factor_reset", "tidak-ada")


def test_a_session_opened_before_enrolment_is_ended_within_a_minute(people):
    earlier = Client()
    sign_in(earlier, "koordinator")
    client = Client()
    sign_in(client, "koordinator")
    enrol(client)
    assert signed_in(earlier)  # until the next once-a-minute check
    session = earlier.session
    session["rapor_seen"] -= 61
    session.save()
    assert earlier.get(reverse("assessments:home")).status_code == 302
    assert not signed_in(earlier) and signed_in(client)
