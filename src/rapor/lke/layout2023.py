"""The columns of the 2023 method's workbook, shared by its writer (``export2023``, which needs
openpyxl) and its reader (``reader2023``, on the fast path of ``rapor score``)."""

from __future__ import annotations

SHEET = "LKE"
FIRST_ROW = 5
CODE, NAME, SCORER, LOW, HIGH, WEIGHT = 1, 2, 3, 4, 5, 6
BLOCK_START, BLOCK_WIDTH = 7, 5
VALUE, RATIO, POINTS, EXCLUDED, NOTES = 0, 1, 2, 3, 4
LABELS = ["Kode", "Komponen / Indikator", "Penilai", "Min", "Maks", "Bobot"]
BLOCK_LABELS = ["Nilai", "Rasio", "Poin", "Dikecualikan", "Catatan"]


def block_column(block: int, role: int) -> int:
    """The column of ``role`` (VALUE … NOTES) in block ``block`` (1 = leftmost)."""
    return BLOCK_START + BLOCK_WIDTH * (block - 1) + role
