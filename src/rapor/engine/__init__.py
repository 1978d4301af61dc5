"""The scoring engine: pure Python, exact arithmetic, no Django.

fw = load_framework("rb-2014")                 # a path or a shipped id
answers = parse_answers(fw, {"P1.1.a": "a"})   # canonical answers, or AnswersError
result = score(fw, answers)                    # every node, the index, the grade
nodes, questions = explain(fw, answers, result)

The explanations (``explanations.py``) are imported on first use: `rapor score` does without.
"""

from typing import TYPE_CHECKING

from .answers import (
    answer_text,
    canonical_answer,
    canonical_correction,
    canonical_question_answer,
    is_not_applicable_text,
    load_answers_file,
    parse_answers,
)
from .errors import AnswersError, FrameworkError, RaporInputError
from .grading import display_threshold, grade_for, index_of, index_threshold
from .loader import (
    load_framework,
    load_framework_text,
    shipped_framework_ids,
    shipped_framework_path,
)
from .model import (
    NOT_APPLICABLE,
    Answer,
    Correction,
    Dependency,
    Framework,
    GradeBand,
    Grading,
    Node,
    Question,
    Scale,
)
from .numbers import NumberBoundError, format_exact, format_fixed, parse_exact, round_half_up
from .roots import ProvisionalPart, RootScore
from .scoring import NodeScore, ScoreResult, question_points, question_values, score

if TYPE_CHECKING:
    from .explanations import NodeExplanation, QuestionExplanation, best_answer, explain

_EXPLANATIONS = ("NodeExplanation", "QuestionExplanation", "best_answer", "explain")

__all__ = [
    "NOT_APPLICABLE",
    "Answer",
    "Correction",
    "AnswersError",
    "Dependency",
    "Framework",
    "FrameworkError",
    "GradeBand",
    "Grading",
    "Node",
    "NodeExplanation",
    "NodeScore",
    "NumberBoundError",
    "ProvisionalPart",
    "Question",
    "QuestionExplanation",
    "RaporInputError",
    "RootScore",
    "Scale",
    "ScoreResult",
    "answer_text",
    "best_answer",
    "canonical_answer",
    "canonical_correction",
    "canonical_question_answer",
    "display_threshold",
    "explain",
    "format_exact",
    "format_fixed",
    "grade_for",
    "index_of",
    "index_threshold",
    "is_not_applicable_text",
    "load_answers_file",
    "load_framework",
    "load_framework_text",
    "parse_answers",
    "parse_exact",
    "question_points",
    "question_values",
    "round_half_up",
    "score",
    "shipped_framework_ids",
    "shipped_framework_path",
]


def __getattr__(name: str) -> object:
    if name in _EXPLANATIONS:
        from . import explanations

        value = getattr(explanations, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
