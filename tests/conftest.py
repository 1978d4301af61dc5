"""Shared fixtures. The web tests' named cast lives in tests/web/conftest.py; the engine, LKE and
framework tests are pure Python and need none of it."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

# CI must not fail on an example nobody has seen before: there the property tests run a fixed,
# reproducible set of examples (as many as locally); elsewhere they keep exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def pytest_configure(config: pytest.Config) -> None:
    """What differs from production in tests: tasks run at once, in the test's transaction (no
    worker process), and static files are found where they lie (nothing is collected; a live
    server serves them from the apps' folders)."""
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


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


@pytest.fixture(autouse=True)
def _indonesian_by_default() -> None:
    """Every test starts in the product's language: a request with the English cookie leaves
    English active in its thread, and the next test's domain messages would follow it."""
    from django.utils import translation

    translation.activate("id")
