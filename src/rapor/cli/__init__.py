"""The ``rapor`` command: one sub-command module per area, each with ``register(subparsers)``.

Exit status: 0 on success, 2 on bad input (the message on standard error names the file and the
code, line or cell at fault), 3 when `rapor audit verify` finds a broken history chain, 1 on
anything unexpected.

Only the module of the command being run is imported (``COMMANDS``): `rapor score` does not pay
for the web server's, Django's or the planner's imports, nor for building the other commands'
parsers. The whole parser is built for `rapor --help`, a missing or an unknown command, so
the help and the error messages list every command.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from importlib import import_module

from rapor.engine.errors import RaporInputError

MODULES = ("frameworks", "score", "skm", "plan", "export", "web", "serve", "ops", "daily")
"""The sub-command modules, in the order `rapor --help` lists their commands."""
COMMANDS = {
    "framework": "frameworks",
    "score": "score",
    "skm": "skm",
    "plan": "plan",
    "export": "export",
    "demo": "web",
    "manage": "web",
    "serve": "serve",
    "worker": "serve",
    "backup": "ops",
    "restore": "ops",
    "audit": "ops",
    "cleanup": "ops",
    "remind": "daily",
    "snapshot": "daily",
    "daily": "daily",
}
"""Which module registers each command (a test checks it against what the modules register)."""


class UsageError(Exception):
    """Bad arguments or input found by a command itself."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of ``command`` alone (the one being run)."""
    parser = argparse.ArgumentParser(
        prog="rapor", description="Rapor: Reformasi Birokrasi evaluation, scoring and planning."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = (COMMANDS[command],) if command in COMMANDS else MODULES
    for name in modules:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_in[0] if args_in else None)
    args = parser.parse_args(args_in)
    try:
        return int(args.handler(args) or 0)
    except (RaporInputError, UsageError) as exc:  # ops.OpsError is a UsageError
        print(f"rapor: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `rapor score … | head`
        return 0


def run() -> None:
    """The installed command (and ``python -m rapor.cli``): ``main()``, then the process ends."""
    code = main()
    # Python's last garbage collection at exit walks every object still alive (the modules, a
    # framework, a workbook's cells): some 6 ms of a 60 ms `rapor score`. The work is done and
    # every file closed by then, so the objects are frozen out of that walk; the memory goes
    # with the process.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
