"""``rapor plan FRAMEWORK ANSWERS (--score X | --grade G | --rank K --peers CSV [--margin M])
[--efforts CSV] [--block N] [--set CODE=ANSWER]… [--json]``: the least-effort way to a target."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from typing import Any

from rapor.engine import Framework, answer_text, format_exact, format_fixed, parse_exact
from rapor.engine.numbers import NumberBoundError, shown
from rapor.engine.planner import (
    Plan,
    PlannerInputError,
    Target,
    load_efforts_csv,
    load_peers_csv,
    plan,
    rank_of,
    target_for_grade,
    target_for_rank,
    target_for_score,
)

from .score import add_input_arguments, load_inputs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plan", help="the least-effort answer changes that reach a target")
    add_input_arguments(p)
    goal = p.add_mutually_exclusive_group(required=True)
    goal.add_argument("--score", metavar="X", help="reach a displayed index of at least X")
    goal.add_argument("--grade", metavar="G", help="reach grade G (or better)")
    goal.add_argument("--rank", type=int, metavar="K", help="rank K or better among --peers")
    p.add_argument("--peers", metavar="PEERS.csv", help="peers' indexes, CSV with name,index")
    p.add_argument("--margin", metavar="M", help="with --rank: stay M index points clear")
    p.add_argument("--efforts", metavar="FILE", help="CSV question,option,effort")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def _number(flag: str, text: str) -> Fraction:
    try:
        return parse_exact(text, decimal_comma=True)
    except NumberBoundError as exc:
        raise PlannerInputError(flag, "", str(exc)) from None
    except ValueError:
        raise PlannerInputError(flag, shown(text, quote=False), "not a number") from None


def build_target(args: argparse.Namespace, framework: Framework) -> tuple[Target, Any]:
    """The target of the command line, and the peers (for a rank target)."""
    if args.rank is None and (args.peers is not None or args.margin is not None):
        raise PlannerInputError("--peers", "", "--peers and --margin go with --rank")
    if args.score is not None:
        return target_for_score(framework, _number("--score", args.score)), ()
    if args.grade is not None:
        return target_for_grade(framework, args.grade), ()
    if args.peers is None:
        raise PlannerInputError("--rank", str(args.rank), "a rank target needs --peers PEERS.csv")
    peers = load_peers_csv(args.peers)
    margin = _number("--margin", args.margin) if args.margin is not None else Fraction(0)
    return target_for_rank(framework, args.rank, peers, margin), peers


def plan_json(framework: Framework, p: Plan) -> dict[str, Any]:
    d = framework.decimals
    return {
        "reachable": p.reachable,
        "target_index": format_fixed(p.target.shown, d),
        "effort": format_exact(p.effort),
        "index": format_fixed(p.index, d),
        "grade": p.grade.code,
        "changes": [
            {
                "question": c.question,
                "from": None if c.before is None else answer_text(c.before),
                "to": answer_text(c.after),
                "effort": format_exact(c.effort),
                "gain": format_fixed(c.gain, d),
            }
            for c in p.changes
        ],
    }


def area_of(framework: Framework, code: str) -> str:
    """The nearest ancestor tagged with an area, else the root component."""
    above = framework.ancestors(code)
    for node in above:
        if framework.nodes[node].area:
            return node
    return above[-1]


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def plan_table(framework: Framework, p: Plan, peers: Any = ()) -> str:
    d = framework.decimals
    show = lambda x: format_fixed(x, d)  # noqa: E731
    t = p.target
    aim = f"index {'>' if t.strict else '>='} {show(t.bound if t.strict else t.shown)}"
    lines = [
        f"{framework.name} ({framework.id} {framework.version})",
        f"target: {t.label} ({aim})",
        f"reachable: {'yes' if p.reachable else 'no'}",
    ]
    if not p.reachable:
        lines.append(
            f"best reachable: index {show(p.index)}, grade {p.grade.code}, "
            f"for an effort of {format_exact(p.effort)}"
        )
    lines += [
        f"effort: {format_exact(p.effort)}",
        f"index: {show(p.index_before)} -> {show(p.index)}",
        f"grade: {p.grade_before.code} -> {p.grade.code} ({p.grade.label})",
    ]
    if t.kind == "rank":
        lines.append(
            f"rank: {rank_of(framework, p.index_before, peers)} -> {rank_of(framework, p.index, peers)}"
        )
    if not p.changes:
        lines.append("no change needed" if p.reachable else "no answer can move")
        return "\n".join(lines)
    areas: dict[str, list[str]] = {}
    code_w = max(len(c.question) for c in p.changes)
    for c in p.changes:
        q = framework.questions[c.question]
        before = "-" if c.before is None else answer_text(c.before)
        areas.setdefault(area_of(framework, c.question), []).append(
            f"  {c.question:<{code_w}}  {_short(q.text, 48):<48}  "
            f"{before:>6} -> {answer_text(c.after):<6}  effort {format_exact(c.effort):>4}  "
            f"gain {show(c.gain):>6}"
        )
    for area, rows in areas.items():
        node = framework.nodes[area]
        tag = f" [{node.area}]" if node.area else ""
        lines += ["", f"{area} {node.name}{tag}", *rows]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    framework, answers = load_inputs(args)
    target, peers = build_target(args, framework)
    efforts = load_efforts_csv(args.efforts, framework) if args.efforts else None
    result = plan(framework, answers, target, efforts)
    if args.json:
        print(json.dumps(plan_json(framework, result), ensure_ascii=False))
    else:
        print(plan_table(framework, result, peers))
    return 0
