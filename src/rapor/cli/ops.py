"""``rapor backup FILE``, ``rapor restore FILE [--force]``, ``rapor audit verify [--cycle N]`` and
``rapor cleanup [--margin MINUTES]``: the installation's data kept safe (Django settings as for
``rapor manage``: ``DATABASE_URL``, ``RAPOR_VAR_DIR`` …)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import UsageError
from .django_setup import setup_django

# Exit status of `rapor audit verify` when a chain is broken (0: intact, 2: bad input).
CHAIN_BROKEN = 3


class OpsError(UsageError):
    """A refused operation; the message says why (exit status 2, as any usage error)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser("backup", help="write the database and the evidence files to one archive")
    b.add_argument("file", metavar="FILE", help="the archive to write (must not exist)")
    b.set_defaults(handler=run_backup)
    r = sub.add_parser("restore", help="restore an archive written by `rapor backup`")
    r.add_argument("file", metavar="FILE")
    r.add_argument(
        "--force", action="store_true", help="replace the data of an installation that is not empty"
    )
    r.set_defaults(handler=run_restore)
    a = sub.add_parser("audit", help="check the history")
    a_sub = a.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    v = a_sub.add_parser("verify", help="check the hash chain of every cycle's history")
    v.add_argument("--cycle", type=int, action="append", metavar="ID", help="only this cycle")
    v.set_defaults(handler=run_audit_verify)
    c = sub.add_parser(
        "cleanup", help="remove files left by interrupted uploads (temporary and orphan files)"
    )
    c.add_argument(
        "--margin",
        type=int,
        default=60,
        metavar="MINUTES",
        help="leave files younger than this (uploads may still be running); default 60",
    )
    c.set_defaults(handler=run_cleanup)


def run_backup(args: argparse.Namespace) -> int:
    setup_django()
    from rapor.ops.backup import backup

    path = Path(args.file)
    if path.exists():
        raise OpsError(f"{path}: exists already; give the backup a new file name")
    if not path.parent.is_dir():
        raise OpsError(f"{path.parent}: no such folder")
    s = backup(path)
    print(
        f"{s.path}: {s.tables} tables, {s.rows} rows, {s.files} files, "
        f"{s.size / 1024 / 1024:.1f} MB"
    )
    for name in s.missing:
        print(f"rapor: warning: {name} is named by a row but missing from storage", file=sys.stderr)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    setup_django()
    from rapor.ops.restore import RestoreError, restore

    path = Path(args.file)
    if not path.is_file():
        raise OpsError(f"{path}: no such file")
    try:
        s = restore(path, force=args.force)
    except RestoreError as exc:
        raise OpsError(str(exc)) from None
    upgraded = "; migrated forward to this version" if s.migrated_forward else ""
    print(f"{path}: restored {s.tables} tables, {s.rows} rows, {s.files} files{upgraded}")
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    setup_django()
    from rapor.assessments.domain.history import history_verify

    broken = 0
    for state in history_verify(args.cycle):
        if state.breaks:
            broken += len(state.breaks)
            for b in state.breaks:
                where = f"cycle {b.cycle_id}, event {b.seq} (id {b.event_id})"
                print(f"rapor: audit: {where}: {b.problem}", file=sys.stderr)
        else:
            print(f"cycle {state.cycle_id}: {state.events} events, chain intact, head {state.head}")
    if broken:
        print(f"rapor: audit: {broken} break(s) in the history chain", file=sys.stderr)
        return CHAIN_BROKEN
    return 0


def run_cleanup(args: argparse.Namespace) -> int:
    setup_django()
    from rapor.assessments.domain.files import cleanup_files

    if args.margin < 0:
        raise OpsError("--margin: must be 0 or more minutes")
    report = cleanup_files(margin=dt.timedelta(minutes=args.margin))
    print(
        f"removed {len(report.temporary)} temporary, {len(report.orphans)} orphan evidence "
        f"and {len(report.uploads)} interrupted upload file(s)"
    )
    return 0
