"""The accounts tests use the web tests' cast (tests/web/conftest.py) and sign in through the
real login page (never force_login where signing in is what is tested)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

from tests.web.conftest import Cast, as_user, cast, cycle, framework  # noqa: F401 - fixtures

PASSWORD = "Kata-sandi-yang-kuat-2024"


class CountingHasher(MD5PasswordHasher):
    """A real (fast) hasher that counts how often a password is checked or hashed."""

    algorithm = "counting_md5"
    calls = 0

    def encode(self, password: str, salt: str) -> str:
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting(settings: Any) -> type[CountingHasher]:
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


def with_password(user: Any, password: str = PASSWORD) -> Any:
    user.set_password(password)
    user.email = f"{user.username}@contoh.go.id"
    user.save()
    return user


def sign_in(
    client: Client, username: str, password: str = PASSWORD, address: str = "127.0.0.1"
) -> Any:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client: Client) -> bool:
    return client.get(reverse("assessments:home")).status_code == 200


@pytest.fixture
def people(cast: Cast) -> Cast:  # noqa: F811 - the cast, with real passwords and e-mail
    for user in (cast.coordinator, cast.opd_member, cast.pimpinan, cast.admin):
        with_password(user)
    return cast
