"""Exact numbers: parse the numbers of framework and answers files, round half up for display.

Every number of a framework file is read from its text (``0.67`` is 67/100, ``5/6`` is five sixths)
and never passes through binary floating point. Rounding happens only here, for display and grading.
"""

from __future__ import annotations

import re
from fractions import Fraction

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_RATIO = re.compile(r"^[+-]?\d+\s*/\s*\d+$")


def parse_exact(text: object, *, decimal_comma: bool = False) -> Fraction:
    """Return the exact value of a number written as text (``"0.67"``, ``"5/6"``, ``"70,05"``).

    Raise ValueError when the text is not a number. ints are accepted; floats are refused because
    their binary value is not the number the user wrote.
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, int):
        return Fraction(text)
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r}")
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if decimal_comma and "," in s:
        if "." in s:
            # 1.234,5 (thousands dot, decimal comma) as Indonesian spreadsheets write it
            s = s.replace(".", "")
        s = s.replace(",", ".")
    if _NUMBER.match(s):
        return Fraction(s)
    if _RATIO.match(s):
        num, den = s.split("/")
        if int(den) == 0:
            raise ValueError(f"division by zero: {text!r}")
        return Fraction(int(num), int(den))
    raise ValueError(f"not a number: {text!r}")


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    """Round to ``decimals`` places, halves away from zero (0.005 -> 0.01), as the LKE does."""
    scale = 10**decimals
    scaled = value * scale
    num, den = abs(scaled.numerator), scaled.denominator
    q, r = divmod(num, den)
    if 2 * r >= den:
        q += 1
    if scaled < 0:
        q = -q
    return Fraction(q, scale)


def format_fixed(value: Fraction, decimals: int, *, decimal_comma: bool = False) -> str:
    """Format ``value`` rounded half up with exactly ``decimals`` digits (``"63.37"``)."""
    rounded = round_half_up(value, decimals)
    scale = 10**decimals
    units = rounded.numerator * (scale // rounded.denominator)
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(units), scale)
    text = f"{sign}{whole}"
    if decimals:
        text += ("," if decimal_comma else ".") + str(frac).rjust(decimals, "0")
    return text


def format_exact(value: Fraction) -> str:
    """Write an exact value briefly: ``"5"``, ``"0.67"``, or ``"5/3"`` when no finite decimal exists."""
    den = value.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den != 1:
        return f"{value.numerator}/{value.denominator}"
    if value.denominator == 1:
        return str(value.numerator)
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
    return format_fixed(value, digits)
