"""Results and errors of the LKE workbook reader.

Messages are built from a ``reason`` (an English format string, one of ``rapor.lke.reasons``) and
its ``details``, so that the web can show them in the user's language (it translates the reason
and formats it with the same details) while the command line prints the English text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapor.engine.errors import RaporInputError
from rapor.lke.layout import sheet_ref


class LkeError(RaporInputError):
    """The file cannot be read as a workbook of the expected layout (or breaks a limit).

    The message itself names the file, the sheet and the cell; as a RaporInputError the command
    line reports it as bad input (exit status 2).
    """

    def __init__(self, reason: str, **details: Any) -> None:
        self.reason = reason
        self.details = details
        super().__init__("", "", reason.format(**details) if details else reason)


@dataclass(frozen=True)
class LkeProblem:
    """A row of the workbook that could not be read; the rest of the workbook still was."""

    sheet: str
    cell: str
    reason: str
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def message(self) -> str:
        return self.reason.format(**self.details) if self.details else self.reason

    @property
    def where(self) -> str:
        return sheet_ref(self.sheet, self.cell)

    @property
    def value(self) -> Any:
        """The cell's content as found, when the problem is about one (else None)."""
        return self.details.get("value")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class LkeRead:
    """One block of an LKE workbook, read.

    ``answers`` holds answered questions only (code -> answer text); ``cells`` holds every
    answerable row found, answered or not (code -> ``"Sheet!J12"``), so that a caller can point
    at the cell of an unanswered or rejected answer. ``answer_types`` holds what the workbook's
    answer-type column says for each code (``"A/B/C"``, ``"0-100"`` …), and ``types_at`` where.
    """

    answers: dict[str, str]
    cells: dict[str, str]
    sheet: str
    block: int
    heading: str | None = None
    problems: list[LkeProblem] = field(default_factory=list)
    answer_types: dict[str, str] = field(default_factory=dict)
    types_at: dict[str, str] = field(default_factory=dict)
    coded: bool = False
    """True when the rows carry their codes (column A of a workbook Rapor wrote)."""
    rows: list[tuple[str, str, int]] = field(default_factory=list)
    """Every row placed in the tree, in order: (kind, code, sheet row); kind is component,
    area, indicator, input or question (the instrument import reads the tree from these)."""
