"""The installation's configuration, as the ``rapor`` command sees it in a fresh process: the
documented production environment passes ``check --deploy``; debug is off unless asked for;
``rapor serve`` refuses what cannot hold; ``rapor demo`` refuses a production configuration."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from pathlib import Path

from .conftest import production_env, rapor

SHOW = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'debug': s.DEBUG, 'tasks': s.TASKS['default']['BACKEND'], 'hsts': s.SECURE_HSTS_SECONDS,"
    "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'secure_cookies': s.SESSION_COOKIE_SECURE,"
    "'proxy': s.SECURE_PROXY_SSL_HEADER, 'hasher': s.PASSWORD_HASHERS[0],"
    "'storage': s.STORAGES['default']['BACKEND'], 'static': s.STORAGES['staticfiles']['BACKEND'],"
    "'demo': s.RAPOR_DEMO, 'sqlite': s.DATABASES['default']['OPTIONS'],"
    "'smtp_tls': s.EMAIL_USE_TLS, 'smtp_port': s.EMAIL_PORT}))"
)


def settings_of(env: dict[str, str]) -> dict:
    done = rapor("manage", "shell", "-c", SHOW, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def developer_env(var: Path) -> dict[str, str]:
    """Nothing set but where the data lives: a developer's or a demo machine."""
    env = production_env(var)
    for name in ("RAPOR_SECRET_KEY", "RAPOR_HTTPS", "RAPOR_TRUSTED_PROXIES", "RAPOR_ALLOWED_HOSTS"):
        env.pop(name)
    return env


def test_the_documented_production_environment_passes_check_deploy(tmp_path):
    env = production_env(tmp_path, DATABASE_URL="postgres://rapor@db.internal:5432/rapor")
    done = rapor("manage", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    shown = settings_of(env)
    assert shown["debug"] is False and shown["ssl_redirect"] and shown["secure_cookies"]
    assert shown["hsts"] == 31536000
    assert shown["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_a_machine_with_nothing_set_runs_with_debug_off_production_backends_and_a_local_key(
    tmp_path,
):
    env = developer_env(tmp_path)
    shown = settings_of(env)
    assert shown["debug"] is False and shown["demo"] is False
    assert shown["tasks"] == "django_tasks_db.DatabaseBackend"
    assert shown["hasher"] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert shown["static"] == "rapor.web.staticfiles.StaticStorage"
    assert shown["storage"] == "django.core.files.storage.FileSystemStorage"
    assert shown["sqlite"]["transaction_mode"] == "IMMEDIATE" and shown["sqlite"]["timeout"] > 5
    # nothing secure is pretended without HTTPS: no redirect, no HSTS, no proxy header trusted
    assert not shown["ssl_redirect"] and shown["hsts"] == 0 and shown["proxy"] is None
    key = tmp_path / "secret-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_text()) >= 50
    first = key.read_text()
    settings_of(env)
    assert key.read_text() == first  # kept: sessions survive a restart


def test_debug_is_on_only_when_a_developer_asks_for_it(tmp_path):
    assert settings_of(developer_env(tmp_path) | {"RAPOR_DEBUG": "1"})["debug"] is True


def test_every_number_and_switch_is_read_by_the_same_rules(tmp_path):
    env = developer_env(tmp_path)
    assert settings_of(env)["smtp_tls"] is True  # on unless turned off
    shown = settings_of(env | {"RAPOR_SMTP_TLS": "true", "RAPOR_SMTP_PORT": " 465 "})
    assert shown["smtp_tls"] is True and shown["smtp_port"] == 465
    assert settings_of(env | {"RAPOR_SMTP_TLS": "off"})["smtp_tls"] is False
    done = rapor("manage", "check", env=env | {"RAPOR_EVIDENCE_MAX_BYTES": "20MB"})
    assert done.returncode != 0
    assert "RAPOR_EVIDENCE_MAX_BYTES must be a whole number, not '20MB'" in done.stderr


def test_sqlite_runs_in_write_ahead_mode(template_installation, tmp_path):
    copy = shutil.copy(template_installation / "rapor.sqlite3", tmp_path)  # never open the template
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_serve_refuses_debug_too_many_sqlite_workers_and_an_unmigrated_database(tmp_path):
    env = production_env(tmp_path)
    debug = rapor("serve", "--no-collectstatic", env=env | {"RAPOR_DEBUG": "1"})
    assert debug.returncode == 2 and "debug off" in debug.stderr
    crowd = rapor("serve", "--workers", "9", "--no-collectstatic", env=env)
    assert crowd.returncode == 2 and "SQLite holds at most 4 workers" in crowd.stderr
    unmigrated = rapor("serve", "--workers", "1", "--no-collectstatic", env=env)
    assert unmigrated.returncode == 2 and "rapor manage migrate" in unmigrated.stderr
    assert "Traceback" not in debug.stderr + crowd.stderr + unmigrated.stderr


def test_demo_refuses_a_production_configuration_and_creates_nothing(tmp_path):
    with_key = production_env(tmp_path)
    with_database = developer_env(tmp_path) | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    }
    for env, named in ((with_key, "RAPOR_SECRET_KEY"), (with_database, "DATABASE_URL")):
        done = rapor("demo", "--no-serve", env=env)
        assert done.returncode == 2 and "refusing to create demo logins" in done.stderr
        assert named in done.stderr and "RAPOR_DEMO=1" in done.stderr
    assert not list(tmp_path.glob("*.sqlite3"))
