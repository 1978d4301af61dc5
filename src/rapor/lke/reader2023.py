"""Read back the workbook of the 2023 method that ``export2023`` writes: the values of a block,
by the codes of column A.

The sheet is recognised by its header row: ``Kode`` in column A and ``Nilai`` at the first
block's value column (G). Block *N*'s values are five columns further right per block. Every row
with a code and a range (Min, Maks) is an input, a question or a correction such as the koefisien;
its value is its answer; the framework decides what each code is (``rapor.lke.answers``).
"""

from __future__ import annotations

from rapor.lke import reasons as R
from rapor.lke.cells import column_letter
from rapor.lke.layout import is_blank, sheet_ref
from rapor.lke.layout2023 import BLOCK_LABELS, CODE, HIGH, LABELS, LOW, VALUE, block_column
from rapor.lke.model import LkeError, LkeProblem, LkeRead
from rapor.lke.values import UnreadableAnswer, answer_text
from rapor.lke.xlsx import Sheet, Workbook

HEADER, VALUE_HEADER = LABELS[0].upper(), BLOCK_LABELS[VALUE].upper()


def header_2023(ws: Sheet) -> int | None:
    """The header row of a sheet of the 2023 method's workbook, or None."""
    for row in range(1, min(ws.max_row, 30) + 1):
        head = ws.value(row, CODE)
        if isinstance(head, str) and head.strip().upper() == HEADER:
            value = ws.value(row, block_column(1, VALUE))
            if isinstance(value, str) and value.strip().upper() == VALUE_HEADER:
                return row
            return None
    return None


def read_2023(wb: Workbook, ws: Sheet, header: int, block: int) -> LkeRead:
    column = block_column(block, VALUE)
    label = ws.value(header, column)
    if not (isinstance(label, str) and label.strip().upper() == VALUE_HEADER):
        cell = sheet_ref(ws.name, f"{column_letter(column)}{header}")
        raise LkeError(R.NO_SUCH_BLOCK_2023, file=wb.name, sheet=ws.name, block=block, cell=cell)
    heading = ws.value(header - 1, column)
    answers: dict[str, str] = {}
    cells: dict[str, str] = {}
    problems: list[LkeProblem] = []
    letter = column_letter(column)
    for row in range(header + 1, ws.max_row + 1):
        code = ws.value(row, CODE)
        if not isinstance(code, str) or is_blank(code):
            continue
        if is_blank(ws.value(row, LOW)) and is_blank(ws.value(row, HIGH)):
            continue  # a component's row: it holds sums, not a value (inputs show their range)
        code = code.strip()
        where = f"{letter}{row}"
        cell = ws.cell(row, column)
        cells.setdefault(code, sheet_ref(ws.name, where))
        try:
            text = answer_text(cell.value, cell.number_format)
        except UnreadableAnswer as exc:
            problems.append(
                LkeProblem(
                    ws.name,
                    where,
                    R.UNREADABLE_ANSWER,
                    {
                        "code": code,
                        "why": str(exc),
                        "why_reason": exc.reason,
                        "why_details": exc.details,
                        "value": cell.value,
                    },  # fmt: skip
                )
            )
            continue
        if text is not None:
            answers[code] = text
    return LkeRead(
        answers=answers,
        cells=cells,
        sheet=ws.name,
        block=block,
        heading=" ".join(heading.split()) if isinstance(heading, str) else None,
        problems=problems,
        coded=True,
    )
