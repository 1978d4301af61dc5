"""Exact numbers: parse the numbers of framework and answers files, round half up for display.

Every number of a framework file is read from its text (``0.67`` is 67/100, ``5/6`` is five sixths)
and never passes through binary floating point. Rounding happens only here, for display and grading.

Every number is bounded before any arithmetic (``NumberBoundError``): exact arithmetic on
``1e999999999`` would build a billion-digit integer and hold the process for minutes. A number is
at most ``MAX_NUMBER_CHARS`` characters as written, below 10^``MAX_WHOLE_DIGITS`` in size, and
has at most ``MAX_DECIMALS`` digits after the point; a ratio's two parts have at most
``MAX_WHOLE_DIGITS`` digits each. So every accepted number is written back (``format_exact``) in
at most 42 characters, which fits the 60-character answer column.
"""

from __future__ import annotations

import re
from fractions import Fraction

MAX_NUMBER_CHARS = 50
MAX_WHOLE_DIGITS = 20
MAX_DECIMALS = 20

# sign, whole digits, fraction digits, exponent (at least one digit is checked apart)
_NUMBER = re.compile(r"^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$")
_RATIO = re.compile(r"^[+-]?\d+\s*/\s*\d+$")


class NumberBoundError(ValueError):
    """A number outside the bounds; ``bound`` says which one ("length", "whole", "decimals")."""

    def __init__(self, bound: str, message: str) -> None:
        self.bound = bound
        super().__init__(message)


def shown(text: object, limit: int = 24, *, quote: bool = True) -> str:
    """A piece of user input for a message: long text cut short, quoted with control and
    direction characters escaped (``quote=False``: quoted only when it has such characters)."""
    if isinstance(text, int) and abs(text) >= 10**100:  # str() of a huge int is slow or refused
        return "a whole number of more than 100 digits"
    if not isinstance(text, str):
        written = repr(text)
        return written[:limit] + "…" if len(written) > limit else written
    cut = text[:limit] + "…" if len(text) > limit else text
    return cut if not quote and cut.isprintable() else repr(cut)


def _check_decimal(
    sign: str, whole: str, frac: str | None, exponent: str | None, *, text: str
) -> bool:
    """Refuse a decimal whose value is too large or too fine, from its digits alone; True if it
    is zero (which ``Fraction`` must not see: it would still compute 10 ** exponent)."""
    frac = frac or ""
    digits = (whole + frac).lstrip("0")
    point = len(whole.lstrip("0")) if whole.lstrip("0") else -(len(frac) - len(frac.lstrip("0")))
    # value = 0.<digits> x 10^point; the exponent text is short, so int() is cheap
    point += int(exponent) if exponent else 0
    significant = digits.rstrip("0")
    if not significant:
        return True
    if point > MAX_WHOLE_DIGITS:
        raise NumberBoundError(
            "whole",
            f"{shown(text)} is too large: at most {MAX_WHOLE_DIGITS} digits before the point",
        )
    if len(significant) - point > MAX_DECIMALS:
        raise NumberBoundError(
            "decimals", f"{shown(text)} has more than {MAX_DECIMALS} digits after the point"
        )
    return False


_WHOLE_LIMIT = 10**MAX_WHOLE_DIGITS


def parse_exact(text: object, *, decimal_comma: bool = False) -> Fraction:
    """Return the exact value of a number written as text (``"0.67"``, ``"5/6"``, ``"70,05"``).

    Raise ValueError when the text is not a number, NumberBoundError (a ValueError) when it is
    out of bounds. ints are accepted; floats are refused because their binary value is not the
    number the user wrote.
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, int):
        if abs(text) >= _WHOLE_LIMIT:
            raise NumberBoundError(
                "whole", f"the number is too large: at most {MAX_WHOLE_DIGITS} digits"
            )
        return Fraction(text)
    if not isinstance(text, str):
        raise ValueError(f"not a number: {shown(text)}")
    if len(text) > 4 * MAX_NUMBER_CHARS:  # before any other work on it
        raise NumberBoundError(
            "length", f"{shown(text)} is longer than {MAX_NUMBER_CHARS} characters"
        )
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if len(s) > MAX_NUMBER_CHARS:
        raise NumberBoundError(
            "length", f"{shown(text)} is longer than {MAX_NUMBER_CHARS} characters"
        )
    if decimal_comma and "," in s:
        if "." in s:
            # 1.234,5 (thousands dot, decimal comma) as Indonesian spreadsheets write it
            s = s.replace(".", "")
        s = s.replace(",", ".")
    if (m := _NUMBER.match(s)) and (m.group(2) or m.group(3)):
        return Fraction(0) if _check_decimal(*m.groups(), text=text) else Fraction(s)
    if _RATIO.match(s):
        num, den = (int(part) for part in s.split("/"))
        if den == 0:
            raise ValueError(f"division by zero: {shown(text)}")
        if abs(num) >= _WHOLE_LIMIT or den >= _WHOLE_LIMIT:
            raise NumberBoundError(
                "whole",
                f"{shown(text)} is too large: at most {MAX_WHOLE_DIGITS} digits on each side of /",
            )
        return Fraction(num, den)
    raise ValueError(f"not a number: {shown(text)}")


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
    if den != 1 or max(_factor(value.denominator, 2), _factor(value.denominator, 5)) > MAX_DECIMALS:
        return f"{value.numerator}/{value.denominator}"
    if value.denominator == 1:
        return str(value.numerator)
    digits = 0
    while (value * 10**digits).denominator != 1:
        digits += 1
    return format_fixed(value, digits)


def _factor(n: int, p: int) -> int:
    """How many times ``p`` divides ``n``."""
    count = 0
    while n % p == 0:
        n //= p
        count += 1
    return count
