"""``rapor export lke FRAMEWORK ANSWERS -o OUT.xlsx [--previous ANSWERS]``: an LKE workbook with
the answers (and the previous evaluation's as a second block) and live formulas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rapor.engine import Answer, Framework


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("export", help="write assessments in other formats")
    what = p.add_subparsers(dest="export_command", required=True, metavar="FORMAT")
    lke = what.add_parser("lke", help="an LKE workbook (xlsx) with live formulas")
    lke.add_argument("framework", metavar="FRAMEWORK", help="framework file or shipped id")
    lke.add_argument("answers", metavar="ANSWERS", help=".json answers file or .xlsx workbook")
    lke.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    lke.add_argument("--block", type=int, default=1, metavar="N", help="block of ANSWERS")
    lke.add_argument("--previous", metavar="ANSWERS", help="the previous evaluation (block 2)")
    lke.add_argument("--previous-block", type=int, default=1, metavar="N")
    lke.add_argument("--heading", metavar="TEXT", help='e.g. "PENILAIAN TAHUN 2024"')
    lke.add_argument("--previous-heading", metavar="TEXT")
    lke.set_defaults(handler=run_lke)


def _answers(fw: Framework, path: str, block: int) -> tuple[dict[str, Answer], str | None]:
    from .score import load_answers_with_heading

    return load_answers_with_heading(Path(path), fw, block=block)


def run_lke(args: argparse.Namespace) -> int:
    from rapor.lke.export import ExportBlock, export_lke

    from . import UsageError
    from .score import load_cli_framework

    fw = load_cli_framework(args.framework)
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the output must be an .xlsx file")
    answers, heading = _answers(fw, args.answers, args.block)
    blocks = [ExportBlock(args.heading or heading or "PENILAIAN", answers)]
    if args.previous:
        previous, prev_heading = _answers(fw, args.previous, args.previous_block)
        title = args.previous_heading or prev_heading or "PENILAIAN SEBELUMNYA"
        blocks.append(ExportBlock(title, previous))
    export_lke(out, fw, blocks)
    print(f"{out}: {len(answers)} of {len(fw.questions)} questions answered", file=sys.stderr)
    return 0
