"""The planner's inputs and outputs: frozen data, exact numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from ..errors import RaporInputError
from ..model import Answer, GradeBand


class PlannerInputError(RaporInputError):
    """A bad efforts or peers file, or a target the framework cannot express."""


@dataclass(frozen=True)
class Peer:
    name: str
    index: Fraction


@dataclass(frozen=True)
class Target:
    """What the plan must reach: a raw index ``bound`` (exceeded if ``strict``, else met or exceeded)."""

    kind: Literal["score", "grade", "rank"]
    bound: Fraction
    strict: bool
    shown: Fraction
    """The displayed index the plan aims at (``target_index`` in the JSON output)."""
    label: str
    """A short human description, e.g. ``grade B`` or ``rank <= 3 of 12 peers``."""

    def met_by(self, index: Fraction) -> bool:
        return index > self.bound if self.strict else index >= self.bound


@dataclass(frozen=True)
class Efforts:
    """The cost of change: per-step efforts, efforts to reach given options, frozen questions.

    For a number question, ``option`` keys hold forecast values (exact Fractions): the question may
    reach that value for that effort. Anything not listed falls back to one unit per step.
    """

    step: Mapping[str, Fraction] = field(default_factory=dict)
    option: Mapping[tuple[str, Answer], Fraction] = field(default_factory=dict)
    fixed: frozenset[str] = frozenset()
    excluded: frozenset[tuple[str, Answer]] = frozenset()
    """Single options marked ``fixed``: the question may move, but not to these options."""
    source: str = ""


@dataclass(frozen=True)
class Change:
    question: str
    before: Answer | None
    after: Answer
    effort: Fraction
    gain: Fraction
    """The rise of the index credited to this change (changes of one dependency group are applied
    prerequisites first, so the gains of a plan add up to its total rise)."""


@dataclass(frozen=True)
class Plan:
    target: Target
    reachable: bool
    """False when no plan meets the target; the plan then reaches the best index it can."""
    effort: Fraction
    changes: tuple[Change, ...]
    index_before: Fraction
    index: Fraction
    grade_before: GradeBand
    grade: GradeBand
    answers: Mapping[str, Answer]
    """The current answers with the changes applied."""
