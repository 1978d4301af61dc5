"""Changing a password, and resetting a forgotten one by e-mail; Argon2 for new hashes."""

from __future__ import annotations

import importlib
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD, sign_in, signed_in

NEW = "Sandi-baru-yang-lebih-panjang-99"


def test_a_user_changes_the_password_and_stays_signed_in(client, people):
    sign_in(client, "dukcapil")
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and "Ganti kata sandi" in page.content.decode()
    wrong = client.post(
        reverse("accounts:password_change"),
        {"old_password": "keliru", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200 and "invalid-feedback" in wrong.content.decode()
    done = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Kata sandi sudah diganti." in done.content.decode()
    assert signed_in(client)
    people.opd_member.refresh_from_db()
    assert people.opd_member.check_password(NEW)


@pytest.mark.parametrize("weak", ["123456789012345", "pendek-11ch", "password1234"])
def test_a_weak_new_password_is_refused_with_the_reason(client, people, weak):
    sign_in(client, "dukcapil")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "invalid-feedback" in html
    people.opd_member.refresh_from_db()
    assert people.opd_member.check_password(PASSWORD)


def test_a_forgotten_password_is_reset_through_a_link_sent_by_e_mail(client, people):
    response = client.post(reverse("accounts:password_reset"), {"email": "dukcapil@contoh.go.id"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Kata sandi baru untuk Rapor"
    assert message.to == ["dukcapil@contoh.go.id"] and "Halo dukcapil" in message.body
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Kata sandi baru" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "Kata sandi baru sudah disimpan. Silakan masuk." in done.content.decode()
    assert sign_in(client, "dukcapil", NEW).status_code == 302
    # the link worked once
    again = client.get(link, follow=True)
    assert "Tautan ini tidak berlaku lagi" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, people):
    response = client.post(reverse("accounts:password_reset"), {"email": "siapa@contoh.go.id"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_reset_lifts_the_lockout_of_that_user_name(client, people):
    for n in range(5):
        sign_in(client, "dukcapil", f"salah-{n}")
    assert sign_in(client, "dukcapil").status_code == 429
    client.post(reverse("accounts:password_reset"), {"email": "dukcapil@contoh.go.id"})
    link = re.search(r"http://testserver(/akun/atur-ulang/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert sign_in(client, "dukcapil", NEW).status_code == 302


def test_passwords_are_hashed_with_argon2_and_older_hashes_upgraded_at_sign_in(
    client, people, settings
):
    settings.PASSWORD_HASHERS = importlib.import_module("rapor.web.settings").PASSWORD_HASHERS
    assert make_password("x").startswith("argon2$")
    user = people.opd_member
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert sign_in(client, "dukcapil").status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
