"""Answers that exercise a framework: every option of every scale, numbers across each range,
dependencies triggered and not, some questions left unanswered."""

from __future__ import annotations

from fractions import Fraction

from rapor.engine import Answer, Framework


def varied_answers(fw: Framework, *, shift: int = 0, skip_every: int = 7) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for i, q in enumerate(fw.questions.values()):
        k = i + shift
        if skip_every and k % skip_every == skip_every - 1:
            continue  # unanswered: value 0, and a prerequisite that triggers nothing
        scale = q.scale
        if scale.kind == "choice":
            answers[q.code] = scale.options[k % len(scale.options)][0]
        else:
            step = Fraction(k % 8, 7)
            answers[q.code] = round(scale.min + (scale.max - scale.min) * step, 2)
    return {c: Fraction(str(v)) if isinstance(v, float) else v for c, v in answers.items()}
