"""``rapor demo`` (set up the database, frameworks and demo data, then serve them as production
does, with the task worker beside) and ``rapor manage`` (django-admin with Rapor's settings)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from . import serve
from .django_setup import setup_django


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="run the web application with demo data (Bangka Belitung)")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument(
        "--reset", action="store_true", help="delete all data first, then reload the demo"
    )
    demo.add_argument("--no-serve", action="store_true", help="prepare the database only")
    demo.set_defaults(handler=run_demo)
    manage = sub.add_parser("manage", help="run a Django management command (django-admin)")
    manage.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS")
    manage.set_defaults(handler=run_manage)


def run_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapor.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["rapor manage", *args.args])
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from rapor.cli import UsageError
    from rapor.demo.safety import demo_refusal, real_data_refusal

    refusal = demo_refusal(os.environ)
    if refusal:
        raise UsageError(refusal)
    # From here on this process and the server and worker it starts are a demo installation:
    # the login page lists the demo logins (settings.RAPOR_DEMO).
    os.environ["RAPOR_DEMO"] = "1"
    setup_django()
    from django.core.management import call_command

    from rapor.assessments.domain.files import cleanup_files
    from rapor.demo import DEMO_PASSWORD, demo_logins, load_demo

    call_command("migrate", verbosity=0, interactive=False)
    if args.reset:
        call_command("flush", verbosity=0, interactive=False)
    refusal = real_data_refusal()
    if refusal:
        raise UsageError(refusal)
    # nothing runs yet: whatever an interrupted upload left behind can go
    cleanup_files(margin=dt.timedelta(0))
    loaded = load_demo()
    print(
        "Rapor demo: data " + ("loaded" if loaded else "already present") + " (DATA CONTOH / DEMO)."
    )
    print(f"Open http://127.0.0.1:{args.port}/ and sign in with one of (password {DEMO_PASSWORD}):")
    for login in demo_logins():
        print(f"  {login['username']:<12} {login['role']:<22} {login['where']}")
    sys.stdout.flush()
    if args.no_serve:
        return 0
    workers = serve.prepare(workers=2, collectstatic=True)
    worker = serve.start_worker()
    try:
        serve.serve(bind=[f"127.0.0.1:{args.port}"], workers=workers)
    finally:
        serve.stop(worker)
    return 0
