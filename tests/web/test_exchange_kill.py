"""A server killed during an import leaves nothing half-applied: the whole import is one
transaction. A real process applies a real import into its own SQLite database and is killed
(SIGKILL) half-way; the database then holds no answer and no history of the import."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).with_name("kill_import.py")


def run(*args: str) -> str:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], check=True, capture_output=True, text=True,
        timeout=120,
    ).stdout  # fmt: skip


def counts(folder: Path) -> tuple[int, int, str | None]:
    with sqlite3.connect(folder / "db.sqlite3") as db:
        answers = db.execute("SELECT COUNT(*) FROM assessments_answer").fetchone()[0]
        events = db.execute(
            "SELECT COUNT(*) FROM assessments_historyevent WHERE kind = 'answer_saved'"
        ).fetchone()[0]
        applied = db.execute("SELECT applied_at FROM exchange_job").fetchone()[0]
    return answers, events, applied


def test_a_process_killed_half_way_through_applying_leaves_nothing_applied(tmp_path: Path):
    job_id, changes = run("setup", str(tmp_path)).split()
    total = int(changes)  # every choice question of a 40-question framework
    assert total == 39 and counts(tmp_path) == (0, 0, None)
    marker = tmp_path / "half-way"
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "apply", str(tmp_path), job_id, str(marker)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the import never got half-way"
            time.sleep(0.05)
        # half of them saved, inside the open transaction
        assert marker.read_text() == f"{total // 2}/{total}"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert counts(tmp_path) == (0, 0, None)
