"""SKM / IKM arithmetic (PermenPANRB 14/2017), exact, plus the Krejcie–Morgan sample size.

Usage::

    from rapor.engine.skm import read_skm_csv, skm_score, sample_size
    rows = read_skm_csv("responses.csv")          # [{"U1": 4, "U2": None, …}, …] or SkmError
    result = skm_score(rows)                      # weight="exact" (1/9) or "0.111"
    result.nrr["U1"], result.ikm, result.mutu     # Fraction, Fraction, "A"
    sample_size(1000)                             # 278

How it works: NRR_j is the mean of the answers (1..4) given to unsur j, skipped answers left out;
IKM = (Σ_j NRR_j × w) × 25 with w = 1/9 exactly, or the printed 0.111 to reproduce old reports.
The mutu band is read from the IKM rounded half up to 2 decimals (88.305 -> 88.31 -> A). An unsur
that nobody answered makes the IKM undefined (the rule has nine fixed weights), so it is an error
rather than a silent re-weighting; see docs/skm.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from rapor.engine.errors import RaporInputError
from rapor.engine.numbers import round_half_up, shown
from rapor.engine.textfiles import column_letter, csv_rows, read_text

UNSUR: tuple[tuple[str, str], ...] = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme, dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
    ("U9", "Sarana dan Prasarana"),
)
CODES = tuple(code for code, _ in UNSUR)
ANSWERS = range(1, 5)

# (lowest rounded IKM, mutu, kinerja unit pelayanan), best first; D takes everything below C.
MUTU_BANDS: tuple[tuple[Fraction, str, str], ...] = (
    (Fraction("88.31"), "A", "Sangat Baik"),
    (Fraction("76.61"), "B", "Baik"),
    (Fraction("65.00"), "C", "Kurang Baik"),
    (Fraction(0), "D", "Tidak Baik"),
)
WEIGHTS: dict[str, Fraction] = {"exact": Fraction(1, 9), "0.111": Fraction(111, 1000)}

# Krejcie–Morgan: chi-square for 1 degree of freedom at 95 %, P = 0.5, margin d = 0.05.
KM_CHI_SQUARE = Fraction("3.841")
KM_P = Fraction(1, 2)
KM_D = Fraction("0.05")


class SkmError(RaporInputError):
    """Survey responses that cannot be scored; the message names the file, row and column."""


@dataclass(frozen=True)
class SkmResult:
    respondents: int  # rows with at least one answer
    answers: dict[str, int]  # number of answers per unsur
    nrr: dict[str, Fraction]  # U1..U9 in order
    ikm: Fraction  # exact; display with format_fixed(ikm, 2)
    mutu: str
    kinerja: str
    weight: Fraction


def mutu_for(ikm: Fraction) -> tuple[str, str]:
    """Return (mutu, kinerja) for an IKM, graded on its value rounded half up to 2 decimals."""
    rounded = round_half_up(ikm, 2)
    for lowest, mutu, kinerja in MUTU_BANDS:
        if rounded >= lowest:
            return mutu, kinerja
    return MUTU_BANDS[-1][1], MUTU_BANDS[-1][2]


def skm_score(
    rows: Iterable[Mapping[str, int | None]],
    *,
    weight: Literal["exact", "0.111"] = "exact",
    source: str = "",
) -> SkmResult:
    """Score survey rows (unsur code -> 1..4, or None/absent when skipped)."""
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be 'exact' or '0.111', not {weight!r}")
    sums = dict.fromkeys(CODES, 0)
    counts = dict.fromkeys(CODES, 0)
    respondents = 0
    for number, row in enumerate(rows, start=1):
        answered = False
        for code in CODES:
            value = row.get(code)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value not in ANSWERS:
                raise SkmError(source, f"respondent {number}, {code}", f"{value!r} is not 1 to 4")
            sums[code] += value
            counts[code] += 1
            answered = True
        respondents += 1 if answered else 0
    return skm_from_totals(sums, counts, respondents, weight=weight, source=source)


def skm_from_totals(
    sums: Mapping[str, int],
    counts: Mapping[str, int],
    respondents: int,
    *,
    weight: Literal["exact", "0.111"] = "exact",
    source: str = "",
) -> SkmResult:
    """Score from per-unsur totals (sum of the answers, number of answers) and the respondents.

    This is what a database aggregate gives (SUM and COUNT per unsur); ``skm_score`` sums rows
    and comes here too, so there is one computation of NRR, IKM and mutu.
    """
    if weight not in WEIGHTS:
        raise ValueError(f"weight must be 'exact' or '0.111', not {weight!r}")
    if respondents == 0:
        raise SkmError(source, "", "no respondent answered any unsur")
    missing = [code for code in CODES if not counts.get(code)]
    if missing:
        raise SkmError(
            source,
            ", ".join(missing),
            "no respondent answered this unsur; the IKM needs all nine (PermenPANRB 14/2017)",
        )
    for code in CODES:
        if not counts[code] <= sums[code] <= 4 * counts[code]:
            raise SkmError(
                source,
                code,
                f"a sum of {sums[code]} cannot come from {counts[code]} answers of 1 to 4",
            )
    nrr = {code: Fraction(sums[code], counts[code]) for code in CODES}
    w = WEIGHTS[weight]
    ikm = sum((v * w for v in nrr.values()), Fraction(0)) * 25
    mutu, kinerja = mutu_for(ikm)
    return SkmResult(
        respondents, {code: counts[code] for code in CODES}, nrr, ikm, mutu, kinerja, w
    )


def weakest_unsur(nrr: Mapping[str, Fraction]) -> list[str]:
    """The unsur with the lowest NRR (all of them when tied), in code order."""
    if not nrr:
        return []
    lowest = min(nrr.values())
    return [code for code in CODES if code in nrr and nrr[code] == lowest]


def sample_size(population: int) -> int:
    """Return the Krejcie–Morgan sample size for ``population`` service users, rounded up."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValueError(f"population must be a whole number >= 0, not {population!r}")
    spread = KM_CHI_SQUARE * KM_P * (1 - KM_P)
    s = spread * population / (KM_D**2 * (population - 1) + spread)
    return -(-s.numerator // s.denominator)  # ceiling, exactly


def read_skm_csv(path: str | os.PathLike[str]) -> list[dict[str, int | None]]:
    """Read survey responses: a header row, columns U1..U9 (any case), other columns ignored."""
    source = os.fspath(path)
    # Excel's "CSV (Comma delimited)" writes the Windows code page; U columns are ASCII.
    text = read_text(path, error=SkmError, fallback="cp1252")
    delimiter = _delimiter(text.split("\n", 1)[0])
    records = [
        row for _n, row in csv_rows(text, source=source, error=SkmError, delimiter=delimiter)
    ]
    if not records:
        raise SkmError(source, "row 1", "the file is empty; expected a header with U1 … U9")
    columns: dict[str, int] = {}
    for index, name in enumerate(records[0]):
        code = name.strip().upper()
        if code in CODES:
            if code in columns:
                where = f"row 1, column {column_letter(index)}"
                raise SkmError(source, where, f"column {code} appears twice")
            columns[code] = index
    missing = [code for code in CODES if code not in columns]
    if missing:
        raise SkmError(source, "row 1", f"missing column(s) {', '.join(missing)}")
    rows: list[dict[str, int | None]] = []
    # A spreadsheet user counts the header as row 1, so the first response is row 2.
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        row: dict[str, int | None] = {}
        for code in CODES:
            index = columns[code]
            cell = record[index].strip() if index < len(record) else ""
            if not cell:
                row[code] = None
            elif (value := _WHOLE.get(cell.replace(",", "."))) is not None:
                row[code] = value
            else:
                where = f"row {number}, column {code} ({column_letter(index)})"
                raise SkmError(source, where, f"{shown(cell)} is not an answer from 1 to 4")
        rows.append(row)
    return rows


# 1 to 4, also as spreadsheets export them ("4.0", "4,00")
_WHOLE = {f"{n}{tail}": n for n in range(1, 5) for tail in ("", ".0", ".00")}


def _delimiter(header: str) -> str:
    """Pick the delimiter of the header line: ``;`` (Indonesian Excel exports), tab or ``,``."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
