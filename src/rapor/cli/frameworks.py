"""``rapor framework check FILE…``: validate framework files, one summary line each."""

from __future__ import annotations

import argparse
import sys

from rapor.engine import FrameworkError, load_framework


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fw = sub.add_parser("framework", help="work with framework files")
    fw_sub = fw.add_subparsers(dest="framework_command", required=True, metavar="ACTION")
    check = fw_sub.add_parser("check", help="validate framework files")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.set_defaults(handler=run_check)


def summary(path: str) -> str:
    fw = load_framework(path)
    leaves = sum(1 for n in fw.nodes.values() if n.is_leaf)
    notice = " - NOTICE: provisional weights, see its notes" if fw.provisional else ""
    if not fw.provisional and fw.provisional_parts:
        notice = f" - NOTICE: provisional parts ({', '.join(fw.provisional_parts)}), see its notes"
    return (
        f"{path}: ok: {fw.id} {fw.version} ({fw.status}), {len(fw.roots)} components, "
        f"{len(fw.nodes)} nodes, {leaves} leaves, {len(fw.questions)} questions, "
        f"grades {'/'.join(b.code for b in fw.grading.bands)}{notice}"
    )


def run_check(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        try:
            print(summary(path))
        except FrameworkError as exc:
            print(f"rapor: error: {exc}", file=sys.stderr)
            status = 2
    return status
