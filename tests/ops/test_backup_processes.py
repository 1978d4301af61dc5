"""The backup and restore commands as an operator runs them: separate processes, a demo
installation backed up and restored into a fresh one (same database kind as the suite), and,
when the suite runs on PostgreSQL, the SQLite demo moved to PostgreSQL through a backup."""

from __future__ import annotations

import pytest

from .processes import contents, installation, on_postgresql, rapor


def test_the_demo_backed_up_and_restored_by_the_commands_compares_equal(tmp_path):
    archive = tmp_path / "demo.tar.gz"
    with installation(tmp_path, "source") as source, installation(tmp_path, "target") as target:
        rapor(source, "demo", "--no-serve")
        out = rapor(source, "backup", str(archive)).stdout
        assert "tables" in out and "files" in out
        # an empty installation: not even migrated (the restore brings the schema)
        rapor(target, "restore", str(archive))
        before, after = contents(source), contents(target)
        assert after["files"] == before["files"] and len(before["files"]) > 10
        assert after["tables"] == before["tables"]
        audit = rapor(target, "audit", "verify")
        assert "chain intact" in audit.stdout and "rapor: audit" not in audit.stderr


@pytest.mark.skipif(not on_postgresql(), reason="the suite runs on SQLite")
def test_a_sqlite_demo_moves_to_postgresql_through_a_backup(tmp_path):
    archive = tmp_path / "demo.tar.gz"
    with installation(tmp_path, "pg") as target:
        source = {k: v for k, v in target.items() if k != "DATABASE_URL"}
        source["RAPOR_VAR_DIR"] = str(tmp_path / "sqlite")
        (tmp_path / "sqlite").mkdir()
        rapor(source, "demo", "--no-serve")
        rapor(source, "backup", str(archive))
        rapor(target, "restore", str(archive))
        before, after = contents(source), contents(target)
        assert after == before
