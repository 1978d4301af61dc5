"""Shared fixtures. The web tests' named cast lives in tests/web/conftest.py; the engine, LKE and
framework tests are pure Python and need none of it."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """For database tests: a quick password hasher and a throwaway media folder."""
    if "django_db_setup" not in request.fixturenames and "db" not in request.fixturenames:
        return
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
