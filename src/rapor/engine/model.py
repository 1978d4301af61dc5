"""The framework model: an evaluation instrument as frozen data.

A framework is a tree of nodes. An inner node has children; a leaf has one or more questions; an
answerable leaf (``scale:`` on the node) is its own single question, whose code is the node's code.
Answers are stored canonically: the option code for a choice scale, an exact Fraction for a number,
or ``NOT_APPLICABLE`` where the question allows it (format version 1, additions: docs/engine.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

Answer = str | Fraction
"""A canonical answer: an option code (choice scale) or an exact number (number scale)."""

ZERO = Fraction(0)
ONE = Fraction(1)

NOT_APPLICABLE = "n/a"
"""The canonical answer "not applicable" (tidak berlaku): the question's weight leaves its root."""
NOT_APPLICABLE_SPELLINGS = frozenset({"n/a", "na", "tidak berlaku", "not applicable"})
"""How people write it (compared after normalise_text)."""


def normalise_text(text: str) -> str:
    """Fold case and spaces so that ' wajar  tanpa pengecualian ' matches its option."""
    return " ".join(text.split()).casefold()


def loose_text(text: str) -> str:
    """Keep letters and digits only, case folded: 'a.', 'a )' and 'WTP - DPP' as people type them."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Scale:
    key: str
    kind: Literal["choice", "number"]
    options: tuple[tuple[str, Fraction], ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    min: Fraction = ZERO
    max: Fraction = ONE
    conversion: Literal["range", "ratio"] = "range"
    """How a number becomes a value: (x - min) / (max - min), or x / max (the 2023 method)."""
    provisional: frozenset[str] = frozenset()
    """Options whose values are not confirmed (shown as provisional where used)."""
    lookup: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Normalised text (codes and aliases) -> option code."""
    values: Mapping[str, Fraction] = field(default_factory=dict, repr=False, compare=False)

    def value(self, answer: Answer) -> Fraction:
        """The value in [0, 1] of a canonical answer."""
        if self.kind == "choice":
            return self.values[answer]  # type: ignore[index]
        assert isinstance(answer, Fraction)
        if self.conversion == "ratio":
            return answer / self.max
        return (answer - self.min) / (self.max - self.min)

    def ordered_options(self) -> tuple[tuple[str, Fraction], ...]:
        """Options from lowest to highest value (file order breaks ties)."""
        indexed = sorted(enumerate(self.options), key=lambda item: (item[1][1], item[0]))
        return tuple(option for _, option in indexed)

    @property
    def best_value(self) -> Fraction:
        return ONE if self.kind == "number" else max(v for _, v in self.options)


@dataclass(frozen=True)
class Dependency:
    question: str
    zero_if: frozenset[Answer] = frozenset()
    multiply: bool = False


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    scale: Scale
    node: str
    """The code of the leaf node the question belongs to."""
    weight: Fraction = ONE
    options_text: Mapping[str, str] = field(default_factory=dict)
    guidance: str = ""
    evidence: tuple[str, ...] = ()
    source: Literal["self", "external"] = "self"
    depends_on: Dependency | None = None
    not_applicable: bool = False
    """The question may be answered NOT_APPLICABLE."""
    target: Answer | None = None
    """The optional "target baik": an answer below it turns grade A into its below-target variant."""
    scorer: str = ""
    """Who measures the value (a national body, or the evaluators), as data."""
    owner: str = ""
    """The agency (OPD) that typically owns it, as data (a suggestion for assignments)."""
    forecasts: tuple[tuple[Answer, Fraction], ...] = ()
    """Planner defaults: answers it may reach, each with its effort (an efforts file overrides)."""
    evidence_required: bool = False
    """An answer counts as sent, accepted or verified only with evidence attached (the web
    refuses the move without it; elsewhere a missing item is only a warning)."""


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    weight: Fraction
    parent: str | None
    area: str | None = None
    children: tuple[Node, ...] = ()
    questions: tuple[Question, ...] = ()
    answerable: bool = False
    """True when the node carries ``scale:`` and is its own question."""

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class GradeBand:
    code: str
    min: Fraction
    label: str
    compare: Literal["above", "at_least"] | None = None
    """This band's own comparison; None: the grading's."""
    provisional: bool = False
    below_target: GradeBand | None = None
    """Shown instead of this band when a question is below its target (A- instead of A)."""


@dataclass(frozen=True)
class Correction:
    """A signed number added to a root's score before the not-applicable rescale (koefisien)."""

    code: str
    name: str
    root: str
    min: Fraction
    max: Fraction
    provisional: bool = False


@dataclass(frozen=True)
class Grading:
    compare: Literal["above", "at_least"]
    round_first: bool
    bands: tuple[GradeBand, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    name: str
    basis: str
    status: Literal["official", "provisional"]
    notes: str
    applies_to: tuple[str, ...]
    max_score: Fraction
    index_scale: Fraction
    decimals: int
    scales: Mapping[str, Scale]
    grading: Grading
    roots: tuple[Node, ...]
    nodes: Mapping[str, Node]
    """Every node by code, in pre-order (parents before children, file order)."""
    questions: Mapping[str, Question]
    """Every question by code, in file order."""
    round_points: bool = False
    """Round each question's points (and a rescaled root) to ``decimals`` before summing."""
    corrections: Mapping[str, Correction] = field(default_factory=dict)
    source: str = ""
    """Where the framework was read from (a file name), for messages."""
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def provisional(self) -> bool:
        return self.status == "provisional"

    @property
    def has_adjustments(self) -> bool:
        """Its roots can be corrected or rescaled: show each root, its adjustment and the index."""
        cached = self._cache.get("has_adjustments")
        if cached is None:
            cached = bool(self.corrections) or any(
                q.not_applicable for q in self.questions.values()
            )
            self._cache["has_adjustments"] = cached
        return bool(cached)

    @property
    def provisional_parts(self) -> tuple[str, ...]:
        """What is provisional in an official file: grade codes, correction codes, scale keys."""
        parts = [b.code for b in self.grading.bands if b.provisional]
        parts += [
            b.below_target.code
            for b in self.grading.bands
            if b.below_target is not None and b.below_target.provisional
        ]
        parts += [c.code for c in self.corrections.values() if c.provisional]
        parts += [key for key, scale in self.scales.items() if scale.provisional]
        return tuple(parts)

    def root_of(self, code: str) -> str:
        """The code of the root above a node or question (a root is its own root)."""
        chain = self.ancestors(code)
        return chain[-1] if chain else code

    def ancestors(self, code: str) -> tuple[str, ...]:
        """The codes of the nodes above a node or question, nearest first."""
        parent = self.nodes[code].parent if code in self.nodes else self.questions[code].node
        out: list[str] = []
        while parent is not None:
            out.append(parent)
            parent = self.nodes[parent].parent
        return tuple(out)

    def questions_under(self, code: str) -> tuple[Question, ...]:
        """The questions of a node and its descendants, in file order."""
        node = self.nodes[code]
        if node.is_leaf:
            return node.questions
        return tuple(q for child in node.children for q in self.questions_under(child.code))
