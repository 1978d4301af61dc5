"""The formula-reading step of the instrument import: what each value formula says about its
question's option values and dependency, and each score formula about its questions' weights.
See ``recognise.py`` for how a formula is read (by running it), ``instrument.py`` for the rest.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from rapor.engine import format_exact, format_fixed
from rapor.lke import layout as L
from rapor.lke import reasons as R
from rapor.lke.formula import FormulaError
from rapor.lke.instrument_scales import Template
from rapor.lke.recognise import Recogniser


class FormulaReading:
    """Mixed into the importer, which provides ``cell`` and ``note``."""

    def cell(self, row: int, role: int) -> str:
        raise NotImplementedError

    def note(self, kind: str, reason: str, **details: Any) -> None:
        raise NotImplementedError

    def recognise_values(
        self, rec: Recogniser, templates: dict[str, Template], nodes: dict[str, Any]
    ) -> dict[str, dict[str, Fraction]]:
        values: dict[str, dict[str, Fraction]] = {}
        for code, ar in rec.rows.items():
            t = templates[code]
            cell = self.cell(ar.row, L.VALUE)
            usual = ", ".join(f"{c} = {format_exact(v)}" for c, v in t.options)
            if not rec.has_formula(ar.row):
                if t.kind == "choice":
                    self.note(
                        "guess", R.G_NO_FORMULA, code=code, cell=cell, type=t.label, values=usual
                    )
                continue
            try:
                if t.kind == "number":
                    if not rec.is_linear(ar):
                        self.note("guess", R.G_NOT_LINEAR, code=code, cell=cell,
                                  min=format_exact(t.min), max=format_exact(t.max))  # fmt: skip
                    continue
                found = rec.option_values(ar)
            except FormulaError as exc:
                self.note("guess", R.G_FORMULA_UNREADABLE, code=code, cell=cell, error=str(exc),
                          type=t.label, values=usual)  # fmt: skip
                continue
            if found != dict(t.options):
                values[code] = found
                shown = ", ".join(f"{c} = {format_exact(v)}" for c, v in found.items())
                self.note("note", R.N_VALUES, code=code, cell=cell, values=shown)
        return values

    def recognise_dependencies(self, rec: Recogniser, nodes: dict[str, Any]) -> None:
        questions = {q["code"]: q for n in nodes.values() for q in n.get("questions", [])}
        raw: dict[str, list[tuple[str, tuple[str, Any]]]] = {}
        for code, ar in rec.rows.items():
            if not rec.has_formula(ar.row):
                continue
            cell = self.cell(ar.row, L.VALUE)
            raw[code] = []
            try:
                for p in rec.prerequisites(ar):
                    result = rec.dependency(ar, p)
                    if result is None:
                        continue
                    if result[0] == "unknown":
                        self.note("guess", R.G_DEPENDENCY_UNREADABLE, code=code, cell=cell,
                                  prerequisite=p.code)  # fmt: skip
                        continue
                    raw[code].append((p.code, result))
            except FormulaError:
                continue  # already reported by recognise_values
        for code, found in raw.items():
            # In a chain (c × b, d × c) d's value also moves with b, through c: keep the
            # prerequisites that no other prerequisite of d explains.
            reached = {c for p, _ in found for c in _reachable(raw, p)}
            direct = [(p, result) for p, result in found if p not in reached]
            if not direct:
                continue
            cell = self.cell(rec.rows[code].row, L.VALUE)
            if len(direct) > 1:
                self.note("guess", R.G_TWO_DEPENDENCIES, code=code, cell=cell,
                          prerequisites=", ".join(c for c, _ in direct), kept=direct[0][0])  # fmt: skip
            prerequisite, (kind, answers) = direct[0]
            target = questions.get(code) or nodes.get(code)
            if target is None:
                continue
            if kind == "zero_if":
                target["depends_on"] = {"question": prerequisite, "zero_if": answers}
                self.note("note", R.N_ZERO_IF, code=code, cell=cell, prerequisite=prerequisite,
                          answers=", ".join(answers))  # fmt: skip
            else:
                target["depends_on"] = {"question": prerequisite, "multiply": "true"}
                self.note("note", R.N_MULTIPLY, code=code, cell=cell, prerequisite=prerequisite)

    def recognise_weights(self, rec: Recogniser, nodes: dict[str, Any]) -> None:
        for code, node in nodes.items():
            questions = node.get("questions", [])
            if len(questions) < 2:
                continue
            row = node["_row"]
            cell = self.cell(row, L.VALUE)
            if not rec.has_formula(row):
                self.note("guess", R.G_EQUAL_WEIGHTS, code=code, cell=cell)
                continue
            try:
                parts = rec.question_weights(row, [rec.rows[q["code"]].row for q in questions])
            except (FormulaError, KeyError):
                self.note("guess", R.G_EQUAL_WEIGHTS, code=code, cell=cell)
                continue
            weight = node["_weight"] or Fraction(0)
            if sum(parts) != weight or min(parts) <= 0:
                self.note("guess", R.G_WEIGHT_FORMULA, code=code, cell=cell,
                          total=format_fixed(sum(parts), 4), weight=format_exact(weight))  # fmt: skip
                continue
            if len(set(parts)) > 1:
                smallest = min(parts)
                for q, part in zip(questions, parts, strict=True):
                    q["weight"] = format_exact(part / smallest)
                self.note("note", R.N_QUESTION_WEIGHTS, code=code, cell=cell,
                          weights=", ".join(f"{q['code']} = {q['weight']}" for q in questions))  # fmt: skip


def _reachable(raw: dict[str, list[tuple[str, Any]]], start: str) -> set[str]:
    """Every prerequisite reached from ``start`` through the prerequisites found."""
    seen: set[str] = set()
    stack = [p for p, _ in raw.get(start, [])]
    while stack:
        code = stack.pop()
        if code not in seen:
            seen.add(code)
            stack.extend(p for p, _ in raw.get(code, []))
    return seen
