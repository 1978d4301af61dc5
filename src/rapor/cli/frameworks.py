"""``rapor framework check FILE…`` (validate framework files, one summary line each) and
``rapor framework import-lke WORKBOOK.xlsx [--block N] -o FRAMEWORK.yaml`` (a new instrument from
the ministry's workbook, with the list of what was read and guessed on standard error)."""

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
    imp = fw_sub.add_parser("import-lke", help="a framework file from an LKE workbook")
    imp.add_argument("workbook", metavar="WORKBOOK.xlsx")
    imp.add_argument("-o", "--output", required=True, metavar="FRAMEWORK.yaml")
    imp.add_argument("--block", type=int, default=1, metavar="N", help="workbook block (default 1)")
    imp.add_argument("--id", dest="framework_id", metavar="ID", help="the framework's id")
    imp.add_argument("--version", metavar="V", help="its version (default: the heading's year)")
    imp.add_argument("--name", metavar="TEXT", help="its name (default: the workbook's title)")
    imp.set_defaults(handler=run_import)


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


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from rapor.lke.instrument import import_instrument

    workbook = Path(args.workbook)
    imported = import_instrument(
        workbook,
        block=args.block,
        name=workbook.name,
        framework_id=args.framework_id,
        version=args.version,
        title=args.name,
    )
    Path(args.output).write_text(imported.yaml_text, encoding="utf-8")
    fw = imported.framework
    print(f"{args.output}: {summary_counts(fw)}", file=sys.stderr)
    for finding in imported.findings:
        print(f"  {finding}", file=sys.stderr)
    return 0


def summary_counts(fw: object) -> str:
    from rapor.engine import Framework

    assert isinstance(fw, Framework)
    return (
        f"{fw.id} {fw.version} ({fw.status}), {len(fw.roots)} components, {len(fw.nodes)} nodes, "
        f"{len(fw.questions)} questions"
    )
