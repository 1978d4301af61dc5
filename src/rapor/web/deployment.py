"""How the environment of one installation becomes settings: the database, file storage and the
secret key. ``settings.py`` reads these; ``docs/deploy.md`` documents every variable.

Everything here runs at settings import, before Django is set up: plain Python, no Django model.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# SQLite has one write lock for the whole file: more processes only queue for it. 4 workers (with
# 4 threads each) is what bench/load.py measured holding 50 people without an error
# (docs/benchmarks.md); `rapor serve` refuses more on SQLite (a decision: PostgreSQL beyond).
SQLITE_MAX_WORKERS = 4
# How long a connection waits for another's write lock before "database is locked" (seconds).
SQLITE_BUSY_TIMEOUT = 20


def flag(name: str, default: bool = False) -> bool:
    """An on/off variable: 1/true/yes/on is on, 0/false/no/off/empty is off."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def secret_key(var_dir: Path) -> str:
    """``RAPOR_SECRET_KEY``, or a key made once for this machine and kept in ``var/secret-key``.

    A demo or a developer's machine needs no key set by hand; a production installation sets its
    own (the same on every application server), and that is what tells ``rapor demo`` apart from
    production (docs/deploy.md, "Demo safety").
    """
    key = os.environ.get("RAPOR_SECRET_KEY", "")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("RAPOR_SECRET_KEY must be at least 50 characters long.")
        return key
    path = var_dir / "secret-key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        var_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # O_EXCL: of two processes starting at once, one writes and the other reads its key
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text(encoding="ascii").strip()
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key)
        return key


def ensure_directory(path: Path) -> None:
    """Make ``path`` if it is missing (a read-only installation has made it at deployment)."""
    if not path.is_dir():
        with contextlib.suppress(OSError):
            path.mkdir(parents=True, exist_ok=True)


def default_database_url(var_dir: Path) -> str:
    return f"sqlite:///{var_dir / 'rapor.sqlite3'}"


def database(var_dir: Path) -> dict[str, Any]:
    """``DATABASE_URL`` (PostgreSQL in production) or the SQLite file under ``var/``.

    SQLite is set up for a single server under office load: write-ahead logging (readers never
    wait for the writer), ``BEGIN IMMEDIATE`` for every transaction (a transaction that will
    write takes the lock when it starts, so two never deadlock upgrading a read lock, which
    SQLite answers with an immediate "database is locked" whatever the timeout), and a busy
    timeout (a writer waits its turn instead of failing).
    """
    if "DATABASE_URL" not in os.environ:
        var_dir.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any] = dj_database_url.config(
        default=default_database_url(var_dir), conn_max_age=60
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_TIMEOUT,
                # WAL is a property of the file; setting it on each connection is a no-op after the
                # first. synchronous stays FULL: a commit survives a power cut.
                "init_command": "PRAGMA journal_mode=WAL",
            }
        )
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


def uses_sqlite(database_config: dict[str, Any]) -> bool:
    return bool(database_config["ENGINE"] == "django.db.backends.sqlite3")


def storages() -> dict[str, Any]:
    """Evidence files on the filesystem (``MEDIA_ROOT``) or, with ``RAPOR_STORAGE=s3``, in a
    bucket of any S3-compatible store; static files compressed, with hashed names."""
    kind = os.environ.get("RAPOR_STORAGE", "filesystem")
    if kind == "filesystem":
        # no location: FileSystemStorage follows MEDIA_ROOT
        default: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    elif kind == "s3":
        bucket = os.environ.get("RAPOR_S3_BUCKET", "")
        if not bucket:
            raise ImproperlyConfigured("RAPOR_STORAGE=s3 needs RAPOR_S3_BUCKET.")
        options = {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("RAPOR_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("RAPOR_S3_REGION") or None,
            "access_key": os.environ.get("RAPOR_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("RAPOR_S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("RAPOR_S3_PREFIX", ""),
            # Files are only ever served through Rapor's own views (after the access check),
            # never by a public or signed bucket address; names are content hashes.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        }
        default = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {k: v for k, v in options.items() if v is not None},
        }
    else:
        raise ImproperlyConfigured(f"RAPOR_STORAGE must be filesystem or s3, not {kind!r}.")
    return {
        "default": default,
        "staticfiles": {"BACKEND": "rapor.web.staticfiles.StaticStorage"},
    }
