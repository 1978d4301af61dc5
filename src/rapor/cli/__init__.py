"""The ``rapor`` command: one sub-command module per area, each with ``register(subparsers)``.

Exit status: 0 on success, 2 on bad input (the message on standard error names the file and the
code, line or cell at fault), 3 when `rapor audit verify` finds a broken history chain, 1 on
anything unexpected.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rapor.engine import RaporInputError

from . import daily, export, frameworks, ops, plan, score, serve, skm, web


class UsageError(Exception):
    """Bad arguments or input found by a command itself."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapor", description="Rapor: Reformasi Birokrasi evaluation, scoring and planning."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (frameworks, score, skm, plan, export, web, serve, ops, daily):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (RaporInputError, UsageError, ops.OpsError) as exc:
        print(f"rapor: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `rapor score … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
