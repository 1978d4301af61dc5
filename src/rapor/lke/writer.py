"""Write an LKE workbook in the official 2014/2015 layout, one block per evaluation.

Usage::

    from rapor.lke import LkeBlock, rows_from_csv, write_lke_workbook
    rows = rows_from_csv("lke-rb-2014-instrument.csv")
    write_lke_workbook(
        "out.xlsx",
        framework_rows=rows,
        blocks=[LkeBlock("PENILAIAN TAHUN 2015", {"P1.1.a": "A", "H1.1": "70.05"}),
                LkeBlock("PENILAIAN TAHUN 2014", {"P1.1.a": "B"})],
    )

The rows are plain data (``LkeRow``), not the engine's classes, so this module depends on nothing
but openpyxl; ``rapor.lke.export`` builds them from a framework, with formulas. Markers are
derived from the codes (``P2`` -> ``II.``, ``P2.3`` -> ``3``, ``P2.3.b`` -> ``b.``) unless a row
gives its own; ``read_lke_workbook`` reads a written workbook back to the same answers.

Formulas (``LkeRow.value`` for column K, ``LkeRow.percent`` for L, and the summary rows) are
templates: ``{J}``, ``{K}``, ``{L}``, ``{G}`` stand for the block's column letters, so the same
row formula serves every block (block 2's ``{J}`` is V).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from rapor.lke import layout as L
from rapor.lke.cells import lines_needed
from rapor.lke.layout import Block
from rapor.lke.values import number_text

KINDS = ("component", "group", "area", "indicator", "input", "question")
FIRST_ROW = 5
CODE_HEADER = "Kode"
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_LABELS = {
    L.COMPONENT: "No",
    L.AREA: "Komponen / Area / Indikator",
    L.TEXT: "Pertanyaan",
    L.WEIGHT: "Bobot",
    L.OPTIONS: "Penjelasan",
    L.ANSWER_TYPE: "Pilihan Jawaban",
    L.ANSWER: "Jawaban",
    L.VALUE: "Nilai",
    L.PERCENT: "%",
    L.NOTES: "Catatan",
}
_ANSWER_TYPES = {"number 0-100": "0-100", "number 0-5": "0-5", "number 0-4": "0-4"}
_ANSWER_TYPES["bpk_opinion"] = "Opini BPK"
# (marker column, name column) of each kind of row
_PLACES = {
    "component": (L.COMPONENT, L.AREA),
    "group": (L.COMPONENT, L.AREA),
    "area": (L.AREA, L.NAME_OR_NUMBER),
    "indicator": (L.NAME_OR_NUMBER, L.NAME_OR_LETTER),
    "input": (L.NAME_OR_NUMBER, L.NAME_OR_LETTER),
    "question": (L.NAME_OR_LETTER, L.TEXT),
}
_WIDTHS = {
    L.COMPONENT: 5, L.AREA: 5, L.NAME_OR_NUMBER: 5, L.NAME_OR_LETTER: 5, L.TEXT: 48,
    L.WEIGHT: 8, L.OPTIONS: 40, L.ANSWER_TYPE: 11, L.ANSWER: 11, L.VALUE: 9, L.PERCENT: 9,
    L.NOTES: 30,
}  # fmt: skip
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
_ROW_FILL = {"component": "C9D6E8", "group": "D6E0EE", "area": "E6ECF5", "indicator": "F2F5FA"}
_ANSWER_FILL = PatternFill("solid", fgColor="FFF8DC")


@dataclass(frozen=True)
class LkeRow:
    """One row of the tree: ``kind`` is component, group (a level between a component and its
    areas), area, indicator, input (an answerable indicator, e.g. H1.1) or question."""

    kind: str
    code: str
    name: str
    weight: str | None = None
    answer_type: str | None = None
    options: str | None = None
    marker: object = None
    """The marker as shown (``"A."``, ``"II."``, 3, ``"b."``); derived from the code if None."""
    value: str | None = None
    """Formula template of column K (value of a question, score of a node), without ``=``."""
    percent: str | None = None
    """Formula template of column L."""
    choices: tuple[str, ...] = ()
    """Answers offered in the answer cell's drop-down list (a choice scale's option codes)."""
    bounds: tuple[str, str] | None = None
    """(min, max) of a number answer, checked by the answer cell."""


@dataclass(frozen=True)
class LkeBlock:
    """One evaluation: its heading, its answers (code -> text or number) and notes (column M)."""

    heading: str
    answers: Mapping[str, str | int | float | Decimal] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SummaryRow:
    """A labelled row under the tree (total, index, grade) with a formula template for K."""

    label: str
    formula: str
    number_format: str = "0.00"


def rows_from_csv(path: str | os.PathLike[str]) -> list[LkeRow]:
    """Build the rows, in workbook order, from an instrument CSV (code,kind,parent,name,…)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    children: dict[str, list[dict[str, str]]] = {}
    for record in records:
        children.setdefault(record["parent"].strip(), []).append(record)
    rows: list[LkeRow] = []

    def visit(parent: str) -> None:
        for r in children.get(parent, []):
            answer_type = r["answer_type"].strip()
            rows.append(
                LkeRow(
                    kind=r["kind"].strip(),
                    code=r["code"].strip(),
                    name=r["name"].strip(),
                    weight=r["weight"].strip() or None,
                    answer_type=_ANSWER_TYPES.get(answer_type, answer_type) or None,
                    options=r["options"].strip() or None,
                )
            )
            visit(r["code"].strip())

    visit("")
    return rows


def write_lke_workbook(
    path: str | os.PathLike[str] | IO[bytes],
    *,
    framework_rows: Sequence[LkeRow],
    blocks: Sequence[LkeBlock],
    sheet_title: str = "LKE",
    title: str = "LEMBAR KERJA EVALUASI REFORMASI BIROKRASI",
    subtitle: str | None = None,
    codes: bool = False,
    summary: Sequence[SummaryRow] = (),
) -> None:
    """Write ``blocks`` side by side (block 1 in B..M, block 2 in N..Y, …) to ``path``.

    With ``codes`` each row's code goes to column A (headed ``Kode``), so the reader maps rows
    by code rather than by position.
    """
    markers = _markers(framework_rows)
    answerable = {r.code for r in framework_rows if r.kind in ("input", "question")}
    for number, block in enumerate(blocks, start=1):
        unknown = sorted(set(block.answers) - answerable)
        if unknown:
            raise ValueError(f"block {number}: no answerable row for {', '.join(unknown)}")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet_title
    ws["B1"] = title
    ws["B1"].font = Font(bold=True, size=13)
    if subtitle:
        ws["B2"] = subtitle
    if codes:
        ws.cell(FIRST_ROW - 1, 1, CODE_HEADER).font = Font(bold=True, color="666666")
        ws.column_dimensions["A"].width = 11
        for number, row in enumerate(framework_rows, start=FIRST_ROW):
            code = ws.cell(number, 1, row.code)
            code.font, code.alignment = Font(size=8, color="666666"), Alignment(vertical="top")
    for number, block in enumerate(blocks, start=1):
        _write_block(ws, Block(number), block, framework_rows, markers, summary)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)
    # printed on A4 landscape, as wide as the page, as long as it takes
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
    wb.calculation.fullCalcOnLoad = True  # openpyxl saves no results: compute them on opening
    wb.save(path)


def _markers(rows: Sequence[LkeRow]) -> list[object]:
    """Return each row's marker (``A.``, ``II.``, 3, ``b.``), checking codes follow the tree."""
    out: list[object] = []
    # The code of the current row at each level; a row's code must extend its parent's.
    current: dict[str, str] = {}
    parent_of = {"area": "component", "indicator": "area", "input": "area", "question": "indicator"}
    for row in rows:
        if row.kind not in KINDS:
            raise ValueError(f"{row.code}: unknown row kind {row.kind!r}")
        if row.marker is not None:
            out.append(row.marker)
            continue
        if row.kind == "component":
            if row.code not in L.COMPONENT_LETTERS:
                raise ValueError(f"{row.code}: components are P (A.) and H (B.)")
            current = {"component": row.code}
            out.append(L.COMPONENT_LETTERS[row.code] + ".")
            continue
        above = parent_of.get(row.kind, "component")
        parent = current.get(above, "")
        prefix = parent if row.kind == "area" else f"{parent}."
        if not parent or not row.code.startswith(prefix):
            raise ValueError(f"{row.code}: does not belong under the {above} row above it")
        tail = row.code[len(prefix) :]
        if row.kind == "area" and tail.isdigit():
            out.append(L.to_roman(int(tail)) + ".")
            current = {"component": current["component"], "area": row.code}
        elif row.kind in ("indicator", "input") and tail.isdigit():
            if row.kind == "input" and current["component"] not in L.INPUT_COMPONENTS:
                raise ValueError(f"{row.code}: inputs belong to the Hasil component")
            out.append(int(tail))
            current["indicator"] = row.code
        elif row.kind == "question" and len(tail) == 1 and tail.isalpha():
            out.append(tail.lower() + ".")
        else:
            raise ValueError(f"{row.code}: cannot write a {row.kind} marker for this code")
    return out


def _columns(b: Block) -> dict[str, str]:
    return {"J": b.letter(L.ANSWER), "K": b.letter(L.VALUE), "L": b.letter(L.PERCENT)} | {
        "G": b.letter(L.WEIGHT)
    }


def _write_block(
    ws: Worksheet,
    b: Block,
    block: LkeBlock,
    rows: Sequence[LkeRow],
    markers: Sequence[object],
    summary: Sequence[SummaryRow],
) -> None:
    letters = _columns(b)
    heading = ws.cell(3, b.column(L.COMPONENT), block.heading)
    heading.font = Font(bold=True)
    heading.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=3, start_column=b.column(0), end_row=3, end_column=b.column(L.NOTES))
    for role, label in _LABELS.items():
        cell = ws.cell(FIRST_ROW - 1, b.column(role), label)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEAD_FILL, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[b.letter(role)].width = _WIDTHS[role]
    # the tree's label spans its narrow marker columns (C, D, E)
    ws.merge_cells(
        start_row=FIRST_ROW - 1,
        start_column=b.column(L.AREA),
        end_row=FIRST_ROW - 1,
        end_column=b.column(L.NAME_OR_LETTER),
    )
    lists: dict[tuple[str, ...], DataValidation] = {}
    ranges: dict[tuple[str, str], DataValidation] = {}
    for number, (row, marker) in enumerate(zip(rows, markers, strict=True), start=FIRST_ROW):
        marker_role, name_role = _PLACES[row.kind]
        ws.cell(number, b.column(marker_role), marker)
        name = ws.cell(number, b.column(name_role), row.name)
        name.alignment = Alignment(wrap_text=True, vertical="top")
        if row.kind in _ROW_FILL:
            name.font = Font(bold=row.kind != "indicator")
            fill = PatternFill("solid", fgColor=_ROW_FILL[row.kind])
            for role in range(L.NOTES + 1):
                ws.cell(number, b.column(role)).fill = fill
        if name_role < L.TEXT:
            # Real workbooks merge a name across the columns to the question text.
            ws.merge_cells(
                start_row=number,
                start_column=b.column(name_role),
                end_row=number,
                end_column=b.column(L.TEXT),
            )
        if row.weight is not None:
            ws.cell(number, b.column(L.WEIGHT), _weight_value(row.weight))
        if row.kind in ("input", "question"):
            options = ws.cell(number, b.column(L.OPTIONS), row.options)
            options.alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(number, b.column(L.ANSWER_TYPE), row.answer_type)
            answer = ws.cell(number, b.column(L.ANSWER))
            answer.fill = _ANSWER_FILL
            if row.code in block.answers:
                answer.value = _cell_value(block.answers[row.code])
            _validate(ws, answer.coordinate, row, lists, ranges)
        if row.value:
            cell = ws.cell(number, b.column(L.VALUE), "=" + row.value.format(**letters))
            cell.number_format = "0.00"
        if row.percent:
            cell = ws.cell(number, b.column(L.PERCENT), "=" + row.percent.format(**letters))
            cell.number_format = "0.00"
        if row.code in block.notes:
            note = ws.cell(number, b.column(L.NOTES), block.notes[row.code])
            note.alignment = Alignment(wrap_text=True, vertical="top")
        lines = max(
            lines_needed(row.name, _WIDTHS[L.TEXT] if name_role == L.TEXT else 60),
            lines_needed(row.options, _WIDTHS[L.OPTIONS]),
            lines_needed(block.notes.get(row.code), _WIDTHS[L.NOTES]),
        )
        if lines > 1:
            height = 13 * lines
            ws.row_dimensions[number].height = max(ws.row_dimensions[number].height or 0, height)
        for role in range(L.NOTES + 1):
            cell = ws.cell(number, b.column(role))
            cell.border = _BOX
            if cell.alignment.vertical is None:  # markers and numbers at the top, with the text
                cell.alignment = Alignment(vertical="top", wrap_text=cell.alignment.wrap_text)
    first = FIRST_ROW + len(rows) + 1
    for offset, item in enumerate(summary):
        label = ws.cell(first + offset, b.column(L.AREA), item.label)
        label.font = Font(bold=True)
        cell = ws.cell(first + offset, b.column(L.VALUE), "=" + item.formula.format(**letters))
        cell.font, cell.number_format = Font(bold=True), item.number_format
    for validation in [*lists.values(), *ranges.values()]:
        ws.add_data_validation(validation)


def _validate(
    ws: Worksheet,
    coordinate: str,
    row: LkeRow,
    lists: dict[tuple[str, ...], DataValidation],
    ranges: dict[tuple[str, str], DataValidation],
) -> None:
    """A drop-down of the options (or a number check): a warning only, so that an alias a
    person types ("Wajar Tanpa Pengecualian") is still accepted, as Rapor accepts it."""
    if row.choices and len(",".join(row.choices)) < 250:
        if row.choices not in lists:
            lists[row.choices] = DataValidation(
                type="list",
                formula1='"' + ",".join(row.choices) + '"',
                errorStyle="warning",
                allow_blank=True,
            )
        lists[row.choices].add(coordinate)
    elif row.bounds is not None:
        if row.bounds not in ranges:
            low, high = row.bounds
            ranges[row.bounds] = DataValidation(
                type="decimal",
                operator="between",
                formula1=low,
                formula2=high,
                errorStyle="warning",
                allow_blank=True,
            )
        ranges[row.bounds].add(coordinate)


def _weight_value(weight: str) -> str | int | float:
    """A weight as a number, or as a formula when it has no finite decimal (``5/3``)."""
    if "/" in weight:
        return "=" + weight
    return _cell_value(weight)


def _cell_value(value: str | int | float | Decimal) -> str | int | float:
    """Write a plain decimal as a number when it reads back unchanged, anything else as text."""
    if isinstance(value, Decimal):
        value = number_text(value)
    if isinstance(value, str) and _PLAIN_NUMBER.match(value):
        digits = len(value.replace("-", "").replace(".", "").lstrip("0"))
        if number_text(Decimal(value)) == value and digits <= 15:
            return int(value) if "." not in value else float(value)
    return value
