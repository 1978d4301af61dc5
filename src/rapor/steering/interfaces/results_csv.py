"""Read a CSV of published results: file in, checked rows out (or every error, each naming its
row and column). Nothing is stored here; the domain stores the rows all together or none.

Columns (the first line that is not a comment is the header, in any order; Indonesian names,
English ones accepted):
``wilayah`` (region: its name, short name or region code), ``tahun``, ``indeks``, ``sumber``
(the year and the source may be left out when the form gives one for all rows), and optionally
``predikat``, ``general``, ``tematik``, ``bobot_penyesuaian``, ``kerangka``, ``catatan``.
Numbers may use a decimal comma; the delimiter may be a comma or a semicolon (as Indonesian
spreadsheets export); lines starting with ``#`` are comments. The file is bounded before it is read: at most ``MAX_BYTES`` and
``MAX_ROWS`` rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from rapor.orgs.models import Organisation
from rapor.web.texts import text_error

MAX_BYTES = 512 * 1024
MAX_ROWS = 2000
COLUMNS = {
    "wilayah": ("wilayah", "region", "pemda", "government"),
    "tahun": ("tahun", "year"),
    "indeks": ("indeks", "index", "nilai"),
    "sumber": ("sumber", "source"),
    "predikat": ("predikat", "grade"),
    "general": ("general", "rb general", "rb_general"),
    "tematik": ("tematik", "rb tematik", "rb_tematik"),
    "bobot_penyesuaian": ("bobot_penyesuaian", "bobot penyesuaian", "adjustment_weight"),
    "kerangka": ("kerangka", "framework", "framework_id"),
    "catatan": ("catatan", "note"),
}
REQUIRED = ("wilayah", "indeks")
GRADES = ("AA", "A", "A-", "BB", "B", "CC", "C", "D")


@dataclass(frozen=True)
class CsvProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        return _("baris %(row)d, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ResultsCsvError(Exception):
    def __init__(self, problems: list[CsvProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class ResultRow:
    row: int
    region: Organisation
    year: int
    index: Decimal
    source: str
    grade: str = ""
    general: Decimal | None = None
    tematik: Decimal | None = None
    adjustment_weight: Decimal | None = None
    framework_id: str = ""
    note: str = ""


def _number(text: str, low: Decimal, high: Decimal) -> Decimal:
    """A number with at most two decimals in [low, high], decimal comma allowed."""
    raw = text.strip().replace(" ", "")
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("%(text)s bukan angka") % {"text": text.strip()}) from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise ValueError(_("%(text)s: paling banyak dua angka di belakang koma") % {"text": text})
    if not low <= value <= high:
        raise ValueError(
            _("%(text)s di luar rentang %(low)s–%(high)s")
            % {"text": text.strip(), "low": low, "high": high}
        )
    return value


def _rows(data: bytes) -> tuple[list[list[str]], int]:
    """The CSV's rows from its header on, and how many lines came before the header."""
    if len(data) > MAX_BYTES:
        raise ResultsCsvError(
            [
                CsvProblem(
                    0, "", _("Berkas terlalu besar (maks. %(n)d KB).") % {"n": MAX_BYTES // 1024}
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResultsCsvError([CsvProblem(0, "", _("Berkas bukan teks UTF-8."))]) from None
    # comment lines are dropped, but row numbers stay those of the file
    lines = ["" if line.lstrip().startswith("#") else line for line in text.splitlines()]
    skipped = 0
    while lines and not lines[0].strip():
        lines.pop(0)
        skipped += 1
    if len(lines) > MAX_ROWS + 1:
        raise ResultsCsvError(
            [CsvProblem(0, "", _("Terlalu banyak baris (maks. %(n)d).") % {"n": MAX_ROWS})]
        )
    head = lines[0] if lines else ""
    delimiter = ";" if head.count(";") > head.count(",") else ","
    return list(csv.reader(lines, delimiter=delimiter)), skipped


def parse_results_csv(
    data: bytes,
    *,
    regions: list[Organisation],
    default_source: str = "",
    default_year: int | None = None,
) -> list[ResultRow]:
    """Checked rows, or ResultsCsvError listing every problem (row and column)."""
    table, skipped = _rows(data)
    head = skipped + 1
    if not table or not any(c.strip() for c in table[0]):
        raise ResultsCsvError(
            [CsvProblem(head, "", _("Berkas kosong: baris pertama harus judul kolom."))]
        )
    header = [h.strip().casefold() for h in table[0]]
    at: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for i, h in enumerate(header):
            if h in names:
                at[key] = i
                break
    missing = [c for c in REQUIRED if c not in at]
    if default_year is None and "tahun" not in at:
        missing.append("tahun")
    if missing:
        return _fail(
            [
                CsvProblem(
                    head,
                    c,
                    _(
                        "kolom %(c)s tidak ada (wajib: wilayah, indeks; tahun bila tidak diisi di formulir)"
                    )
                    % {"c": c},
                )
                for c in missing
            ]
        )
    by_name = _region_lookup(regions)
    problems: list[CsvProblem] = []
    out: list[ResultRow] = []
    seen: dict[tuple[int, int], int] = {}
    for number, cells in enumerate(table[1:], start=head + 1):
        if not any(c.strip() for c in cells):
            continue
        cells = [*cells, *[""] * (len(header) - len(cells))]

        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[at[key]].strip() if key in at else ""

        row_problems: list[CsvProblem] = []
        region = by_name.get(_key(cell("wilayah")))
        if region is None:
            row_problems.append(
                CsvProblem(
                    number,
                    "wilayah",
                    _("%(name)s bukan kabupaten/kota yang dapat Anda catat")
                    % {"name": cell("wilayah") or "–"},
                )
            )
        values: dict[str, Any] = {}
        for key, low, high, required in (
            ("tahun", Decimal(2000), Decimal(2100), True),
            ("indeks", Decimal(0), Decimal(120), True),
            ("general", Decimal(0), Decimal(120), False),
            ("tematik", Decimal(0), Decimal(20), False),
            ("bobot_penyesuaian", Decimal("0.01"), Decimal(100), False),
        ):
            text = cell(key)
            if key == "tahun" and not text and default_year is not None:
                text = str(default_year)
            if not text:
                if required:
                    row_problems.append(CsvProblem(number, key, _("kosong")))
                continue
            try:
                values[key] = _number(text, low, high)
            except ValueError as exc:
                row_problems.append(CsvProblem(number, key, str(exc)))
        if "tahun" in values and values["tahun"] != int(values["tahun"]):
            row_problems.append(CsvProblem(number, "tahun", _("tahun harus bilangan bulat")))
        grade = cell("predikat").upper()
        if grade and grade not in GRADES:
            row_problems.append(
                CsvProblem(
                    number,
                    "predikat",
                    _("%(g)s bukan predikat (%(all)s)") % {"g": grade, "all": ", ".join(GRADES)},
                )
            )
        source = cell("sumber") or default_source.strip()
        if not source:
            row_problems.append(
                CsvProblem(number, "sumber", _("sumber kosong: setiap hasil perlu sumbernya"))
            )
        for key, limit, multiline in (
            ("sumber", 500, False),
            ("kerangka", 60, False),
            ("catatan", 2000, True),
        ):
            problem = text_error(cell(key), label=key, multiline=multiline, max_length=limit)
            if problem:
                row_problems.append(CsvProblem(number, key, problem))
        if region is not None and "tahun" in values:
            key2 = (region.pk, int(values["tahun"]))
            if key2 in seen:
                row_problems.append(
                    CsvProblem(
                        number,
                        "wilayah",
                        _("%(name)s %(year)d sudah ada di baris %(row)d")
                        % {"name": region.name, "year": key2[1], "row": seen[key2]},
                    )
                )
            else:
                seen[key2] = number
        if row_problems:
            problems += row_problems
            continue
        assert region is not None
        out.append(
            ResultRow(
                row=number,
                region=region,
                year=int(values["tahun"]),
                index=values["indeks"],
                source=source,
                grade=grade,
                general=values.get("general"),
                tematik=values.get("tematik"),
                adjustment_weight=values.get("bobot_penyesuaian"),
                framework_id=cell("kerangka"),
                note=cell("catatan"),
            )
        )
    if problems:
        return _fail(problems)
    if not out:
        return _fail([CsvProblem(head + 1, "", _("Tidak ada baris hasil di bawah judul kolom."))])
    return out


def _fail(problems: list[CsvProblem]) -> list[ResultRow]:
    raise ResultsCsvError(problems)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _region_lookup(regions: list[Organisation]) -> dict[str, Organisation]:
    out: dict[str, Organisation] = {}
    for r in regions:
        for name in (r.name, r.short_name, r.region_code):
            if name:
                out.setdefault(_key(name), r)
    return out
