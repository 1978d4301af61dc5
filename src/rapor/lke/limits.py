"""The bounds of every workbook Rapor reads, and the error that says which one a file broke.

Uploaded and command-line workbooks are untrusted. Before anything is parsed the file's size is
checked and its zip container goes through ``rapor.zipguard.check_zip`` (a 2 MB file that would
expand to gigabytes is refused from its directory alone); while a sheet streams in, the reader
refuses data beyond ``max_rows`` or ``max_columns``, more than ``max_cells`` filled cells, or a
text longer than Excel itself allows. An LKE has a few hundred rows and a few dozen columns, so
the limits are generous for real files and small enough that a hostile one costs little.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapor.lke.model import LkeError
from rapor.zipguard import ZipLimits

MiB = 1024 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    max_file_bytes: int = 20 * MiB
    zip: ZipLimits = field(
        default_factory=lambda: ZipLimits(
            max_members=2_000, max_total=200 * MiB, max_member=100 * MiB, max_ratio=200
        )
    )
    max_rows: int = 20_000
    """The last row that may hold a value (an LKE has a few hundred)."""
    max_columns: int = 300
    """The last column that may hold a value (KN; a workbook with three blocks ends near AL)."""
    max_cells: int = 300_000
    """Filled cells per sheet."""
    max_cell_chars: int = 32_767
    """Excel's own limit for the text of one cell."""


DEFAULT_LIMITS = WorkbookLimits()


class WorkbookLimitError(LkeError):
    """The workbook is larger than Rapor reads (the message names the file, sheet and cell)."""
