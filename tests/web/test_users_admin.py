"""Pengguna: the admin creates, changes and deactivates users, resets passwords, adds and removes
memberships; every change is recorded; only the admin may; the last admin is never locked out."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from rapor.orgs.models import AccountEvent, Membership
from tests.accounts.conftest import sign_in, signed_in


def can_sign_in(username: str, password: str) -> bool:
    """Through the real login page (the lock-out backend needs the request)."""
    client = Client()
    sign_in(client, username, password)
    return signed_in(client)


pytestmark = pytest.mark.django_db


def events(kind):
    return list(AccountEvent.objects.filter(kind=kind))


def test_the_admin_creates_a_user_who_can_then_sign_in(as_user, cast):
    client = as_user(cast.admin)
    data = {
        "username": "bappeda",
        "first_name": "Rudi",
        "last_name": "Hartono",
        "email": "rudi@example.org",
        "password": "Laporan-kinerja-2031",
    }
    response = client.post(reverse("orgs:users"), data)
    user = get_user_model().objects.get(username="bappeda")
    assert response["Location"] == reverse("orgs:user", args=[user.pk])
    assert events("user_created")[0].after["email"] == "rudi@example.org"
    assert "password" not in str(events("user_created")[0].after)
    assert can_sign_in("bappeda", "Laporan-kinerja-2031")


def test_a_bad_new_user_keeps_what_was_typed_and_says_why(as_user, cast):
    client = as_user(cast.admin)
    response = client.post(
        reverse("orgs:users"),
        {"username": "koordinator", "first_name": "X", "password": "Panjang-sekali-99"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Nama pengguna koordinator sudah dipakai." in html
    response = client.post(
        reverse("orgs:users"), {"username": "baru", "first_name": "Baru", "password": "123"}
    )
    html = response.content.decode()
    assert response.status_code == 400 and 'value="baru"' in html and "terlalu pendek" in html
    assert not get_user_model().objects.filter(username="baru").exists()


def test_memberships_are_added_with_a_role_fitting_the_organisation_and_removed(as_user, cast):
    client = as_user(cast.admin)
    url = reverse("orgs:user_membership_add", args=[cast.opd_member.pk])
    response = client.post(url, {"organisation": cast.kota.pk, "role": "tim_opd"})
    assert response.status_code == 400
    assert "Peran Tim OPD tidak dapat berada di Kota Contoh (Kota)." in response.content.decode()
    assert (
        client.post(
            url, {"organisation": cast.dinkes.pk, "role": "tim_opd", "position": "Staf"}
        ).status_code
        == 302
    )
    m = Membership.objects.get(user=cast.opd_member, organisation=cast.dinkes)
    assert events("member_added")[0].after == {
        "organisation": cast.dinkes.pk,
        "organisation_name": "Dinas Kesehatan",
        "role": "tim_opd",
        "position": "Staf",
    }
    client.post(reverse("orgs:membership_delete", args=[m.pk]))
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert events("member_removed")[0].before["role"] == "tim_opd"


def test_a_deactivated_user_cannot_sign_in_and_comes_back_when_activated(as_user, cast):
    cast.opd_member.set_password("Rahasia-dinas-2031")
    cast.opd_member.save()
    client = as_user(cast.admin)
    client.post(reverse("orgs:user_active", args=[cast.opd_member.pk]), {"active": "0"})
    assert not can_sign_in("dukcapil", "Rahasia-dinas-2031")
    client.post(reverse("orgs:user_active", args=[cast.opd_member.pk]), {"active": "1"})
    assert can_sign_in("dukcapil", "Rahasia-dinas-2031")
    assert [e.kind for e in AccountEvent.objects.order_by("pk")] == ["user_off", "user_on"]


def test_a_password_is_reset_and_the_old_one_stops_working(as_user, cast):
    cast.pimpinan.set_password("Sandi-lama-walikota-2031")
    cast.pimpinan.save()
    client = as_user(cast.admin)
    url = reverse("orgs:user_password", args=[cast.pimpinan.pk])
    response = client.post(
        url, {"password": "Sandi-baru-walikota-2031", "again": "Sandi-beda-walikota-2031"}
    )
    assert (
        response.status_code == 400 and "Kedua kata sandi tidak sama." in response.content.decode()
    )
    client.post(url, {"password": "Sandi-baru-walikota-2031", "again": "Sandi-baru-walikota-2031"})
    assert not can_sign_in("walikota", "Sandi-lama-walikota-2031")
    assert can_sign_in("walikota", "Sandi-baru-walikota-2031")
    assert events("password_reset")[0].actor == cast.admin


def test_the_last_admin_is_never_locked_out(as_user, cast):
    client = as_user(cast.admin)
    response = client.post(
        reverse("orgs:user_active", args=[cast.admin.pk]), {"active": "0"}, follow=True
    )
    assert "akun Anda sendiri" in response.content.decode()
    m = Membership.objects.get(user=cast.admin, role="admin")
    response = client.post(reverse("orgs:membership_delete", args=[m.pk]), follow=True)
    assert "admin aktif terakhir" in response.content.decode()
    assert Membership.objects.filter(pk=m.pk).exists() and not AccountEvent.objects.exists()


def test_names_and_email_are_changed_and_recorded(as_user, cast):
    client = as_user(cast.admin)
    client.post(
        reverse("orgs:user", args=[cast.inspector.pk]),
        {"first_name": "Siti", "last_name": "Rahma", "email": "siti@example.org"},
    )
    cast.inspector.refresh_from_db()
    assert (cast.inspector.get_full_name(), cast.inspector.email) == (
        "Siti Rahma",
        "siti@example.org",
    )
    e = events("user_changed")[0]
    assert e.before["first_name"] == "Inspektur" and e.after["first_name"] == "Siti"
    page = client.get(reverse("orgs:user", args=[cast.inspector.pk])).content.decode()
    assert "pengguna diubah" in page


def test_the_user_list_is_searched_by_name_login_or_organisation(as_user, cast):
    client = as_user(cast.admin)
    html = client.get(reverse("orgs:users") + "?cari=Dinas Kesehatan").content.decode()
    assert 'data-username="dinkes"' in html and 'data-username="dukcapil"' not in html


def test_a_long_user_list_says_how_many_it_leaves_out(as_user, cast, monkeypatch):
    from rapor.orgs.pages import users

    client = as_user(cast.admin)
    assert 'id="users-more"' not in client.get(reverse("orgs:users")).content.decode()
    monkeypatch.setattr(users, "SHOWN", 3)
    html = client.get(reverse("orgs:users")).content.decode()
    total = get_user_model().objects.count()
    assert html.count('class="user-row') == 3
    assert f"3 pertama dari {total} ditampilkan" in html


def test_only_the_admin_manages_users(as_user, cast):
    for who in (cast.coordinator, cast.pimpinan, cast.opd_member):
        client = as_user(who)
        assert client.get(reverse("orgs:users")).status_code == 403
        assert (
            client.post(
                reverse("orgs:user_active", args=[cast.opd_member.pk]), {"active": "0"}
            ).status_code
            == 403
        )
    cast.opd_member.refresh_from_db()
    assert cast.opd_member.is_active and not AccountEvent.objects.exists()
