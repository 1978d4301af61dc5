"""Read what a workbook's formulas do: option values, dependencies, question weights.

How this works: rather than matching the formulas' text (which differs from row to row and
from workbook to workbook: ``IF(J12="Tidak",0,…)``, ``IF($J$12<>"T",…,0)``,
``IF(J14="Ya",1,0)*K13``, a VLOOKUP into a table …), each formula is *run* (``formula.py``) with
chosen answers and its results are compared with what each rule of the framework format would
give. A question's option values are its value formula (column K) run with each option in its
answer cell (J) and every other question at its best answer; a dependency on another question
shows when that question's answer changes the result: to 0 for some answers and untouched for
the others and for no answer (zero-if), or in proportion to that question's own value, 0 when
unanswered (multiply). An indicator's question weights are its score formula run with one
question's value at 1 and the others at 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from rapor.lke.formula import FormulaError, evaluate, number, parse, references
from rapor.lke.xlsx import Sheet, Workbook


@dataclass(frozen=True)
class AnswerRow:
    """An answerable row: its code, sheet row, answer spellings per option, and sample inputs."""

    code: str
    row: int
    options: tuple[tuple[str, tuple[str, ...]], ...]
    """(option code, spellings to try) for a choice; empty for a number."""
    samples: tuple[Fraction, ...] = ()
    """(min, max, middle) for a number."""
    weight: Fraction | None = None
    """Set for an input row, whose column K shows the score (weight × value)."""

    @property
    def best(self) -> Any:
        return self.options[0][1][0] if self.options else self.samples[1]


@dataclass
class Sheets:
    """Runs the formulas of one sheet with some cells set (``overrides``), as a Context."""

    wb: Workbook
    sheet: Sheet
    overrides: dict[tuple[str, int, int], Any] = field(default_factory=dict)
    memo: dict[tuple[str, int, int], Any] = field(default_factory=dict)
    busy: set[tuple[str, int, int]] = field(default_factory=set)

    def value(self, sheet: str | None, row: int, column: int) -> Any:
        key = (sheet or self.sheet.name, row, column)
        if key in self.overrides:
            return self.overrides[key]
        if key in self.memo:
            return self.memo[key]
        ws = self.sheet if key[0] == self.sheet.name else self.wb.sheet(key[0])
        cell = ws.cell(row, column)
        if cell.formula is not None and (ws is self.sheet or cell.value is None):
            if key in self.busy:
                raise FormulaError("a circular reference")
            self.busy.add(key)
            try:
                result = evaluate(parse(cell.formula), self, key[0])
            finally:
                self.busy.discard(key)
        else:
            result = cell.value
        self.memo[key] = result
        return result

    def run(self, row: int, column: int, cells: Mapping[tuple[int, int], Any]) -> Fraction:
        """The number the formula at (row, column) gives with ``cells`` set on this sheet."""
        self.overrides = {(self.sheet.name, r, c): v for (r, c), v in cells.items()}
        self.memo = {}
        return number(self.value(None, row, column))


@dataclass
class Recogniser:
    sheets: Sheets
    answer_column: int
    value_column: int
    rows: dict[str, AnswerRow]
    values: dict[str, dict[str, Fraction]] = field(default_factory=dict)
    """Recognised option values by code (filled by ``option_values``)."""

    def __post_init__(self) -> None:
        self.by_row = {r.row: r for r in self.rows.values()}

    def base(self) -> dict[tuple[int, int], Any]:
        """Every question at its best answer."""
        return {(r.row, self.answer_column): r.best for r in self.rows.values()}

    def run(self, q: AnswerRow, changes: Mapping[int, Any]) -> Fraction:
        cells = self.base()
        cells.update({(row, self.answer_column): v for row, v in changes.items()})
        result = self.sheets.run(q.row, self.value_column, cells)
        if q.weight is not None:
            if q.weight == 0:
                raise FormulaError("an input of weight 0")
            result /= q.weight
        return result

    def has_formula(self, row: int) -> bool:
        return self.sheets.sheet.cell(row, self.value_column).formula is not None

    # -- option values ---------------------------------------------------------------------
    def option_values(self, q: AnswerRow) -> dict[str, Fraction]:
        """{option: value} for a choice; raises FormulaError if the formula cannot be run."""
        out: dict[str, Fraction] = {}
        for code, spellings in q.options:
            out[code] = max(self.run(q, {q.row: s}) for s in spellings)
        if any(not 0 <= v <= 1 for v in out.values()):
            raise FormulaError("values outside 0 to 1")
        self.values[q.code] = out
        return out

    def is_linear(self, q: AnswerRow) -> bool:
        low, high, middle = q.samples
        got = [self.run(q, {q.row: x}) for x in (low, high, middle)]
        return got == [Fraction(0), Fraction(1), (middle - low) / (high - low)]

    # -- dependencies ----------------------------------------------------------------------
    def prerequisites(self, q: AnswerRow) -> list[AnswerRow]:
        """Answerable rows whose answer the value formula of ``q`` reads, directly or through
        other rows' values; in sheet order."""
        seen: set[int] = set()
        found: set[int] = set()
        stack = [q.row]
        while stack:
            row = stack.pop()
            if row in seen:
                continue
            seen.add(row)
            formula = self.sheets.sheet.cell(row, self.value_column).formula
            if formula is None:
                continue
            for sheet, r, c in references(parse(formula)):
                if sheet not in (None, self.sheets.sheet.name):
                    continue
                if c == self.answer_column and r in self.by_row and r != q.row:
                    found.add(r)
                elif c == self.value_column and r != q.row:
                    stack.append(r)
        return [self.by_row[r] for r in sorted(found)]

    def dependency(self, q: AnswerRow, p: AnswerRow) -> tuple[str, Any] | None:
        """("zero_if", [options]), ("multiply", None), None when ``p`` changes nothing, or
        ("unknown", None)."""
        own = [(code, spellings[0]) for code, spellings in q.options] or [
            (str(x), x) for x in q.samples[1:]
        ]
        mine = {code: self.run(q, {q.row: a}) for code, a in own}
        if not any(mine.values()):
            return None  # nothing to observe
        choices = [(code, spellings) for code, spellings in p.options] or [
            (str(x), (x,)) for x in p.samples
        ]
        p_values = self.values.get(p.code) or {
            str(x): (x - p.samples[0]) / (p.samples[1] - p.samples[0]) for x in p.samples
        }
        blank = {code: self.run(q, {q.row: a, p.row: None}) for code, a in own}
        # Each spelling of an option is tried: a formula may test "Tidak" and not "T". Any
        # spelling that zeroes the value counts for zero-if (the engine reads "T" as "Tidak");
        # the highest result is the option's value for multiply.
        tried = {
            (mc, pc): [self.run(q, {q.row: a, p.row: s}) for s in spellings]
            for mc, a in own
            for pc, spellings in choices
        }
        low = {k: min(v) for k, v in tried.items()}
        high = {k: max(v) for k, v in tried.items()}
        if blank == mine and all(v == mine[mc] for (mc, _), v in [*low.items(), *high.items()]):
            return None
        zero = sorted({pc for (mc, pc), v in low.items() if v == 0 and mine[mc] != 0})
        if (
            zero
            and blank == mine
            and all(v == (0 if pc in zero else mine[mc]) for (mc, pc), v in low.items())
        ):
            return ("zero_if", zero)
        if all(v == 0 for v in blank.values()) and all(
            v == mine[mc] * p_values.get(pc, Fraction(-1)) for (mc, pc), v in high.items()
        ):
            return ("multiply", None)
        return ("unknown", None)

    # -- question weights ------------------------------------------------------------------
    def question_weights(self, indicator_row: int, question_rows: list[int]) -> list[Fraction]:
        """What the indicator's score formula gives with each question's value at 1 alone."""
        out = []
        for row in question_rows:
            cells = {(r, self.value_column): Fraction(r == row) for r in question_rows}
            cells.update(self.base())
            out.append(self.sheets.run(indicator_row, self.value_column, cells))
        return out
