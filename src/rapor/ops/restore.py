"""``rapor restore FILE``: put an installation back from a backup archive (see archive.py).

How this works: the whole archive is verified first; nothing is touched if a member is damaged,
missing or unlisted. An installation that holds anybody's data (or evidence files) is refused
unless the operator says ``force``. The schema is brought to the migrations the backup was made
at, the rows are loaded with the models *of that state* (so a backup from an older version of
Rapor loads into the tables it was made from), every table is loaded in one transaction with
the row counts checked against the manifest, the files are written under a temporary name and
moved into place, and then the schema is migrated forward to this version, running any data
migrations on the restored rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from rapor.assessments.domain.files import INCOMING, move_file

from .archive import ArchiveError, members, unreadable_as_error, verify
from .contents import NOT_DATA, files_on_storage

BATCH = 1000


class RestoreError(Exception):
    """The restore was refused before anything changed; the message says why."""


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    files: int
    migrated_forward: bool


def restore(path: Path, *, force: bool = False) -> RestoreSummary:
    try:
        manifest = verify(path)
    except ArchiveError as exc:
        raise RestoreError(f"{path.name}: {exc}") from None
    executor = MigrationExecutor(connection)
    targets = _targets(executor, manifest)
    if not force:
        found = existing_data()
        if found:
            raise RestoreError(
                "this installation is not empty ("
                + ", ".join(f"{n} in {t}" for t, n in list(found.items())[:4])
                + "); restore into an empty one, or add --force to replace everything"
            )
    executor.migrate(targets)
    state_apps = executor.loader.project_state([t for t in targets if t[1]]).apps
    try:
        rows, files = _load(path, manifest, state_apps)
    except ArchiveError as exc:  # the file changed since it was verified
        raise RestoreError(f"{path.name}: {exc}") from None
    latest = executor.loader.graph.leaf_nodes()
    forward = set(latest) != {t for t in targets if t[1]}
    call_command("migrate", verbosity=0, interactive=False)
    return RestoreSummary(len(manifest["tables"]), rows, files, forward)


def _targets(executor: MigrationExecutor, manifest: dict[str, Any]) -> list[tuple[str, Any]]:
    """The migration of each app the backup was made at (None: the app did not exist yet)."""
    done: dict[str, list[str]] = manifest.get("migrations") or {}
    known = set(executor.loader.disk_migrations)
    unknown = [f"{a}.{n}" for a, names in done.items() for n in names if (a, n) not in known]
    if unknown:
        raise RestoreError(
            "the backup was made by a newer version of Rapor (migrations unknown here: "
            + ", ".join(unknown[:3])
            + "); restore it with that version"
        )
    apps_here = {app for app, _name in known}
    return [(app, done[app][-1] if done.get(app) else None) for app in sorted(apps_here)]


def existing_data() -> dict[str, int]:
    """Rows of anybody's data (by table) and evidence files already here."""
    found: dict[str, int] = {}
    tables = set(connection.introspection.table_names())
    with connection.cursor() as c:
        for table in sorted(tables):
            if table == "django_migrations" or table in _not_data_tables():
                continue
            where = " WHERE NOT shipped" if table == "assessments_frameworkversion" else ""
            c.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}{where}")
            n = c.fetchone()[0]
            if n:
                found[table] = n
    n_files = sum(1 for _ in files_on_storage())
    if n_files:
        found["evidence files"] = n_files
    return found


def _not_data_tables() -> set[str]:
    from django.apps import apps

    return {apps.get_model(label)._meta.db_table for label in NOT_DATA}


def _load(path: Path, manifest: dict[str, Any], state_apps: Any) -> tuple[int, int]:
    models = {m._meta.label_lower: m for m in state_apps.get_models(include_auto_created=True)}
    expected: dict[str, int] = manifest["tables"]
    strange = sorted(set(expected) - set(models))
    if strange:
        raise RestoreError(f"the backup has tables this version does not know: {strange[:3]}")
    rows = files = 0
    with transaction.atomic():
        tables = [m._meta.db_table for m in models.values() if m._meta.managed]
        with connection.cursor() as c:
            if connection.vendor == "postgresql":
                # checks still pending in this transaction would stop TRUNCATE; run them now
                c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in connection.ops.sql_flush(
                no_style(), tables, reset_sequences=True, allow_cascade=True
            ):
                c.execute(sql)
            if connection.vendor == "postgresql":
                c.execute("SET CONSTRAINTS ALL DEFERRED")  # rows load in any order
        for name, stream in _verified_members(path):
            if name.startswith("db/"):
                table = name.removeprefix("db/").removesuffix(".jsonl")
                count = _load_table(models[table], stream)
                if count != expected.get(table):
                    raise RestoreError(
                        f"{name}: {count} rows, the manifest says {expected.get(table)}"
                    )
                rows += count
            elif name.startswith("files/"):
                _put_file(name.removeprefix("files/"), stream)
                files += 1
        with connection.cursor() as c:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                c.execute(sql)
    return rows, files


def _load_table(model: Any, stream: IO[bytes]) -> int:
    fields = model._meta.local_concrete_fields
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, [None] * BATCH)))
    batch: list[Any] = []
    count = 0
    for line in stream:
        if not line.strip():
            continue
        batch.append(_instance(model, json.loads(line)))
        count += 1
        if len(batch) >= size:
            _insert(model, batch)
            batch = []
    if batch:
        _insert(model, batch)
    return count


def _insert(model: Any, rows: list[Any]) -> None:
    # raw: the values as stored, never "now" for auto_now fields (what Model.save_base(raw=True)
    # does for one row, for many rows at once)
    model._base_manager._insert(rows, fields=model._meta.local_concrete_fields, raw=True)


def _instance(model: Any, row: dict[str, Any]) -> Any:
    """A row of a JSON-lines dump as an instance of the (historical) model."""
    meta = model._meta
    data: dict[str, Any] = {meta.pk.attname: meta.pk.to_python(row["pk"])}
    for name, value in row["fields"].items():
        field = meta.get_field(name)
        if field.is_relation and (field.many_to_one or field.one_to_one):
            target = field.remote_field.model._meta.get_field(field.remote_field.field_name)
            data[field.attname] = None if value is None else target.to_python(value)
        else:
            data[field.attname] = field.to_python(value)
    return model(**data)


def _put_file(name: str, stream: IO[bytes]) -> None:
    """Write a file under a temporary name, then move it to ``name`` (replacing what is there)."""
    temp = default_storage.save(f"{INCOMING}/restore.part", File(stream))
    if default_storage.exists(name):
        default_storage.delete(name)
    move_file(default_storage, temp, name)


def _verified_members(path: Path) -> Any:
    with unreadable_as_error():
        yield from members(path)
