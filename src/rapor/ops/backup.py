"""``rapor backup FILE``: the database and the evidence files in one archive (see archive.py).

How this works: every table is read in one transaction (REPEATABLE READ on PostgreSQL, one read
transaction on SQLite), so the rows are one consistent moment even while people work; a stored
evidence file never changes (it is named by its content), so the files the rows name are read
afterwards. Rows are written with Django's serializers at full precision (times keep their
microseconds, which the history's hash chain covers). The archive is written under a temporary
name and renamed when complete: an interrupted backup never looks like a finished one.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

import rapor

from .archive import FORMAT, Writer, db_member, file_member
from .contents import all_models, label, plain_fields, stored_files


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them whole."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    files: int
    missing: list[str]
    size: int


def backup(path: Path) -> BackupSummary:
    """Write the archive to ``path`` (which must not exist yet)."""
    if path.exists():
        raise FileExistsError(f"{path} exists already; give a new file name")
    partial = path.with_name(path.name + ".partial")
    rows = 0
    with tempfile.TemporaryDirectory(prefix="rapor-backup-") as tmp, open(partial, "wb") as out:
        writer = Writer(out)
        tables, migrations = _dump_tables(Path(tmp))
        for table, (dump, count) in tables.items():
            rows += count
            with open(dump, "rb") as f:
                writer.add(db_member(table), f, dump.stat().st_size)
        names = stored_files()
        missing = []
        for name in names:
            if not default_storage.exists(name):
                missing.append(name)
                continue
            with default_storage.open(name, "rb") as f:
                writer.add(file_member(name), f, default_storage.size(name))
        writer.finish(
            {
                "format": FORMAT,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "rapor_version": rapor.__version__,
                "database": connection.vendor,
                "migrations": migrations,
                "tables": {t: count for t, (_d, count) in tables.items()},
                "files": [n for n in names if n not in missing],
                "missing_files": missing,
            }
        )
    os.replace(partial, path)
    return BackupSummary(
        path, len(tables), rows, len(names) - len(missing), missing, path.stat().st_size
    )


def _dump_tables(folder: Path) -> tuple[dict[str, tuple[Path, int]], dict[str, list[str]]]:
    """Every table as a JSON-lines file, read as of one moment; and the applied migrations."""
    out: dict[str, tuple[Path, int]] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as c:
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        migrations: dict[str, list[str]] = {}
        for app, name in (
            MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name")
        ):
            migrations.setdefault(app, []).append(name)
        for model in all_models():
            dump = folder / f"{label(model)}.jsonl"
            qs = model._default_manager.order_by("pk")
            with open(dump, "w", encoding="utf-8") as f:
                serializers.serialize(
                    "jsonl",
                    qs.iterator(chunk_size=2000),
                    stream=f,
                    fields=plain_fields(model),
                    cls=ExactEncoder,
                    ensure_ascii=False,
                )
            out[label(model)] = (dump, _lines(dump))
    return out, migrations


def _lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())
