"""Answers that exercise a framework: every option of every scale, numbers across each range,
dependencies triggered and not, some questions left unanswered."""

from __future__ import annotations

from fractions import Fraction

from rapor.engine import Answer, Framework
from rapor.engine.model import NOT_APPLICABLE


def varied_answers(fw: Framework, *, shift: int = 0, skip_every: int = 7) -> dict[str, Answer]:
    """… and, where the framework allows, questions answered not applicable and a koefisien."""
    answers: dict[str, Answer] = {}
    for i, q in enumerate(fw.questions.values()):
        k = i + shift
        if skip_every and k % skip_every == skip_every - 1:
            continue  # unanswered: value 0, and a prerequisite that triggers nothing
        if getattr(q, "not_applicable", False) and k % 5 == 1:
            answers[q.code] = NOT_APPLICABLE  # its weight leaves the root, which is rescaled
            continue
        scale = q.scale
        if scale.kind == "choice":
            answers[q.code] = scale.options[k % len(scale.options)][0]
        else:
            step = Fraction(k % 8, 7)
            answers[q.code] = round(scale.min + (scale.max - scale.min) * step, 2)
    for n, correction in enumerate(getattr(fw, "corrections", {}).values()):
        answers[correction.code] = max(correction.min, min(correction.max, Fraction(-3, 2) + n))
    return answers
