"""``rapor remind``, ``rapor snapshot`` and ``rapor daily`` (both): the daily jobs, run by cron or a
systemd timer once a day (see docs/steering.md). Each is safe to run twice on a day."""

from __future__ import annotations

import argparse
import datetime as dt

from .django_setup import setup_django


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, helptext, handler in (
        (
            "remind",
            "send today's reminders (due in 3 days, overdue) and the Tim RB digest",
            run_remind,
        ),
        (
            "snapshot",
            "record today's figures of every open cycle (the dashboard's trend)",
            run_snapshot,
        ),
        ("daily", "snapshot, then remind: the one daily job", run_daily),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument(
            "--date", type=dt.date.fromisoformat, help="the day (YYYY-MM-DD), default today"
        )
        p.set_defaults(handler=handler)


def _setup(args: argparse.Namespace) -> dt.date:
    """Django, and the day the command works for."""
    setup_django()
    from django.utils import timezone

    return args.date or timezone.localdate()


def run_remind(args: argparse.Namespace) -> int:
    today = _setup(args)
    from rapor.notifications.jobs import remind

    s = remind(today=today)
    print(
        f"rapor remind {today}: due_soon={s.due_soon} overdue={s.overdue} digests={s.digests} "
        f"emails_queued={s.emails} cycles={len(s.cycles)}"
    )
    return 0


def run_snapshot(args: argparse.Namespace) -> int:
    today = _setup(args)
    from rapor.steering.domain.snapshots import snapshots_take

    n = snapshots_take(day=today)
    print(f"rapor snapshot {today}: cycles={n}")
    return 0


def run_daily(args: argparse.Namespace) -> int:
    run_snapshot(args)
    return run_remind(args)
