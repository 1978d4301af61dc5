"""The roots of a framework as the index sees them: corrected, rescaled, then added up.

How this works (format version 1, additions; the 2023 method, docs/engine.md): a root's score is
the sum of its nodes. Its corrections (the koefisien, a signed input) are added to it; when some of
its questions are answered not applicable, their weight leaves the root and the root is rescaled to
its full weight: adjusted = (score + correction) / (weight - excluded) × weight. For RB General
(weight 100) that is "General / bobot penyesuaian × 100". With ``round_points`` a rescaled root is
rounded to ``decimals``, as the ministry records it. The total is the sum of the adjusted roots.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from .model import ZERO, Answer, Framework, GradeBand
from .numbers import round_half_up

if TYPE_CHECKING:
    from .scoring import NodeScore


@dataclass(frozen=True)
class RootScore:
    code: str
    name: str
    weight: Fraction
    score: Fraction
    """The sum of its nodes (of the rounded points, with round_points)."""
    excluded: Fraction
    """The weight of its questions answered not applicable."""
    correction: Fraction
    """The sum of its corrections (koefisien); 0 when none is given."""
    adjusted: Fraction
    """What it adds to the total: corrected, and rescaled when something is not applicable."""

    @property
    def adjustment_weight(self) -> Fraction:
        """The weight that still applies (bobot penyesuaian): weight - excluded."""
        return self.weight - self.excluded

    @property
    def rescaled(self) -> bool:
        return self.excluded != 0

    @property
    def factor(self) -> Fraction:
        """What a point of its score is worth after the rescale (0 when nothing applies)."""
        if not self.rescaled:
            return Fraction(1)
        applicable = self.weight - self.excluded
        return self.weight / applicable if applicable else ZERO

    @property
    def adjusted_differs(self) -> bool:
        return self.adjusted != self.score


@dataclass(frozen=True)
class ProvisionalPart:
    """Something a result rests on that is not confirmed: a grade band, a correction, an option."""

    kind: Literal["grade", "correction", "option"]
    code: str
    """The grade code, the correction code, or the question code."""
    detail: str = ""
    """For an option: the option code."""


def root_scores(
    framework: Framework, nodes: Mapping[str, NodeScore], answers: Mapping[str, Answer]
) -> dict[str, RootScore]:
    corrections: dict[str, Fraction] = {}
    for code, c in framework.corrections.items():
        value = answers.get(code)
        if isinstance(value, Fraction):
            corrections[c.root] = corrections.get(c.root, ZERO) + value
    out: dict[str, RootScore] = {}
    for root in framework.roots:
        n = nodes[root.code]
        correction = corrections.get(root.code, ZERO)
        r = RootScore(
            code=root.code,
            name=root.name,
            weight=root.weight,
            score=n.score,
            excluded=n.excluded,
            correction=correction,
            adjusted=n.score + correction,
        )
        if r.rescaled:
            adjusted = (n.score + correction) * r.factor
            if framework.round_points:
                adjusted = round_half_up(adjusted, framework.decimals)
            r = replace(r, adjusted=adjusted)
        out[root.code] = r
    return out


def provisional_parts(
    framework: Framework, answers: Mapping[str, Answer], grade: GradeBand
) -> tuple[ProvisionalPart, ...]:
    parts: list[ProvisionalPart] = []
    if grade.provisional:
        parts.append(ProvisionalPart("grade", grade.code))
    for code, c in framework.corrections.items():
        if c.provisional and answers.get(code):
            parts.append(ProvisionalPart("correction", code))
    with_provisional = framework._cache.get("provisional_options")
    if with_provisional is None:
        with_provisional = [q for q in framework.questions.values() if q.scale.provisional]
        framework._cache["provisional_options"] = with_provisional
    for q in with_provisional:
        answer = answers.get(q.code)
        if answer in q.scale.provisional:
            parts.append(ProvisionalPart("option", q.code, str(answer)))
    return tuple(parts)
