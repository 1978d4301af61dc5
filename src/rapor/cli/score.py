"""``rapor score FRAMEWORK ANSWERS [--block N] [--set CODE=ANSWER]… [--json]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rapor.engine import (
    NOT_APPLICABLE,
    Answer,
    AnswersError,
    Framework,
    ScoreResult,
    load_answers_file,
    load_framework,
    parse_answers,
    score,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("score", help="score an answers file or an LKE workbook")
    add_input_arguments(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("framework", metavar="FRAMEWORK", help="framework file or shipped id")
    p.add_argument("answers", metavar="ANSWERS", help=".json answers file or .xlsx LKE workbook")
    p.add_argument("--block", type=int, default=1, metavar="N", help="workbook block (default 1)")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="CODE=ANSWER",
        dest="what_if",
        help="what-if: replace an answer before scoring (repeatable)",
    )


def load_inputs(args: argparse.Namespace) -> tuple[Framework, dict[str, Answer]]:
    """The framework and the canonical answers of a command's FRAMEWORK ANSWERS [--set …]."""
    framework = load_cli_framework(args.framework)
    answers = load_answers(Path(args.answers), framework, block=args.block)
    changes: dict[str, str] = {}
    for item in args.what_if:
        code, sep, value = item.partition("=")
        if not sep or not code.strip():
            raise AnswersError("--set", item, "write it as CODE=ANSWER, e.g. P1.1.a=A")
        changes[code.strip()] = value
    answers.update(parse_answers(framework, changes, source="--set"))
    for code, value in changes.items():
        if not value.strip():  # --set CODE= clears an answer
            answers.pop(code, None)
    return framework, answers


def load_cli_framework(name: str) -> Framework:
    """A framework for a command: its parsed document cached between runs (doccache.py)."""
    from rapor.engine.doccache import default_cache_dir

    return load_framework(name, cache_dir=default_cache_dir())


def load_answers(path: Path, framework: Framework, *, block: int = 1) -> dict[str, Answer]:
    return load_answers_with_heading(path, framework, block=block)[0]


def load_answers_with_heading(
    path: Path, framework: Framework, *, block: int = 1
) -> tuple[dict[str, Answer], str | None]:
    """The canonical answers of a .json file or an LKE workbook's block (and its heading).
    A workbook cell that does not fit is an error naming it (and how many more there are)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from rapor.lke import read_lke_workbook
        from rapor.lke.answers import workbook_answers
        from rapor.lke.reasons import BAD_ANSWER

        read = read_lke_workbook(path, block=block, name=path.name)
        answers, problems = workbook_answers(framework, read, source=path.name)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            if first.reason == BAD_ANSWER:  # the engine's own words: "P1.1.b (LKE!J9): …"
                where = f"{first.details['code']} ({first.where})"
                raise AnswersError(path.name, where, first.details["why"] + more)
            raise AnswersError(path.name, first.where, first.message + more)
        return answers, read.heading
    if block != 1:
        raise AnswersError(path.name, "--block", "only an .xlsx workbook has blocks")
    return load_answers_file(path, framework), None


def roots_json(result: ScoreResult) -> dict[str, Any]:
    """Per root: its score, the weight that applies, the correction and the adjusted score."""
    return {
        code: {
            "score": result.show(r.score),
            "weight": result.show(r.weight),
            "adjustment_weight": result.show(r.adjustment_weight),
            "correction": result.show(r.correction),
            "adjusted": result.show(r.adjusted),
        }
        for code, r in result.roots.items()
    }


def result_json(result: ScoreResult) -> dict[str, Any]:
    fw = result.framework
    extra: dict[str, Any] = {}
    if fw.has_adjustments:  # the 2023 structure: General, Tematik, the adjustment, the index
        extra = {
            "roots": roots_json(result),
            "not_applicable": [c for c, a in result.answers.items() if a == NOT_APPLICABLE],
            "provisional": [p.code for p in result.provisional],
        }
    return {
        **extra,
        "framework": {"id": fw.id, "version": fw.version},
        "total": result.show(result.index),
        "grade": result.grade.code,
        "nodes": {
            code: {
                "score": result.show(n.score),
                "weight": result.show(n.weight),
                "percent": result.show(n.percent),
            }
            for code, n in result.nodes.items()
        },
        "answered": result.answered,
        "questions": result.questions,
    }


def table_rows(framework: Framework) -> list[tuple[int, str]]:
    """Components and areas: the roots, their children, and any deeper node tagged with an area."""
    rows: list[tuple[int, str]] = []
    for code, node in framework.nodes.items():
        depth = len(framework.ancestors(code))
        if depth <= 1 or (node.area and depth <= 2):
            rows.append((depth, code))
    return rows


def result_table(result: ScoreResult) -> str:
    fw = result.framework
    lines = [f"{fw.name} ({fw.id} {fw.version})"]
    if fw.provisional:
        lines.append(
            "NOTICE: provisional framework: some weights are not confirmed (see its notes)."
        )
    width = max(len(f"{'  ' * d}{c} {fw.nodes[c].name}") for d, c in table_rows(fw))
    width = min(max(width, 20), 70)
    lines.append(f"{'node':<{width}}  {'score':>8}  {'weight':>8}  {'percent':>8}")
    for depth, code in table_rows(fw):
        n = result.nodes[code]
        label = f"{'  ' * depth}{code} {fw.nodes[code].name}"
        if len(label) > width:
            label = label[: width - 1] + "…"
        lines.append(
            f"{label:<{width}}  {result.show(n.score):>8}  {result.show(n.weight):>8}  "
            f"{result.show(n.percent):>8}"
        )
    if fw.has_adjustments:
        for r in result.roots.values():
            lines.append(
                f"{r.code} {r.name}: {result.show(r.score)}"
                + (f" + correction {result.show(r.correction)}" if r.correction else "")
                + (
                    f", adjustment weight {result.show(r.adjustment_weight)}: adjusted "
                    f"{result.show(r.adjusted)} (= score / adjustment weight x {result.show(r.weight)})"
                    if r.rescaled
                    else ""
                )
            )
        if result.provisional:
            parts = ", ".join(
                p.code + (f" {p.detail}" if p.detail else "") for p in result.provisional
            )
            lines.append(f"NOTICE: provisional parts in this result: {parts}")
    lines.append(f"{'index':<{width}}  {result.show(result.index):>8}")
    lines.append(f"grade: {result.grade.code} ({result.grade.label})")
    lines.append(f"answered: {result.answered} of {result.questions} questions")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    framework, answers = load_inputs(args)
    result = score(framework, answers)
    if args.json:
        print(json.dumps(result_json(result), ensure_ascii=False))
    else:
        print(result_table(result))
    return 0
