"""Read and write LKE workbooks (xlsx) in the official 2014/2015 layout; see docs/lke-workbook.md.

Reading needs nothing but the standard library (``rapor.lke.xlsx``); the writer needs openpyxl,
which costs ~0.15 s to import, so it is imported only when a writer name is first used.
"""

from __future__ import annotations

from typing import Any

from rapor.lke.model import LkeError, LkeProblem, LkeRead
from rapor.lke.reader import read_lke_workbook

_WRITER = ("LkeBlock", "LkeRow", "rows_from_csv", "write_lke_workbook")

__all__ = [
    "LkeBlock",
    "LkeError",
    "LkeProblem",
    "LkeRead",
    "LkeRow",
    "read_lke_workbook",
    "rows_from_csv",
    "write_lke_workbook",
]


def __getattr__(name: str) -> Any:
    if name in _WRITER:
        from rapor.lke import writer

        return getattr(writer, name)
    raise AttributeError(f"module 'rapor.lke' has no attribute {name!r}")
