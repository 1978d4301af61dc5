"""The official LKE workbook layout (2014/2015): columns of a block and how markers become codes.

Block 1 uses columns B..M; block N is the same shape 12 columns further right per block. The
marker columns (component letter, area roman numeral, indicator number, question letter) are read
leniently, as a person reads them: ``"I"``, ``"I."``, ``" i. "`` are all area 1; ``"a"``, ``"a."``,
``"a )"`` are all question ``a``.
"""

from __future__ import annotations

import re

from rapor.lke.cells import column_letter

BLOCK_WIDTH = 12
FIRST_COLUMN = 2  # column B

# Column roles, as offsets from the block's first column (B in block 1).
COMPONENT, AREA, NAME_OR_NUMBER, NAME_OR_LETTER, TEXT = 0, 1, 2, 3, 4
WEIGHT, OPTIONS, ANSWER_TYPE, ANSWER, VALUE, PERCENT, NOTES = 5, 6, 7, 8, 9, 10, 11

# Component letter on the workbook -> component code of the instrument.
COMPONENT_CODES = {"A": "P", "B": "H"}
COMPONENT_LETTERS = {code: letter for letter, code in COMPONENT_CODES.items()}
# Components whose answerable indicator rows are inputs coded by the indicator itself (H1.1);
# elsewhere an indicator row that carries the answer is its single unlettered question (P3.2.a).
INPUT_COMPONENTS = frozenset({"H"})

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMAN = re.compile(r"^(XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_TRAILING = re.compile(r"[\s.)]+$")


class Block:
    """The columns of one block (1-based block number)."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and other.number == self.number

    def __hash__(self) -> int:
        return hash(self.number)

    def column(self, role: int) -> int:
        """Return the 1-based sheet column of a role in this block."""
        return FIRST_COLUMN + BLOCK_WIDTH * (self.number - 1) + role

    def letter(self, role: int) -> str:
        return column_letter(self.column(role))


def _bare(text: str) -> str:
    """Strip spaces and trailing dots/parentheses: ``" a ) "`` -> ``"a"``."""
    return _TRAILING.sub("", text.strip().replace("\u00a0", " ")).strip()


def component_letter(value: object) -> str | None:
    """Return the component letter (``"A"``) of a marker cell, or None if it is not one."""
    if not isinstance(value, str):
        return None
    bare = _bare(value).upper()
    return bare if len(bare) == 1 and bare.isalpha() else None


def roman_number(value: object) -> int | None:
    """Return the value of a roman numeral marker (``"IV."`` -> 4), or None."""
    if not isinstance(value, str):
        return None
    bare = _bare(value).upper()
    if not bare or not _ROMAN.match(bare):
        return None
    total = 0
    for i, ch in enumerate(bare):
        v = _ROMAN_VALUES[ch]
        following = _ROMAN_VALUES[bare[i + 1]] if i + 1 < len(bare) else 0
        total += -v if v < following else v
    return total


def to_roman(number: int) -> str:
    """Write 1..49 as a roman numeral."""
    if not 1 <= number <= 49:
        raise ValueError(f"no roman numeral for {number}")
    parts = [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, text in parts:
        while number >= value:
            out += text
            number -= value
    return out


def indicator_number(value: object) -> int | None:
    """Return an indicator number from ``1``, ``1.0``, ``"2."``, ``" 3 )"``, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    if isinstance(value, str):
        bare = _bare(value)
        return int(bare) if bare.isdigit() and int(bare) > 0 else None
    return None


def question_letter(value: object) -> str | None:
    """Return the lower-case question letter of ``"a"``, ``"A."``, ``"b )"``, or None."""
    if not isinstance(value, str):
        return None
    bare = _bare(value).lower()
    return bare if len(bare) == 1 and "a" <= bare <= "z" else None


def looks_like_marker(value: object) -> bool:
    """Tell a marker (``"IV."``, ``2``, ``"a )"``) from a label or name (``"JUMLAH"``)."""
    if isinstance(value, str):
        return len(_bare(value)) <= 4  # "VIII", "12", "a"
    return isinstance(value, int | float)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def sheet_ref(sheet: str, cell: str) -> str:
    """Write a cell reference as Excel does (quote a sheet name that is not a plain word)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return f"{sheet}!{cell}"
    return "'" + sheet.replace("'", "''") + f"'!{cell}"
