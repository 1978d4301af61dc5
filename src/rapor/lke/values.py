"""Turn an answer cell into the text a person reads in it.

Numbers are written back as plain decimals without binary artefacts: Excel shows at most 15
significant digits, so a stored ``70.05000000000001`` is read as ``"70.05"``, ``70.0`` as ``"70"``.
A cell formatted as a percentage holds a fraction (0.7005 shown as 70.05%): it is read as the
number shown, ``"70.05"``. Text is kept as typed apart from spaces (trimmed, runs collapsed) and
trailing dots (``"Ya."`` -> ``"Ya"``); a single option letter also loses a closing parenthesis and
is upper-cased (``"b )"`` -> ``"B"``). Everything else (``"ya"``, ``"70,05"``, ``"Wajar Tanpa
Pengecualian"``) is left to the engine, which matches options ignoring case and parses decimal commas.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from rapor.lke import reasons as R

_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"^([A-Za-z])\s*[.)]?$")
_EXCEL_ERRORS = frozenset(
    {"#N/A", "#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)


class UnreadableAnswer(ValueError):
    """The cell holds something that is not an answer (a date, TRUE/FALSE, an Excel error)."""

    def __init__(self, reason: str, **details: Any) -> None:
        self.reason = reason
        self.details = details
        super().__init__(reason.format(**details))


def number_text(value: int | float | Decimal) -> str:
    """Write a number as a plain decimal with at most 15 significant digits (as Excel shows it)."""
    if isinstance(value, int):
        return str(value)
    d = Decimal(format(value, ".15g")) if isinstance(value, float) else value
    if not d.is_finite():
        raise UnreadableAnswer(R.NOT_A_NUMBER, value=value)
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


def answer_text(value: object, number_format: str = "General") -> str | None:
    """Return the answer as text, None when the cell is empty, or raise UnreadableAnswer."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise UnreadableAnswer(R.ANSWER_BOOL, value="TRUE" if value else "FALSE")
    if isinstance(value, int | float | Decimal):
        if "%" in number_format:
            return number_text(Decimal(number_text(value)) * 100)
        return number_text(value)
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        raise UnreadableAnswer(R.ANSWER_DATE, value=str(value))
    if not isinstance(value, str):
        raise UnreadableAnswer(R.ANSWER_OTHER, value=value)
    text = _SPACES.sub(" ", value.replace("\u00a0", " ")).strip()
    if not text:
        return None
    if text.upper() in _EXCEL_ERRORS:
        raise UnreadableAnswer(R.ANSWER_ERROR, value=text)
    letter = _LETTER.match(text)
    if letter:
        return letter.group(1).upper()
    # "Ya." / "WTP." as typed: the dot is punctuation, not part of the option.
    return text.rstrip(". ") or text
