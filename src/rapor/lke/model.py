"""Results and errors of the LKE workbook reader.

Messages are built from a ``reason`` (an English format string, one of ``rapor.lke.reasons``) and
its ``details``, so that the web can show them in the user's language (it translates the reason
and formats it with the same details) while the command line prints the English text.
"""

from __future__ import annotations

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


class LkeProblem:
    """A row of the workbook that could not be read; the rest of the workbook still was.

    (A plain class: the command line's start-up pays for every dataclass it builds.)
    """

    __slots__ = ("sheet", "cell", "reason", "details")

    def __init__(
        self, sheet: str, cell: str, reason: str, details: dict[str, Any] | None = None
    ) -> None:
        self.sheet, self.cell, self.reason = sheet, cell, reason
        self.details: dict[str, Any] = details or {}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LkeProblem):
            return NotImplemented
        return (self.sheet, self.cell, self.reason) == (other.sheet, other.cell, other.reason)

    def __hash__(self) -> int:
        return hash((self.sheet, self.cell, self.reason))

    def __repr__(self) -> str:
        return f"LkeProblem({self.sheet!r}, {self.cell!r}, {self.message!r})"

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


class LkeRead:
    """One block of an LKE workbook, read.

    ``answers`` holds answered questions only (code -> answer text); ``cells`` holds every
    answerable row found, answered or not (code -> ``"Sheet!J12"``), so that a caller can point
    at the cell of an unanswered or rejected answer. ``answer_types`` holds what the workbook's
    answer-type column says for each code (``"A/B/C"``, ``"0-100"`` …), and ``types_at`` where.
    ``coded`` is true when the rows carry their codes (column A of a workbook Rapor wrote).
    ``rows`` lists every row placed in the tree, in order: (kind, code, sheet row); kind is
    component, area, indicator, input or question (the instrument import reads the tree from
    these).
    """

    def __init__(
        self,
        *,
        answers: dict[str, str],
        cells: dict[str, str],
        sheet: str,
        block: int,
        heading: str | None = None,
        problems: list[LkeProblem] | None = None,
        answer_types: dict[str, str] | None = None,
        types_at: dict[str, str] | None = None,
        coded: bool = False,
        rows: list[tuple[str, str, int]] | None = None,
    ) -> None:
        self.answers, self.cells, self.sheet, self.block = answers, cells, sheet, block
        self.heading = heading
        self.problems: list[LkeProblem] = problems if problems is not None else []
        self.answer_types: dict[str, str] = answer_types or {}
        self.types_at: dict[str, str] = types_at or {}
        self.coded = coded
        self.rows: list[tuple[str, str, int]] = rows or []
