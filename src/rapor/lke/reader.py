"""Read one block of an official LKE workbook (2014/2015 layout) into answers keyed by code.

Usage::

    from rapor.lke import read_lke_workbook
    read = read_lke_workbook("lke-2015.xlsx", block=2)   # the previous year's evaluation
    read.answers["P1.2.d"]    # "B"
    read.cells["P1.2.d"]      # "LKE!Z15"
    read.problems             # rows that could not be read, each with its sheet and cell

How it works: the sheet is the first one whose block columns hold a component row (``A.`` in the
block's first column) followed by an area row (``I.`` one column to the right). From that row down,
each row is classified by its leftmost filled marker column (see ``layout``) and gets its code from
its position in the tree: component ``A.``/``B.`` -> P/H, area ``II.`` -> P2, indicator ``3`` ->
P2.3, question ``b.`` -> P2.3.b. A question row without a letter, or an indicator row that carries
the answer itself, is the indicator's single question ``P2.3.a``; in the Hasil component it is the
input ``H1.1`` itself. Rows that carry nothing (no weight, answer type or answer) are ignored;
rows that carry something but cannot be placed are reported as problems.
"""

from __future__ import annotations

import os
import warnings
import zipfile
from dataclasses import dataclass, field

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from rapor.lke import layout as L
from rapor.lke.layout import Block, is_blank, sheet_ref
from rapor.lke.model import LkeError, LkeProblem, LkeRead
from rapor.lke.values import UnreadableAnswer, answer_text

_MEANINGFUL = (L.WEIGHT, L.ANSWER_TYPE, L.ANSWER)
_MARKERS = (L.COMPONENT, L.AREA, L.NAME_OR_NUMBER, L.NAME_OR_LETTER)


def read_lke_workbook(path: str | os.PathLike[str], *, block: int = 1) -> LkeRead:
    """Read block ``block`` (1 = leftmost) of the LKE workbook at ``path``."""
    if block < 1:
        raise LkeError(f"{path}: block {block} does not exist; blocks are numbered from 1")
    values, formulas = _open(path)
    b = Block(block)
    ws, first = _find_block(values, b)
    tree = b
    if (ws is None or first is None) and block > 1:
        # Some workbooks repeat only the evaluation columns for the earlier year, not the tree:
        # read that block's answers along block 1's rows when its answer column holds any.
        ws, first = _find_block(values, Block(1))
        if ws is not None and first is not None and _has_answers(ws, b, first):
            tree = Block(1)
        else:
            ws = first = None
    if ws is None or first is None:
        raise _missing(path, values, b)
    walker = _Walker(ws, formulas[ws.title], b, tree=tree)
    for row in range(first, ws.max_row + 1):
        walker.row(row)
    return LkeRead(
        answers=walker.answers,
        cells=walker.cells,
        sheet=ws.title,
        block=block,
        heading=_heading(ws, b, first),
        problems=walker.problems,
    )


def _missing(path: str | os.PathLike[str], wb: openpyxl.Workbook, b: Block) -> LkeError:
    ws, row = _find_block(wb, Block(1))
    if ws is None:
        return LkeError(
            f"{path}: not an LKE workbook: no sheet has a component row 'A.' in column B "
            "followed by an area row 'I.' in column C"
        )
    cell = sheet_ref(ws.title, f"{b.letter(L.COMPONENT)}{row}")
    return LkeError(
        f"{path}: sheet {ws.title!r}: block {b.number} not found: expected the component row "
        f"'A.' at {cell} (as in block 1), followed by an area row 'I.' in column {b.letter(L.AREA)}"
    )


def _open(path: str | os.PathLike[str]) -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    """Open the workbook twice: cached values, and formulas (to explain a formula without value)."""
    try:
        with warnings.catch_warnings():
            # Real workbooks carry extensions openpyxl does not model (data validation lists,
            # conditional formats); its warnings about them say nothing about the answers.
            warnings.simplefilter("ignore", UserWarning)
            values = openpyxl.load_workbook(path, data_only=True)
            formulas = openpyxl.load_workbook(path, data_only=False)
    except FileNotFoundError as exc:
        raise LkeError(f"{path}: file not found") from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise LkeError(f"{path}: not an Excel workbook (.xlsx) that can be read: {exc}") from exc
    return values, formulas


def _find_block(wb: openpyxl.Workbook, b: Block) -> tuple[Worksheet | None, int | None]:
    """Return (sheet, row of component 'A.') of the first sheet holding block ``b``."""
    for ws in wb.worksheets:
        start: int | None = None
        rows = ws.iter_rows(
            min_col=b.column(L.COMPONENT), max_col=b.column(L.AREA), values_only=True
        )
        for number, (marker, area) in enumerate(rows, start=1):
            if L.component_letter(marker) == "A":
                start = number
            elif not is_blank(marker):
                start = None
            elif start is not None and L.roman_number(area) == 1:
                return ws, start
    return None, None


def _has_answers(ws: Worksheet, b: Block, first: int) -> bool:
    column = b.column(L.ANSWER)
    return any(not is_blank(ws.cell(row, column).value) for row in range(first, ws.max_row + 1))


def _heading(ws: Worksheet, b: Block, first: int) -> str | None:
    """Return the nearest text above the tree that names the evaluation (``PENILAIAN …``)."""
    for row in range(first - 1, 0, -1):
        for role in range(L.BLOCK_WIDTH):
            value = ws.cell(row, b.column(role)).value
            if isinstance(value, str) and "PENILAIAN" in value.upper():
                return " ".join(value.split())
    return None


@dataclass
class _Walker:
    """Walk the rows of one block, keeping the current position in the tree."""

    ws: Worksheet
    formulas: Worksheet
    b: Block
    answers: dict[str, str] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    problems: list[LkeProblem] = field(default_factory=list)
    component: str | None = None
    area: str | None = None
    indicator: str | None = None
    indicator_codes: int = 0
    lost: str | None = None  # the unreadable row that the current rows belong to
    tree: Block | None = None
    """The block whose marker, text, weight and type columns give the rows (default: ``b``)."""

    def block_of(self, role: int) -> Block:
        if role in (L.ANSWER, L.VALUE, L.PERCENT, L.NOTES) or self.tree is None:
            return self.b
        return self.tree

    def value(self, row: int, role: int) -> object:
        return self.ws.cell(row, self.block_of(role).column(role)).value

    def ref(self, row: int, role: int) -> str:
        return f"{self.block_of(role).letter(role)}{row}"

    def problem(self, row: int, role: int, message: str) -> None:
        self.problems.append(LkeProblem(self.ws.title, self.ref(row, role), message))

    def row(self, row: int) -> None:
        v = {role: self.value(row, role) for role in range(L.NOTES + 1)}
        meaningful = any(not is_blank(v[role]) for role in _MEANINGFUL)
        markers = [role for role in _MARKERS if not is_blank(v[role])]
        if markers and not L.looks_like_marker(v[markers[0]]):
            # A label such as "JUMLAH" or a wrapped name: not part of the tree. Real workbooks put
            # subtotals on such rows, so whatever stands in its answer column is not an answer.
            return
        elif not is_blank(v[L.COMPONENT]):
            self.component_row(row, v, meaningful)
        elif not is_blank(v[L.AREA]):
            self.area_row(row, v, meaningful)
        elif not is_blank(v[L.NAME_OR_NUMBER]):
            self.indicator_row(row, v, meaningful)
        elif not is_blank(v[L.NAME_OR_LETTER]):
            self.question_row(row, v, meaningful)
        elif not is_blank(v[L.ANSWER_TYPE]) or not is_blank(v[L.ANSWER]):
            self.unlettered_row(row)

    def component_row(self, row: int, v: dict[int, object], meaningful: bool) -> None:
        letter = L.component_letter(v[L.COMPONENT])
        self.area = self.indicator = None
        self.component = L.COMPONENT_CODES.get(letter or "")
        self.lost = None
        if self.component is None and (meaningful or letter):
            self.lost = self.ref(row, L.COMPONENT)
            self.problem(
                row,
                L.COMPONENT,
                f"cannot read the component {v[L.COMPONENT]!r}: expected 'A.' (Proses) or "
                "'B.' (Hasil)",
            )
        elif self.component is not None:
            self.no_answer_here(row, v, "a component row")

    def area_row(self, row: int, v: dict[int, object], meaningful: bool) -> None:
        number = L.roman_number(v[L.AREA])
        self.indicator = None
        if number is None:
            if meaningful:
                self.area, self.lost = None, self.ref(row, L.AREA)
                self.problem(
                    row,
                    L.AREA,
                    f"cannot read the area number {v[L.AREA]!r}: expected 'I.', 'II.' …",
                )
            return
        if self.component is None:
            self.area = None
            self.orphan(row, L.AREA, "an area row outside a component ('A.' or 'B.')")
            return
        self.area, self.lost = f"{self.component}{number}", None
        self.no_answer_here(row, v, "an area row")

    def indicator_row(self, row: int, v: dict[int, object], meaningful: bool) -> None:
        number = L.indicator_number(v[L.NAME_OR_NUMBER])
        if number is None:
            if meaningful:
                self.indicator, self.lost = None, self.ref(row, L.NAME_OR_NUMBER)
                self.problem(
                    row,
                    L.NAME_OR_NUMBER,
                    f"cannot read the indicator number {v[L.NAME_OR_NUMBER]!r}: expected 1, 2. …",
                )
            return
        if self.area is None:
            self.indicator = None
            if meaningful:
                self.orphan(row, L.NAME_OR_NUMBER, "an indicator row outside an area ('I.' …)")
            return
        self.indicator, self.indicator_codes, self.lost = f"{self.area}.{number}", 0, None
        if not is_blank(v[L.ANSWER_TYPE]) or not is_blank(v[L.ANSWER]):
            self.unlettered_row(row)

    def question_row(self, row: int, v: dict[int, object], meaningful: bool) -> None:
        letter = L.question_letter(v[L.NAME_OR_LETTER])
        if letter is None:
            if meaningful:
                self.problem(
                    row,
                    L.NAME_OR_LETTER,
                    f"cannot read the question letter {v[L.NAME_OR_LETTER]!r}: expected a., b. …",
                )
            return
        if self.indicator is None:
            if meaningful:
                self.orphan(row, L.NAME_OR_LETTER, "a question row outside an indicator")
            return
        self.add(f"{self.indicator}.{letter}", row)

    def unlettered_row(self, row: int) -> None:
        """A row that answers without a letter: the indicator's single question (or input)."""
        if self.indicator is None:
            self.orphan(row, L.ANSWER, "an answer outside an indicator")
            return
        if self.indicator_codes:
            self.problem(
                row,
                L.NAME_OR_LETTER,
                f"a second question without a letter under indicator {self.indicator}; "
                "write its letter (a., b. …) in this cell",
            )
            return
        own = self.component in L.INPUT_COMPONENTS
        self.add(self.indicator if own else f"{self.indicator}.a", row)

    def orphan(self, row: int, role: int, what: str) -> None:
        why = f" (it belongs under the unreadable row {self.lost})" if self.lost else ""
        self.problem(row, role, f"{what}{why}")

    def no_answer_here(self, row: int, v: dict[int, object], what: str) -> None:
        """Component and area rows carry no answer; a value in their answer column (a subtotal
        in some workbooks) is ignored rather than reported, so it cannot block a real file."""

    def add(self, code: str, row: int) -> None:
        self.indicator_codes += 1
        ref = sheet_ref(self.ws.title, self.ref(row, L.ANSWER))
        if code in self.cells:
            self.problem(row, L.ANSWER, f"{code} appears twice (first at {self.cells[code]})")
            return
        self.cells[code] = ref
        cell = self.ws.cell(row, self.b.column(L.ANSWER))
        try:
            text = answer_text(cell.value, cell.number_format or "General")
        except UnreadableAnswer as exc:
            self.problem(row, L.ANSWER, f"{code}: {exc}")
            return
        if text is None:
            formula = self.formulas[cell.coordinate].value
            if isinstance(formula, str) and formula.startswith("="):
                self.problem(
                    row,
                    L.ANSWER,
                    f"{code}: the answer is a formula with no saved value; "
                    "open and save the file in Excel, or type the answer",
                )
            return
        self.answers[code] = text
