"""Cell addresses: column letters and numbers, ``"AB12"`` <-> (row, column). No dependencies."""

from __future__ import annotations

import re

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_number(letters: str) -> int:
    """``"AB"`` -> 28."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letter(number: int) -> str:
    """28 -> ``"AB"``."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


_COLUMNS: dict[str, int] = {}
"""Column numbers by the capital letters of references already split (at most 16384, XFD): a
sheet's thousands of references have a few dozen column parts."""


def split_ref(ref: str) -> tuple[int, int]:
    """``"AB12"`` (or ``"$AB$12"``) -> (12, 28)."""
    letters = ref.rstrip("0123456789")
    column = _COLUMNS.get(letters)
    if column is not None and len(letters) < len(ref):  # known letters, then ASCII digits
        return int(ref[len(letters) :]), column
    m = _REF.match(ref)
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    column = column_number(m.group(1))
    if m.group(1) == letters and letters.isupper() and column <= 16384:
        _COLUMNS[letters] = column
    return int(m.group(2)), column


def ref(row: int, column: int) -> str:
    """(12, 28) -> ``"AB12"``."""
    return f"{column_letter(column)}{row}"


def lines_needed(text: object, width: float) -> int:
    """About how many lines ``text`` takes in a wrapped cell ``width`` characters wide (row
    heights are not computed by every reader of an xlsx, so the writers set them)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
