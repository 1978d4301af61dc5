"""CSV downloads that a spreadsheet opens safely.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read by
Excel or LibreOffice as a formula (CSV injection: ``=HYPERLINK(...)`` in an answer or a citizen's
suggestion). Such a cell gets a leading apostrophe, which spreadsheets show as plain text. Numbers
that the caller passes as numbers (int, Fraction, Decimal) are written as they are, so a negative
number stays a number. The file starts with a UTF-8 byte order mark so that Excel reads
Indonesian text correctly, and is streamed row by row: a long export needs no memory to speak of.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.http import StreamingHttpResponse

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value: Any) -> str:
    """One cell as text, defused if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(float(value))
    text = str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The lines of a CSV file (BOM first), every cell passed through ``neutralise``."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([neutralise(h) for h in header])
    for row in rows:
        yield writer.writerow([neutralise(c) for c in row])


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """A streamed CSV download named ``filename``."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    safe_name = "".join(c for c in filename if c.isalnum() or c in "-_.") or "export.csv"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
