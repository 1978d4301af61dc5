"""Real installations for process tests: a fresh database (a SQLite file, or a new database on
the PostgreSQL server the suite runs against), its own var folder, and the `rapor` command run as
a separate process against them."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

# Prints every table (through the ORM, so SQLite and PostgreSQL values compare alike) and the
# SHA-256 of every file under the media folder, as JSON.
DUMP = """
import hashlib, json, pathlib, django
django.setup()
from django.conf import settings
from rapor.ops.contents import all_models
tables = {m._meta.label_lower: list(m._base_manager.order_by("pk").values()) for m in all_models()}
root = pathlib.Path(settings.MEDIA_ROOT)
files = {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
         for p in sorted(root.rglob("*")) if p.is_file()} if root.exists() else {}
print(json.dumps({"tables": tables, "files": files}, default=str, sort_keys=True))
"""


def on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@contextlib.contextmanager
def installation(tmp_path: Path, name: str) -> Iterator[dict[str, str]]:
    """The environment of a fresh, empty installation (same database kind as the suite)."""
    var = tmp_path / name
    var.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # a demo installation: `rapor demo` refuses a configuration with its own DATABASE_URL unless
    # RAPOR_DEMO says so (docs/deploy.md, "Demo safety")
    env.update(
        RAPOR_VAR_DIR=str(var),
        RAPOR_DEBUG="1",
        RAPOR_DEMO="1",
        DJANGO_SETTINGS_MODULE="rapor.web.settings",
    )
    env.pop("DATABASE_URL", None)
    if not on_postgresql():
        yield env
        return
    import psycopg

    db = settings.DATABASES["default"]
    dbname = f"rapor_{name}_{uuid.uuid4().hex[:8]}"
    params = {
        "host": db["HOST"],
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{dbname}"')
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{params['port']}/{dbname}"
    )
    try:
        yield env
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def rapor(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the `rapor` command as its own process (the timeout only stops a hang)."""
    proc = subprocess.run(
        [sys.executable, "-m", "rapor.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"rapor {' '.join(args)}: {proc.returncode}\n{proc.stderr}")
    return proc


def contents(env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", DUMP], env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def free_port() -> int:
    """A free port on loopback: from RAPOR_TEST_PORTS ("8140-8149") when set, else any."""
    wanted = os.environ.get("RAPOR_TEST_PORTS", "")
    if wanted:
        low, high = (int(x) for x in wanted.split("-"))
        candidates = range(low, high + 1)
    else:
        candidates = range(0, 1)
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(s.getsockname()[1])
    raise RuntimeError(f"no free port in {wanted}")
