"""Results and errors of the LKE workbook reader."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapor.engine.errors import RaporInputError
from rapor.lke.layout import sheet_ref


class LkeError(RaporInputError):
    """The file is not an LKE workbook, or the requested block is not in it.

    The message itself names the file, the sheet and the cell; as a RaporInputError the command
    line reports it as bad input (exit status 2).
    """

    def __init__(self, message: str) -> None:
        super().__init__("", "", message)


@dataclass(frozen=True)
class LkeProblem:
    """A row of the workbook that could not be read; the rest of the workbook still was."""

    sheet: str
    cell: str
    message: str

    @property
    def where(self) -> str:
        return sheet_ref(self.sheet, self.cell)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class LkeRead:
    """One block of an LKE workbook, read.

    ``answers`` holds answered questions only (code -> answer text); ``cells`` holds every
    answerable row found, answered or not (code -> ``"Sheet!J12"``), so that a caller can point
    at the cell of an unanswered or rejected answer.
    """

    answers: dict[str, str]
    cells: dict[str, str]
    sheet: str
    block: int
    heading: str | None = None
    problems: list[LkeProblem] = field(default_factory=list)
