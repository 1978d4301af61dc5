"""The rules that turn the environment into settings, and the demo's refusal rule, as tables."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from rapor.demo.safety import demo_refusal, real_data_refusal
from rapor.web import deployment


@pytest.mark.parametrize(
    ("value", "on"),
    [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False), ("", False)],
)
def test_an_on_off_variable_reads_the_usual_spellings(monkeypatch, value, on):
    monkeypatch.setenv("RAPOR_X", value)
    assert deployment.flag("RAPOR_X") is on


def test_a_misspelt_on_off_or_number_variable_stops_the_start_with_its_name(monkeypatch):
    monkeypatch.setenv("RAPOR_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="RAPOR_DEBUG must be 1 or 0"):
        deployment.flag("RAPOR_DEBUG")
    monkeypatch.setenv("RAPOR_SESSION_IDLE_MINUTES", "an hour")
    with pytest.raises(ImproperlyConfigured, match="RAPOR_SESSION_IDLE_MINUTES must be a whole"):
        deployment.number("RAPOR_SESSION_IDLE_MINUTES", 60)


def test_a_short_secret_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("RAPOR_SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        deployment.secret_key(tmp_path)


def test_s3_storage_needs_its_bucket_and_keeps_files_private(monkeypatch):
    monkeypatch.setenv("RAPOR_STORAGE", "s3")
    with pytest.raises(ImproperlyConfigured, match="RAPOR_S3_BUCKET"):
        deployment.storages()
    monkeypatch.setenv("RAPOR_S3_BUCKET", "bukti")
    default = deployment.storages()["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["default_acl"] == "private"
    assert default["OPTIONS"]["file_overwrite"] is False
    monkeypatch.setenv("RAPOR_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="filesystem or s3"):
        deployment.storages()


# environment → may `rapor demo` create its logins?
DEMO_RULE = [
    ({}, True),  # a fresh machine: `make demo`
    ({"RAPOR_SECRET_KEY": "k" * 50}, False),  # production sets its own key
    ({"DATABASE_URL": "postgres://db/rapor"}, False),  # or its own database
    ({"RAPOR_SECRET_KEY": "k" * 50, "DATABASE_URL": "postgres://db/rapor"}, False),
    ({"RAPOR_DEMO": "1", "RAPOR_SECRET_KEY": "k" * 50, "DATABASE_URL": "postgres://d"}, True),
    ({"RAPOR_DEMO": "0", "DATABASE_URL": "postgres://db/rapor"}, False),
]


@pytest.mark.parametrize(("environ", "allowed"), DEMO_RULE)
def test_the_demo_runs_only_where_the_installation_is_a_demo(environ, allowed):
    assert (demo_refusal(environ) is None) is allowed


def test_the_demo_never_loads_into_a_database_with_real_organisations(cast):
    assert "Provinsi Contoh" in real_data_refusal()


def test_the_demo_loads_into_an_empty_database(db):
    assert real_data_refusal() is None
