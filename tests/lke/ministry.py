"""Workbooks in the ministry's style, built from the rb-2014 instrument (whose official numbers
Rapor knows): the official columns, formulas written differently from row to row (nested IFs,
arithmetic on comparisons, VLOOKUP into a reference sheet, absolute references, lower case;
zero-if and multiply in several spellings), and, when asked, the habits of real files: weights
typed as text with a decimal comma, markers with stray spaces, lower-case answer types, merged
markers, values pasted over some formulas."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import openpyxl

from rapor.engine import Answer, answer_text, load_framework
from rapor.lke import rows_from_csv
from rapor.lke.layout import to_roman

DATA = Path(__file__).resolve().parents[1] / "data"
FIRST = 8  # ministry files start lower than ours: a title, a heading, two label rows
VALUES = {
    "Y/T": [("Ya", "1"), ("Tidak", "0")],
    "A/B/C": [("A", "1"), ("B", "0.5"), ("C", "0")],
    "A/B/C/D": [("A", "1"), ("B", "0.67"), ("C", "0.33"), ("D", "0")],
    "A/B/C/D/E": [("A", "1"), ("B", "0.75"), ("C", "0.5"), ("D", "0.25"), ("E", "0")],
}
BPK = [("WTP", "1"), ("WTP-DPP", "5/6"), ("WDP", "2/3"), ("TMP", "1/2"), ("TW", "1/3")]
# a reference sheet with the value of each answer, one table per answer type (VLOOKUP style)
REF_RANGES = {"Y/T": "A2:B3", "A/B/C": "D2:E4", "A/B/C/D": "G2:H5", "A/B/C/D/E": "J2:K6"}


def own_value(kind: str, r: int, style: int) -> str:
    """The value of a question's own answer in J{r}, written in one of four styles."""
    pairs = [(code, v) for code, v in VALUES[kind] if v != "0"]
    if style == 0:
        expr = "0"
        for code, v in reversed(pairs):
            expr = f'IF(J{r}="{code}",{v},{expr})'
        return expr
    if style == 1:
        return "+".join(f'(J{r}="{code}")*{v}' for code, v in pairs)
    if style == 2:
        return f"IFERROR(VLOOKUP(J{r},Ref!${REF_RANGES[kind].replace(':', ':$')},2,FALSE),0)"
    expr = "0"
    for code, v in reversed(pairs):
        expr = f'IF($J{r}="{code.lower()}",{v},{expr})'
    return expr


def ministry_workbook(
    path: Path,
    answers: dict[str, Answer],
    *,
    messy: bool = False,
    pasted: frozenset[str] = frozenset(),
) -> Path:
    fw = load_framework("rb-2014")
    rows = rows_from_csv(DATA / "lke-rb-2014-instrument.csv")
    number = {row.code: i for i, row in enumerate(rows, start=FIRST)}
    wb = openpyxl.Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Petunjuk"
    cover["B2"] = "Petunjuk pengisian LKE"
    ws = wb.create_sheet("LKE RB")
    ref = wb.create_sheet("Ref")
    for kind, cells in REF_RANGES.items():
        first = cells.split(":")[0]
        column, row0 = first[0], int(first[1:])
        for i, (code, v) in enumerate(VALUES[kind]):
            ref[f"{column}{row0 + i}"] = code
            ref[f"{chr(ord(column) + 1)}{row0 + i}"] = float(Fraction(v))
    ws["B1"] = "LEMBAR KERJA EVALUASI PELAKSANAAN REFORMASI BIROKRASI"
    ws["B4"] = "PENILAIAN TAHUN 2015"
    ws.merge_cells("B4:M4")
    for column, label in zip("BCFGHIJKLM", ["No", "Komponen", "Pertanyaan", "Bobot", "Penjelasan",
                                            "Pilihan Jawaban", "Jawaban", "Nilai", "%", "Catatan"],
                             strict=True):  # fmt: skip
        ws[f"{column}6"] = label
    children: dict[str, list[str]] = {}
    for row in rows:
        parent = row.code.rsplit(".", 1)[0] if "." in row.code else row.code[0]
        if row.kind != "component":
            children.setdefault(parent, []).append(row.code)
    for i, row in enumerate(rows):
        r = number[row.code]
        tail = row.code.rsplit(".", 1)[-1]
        if row.kind == "component":
            ws[f"B{r}"], ws[f"C{r}"] = ("A." if row.code == "P" else "B."), row.name
        elif row.kind == "area":
            roman = to_roman(int(row.code[1:]))
            ws[f"C{r}"] = f" {roman.lower()}. " if messy and i % 2 else f"{roman}."
            ws[f"D{r}"] = row.name
        elif row.kind in ("indicator", "input"):
            ws[f"D{r}"] = f"{tail}." if messy and i % 3 == 0 else int(tail)
            ws[f"E{r}"] = row.name
        else:
            ws[f"E{r}"] = f"{tail} )" if messy and i % 4 == 0 else f"{tail}."
            ws[f"F{r}"] = row.name
        if row.weight:
            ws[f"G{r}"] = (f" {row.weight.replace('.', ',')} " if messy and i % 2 else
                           float(row.weight) if "." in row.weight else int(row.weight))  # fmt: skip
        if row.kind in ("question", "input"):
            ws[f"H{r}"] = row.options
            kind = row.answer_type or ""
            ws[f"I{r}"] = f"{kind.lower()} " if messy and i % 5 == 0 else kind
            if row.code in answers:
                text = answer_text(answers[row.code])
                ws[f"J{r}"] = text.lower() if messy and i % 3 == 0 else text
                if fw.questions[row.code].scale.kind == "number":
                    ws[f"J{r}"] = float(Fraction(text))
        ws[f"K{r}"] = "=" + value_formula(fw, row, r, number, children, i)
        if row.code in pasted:
            ws[f"K{r}"] = 0.5  # someone pasted values over the formula
    if messy:
        ws.merge_cells(f"C{number['P1']}:C{number['P1'] + 2}")
    total = FIRST + len(rows) + 1
    ws[f"C{total}"] = "JUMLAH NILAI"
    ws[f"K{total}"] = f"=K{number['P']}+K{number['H']}"
    wb.save(path)
    return path


def value_formula(fw, row, r, number, children, i) -> str:  # type: ignore[no-untyped-def]
    if row.kind in ("component", "area"):
        cells = [f"K{number[c]}" for c in children[row.code]]
        return f"SUM({','.join(cells)})" if row.kind == "component" else "+".join(cells)
    if row.kind == "indicator":
        qs = [number[c] for c in children[row.code]]
        first, last, n = qs[0], qs[-1], len(qs)
        return [f"G{r}*AVERAGE(K{first}:K{last})", f"SUM(K{first}:K{last})/{n}*$G{r}",
                f"({'+'.join(f'K{q}' for q in qs)})/{n}*G{r}"][i % 3]  # fmt: skip
    if row.kind == "input":
        if row.answer_type == "Opini BPK":
            expr = "0"
            for code, v in reversed(BPK):
                expr = f'IF(J{r}="{code}",{v},{expr})'
            return f"G{r}*{expr}"
        top = row.answer_type.rsplit("-", 1)[-1]
        return f"G{r}*J{r}/{top}" if i % 2 else f"J{r}/{top}*G{r}"
    q = fw.questions[row.code]
    own = own_value(row.answer_type, r, i % 4)
    dep = q.depends_on
    if dep is None:
        return own
    p = number[dep.question]
    if dep.multiply:
        return f"({own})*K{p}" if i % 2 else f"K{p}*({own})"
    (answer,) = sorted(dep.zero_if)
    if i % 2:
        return f'IF($J${p}<>"{answer}",{own},0)'
    return f'IF(J${p}="{answer}",0,{own})'
