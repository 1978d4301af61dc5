"""Read and write LKE workbooks (xlsx) in the official 2014/2015 layout; see docs/lke-workbook.md."""

from rapor.lke.model import LkeError, LkeProblem, LkeRead
from rapor.lke.reader import read_lke_workbook
from rapor.lke.writer import LkeBlock, LkeRow, rows_from_csv, write_lke_workbook

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
