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
rows that carry something but cannot be placed are reported as problems. A workbook that Rapor
wrote carries each row's code in column A (headed ``Kode``): its rows are read by those codes,
so that frameworks whose trees are deeper or shallower than the 2014 layout read back exactly.
"""

from __future__ import annotations

import os
from typing import IO, Any

from rapor.lke import layout as L
from rapor.lke import layout2023
from rapor.lke import reasons as R
from rapor.lke.layout import Block, is_blank, sheet_ref
from rapor.lke.limits import DEFAULT_LIMITS, WorkbookLimits
from rapor.lke.model import LkeError, LkeProblem, LkeRead
from rapor.lke.reader2023 import header_2023, read_2023
from rapor.lke.values import UnreadableAnswer, answer_text
from rapor.lke.xlsx import Sheet, Workbook, open_workbook

_MEANINGFUL = (L.WEIGHT, L.ANSWER_TYPE, L.ANSWER)
_MARKERS = (L.COMPONENT, L.AREA, L.NAME_OR_NUMBER, L.NAME_OR_LETTER)
CODE_COLUMN = 1  # column A: the row's code, in workbooks Rapor writes
CODE_HEADER = "KODE"


def read_lke_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    block: int = 1,
    name: str | None = None,
    limits: WorkbookLimits = DEFAULT_LIMITS,
) -> LkeRead:
    """Read block ``block`` (1 = leftmost) of the LKE workbook at ``source``."""
    label = name or (os.fspath(source) if isinstance(source, str | os.PathLike) else "workbook")
    if block < 1:
        raise LkeError(R.NO_BLOCK_NUMBER, file=label, block=block)
    with open_workbook(source, name=label, limits=limits) as wb:
        # a block reads nothing to its right (in either layout)
        wb.keep_columns = max(
            Block(block).column(L.NOTES), layout2023.block_column(block, layout2023.NOTES)
        )
        return read_block(wb, block)


def read_block(wb: Workbook, block: int, *, by_position: bool = False) -> LkeRead:
    """Read one block of an opened workbook (``by_position``: ignore column A's codes)."""
    b = Block(block)
    ws, first = None, None
    for sheet in wb.sheets():  # the first sheet in either layout, each sheet parsed once
        header = None if by_position else header_2023(sheet)
        if header is not None:  # the workbook of the 2023 method, as Rapor writes it
            return read_2023(wb, sheet, header, block)
        first = _block_start(sheet, b)
        if first is not None:
            ws = sheet
            break
    tree = b
    if (ws is None or first is None) and block > 1:
        # Some workbooks repeat only the evaluation columns for the earlier year, not the tree:
        # read that block's answers along block 1's rows when its answer column holds any.
        ws, first = find_block(wb, Block(1))
        if ws is not None and first is not None and _has_answers(ws, b, first):
            tree = Block(1)
        else:
            ws = first = None
    if ws is None or first is None:
        raise _missing(wb, b)
    walker = _Walker(ws, b, tree=tree)
    coded = is_coded(ws, first) and not by_position
    if coded:
        for row in ws.rows(first):
            walker.coded_row(row)
    else:
        for row in ws.rows(first):
            walker.row(row)
    return LkeRead(
        answers=walker.answers,
        cells=walker.cells,
        sheet=ws.name,
        block=block,
        heading=_heading(ws, b, first),
        problems=walker.problems,
        answer_types=walker.types,
        types_at=walker.types_at,
        coded=coded,
        rows=walker.tree_rows,
    )


def is_coded(ws: Sheet, first: int) -> bool:
    """Does the sheet carry each row's code in column A (a workbook Rapor wrote)?"""
    head = ws.value(first - 1, CODE_COLUMN)
    return isinstance(head, str) and head.strip().upper() == CODE_HEADER


def _missing(wb: Workbook, b: Block) -> LkeError:
    ws, row = find_block(wb, Block(1))
    if ws is None or row is None:
        return LkeError(R.NOT_LKE, file=wb.name)
    return LkeError(
        R.NO_SUCH_BLOCK,
        file=wb.name,
        sheet=ws.name,
        block=b.number,
        cell=sheet_ref(ws.name, f"{b.letter(L.COMPONENT)}{row}"),
        column=b.letter(L.AREA),
    )


def find_block(wb: Workbook, b: Block) -> tuple[Sheet | None, int | None]:
    """Return (sheet, row of component 'A.') of the first sheet holding block ``b``."""
    for ws in wb.sheets():
        start = _block_start(ws, b)
        if start is not None:
            return ws, start
    return None, None


def _block_start(ws: Sheet, b: Block) -> int | None:
    """The row of block ``b``'s component 'A.' in this sheet (followed by an area 'I.')."""
    start_coded = _coded_start(ws, b)
    if start_coded is not None:
        return start_coded
    marker_col, area_col = b.column(L.COMPONENT), b.column(L.AREA)
    start: int | None = None
    for number in ws.rows():
        marker = ws.value(number, marker_col)
        if L.component_letter(marker) == "A":
            start = number
        elif not is_blank(marker):
            start = None
        elif start is not None and L.roman_number(ws.value(number, area_col)) == 1:
            return start
    return None


def _coded_start(ws: Sheet, b: Block) -> int | None:
    """The first row of a workbook Rapor wrote: under the ``Kode`` header of column A, where the
    block's first column holds the first component's letter."""
    for row in range(1, min(ws.max_row, 50) + 1):
        head = ws.value(row, CODE_COLUMN)
        if isinstance(head, str) and head.strip().upper() == CODE_HEADER:
            first = row + 1
            if L.component_letter(ws.value(first, b.column(L.COMPONENT))) == "A":
                return first
            return None
    return None


def _has_answers(ws: Sheet, b: Block, first: int) -> bool:
    column = b.column(L.ANSWER)
    return any(not is_blank(ws.value(row, column)) for row in ws.rows(first))


def _heading(ws: Sheet, b: Block, first: int) -> str | None:
    """Return the nearest text above the tree that names the evaluation (``PENILAIAN …``)."""
    for row in range(first - 1, 0, -1):
        for role in range(L.BLOCK_WIDTH):
            value = ws.value(row, b.column(role))
            if isinstance(value, str) and "PENILAIAN" in value.upper():
                return " ".join(value.split())
    return None


class _Walker:
    """Walk the rows of one block, keeping the current position in the tree."""

    def __init__(self, ws: Sheet, b: Block, *, tree: Block | None = None) -> None:
        self.ws, self.b = ws, b
        self.tree = tree
        """The block whose marker, text, weight and type columns give the rows (default b)."""
        self.answers: dict[str, str] = {}
        self.cells: dict[str, str] = {}
        self.problems: list[LkeProblem] = []
        self.types: dict[str, str] = {}
        self.types_at: dict[str, str] = {}
        self.tree_rows: list[tuple[str, str, int]] = []
        self.component: str | None = None
        self.area: str | None = None
        self.indicator: str | None = None
        self.indicator_codes = 0
        self.lost: str | None = None  # the unreadable row that the current rows belong to

    def block_of(self, role: int) -> Block:
        if role in (L.ANSWER, L.VALUE, L.PERCENT, L.NOTES) or self.tree is None:
            return self.b
        return self.tree

    def value(self, row: int, role: int) -> Any:
        return self.ws.value(row, self.block_of(role).column(role))

    def ref(self, row: int, role: int) -> str:
        return f"{self.block_of(role).letter(role)}{row}"

    def problem(self, row: int, role: int, reason: str, **details: Any) -> None:
        self.problems.append(LkeProblem(self.ws.name, self.ref(row, role), reason, details))

    def coded_row(self, row: int) -> None:
        code = self.ws.value(row, CODE_COLUMN)
        if not isinstance(code, str) or not code.strip():
            return
        if not is_blank(self.value(row, L.ANSWER_TYPE)):
            self.add(code.strip(), row)

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

    def component_row(self, row: int, v: dict[int, Any], meaningful: bool) -> None:
        letter = L.component_letter(v[L.COMPONENT])
        self.area = self.indicator = None
        self.component = L.COMPONENT_CODES.get(letter or "")
        self.lost = None
        if self.component is None and (meaningful or letter):
            self.lost = self.ref(row, L.COMPONENT)
            self.problem(row, L.COMPONENT, R.BAD_COMPONENT, value=v[L.COMPONENT])
        elif self.component is not None:
            self.tree_rows.append(("component", self.component, row))
        # Component and area rows carry no answer; a value in their answer column (a subtotal in
        # some workbooks) is ignored rather than reported, so it cannot block a real file.

    def area_row(self, row: int, v: dict[int, Any], meaningful: bool) -> None:
        number = L.roman_number(v[L.AREA])
        self.indicator = None
        if number is None:
            if meaningful:
                self.area, self.lost = None, self.ref(row, L.AREA)
                self.problem(row, L.AREA, R.BAD_AREA, value=v[L.AREA])
            return
        if self.component is None:
            self.area = None
            self.orphan(row, L.AREA, R.ORPHAN_AREA)
            return
        self.area, self.lost = f"{self.component}{number}", None
        self.tree_rows.append(("area", self.area, row))

    def indicator_row(self, row: int, v: dict[int, Any], meaningful: bool) -> None:
        number = L.indicator_number(v[L.NAME_OR_NUMBER])
        if number is None:
            if meaningful:
                self.indicator, self.lost = None, self.ref(row, L.NAME_OR_NUMBER)
                self.problem(row, L.NAME_OR_NUMBER, R.BAD_INDICATOR, value=v[L.NAME_OR_NUMBER])
            return
        if self.area is None:
            self.indicator = None
            if meaningful:
                self.orphan(row, L.NAME_OR_NUMBER, R.ORPHAN_INDICATOR)
            return
        self.indicator, self.indicator_codes, self.lost = f"{self.area}.{number}", 0, None
        self.tree_rows.append(("indicator", self.indicator, row))
        if not is_blank(v[L.ANSWER_TYPE]) or not is_blank(v[L.ANSWER]):
            self.unlettered_row(row)

    def question_row(self, row: int, v: dict[int, Any], meaningful: bool) -> None:
        letter = L.question_letter(v[L.NAME_OR_LETTER])
        if letter is None:
            if meaningful:
                self.problem(row, L.NAME_OR_LETTER, R.BAD_LETTER, value=v[L.NAME_OR_LETTER])
            return
        if self.indicator is None:
            if meaningful:
                self.orphan(row, L.NAME_OR_LETTER, R.ORPHAN_QUESTION)
            return
        self.add(f"{self.indicator}.{letter}", row)

    def unlettered_row(self, row: int) -> None:
        """A row that answers without a letter: the indicator's single question (or input)."""
        if self.indicator is None:
            self.orphan(row, L.ANSWER, R.ORPHAN_ANSWER)
            return
        if self.indicator_codes:
            self.problem(row, L.NAME_OR_LETTER, R.SECOND_UNLETTERED, indicator=self.indicator)
            return
        own = self.component in L.INPUT_COMPONENTS
        self.add(self.indicator if own else f"{self.indicator}.a", row, "input" if own else "")

    def orphan(self, row: int, role: int, reason: str) -> None:
        why = R.BELONGS_UNDER.format(cell=self.lost) if self.lost else ""
        self.problem(row, role, reason, why=why, lost=self.lost)

    def add(self, code: str, row: int, kind: str = "") -> None:
        self.indicator_codes += 1
        ref = sheet_ref(self.ws.name, self.ref(row, L.ANSWER))
        if code in self.cells:
            self.problem(row, L.ANSWER, R.TWICE, code=code, first=self.cells[code])
            return
        self.cells[code] = ref
        if kind == "input":  # the indicator row itself is the input
            self.tree_rows[-1] = ("input", code, row)
        else:
            self.tree_rows.append(("question", code, row))
        kind = self.value(row, L.ANSWER_TYPE)
        if isinstance(kind, str | int | float) and not is_blank(kind):
            self.types[code] = " ".join(str(kind).split())
            self.types_at[code] = sheet_ref(self.ws.name, self.ref(row, L.ANSWER_TYPE))
        cell = self.ws.cell(row, self.b.column(L.ANSWER))
        try:
            text = answer_text(cell.value, cell.number_format)
        except UnreadableAnswer as exc:
            self.problem(
                row,
                L.ANSWER,
                R.UNREADABLE_ANSWER,
                code=code,
                why=str(exc),
                why_reason=exc.reason,
                why_details=exc.details,
                value=cell.value,
            )
            return
        if text is None:
            if cell.value is None and cell.formula is not None:
                self.problem(row, L.ANSWER, R.FORMULA_NO_VALUE, code=code, value=cell.formula)
            return
        self.answers[code] = text
