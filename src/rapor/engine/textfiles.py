"""Read a user's text file (answers JSON, efforts, peers and survey CSVs) within bounds.

How this works: at most ``max_bytes`` are read, so an endless file (a pipe, ``/dev/zero``) stops at
the limit instead of filling the memory. The bytes must be UTF-8 (a UTF-8 byte order mark is
fine); a UTF-16 or UTF-32 file is recognised by its byte order mark or its NUL bytes and refused
with the encoding found and the one expected, because read as UTF-8 it would only give a
puzzling "missing column". CSV rows come from ``csv_rows``, which names the row of a broken
quote or an oversized cell instead of letting ``csv.Error`` escape.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .errors import RaporInputError

if TYPE_CHECKING:
    from collections.abc import Iterator

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_CELL_CHARS = 1000
"""The longest CSV cell (a name, a code, a number); Python's csv refuses more than 128 KB."""

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian) text"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian) text"),
    (b"\xff\xfe", "UTF-16 (little-endian) text"),
    (b"\xfe\xff", "UTF-16 (big-endian) text"),
)
EXPECTED = "expected UTF-8 text (in Excel: Save As, CSV UTF-8)"


def read_text(
    path: str | os.PathLike[str],
    *,
    error: type[RaporInputError],
    max_bytes: int = MAX_FILE_BYTES,
    fallback: str | None = None,
) -> str:
    """The text of ``path`` as UTF-8, or ``error(file, where, message)``.

    ``fallback`` names an 8-bit encoding to read a file that is not UTF-8 (Excel's plain "CSV"
    writes the Windows code page); without it such a file is refused naming the first bad byte.
    """
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise error(name, "", f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise error(name, "", f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    found = encoding_of(data)
    if found:
        raise error(name, "", f"the file is {found}; {EXPECTED}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback:
            return data.decode(fallback, errors="replace")
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            name,
            f"line {line}",
            f"byte 0x{data[exc.start]:02x} is not UTF-8; {EXPECTED}",
        ) from None


def encoding_of(data: bytes) -> str | None:
    """Name a UTF-16/32 encoding recognised by its byte order mark or NUL bytes, else None."""
    for bom, label in _BOMS:
        if data.startswith(bom):
            return label
    head = data[:4096]
    if b"\x00" in head:
        # ASCII text in UTF-16 has a NUL beside every letter: at odd offsets little-endian
        odd = head[1::2].count(0)
        even = head[0::2].count(0)
        if odd > len(head) // 4 and odd > even:
            return "UTF-16 (little-endian) text without a byte order mark"
        if even > len(head) // 4:
            return "UTF-16 (big-endian) text without a byte order mark"
        return "binary data (it contains NUL bytes), not text"
    return None


def csv_rows(
    text: str, *, source: str, error: type[RaporInputError], delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(row number counted from 1 as a spreadsheet does, cells) of a CSV text; a broken row or an
    oversized cell is refused with its row (and column)."""
    import csv  # here: reading a framework or an answers file needs no CSV
    import io

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            where = f"row {number}"
            if "field larger than field limit" in str(exc):
                raise error(
                    source, where, f"a cell is longer than {MAX_CELL_CHARS} characters"
                ) from None
            raise error(source, where, f"not a valid CSV row: {exc}") from None
        for index, cell in enumerate(row):
            if len(cell) > MAX_CELL_CHARS:
                raise error(
                    source,
                    f"row {number}, column {column_letter(index)}",
                    f"the cell is longer than {MAX_CELL_CHARS} characters",
                )
        yield number, row


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 -> A, 26 -> AA)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("A") + rem) + out
    return out
