"""Grading: the index, its display, and the band (predikat) it earns."""

from __future__ import annotations

from fractions import Fraction

from .model import Framework, GradeBand
from .numbers import round_half_up


def index_of(framework: Framework, total: Fraction) -> Fraction:
    """The index: total × index_scale / max_score (rule 6)."""
    return total * framework.index_scale / framework.max_score


def compare_of(framework: Framework, band: GradeBand) -> str:
    """A band's own comparison (format version 1, additions), else the grading's."""
    return band.compare or framework.grading.compare


def grade_for(framework: Framework, index: Fraction, *, below_target: bool = False) -> GradeBand:
    """The first band from the top that matches the (rounded, if round_first) index.

    With ``below_target`` (a question below its target), a band that has a below-target variant
    (A- for A) gives that variant instead.
    """
    g = framework.grading
    x = round_half_up(index, framework.decimals) if g.round_first else index
    for band in g.bands:
        if (x > band.min) if compare_of(framework, band) == "above" else (x >= band.min):
            if below_target and band.below_target is not None:
                return band.below_target
            return band
    return g.bands[-1]  # the last band (min 0) matches any index >= 0, 0 included


def band(framework: Framework, code: str) -> GradeBand:
    for b in framework.grading.bands:
        if b.code.casefold() == code.strip().casefold():
            return b
    raise KeyError(code)


def index_threshold(framework: Framework, code: str) -> tuple[Fraction, bool]:
    """The least raw index that earns grade ``code``: (bound, strict).

    ``strict`` means the index must exceed the bound; otherwise it may equal it. With
    ``round_first`` and ``above`` at 2 decimals, B (min 60) needs a raw index >= 60.005: it is
    displayed as 60.01, which is above 60.
    """
    b = band(framework, code)
    g = framework.grading
    if b is g.bands[-1]:
        return Fraction(0), False
    compare = compare_of(framework, b)
    if not g.round_first:
        return b.min, compare == "above"
    step = Fraction(1, 10**framework.decimals)
    # the least displayed value that matches, then the least raw value displayed as it
    # (a min that is not a multiple of the display step, e.g. 59.999, needs the next step up)
    shown = _ceil_step(b.min, step) if compare == "at_least" else _next_step_above(b.min, step)
    return shown - step / 2, False


def _next_step_above(x: Fraction, step: Fraction) -> Fraction:
    """The least multiple of ``step`` strictly greater than ``x``."""
    n = x / step
    k = n.numerator // n.denominator + 1
    return k * step


def _ceil_step(x: Fraction, step: Fraction) -> Fraction:
    n = x / step
    k = -((-n.numerator) // n.denominator)
    return k * step


def display_threshold(framework: Framework, displayed: Fraction) -> Fraction:
    """The least raw index displayed (rounded half up) as at least ``displayed``."""
    step = Fraction(1, 10**framework.decimals)
    return _ceil_step(displayed, step) - step / 2
