"""The framework model: an evaluation instrument as frozen data.

A framework is a tree of nodes. An inner node has children; a leaf has one or more questions; an
answerable leaf (``scale:`` on the node) is its own single question, whose code is the node's code.
Answers are stored canonically: the option code for a choice scale, an exact Fraction for a number.
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
    lookup: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Normalised text (codes and aliases) -> option code."""
    values: Mapping[str, Fraction] = field(default_factory=dict, repr=False, compare=False)

    def value(self, answer: Answer) -> Fraction:
        """The value in [0, 1] of a canonical answer."""
        if self.kind == "choice":
            return self.values[answer]  # type: ignore[index]
        assert isinstance(answer, Fraction)
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
    source: str = ""
    """Where the framework was read from (a file name), for messages."""
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def provisional(self) -> bool:
        return self.status == "provisional"

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
