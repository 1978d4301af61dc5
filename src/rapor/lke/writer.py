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
but openpyxl. Markers are derived from the codes (``P2`` -> ``II.``, ``P2.3`` -> ``3``,
``P2.3.b`` -> ``b.``); ``read_lke_workbook`` reads a written workbook back to the same answers.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from rapor.lke import layout as L
from rapor.lke.layout import Block
from rapor.lke.values import number_text

KINDS = ("component", "area", "indicator", "input", "question")
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


@dataclass(frozen=True)
class LkeRow:
    """One row of the tree: ``kind`` is component, area, indicator, input (an answerable
    indicator of the Hasil component, e.g. H1.1) or question."""

    kind: str
    code: str
    name: str
    weight: str | None = None
    answer_type: str | None = None
    options: str | None = None


@dataclass(frozen=True)
class LkeBlock:
    """One evaluation: its heading and its answers (code -> text or number)."""

    heading: str
    answers: Mapping[str, str | int | float | Decimal] = field(default_factory=dict)


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
    path: str | os.PathLike[str],
    *,
    framework_rows: Sequence[LkeRow],
    blocks: Sequence[LkeBlock],
    sheet_title: str = "LKE",
) -> None:
    """Write ``blocks`` side by side (block 1 in B..M, block 2 in N..Y, …) to ``path``."""
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
    ws["B1"] = "LEMBAR KERJA EVALUASI REFORMASI BIROKRASI"
    ws["B1"].font = Font(bold=True)
    for number, block in enumerate(blocks, start=1):
        _write_block(ws, Block(number), block, framework_rows, markers)
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
        if row.kind == "component":
            if row.code not in L.COMPONENT_LETTERS:
                raise ValueError(f"{row.code}: components are P (A.) and H (B.)")
            current = {"component": row.code}
            out.append(L.COMPONENT_LETTERS[row.code] + ".")
            continue
        above = parent_of[row.kind]
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


def _write_block(
    ws: Worksheet,
    b: Block,
    block: LkeBlock,
    rows: Sequence[LkeRow],
    markers: Sequence[object],
) -> None:
    heading = ws.cell(3, b.column(L.COMPONENT), block.heading)
    heading.font = Font(bold=True)
    ws.merge_cells(start_row=3, start_column=b.column(0), end_row=3, end_column=b.column(L.NOTES))
    for role, label in _LABELS.items():
        ws.cell(4, b.column(role), label).font = Font(bold=True)
    for number, (row, marker) in enumerate(zip(rows, markers, strict=True), start=5):
        marker_role, name_role = {
            "component": (L.COMPONENT, L.AREA),
            "area": (L.AREA, L.NAME_OR_NUMBER),
            "indicator": (L.NAME_OR_NUMBER, L.NAME_OR_LETTER),
            "input": (L.NAME_OR_NUMBER, L.NAME_OR_LETTER),
            "question": (L.NAME_OR_LETTER, L.TEXT),
        }[row.kind]
        ws.cell(number, b.column(marker_role), marker)
        ws.cell(number, b.column(name_role), row.name)
        if name_role < L.TEXT:
            # Real workbooks merge a name across the columns to the question text.
            ws.merge_cells(
                start_row=number,
                start_column=b.column(name_role),
                end_row=number,
                end_column=b.column(L.TEXT),
            )
        if row.weight is not None:
            ws.cell(number, b.column(L.WEIGHT), _cell_value(row.weight))
        if row.kind in ("input", "question"):
            ws.cell(number, b.column(L.OPTIONS), row.options).alignment = Alignment(wrap_text=True)
            ws.cell(number, b.column(L.ANSWER_TYPE), row.answer_type)
            if row.code in block.answers:
                ws.cell(number, b.column(L.ANSWER), _cell_value(block.answers[row.code]))


def _cell_value(value: str | int | float | Decimal) -> str | int | float:
    """Write a plain decimal as a number when it reads back unchanged, anything else as text."""
    if isinstance(value, Decimal):
        value = number_text(value)
    if isinstance(value, str) and _PLAIN_NUMBER.match(value):
        digits = len(value.replace("-", "").replace(".", "").lstrip("0"))
        if number_text(Decimal(value)) == value and digits <= 15:
            return int(value) if "." not in value else float(value)
    return value
