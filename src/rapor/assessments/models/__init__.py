"""The assessment models, one module per concern; import them from here."""

from .answers import Answer, AnswerStatus, Comment, Level
from .cycles import Assignment, Cycle, Stage
from .evidence import Evidence, EvidenceLink
from .frameworks import FrameworkVersion
from .history import HistoryEvent

__all__ = [
    "Answer",
    "AnswerStatus",
    "Assignment",
    "Comment",
    "Cycle",
    "Evidence",
    "EvidenceLink",
    "FrameworkVersion",
    "HistoryEvent",
    "Level",
    "Stage",
]
