"""``rapor serve`` (the production web server) and ``rapor worker`` (the background task worker).

``serve`` refuses to start when debug is on, when the database needs migrating, or when more
workers are asked of SQLite than it holds (docs/deploy.md); then it collects the static files
and runs gunicorn in the foreground (stop it with Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from typing import Any

from .django_setup import setup_django


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run the production web server (gunicorn)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument(
        "--bind",
        action="append",
        metavar="ADDRESS",
        help="HOST:PORT or unix:PATH to listen on instead of 127.0.0.1:PORT (repeatable)",
    )
    serve.add_argument("--workers", type=int, help="worker processes (default: 2 × cores + 1)")
    serve.add_argument(
        "--no-collectstatic",
        action="store_true",
        help="do not collect static files first (they were collected at deployment)",
    )
    serve.set_defaults(handler=run_serve)
    worker = sub.add_parser("worker", help="run the background task worker (django-tasks)")
    worker.add_argument(
        "--interval", type=float, default=1.0, help="seconds between looks for new tasks"
    )
    worker.set_defaults(handler=run_worker)


def _usage_error(message: str) -> Exception:
    from rapor.cli import UsageError

    return UsageError(message)


def prepare(*, workers: int | None, collectstatic: bool) -> int:
    """Check the installation and collect the static files; return the number of workers."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from rapor.web.deployment import SQLITE_MAX_WORKERS, uses_sqlite
    from rapor.web.server import default_workers

    if settings.DEBUG:
        raise _usage_error("rapor serve runs with debug off: unset RAPOR_DEBUG (or set it to 0)")
    sqlite = uses_sqlite(settings.DATABASES["default"])
    count = workers if workers is not None else default_workers(sqlite=sqlite)
    if count < 1:
        raise _usage_error("--workers must be at least 1")
    if sqlite and count > SQLITE_MAX_WORKERS:
        raise _usage_error(
            f"--workers {count}: SQLite holds at most {SQLITE_MAX_WORKERS} workers on one "
            "server; use PostgreSQL (DATABASE_URL) for more (docs/deploy.md)"
        )
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise _usage_error("the database needs migrating first: rapor manage migrate")
    connection.close()  # gunicorn forks the workers: none may share this connection
    if collectstatic and not static_is_current():
        call_command("collectstatic", interactive=False, verbosity=0)
    return count


def static_is_current() -> bool:
    """True when the collected files are newer than every static source file and none is new:
    collecting again (hashing and compressing some 12 MB) would change nothing."""
    import json

    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    ignore = apps.get_app_config("staticfiles").ignore_patterns  # as collectstatic ignores
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    try:
        collected_at = manifest.stat().st_mtime
        collected = set(json.loads(manifest.read_text(encoding="utf-8"))["paths"])
    except (OSError, ValueError, KeyError):
        return False
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            if path not in collected or storage.get_modified_time(path).timestamp() > collected_at:
                return False
    return True


def serve(*, bind: list[str], workers: int) -> None:
    from rapor.web.server import RaporServer, options

    RaporServer(options(bind=bind, workers=workers)).run()


def run_serve(args: argparse.Namespace) -> int:
    workers = prepare(workers=args.workers, collectstatic=not args.no_collectstatic)
    bind = args.bind or [f"127.0.0.1:{args.port}"]
    print(f"Rapor: serving on {', '.join(bind)} with {workers} workers.", file=sys.stderr)
    serve(bind=bind, workers=workers)
    return 0


def run_worker(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("db_worker", interval=args.interval)
    return 0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM when the process that started it dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def start_worker(**popen: Any) -> subprocess.Popen[bytes]:
    """``rapor worker`` as a child process (for the demo, which runs everything itself)."""
    command = [sys.executable, "-m", "rapor.cli", "worker"]
    return subprocess.Popen(command, preexec_fn=_die_with_parent, **popen)  # noqa: PLW1509


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
