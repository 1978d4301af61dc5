"""The workbook of the 2023 method (RB General + RB Tematik): each indicator with its measuring
body, its value, the range, its weight and its points, the components' sums, each root's
koefisien and adjustment, the index and the grade, all as live formulas.

How this works: one sheet, one row per node (and per question of a leaf with several). The
columns A–F describe the row (code, name, who measures the value, min, max, weight); each
evaluation (a block: this year, and optionally the previous one to its right) has five columns:
value (typed: a number, an option, or ``tidak berlaku``), ratio (the value in 0 … 1 after its
multiplier), points, excluded weight (a question answered not applicable), notes. The formulas
follow framework-format §2.1: ratio = x / max (``conversion: ratio``) or (x − min) / (max − min),
times the multiplier's own ratio (1 when the multiplier does not apply); points = ROUND(weight ×
ratio, 2) with ``round_points``; a node's points and excluded weight are its children's sums; each
root: points + koefisien, rescaled when something is excluded (ROUND((score + koefisien) × weight /
(weight − excluded), 2)); the index = the adjusted roots' sum × index_scale / max_score within
0 … index_scale; the grade from the bands, each with its own comparison. Column A holds each row's
code (and each correction's), so ``read_lke_workbook`` reads the values back by code.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from rapor.engine import Framework, Node, Question, format_exact
from rapor.engine.model import NOT_APPLICABLE_SPELLINGS
from rapor.lke.cells import column_letter, lines_needed
from rapor.lke.export import ExportBlock, _answer_cell, _Formulas, _quote, literal
from rapor.lke.layout2023 import (
    BLOCK_LABELS,
    BLOCK_WIDTH,
    CODE,
    EXCLUDED,
    FIRST_ROW,
    HIGH,
    LABELS,
    LOW,
    NAME,
    NOTES,
    POINTS,
    RATIO,
    SCORER,
    SHEET,
    VALUE,
    WEIGHT,
    block_column,
)
from rapor.lke.writer import _cell_value, _weight_value

_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD = PatternFill("solid", fgColor="DDE4EE")
_NODE = PatternFill("solid", fgColor="E6ECF5")
_INPUT = PatternFill("solid", fgColor="FFF8DC")


@dataclass(frozen=True)
class _Row:
    code: str
    item: Node | Question
    depth: int


def _rows(fw: Framework) -> list[_Row]:
    out: list[_Row] = []
    for node in fw.nodes.values():
        depth = len(fw.ancestors(node.code))
        out.append(_Row(node.code, node, depth))
        if node.is_leaf and not node.answerable:
            out.extend(_Row(q.code, q, depth + 1) for q in node.questions)
    return out


class _Sheet:
    """Formula templates with the block's columns as placeholders ({V} value, {R} ratio …)."""

    def __init__(self, fw: Framework, rows: list[_Row]) -> None:
        self.fw = fw
        self.row = {r.code: n for n, r in enumerate(rows, start=FIRST_ROW)}
        # the 2014 layout's value formulas, with this sheet's columns: J -> {V}, K -> {R}
        self.values = _Formulas(fw, self.row, inputs_show_score=False)

    def question(self, q: Question) -> str:
        return self.values.value(q).replace("{J}", "{V}").replace("{K}", "{R}")

    def not_applicable(self, code: str) -> str:
        cell = f"{{V}}{self.row[code]}"
        return (
            "OR(" + ",".join(f"{cell}={_quote(s)}" for s in sorted(NOT_APPLICABLE_SPELLINGS)) + ")"
        )

    def ratio(self, q: Question) -> str:
        expr = self.question(q)
        dep = q.depends_on
        if dep is not None and dep.multiply and self.fw.questions[dep.question].not_applicable:
            # a multiplier that does not apply counts as 1 (the dependent keeps its own value)
            own = self.question(_without_dependency(q))
            expr = f"IF({self.not_applicable(dep.question)},{own},{expr})"
        if q.not_applicable:
            expr = f"IF({self.not_applicable(q.code)},0,{expr})"
        return expr

    def coefficient(self, q: Question) -> str:
        node = self.fw.nodes[q.node]
        if node.answerable:
            return f"$F{self.row[node.code]}"
        total = sum(x.weight for x in node.questions)
        share = q.weight / total
        return f"$F{self.row[node.code]}" + ("" if share == 1 else f"*{literal(share)}")

    def points(self, q: Question) -> str:
        raw = f"{self.coefficient(q)}*{{R}}{self.row[q.code]}"
        return f"ROUND({raw},{self.fw.decimals})" if self.fw.round_points else raw

    def excluded(self, q: Question) -> str:
        if not q.not_applicable:
            return "0"
        return f"IF({self.not_applicable(q.code)},{self.coefficient(q)},0)"

    def sums(self, node: Node, column: str) -> str:
        parts = [c.code for c in node.children] or [q.code for q in node.questions]
        return "SUM(" + ",".join(f"{{{column}}}{self.row[c]}" for c in parts) + ")"


def _without_dependency(q: Question) -> Question:
    from dataclasses import replace

    return replace(q, depends_on=None)


def export_2023(
    target: str | os.PathLike[str] | IO[bytes],
    fw: Framework,
    blocks: Sequence[ExportBlock],
    *,
    subtitle: str | None = None,
) -> None:
    rows = _rows(fw)
    sheet = _Sheet(fw, rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.cell(1, NAME, f"LEMBAR KERJA EVALUASI · {fw.name}").font = Font(bold=True, size=13)
    if subtitle:
        ws.cell(2, NAME, subtitle)
    for column, label in enumerate(LABELS, start=1):
        _head(ws.cell(FIRST_ROW - 1, column, label))
    for column, width in zip("ABCDEF", (12, 58, 22, 7, 7, 8), strict=True):
        ws.column_dimensions[column].width = width
    for n, r in enumerate(rows, start=FIRST_ROW):
        _describe(ws, n, r, fw)
    summary = FIRST_ROW + len(rows) + 1
    for number, block in enumerate(blocks, start=1):
        _block(ws, number, block, fw, rows, sheet, summary)
    ws.freeze_panes = ws.cell(FIRST_ROW, NAME + 1)
    # printed on A4 landscape, as wide as the page, as long as it takes
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{FIRST_ROW - 1}:{FIRST_ROW - 1}"
    wb.calculation.fullCalcOnLoad = True
    wb.save(target)


def _head(cell: Any) -> None:
    cell.font, cell.fill, cell.border = Font(bold=True), _HEAD, _BOX
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _describe(ws: Any, n: int, r: _Row, fw: Framework) -> None:
    item = r.item
    code = ws.cell(n, CODE, r.code)
    code.font, code.alignment = Font(size=8, color="666666"), Alignment(vertical="top")
    name = item.name if isinstance(item, Node) else item.text
    cell = ws.cell(n, NAME, name)
    cell.alignment = Alignment(wrap_text=True, vertical="top", indent=r.depth)
    q = fw.questions.get(r.code)
    if isinstance(item, Node):
        ws.cell(n, WEIGHT, _number(item.weight))
        if not item.is_leaf:
            cell.font = Font(bold=True)
    if q is not None:
        scorer = ws.cell(n, SCORER, getattr(q, "scorer", "") or "")
        scorer.alignment = Alignment(wrap_text=True, vertical="top")
        if q.scale.kind == "number":
            ws.cell(n, LOW, _number(q.scale.min))
            ws.cell(n, HIGH, _number(q.scale.max))
        else:  # the options, across Min and Maks
            options = ws.cell(n, LOW, " / ".join(code for code, _ in q.scale.options))
            options.alignment = Alignment(wrap_text=True, vertical="top")
            ws.merge_cells(start_row=n, start_column=LOW, end_row=n, end_column=HIGH)
    lines = max(lines_needed(name, 58), lines_needed(ws.cell(n, SCORER).value, 22))
    if lines > 1:
        ws.row_dimensions[n].height = 13 * lines
    for column in range(CODE, WEIGHT + 1):
        ws.cell(n, column).border = _BOX
        if isinstance(item, Node) and not item.is_leaf:
            ws.cell(n, column).fill = _NODE


def _number(value: Any) -> Any:
    return _weight_value(format_exact(value))


def _block(
    ws: Any,
    number: int,
    block: ExportBlock,
    fw: Framework,
    rows: list[_Row],
    sheet: _Sheet,
    summary: int,
) -> None:
    letters = {
        key: column_letter(block_column(number, role))
        for key, role in (("V", VALUE), ("R", RATIO), ("P", POINTS), ("X", EXCLUDED))
    }
    first, last = block_column(number, VALUE), block_column(number, NOTES)
    heading = ws.cell(FIRST_ROW - 2, first, block.heading)
    heading.font, heading.alignment = Font(bold=True), Alignment(horizontal="center")
    ws.merge_cells(
        start_row=FIRST_ROW - 2, start_column=first, end_row=FIRST_ROW - 2, end_column=last
    )
    for role, label in enumerate(BLOCK_LABELS):
        _head(ws.cell(FIRST_ROW - 1, block_column(number, role), label))
        ws.column_dimensions[column_letter(block_column(number, role))].width = (
            30 if role == NOTES else 13 if role == EXCLUDED else 11
        )
    validation = DataValidation(
        type="custom", formula1="TRUE", allow_blank=True, errorStyle="information"
    )  # only a prompt: what may be typed
    validation.promptTitle = "Nilai"
    validation.prompt = "Angka dalam rentang Min–Maks, pilihan, atau: tidak berlaku"

    def put(row: int, role: int, formula: str, fmt: str = "0.00") -> None:
        cell = ws.cell(row, block_column(number, role), "=" + formula.format(**letters))
        cell.number_format = fmt

    for n, r in enumerate(rows, start=FIRST_ROW):
        q = fw.questions.get(r.code)
        item = r.item
        if q is not None:
            value = ws.cell(n, block_column(number, VALUE))
            value.fill = _INPUT
            validation.add(value.coordinate)
            if r.code in block.answers and block.answers[r.code] not in (None, ""):
                value.value = _cell_value(_answer_cell(fw, r.code, block.answers[r.code]))
            put(n, RATIO, sheet.ratio(q), "0.0000")
            put(n, POINTS, sheet.points(q))
            put(n, EXCLUDED, sheet.excluded(q))
        else:
            assert isinstance(item, Node)
            put(n, POINTS, sheet.sums(item, "P"))
            put(n, EXCLUDED, sheet.sums(item, "X"))
        if r.code in block.notes:
            note = ws.cell(n, block_column(number, NOTES), block.notes[r.code])
            note.alignment = Alignment(wrap_text=True, vertical="top")
        for role in range(BLOCK_WIDTH):
            ws.cell(n, block_column(number, role)).border = _BOX
    ws.add_data_validation(validation)
    _summary(ws, number, block, fw, sheet, summary, put)


def _summary(
    ws: Any, number: int, block: ExportBlock, fw: Framework, sheet: _Sheet, row: int, put: Any
) -> None:
    """Per root its koefisien, adjustment weight and adjusted score; then the index and grade."""
    v = column_letter(block_column(number, VALUE))
    p = column_letter(block_column(number, POINTS))
    adjusted: list[str] = []
    for root in fw.roots:
        r = sheet.row[root.code]
        corrections = [c for c in fw.corrections.values() if c.root == root.code]
        for c in corrections:
            if number == 1:
                ws.cell(row, CODE, c.code).font = Font(size=8, color="666666")
                ws.cell(row, NAME, f"{c.name} ({root.name})")
                ws.cell(row, LOW, _number(c.min))
                ws.cell(row, HIGH, _number(c.max))
            cell = ws.cell(row, block_column(number, VALUE))
            cell.fill = _INPUT
            if c.code in block.answers and block.answers[c.code] not in (None, ""):
                cell.value = _cell_value(_answer_cell(fw, c.code, block.answers[c.code]))
            row += 1
        correction = "+".join(
            f"N({v}{row - len(corrections) + i})" for i in range(len(corrections))
        )
        weight_row = row
        _label(ws, row, number, f"Bobot penyesuaian {root.name}")
        put(row, POINTS, f"$F{r}-{{X}}{r}")
        row += 1
        score = f"({p}{r}{'+' + correction if correction else ''})"
        rescaled = f"{score}*$F{r}/{p}{weight_row}"
        if fw.round_points:
            rescaled = f"ROUND({rescaled},{fw.decimals})"
        _label(ws, row, number, f"{root.name} disesuaikan")
        put(row, POINTS, f"IF({{X}}{r}=0,{score},IF({p}{weight_row}=0,0,{rescaled}))")
        adjusted.append(f"{p}{row}")
        row += 1
    _label(ws, row, number, "JUMLAH")
    put(row, POINTS, "SUM(" + ",".join(adjusted) + ")")
    total = f"{p}{row}"
    row += 1
    factor = "" if fw.index_scale == fw.max_score else f"*{literal(fw.index_scale / fw.max_score)}"
    _label(ws, row, number, "INDEKS")
    put(row, POINTS, f"MIN(MAX({total}{factor},0),{literal(fw.index_scale)})")
    index = f"{p}{row}"
    row += 1
    shown = f"ROUND({index},{fw.decimals})" if fw.grading.round_first else index
    grade = _quote(fw.grading.bands[-1].code)
    for band in reversed(fw.grading.bands[:-1]):
        op = ">" if (band.compare or fw.grading.compare) == "above" else ">="
        grade = f"IF({shown}{op}{literal(band.min)},{_quote(band.code)},{grade})"
    _label(ws, row, number, "PREDIKAT")
    put(row, POINTS, grade, "@")


def _label(ws: Any, row: int, number: int, text: str) -> None:
    if number == 1:
        ws.cell(row, NAME, text).font = Font(bold=True)
