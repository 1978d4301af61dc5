"""The split of an index where the framework has one (2023 method: RB General + RB Tematik,
with the adjustment weight), read from the scoring path's result or from a published result.

Frameworks without a split (the 8-area frameworks) give ``None``: screens then show the areas.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Breakdown:
    general: Fraction | None
    tematik: Fraction | None
    adjustment_weight: Fraction | None = None

    @classmethod
    def published(cls, p: Any) -> Breakdown | None:
        if p.general is None and p.tematik is None:
            return None
        return cls(
            _fraction(p.general),
            _fraction(p.tematik),
            _fraction(p.adjustment_weight),
        )


def _fraction(value: Any) -> Fraction | None:
    return None if value is None else Fraction(value)


def breakdown(score: Any) -> Breakdown | None:
    """General and Tematik of a CycleScore, when its framework splits the index so (the 2023
    method: two roots that can be adjusted); None for the older frameworks."""
    fw = score.framework
    roots = getattr(score.result, "roots", None)
    if not roots or not getattr(fw, "has_adjustments", False) or len(fw.roots) != 2:
        return None
    general, tematik = (roots[r.code] for r in fw.roots)
    to_index = fw.index_scale / fw.max_score
    return Breakdown(
        general.adjusted * to_index,
        tematik.adjusted * to_index,
        general.adjustment_weight,
    )
