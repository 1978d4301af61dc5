"""The checks every framework passes, on the text as a reader will see it, before it is written."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from .common import AREAS, FORMAT, fail


def check(fw: dict[str, Any]) -> None:
    """Refuse a framework (as read back from its YAML text) that breaks the format's rules."""
    fid = fw.get("id")
    if fw.get("format") != FORMAT or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(fid)):
        fail(f"{fid}: bad format or id")
    codes: set[str] = set()
    scale_of: dict[str, str] = {}
    deps: dict[str, dict[str, Any]] = {}

    def exact(value: Any, where: str, *, whole_ok: bool = False) -> Fraction:
        # weights and option values must be quoted text; structural numbers may be plain ints
        if isinstance(value, str) or (whole_ok and type(value) is int):
            return Fraction(value)
        fail(f"{fid} {where}: {value!r} is not a quoted number")

    def claim(code: str) -> None:
        if code in codes:
            fail(f"{fid}: code {code} is used twice")
        codes.add(code)

    def walk(node: dict[str, Any]) -> Fraction:
        claim(node["code"])
        weight = exact(node["weight"], node["code"])
        kinds = [k for k in ("children", "questions", "scale") if k in node]
        if len(kinds) != 1:
            fail(f"{fid} {node['code']}: needs exactly one of children, questions, scale")
        if "area" in node and node["area"] not in AREAS:
            fail(f"{fid} {node['code']}: unknown area {node['area']}")
        if "children" in node:
            total = sum((walk(child) for child in node["children"]), Fraction(0))
            if total != weight:
                fail(f"{fid} {node['code']}: children add up to {total}, weight is {weight}")
        for q in node.get("questions", [node] if "scale" in node else []):
            if q is not node:
                claim(q["code"])
            if q["scale"] not in fw["scales"]:
                fail(f"{fid} {q['code']}: unknown scale {q['scale']}")
            scale_of[q["code"]] = q["scale"]
            options = fw["scales"][q["scale"]].get("options", {})
            if set(q.get("options_text", {})) - set(options):
                fail(f"{fid} {q['code']}: options_text names options its scale lacks")
            if "depends_on" in q:
                deps[q["code"]] = q["depends_on"]
            for effort in q.get("forecasts", {}).values():
                if exact(effort, f"{q['code']} forecasts") < 0:
                    fail(f"{fid} {q['code']}: a forecast's effort is negative")
        return weight

    roots = sum((walk(n) for n in fw["nodes"]), Fraction(0))
    if roots != exact(fw["max_score"], "max_score", whole_ok=True):
        fail(f"{fid}: root weights add up to {roots}, max_score is {fw['max_score']}")
    for key, scale in fw["scales"].items():
        for value in scale.get("options", {}).values():
            if not 0 <= exact(value, f"scale {key}") <= 1:
                fail(f"{fid} scale {key}: value {value} outside 0 … 1")
    for code, dep in deps.items():
        target = dep["question"]
        if target not in scale_of:
            fail(f"{fid} {code}: depends on unknown question {target}")
        allowed = fw["scales"][scale_of[target]].get("options", {})
        if any(a not in allowed for a in dep.get("zero_if", [])):
            fail(f"{fid} {code}: zero_if names an answer that {target} cannot have")
    for key, scale in fw["scales"].items():
        if scale.get("conversion", "range") not in ("range", "ratio"):
            fail(f"{fid} scale {key}: unknown conversion")
    roots = {n["code"] for n in fw["nodes"]}
    for c in fw.get("corrections", []):
        if c["root"] not in roots:
            fail(f"{fid} correction {c['code']}: unknown root {c['root']}")
        claim(c["code"])
    bands = [exact(b["min"], f"grade {b['code']}", whole_ok=True) for b in fw["grades"]["bands"]]
    if bands != sorted(bands, reverse=True) or bands[-1] != 0:
        fail(f"{fid}: grade bands must fall and end at 0")
