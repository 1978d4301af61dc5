"""Parse one worksheet part as it streams in (expat), within the workbook limits.

Cells are kept only when they hold a value or a formula; an empty styled cell costs nothing.
Shared formulas (one master formula, written once, reused by a range of cells) are translated to
each cell, as Excel shows them. Values in the hidden cells of a merged range are dropped, as
Excel and openpyxl show only the top-left cell's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import IO, Any
from xml.parsers import expat

from rapor.lke import reasons as R
from rapor.lke.cells import column_letter, column_number, split_ref
from rapor.lke.limits import WorkbookLimitError, WorkbookLimits
from rapor.lke.model import LkeError

Value = str | int | float | bool | dt.datetime | None

_INT = re.compile(r"^-?\d+$")
# A cell reference in a formula, outside string literals (which the translator skips).
_FORMULA_REF = re.compile(r"(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])")
_STRING = re.compile(r'"(?:[^"]|"")*"')
EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm",
    17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
    22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 49: "@",
}  # fmt: skip
_QUOTED = re.compile(r'"[^"]*"|\\.|\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]')
_DATE_CHARS = re.compile(r"[dmyhs]", re.I)


class Cell:
    """One cell: its value (as saved), its formula (without ``=``) and its number format.

    A plain class with slots rather than a dataclass: a sheet makes thousands, and the
    command line's start-up pays for every class it builds (see docs/lke-workbook.md).
    """

    __slots__ = ("value", "formula", "number_format")

    def __init__(self, value: Value, formula: str | None = None, number_format: str = "General"):
        self.value = value
        self.formula = formula
        self.number_format = number_format

    def __repr__(self) -> str:
        return f"Cell({self.value!r}, {self.formula!r}, {self.number_format!r})"


EMPTY = Cell(None)


class Sheet:
    """A parsed sheet: filled cells by (row, column), merged ranges, the last row and column."""

    def __init__(
        self,
        name: str,
        cells: dict[tuple[int, int], Cell],
        merged: list[tuple[int, int, int, int]],
        max_row: int,
        max_column: int,
    ) -> None:
        self.name, self.cells, self.merged = name, cells, merged
        self.max_row, self.max_column = max_row, max_column

    def cell(self, row: int, column: int) -> Cell:
        return self.cells.get((row, column), EMPTY)

    def value(self, row: int, column: int) -> Value:
        found = self.cells.get((row, column))
        return None if found is None else found.value

    def rows(self, first: int = 1) -> Iterator[int]:
        return iter(range(first, self.max_row + 1))


def is_date_format(code: str) -> bool:
    if code == "General" or "%" in code:
        return False
    bare = _QUOTED.sub("", code.split(";")[0])
    return bool(_DATE_CHARS.search(bare))


def translate_formula(formula: str, rows: int, columns: int) -> str:
    """Shift the relative references of ``formula`` by ``rows`` and ``columns`` (as Excel does
    when it fills a shared formula down or across); ``$``-anchored parts stay."""

    def shift(m: re.Match[str]) -> str:
        col_abs, letters, row_abs, number = m.groups()
        col = column_number(letters) + (0 if col_abs else columns)
        row = int(number) + (0 if row_abs else rows)
        if col < 1 or row < 1:
            return "#REF!"
        return f"{col_abs}{column_letter(col)}{row_abs}{row}"

    out, last = [], 0
    for s in _STRING.finditer(formula):
        out.append(_FORMULA_REF.sub(shift, formula[last : s.start()]))
        out.append(s.group(0))
        last = s.end()
    out.append(_FORMULA_REF.sub(shift, formula[last:]))
    return "".join(out)


def excel_date(serial: float, date1904: bool) -> dt.datetime:
    base = EPOCH_1904 if date1904 else EPOCH_1900
    if not date1904 and serial < 60:  # Excel's 1900 leap-year bug: serials before March 1900
        serial += 1
    return base + dt.timedelta(days=serial)


class _SheetParser:
    def __init__(
        self,
        *,
        name: str,
        file: str,
        strings: list[str],
        formats: list[str],
        date1904: bool,
        limits: WorkbookLimits,
        keep_columns: int | None = None,
    ) -> None:
        self.keep_columns = keep_columns
        self.name, self.file, self.strings, self.formats = name, file, strings, formats
        self.date1904, self.limits = date1904, limits
        self.dates = [is_date_format(f) for f in formats]
        self.cells: dict[tuple[int, int], Any] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.shared: dict[str, tuple[int, int, str]] = {}
        self.row = 0
        self.column = 0
        self.attrs: dict[str, str] = {}
        self.parts: list[str] | None = None  # the text being captured (a v, f or inline t)
        self.v: list[str] | None = None
        self.f: list[str] | None = None
        self.t: list[str] | None = None
        self.formula_attrs: dict[str, str] = {}
        self.in_inline = False
        self.ref: str | None = None  # the current cell's reference, until it is split

    # expat callbacks (hot: one call per element; kept lean) ----------------------------------
    # The common tags are tested first; a prefixed one (x:c) is tested again by its local name.
    # A cell's reference is split only when the cell holds something (half the cells of a
    # styled workbook are empty).
    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                self.ref = ref
            else:  # no reference: the cell after the previous one
                if self.ref is not None:
                    self.place()
                self.column += 1
            self.attrs = attrs
            self.v = self.f = self.t = None
        elif tag == "v":
            self.v = self.parts = []
        elif tag == "is":
            self.in_inline = True
        elif tag == "t":
            if self.in_inline:
                self.t = self.parts = []
        elif tag == "f":
            self.f = self.parts = []
            self.formula_attrs = attrs
        elif tag == "row":
            number = attrs.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.column = 0
            self.ref = None
        elif tag == "mergeCell":
            if ":" in attrs.get("ref", ""):
                first, last = attrs["ref"].split(":", 1)
                (r1, c1), (r2, c2) = split_ref(first), split_ref(last)
                self.merged.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
        elif ":" in tag:  # a prefixed namespace: the local name is what matters
            self.start(tag[tag.index(":") + 1 :], attrs)

    def end(self, tag: str) -> None:
        if tag == "c":
            if self.v is not None or self.f is not None or self.t is not None:
                self.finish_cell()
        elif tag == "is":
            self.in_inline = False
        elif ":" in tag:
            self.end(tag[tag.index(":") + 1 :])
        self.parts = None

    def text(self, data: str) -> None:
        if self.parts is not None:
            self.parts.append(data)

    def place(self) -> None:
        """Split the current cell's reference into its row and column."""
        self.row, self.column = split_ref(self.ref or "")
        self.ref = None

    # cells ----------------------------------------------------------------------------------
    def where(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    def finish_cell(self) -> None:
        if self.ref is not None:
            self.place()
        raw = "".join(self.v) if self.v is not None else None
        inline = "".join(self.t) if self.t is not None else None
        formula = self.formula() if self.f is not None else None
        if raw is None and inline is None and formula is None:
            return
        limits = self.limits
        text = raw if inline is None else inline
        if (
            self.row > limits.max_rows
            or self.column > limits.max_columns
            or len(self.cells) >= limits.max_cells
            or (text is not None and len(text) > limits.max_cell_chars)
        ):
            self.check_bounds(text)
        if self.keep_columns is not None and self.column > self.keep_columns:
            return  # bounded, but not kept: the caller reads only the columns it needs
        style = self.attrs.get("s")
        index = int(style) if style and style.isdigit() else 0
        fmt = self.formats[index] if index < len(self.formats) else "General"
        self.cells[self.row, self.column] = Cell(self.value(raw, inline, index), formula, fmt)

    def check_bounds(self, text: str | None) -> None:
        limits = self.limits
        common = {"file": self.file, "sheet": self.name, "cell": self.where()}
        if self.row > limits.max_rows:
            raise WorkbookLimitError(R.TOO_MANY_ROWS, limit=limits.max_rows, **common)
        if self.column > limits.max_columns:
            raise WorkbookLimitError(
                R.TOO_MANY_COLUMNS,
                limit=limits.max_columns,
                last=column_letter(limits.max_columns),
                **common,
            )
        if len(self.cells) >= limits.max_cells:
            raise WorkbookLimitError(R.TOO_MANY_CELLS, limit=limits.max_cells, **common)
        if text is not None and len(text) > limits.max_cell_chars:
            raise WorkbookLimitError(
                R.LONG_TEXT, length=len(text), limit=limits.max_cell_chars, **common
            )

    def formula(self) -> str | None:
        text = "".join(self.f or ())
        attrs = self.formula_attrs
        if attrs.get("t") == "shared" and "si" in attrs:
            if text:
                self.shared[attrs["si"]] = (self.row, self.column, text)
            elif attrs["si"] in self.shared:
                row, column, master = self.shared[attrs["si"]]
                text = translate_formula(master, self.row - row, self.column - column)
        return text or None

    def value(self, raw: str | None, inline: str | None, style: int) -> Any:
        kind = self.attrs.get("t", "n")
        if kind == "inlineStr":
            return inline
        if raw is None:
            return None
        if kind == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                return None
        if kind in ("str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(raw)
            except ValueError:
                return raw
        raw = raw.strip()
        if not raw:  # <v/>: a formula never calculated (as openpyxl writes them)
            return None
        try:
            number: int | float = int(raw) if _INT.match(raw) else float(raw)
        except ValueError:
            return raw
        if style < len(self.dates) and self.dates[style]:
            try:
                return excel_date(float(number), self.date1904)
            except (OverflowError, ValueError):
                return number
        return number

    def drop_hidden_merged(self) -> None:
        for r1, c1, r2, c2 in self.merged:
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 4 * len(self.cells) + 16:
                hidden = [k for k in self.cells if r1 <= k[0] <= r2 and c1 <= k[1] <= c2]
            else:
                hidden = [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
            for key in hidden:
                if key != (r1, c1):
                    self.cells.pop(key, None)


def parse_sheet(stream: IO[bytes], **options: Any) -> Sheet:
    """Parse one sheet; ``options`` are ``_SheetParser``'s (name, file, strings, formats,
    date1904, limits, keep_columns)."""
    state = _SheetParser(**options)
    parser = expat.ParserCreate()  # no namespace processing: start() strips a prefix itself
    parser.buffer_text = True
    parser.StartElementHandler = state.start
    parser.EndElementHandler = state.end
    parser.CharacterDataHandler = state.text
    try:
        parser.ParseFile(stream)
    except LkeError:
        raise
    except ValueError as exc:  # a malformed cell reference
        raise expat.ExpatError(str(exc)) from None
    state.drop_hidden_merged()
    rows = max((k[0] for k in state.cells), default=0)
    columns = max((k[1] for k in state.cells), default=0)
    return Sheet(state.name, state.cells, state.merged, rows, columns)
