"""The one scoring path: stored answers of a cycle → engine → scores, grade and explanations.

How this works: for each question the answer of the highest review level that has answered counts
(verifier over reviewer over self; an empty value is no answer). Those raw values go through
``engine.parse_answers``, then ``engine.score`` and ``engine.explain``. Nothing is cached between
calls: a view computes one CycleScore per request and reads every number it shows from it.
Stored values that the framework no longer accepts (a question removed or rescaled in a reloaded
file) are left out and listed in ``rejected`` rather than breaking the page. A correction of the
score (the 2023 koefisien) is stored like an answer under its own code and read the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapor import engine

from ..models import Answer, Cycle
from ..models.answers import LEVEL_ORDER


@dataclass(frozen=True)
class CycleScore:
    framework: engine.Framework
    result: engine.ScoreResult
    nodes: dict[str, engine.NodeExplanation]
    questions: dict[str, engine.QuestionExplanation]
    rejected: dict[str, str] = field(default_factory=dict)

    @property
    def grade(self) -> engine.GradeBand:
        return self.result.grade


def effective_values(rows: Iterable[Any]) -> dict[str, str]:
    """{question code: value} from the highest level that answered, from Answer-like rows."""
    best: dict[str, tuple[int, str]] = {}
    for row in rows:
        if not row.value:
            continue
        rank = LEVEL_ORDER.index(row.level)
        if row.question_code not in best or rank > best[row.question_code][0]:
            best[row.question_code] = (rank, row.value)
    return {code: value for code, (_, value) in best.items()}


def score_values(
    framework: engine.Framework, raw: dict[str, str], *, explain: bool = True
) -> CycleScore:
    """Score raw values; ``explain=False`` leaves out the per-node and per-question explanations
    (a league table or a trend needs the numbers only, and explaining costs more than scoring)."""
    known = {c: v for c, v in raw.items() if c in framework.questions or c in framework.corrections}
    rejected = {c: "not a question of this framework" for c in raw if c not in known}
    try:
        answers = engine.parse_answers(framework, known)
    except engine.AnswersError:
        answers = {}
        for code, value in known.items():  # rare: find the bad ones, keep the rest
            try:
                answers.update(engine.parse_answers(framework, {code: value}))
            except engine.AnswersError as exc:
                rejected[code] = str(exc)
    result = engine.score(framework, answers)
    # a list of cycles shows the index only: explaining every question is for the workspace
    nodes, questions = engine.explain(framework, answers, result) if explain else ({}, {})
    return CycleScore(framework, result, nodes, questions, rejected)


def cycle_score(
    cycle: Cycle,
    *,
    answers: Iterable[Answer] | None = None,
    overrides: Mapping[str, str] | None = None,
    only: Collection[str] | None = None,
    explain: bool = True,
) -> CycleScore:
    """Score a cycle from its stored answers (pass rows already loaded to save the query).

    ``only``: count only these questions' answers (e.g. the verified ones); ``overrides``:
    {question code: value} laid over the stored answers, an empty value clearing one (the
    what-if sandbox and plans). Nothing is written: overrides exist only in this score.
    """
    rows = (
        answers
        if answers is not None
        else Answer.objects.filter(cycle=cycle).only("question_code", "level", "value")
    )
    raw = effective_values(rows)
    fw = cycle.framework.framework()
    if only is not None:  # the koefisien is not a question with a status: it stays
        raw = {c: v for c, v in raw.items() if c in only or c in fw.corrections}
    for code, value in (overrides or {}).items():
        if value:
            raw[code] = value
        else:
            raw.pop(code, None)
    return score_values(fw, raw, explain=explain)


def score_with_overrides(
    cycle: Cycle, overrides: Mapping[str, str], *, answers: Iterable[Answer] | None = None
) -> CycleScore:
    """The cycle's score with ``overrides`` laid over its stored answers (what-if)."""
    return cycle_score(cycle, answers=answers, overrides=overrides)
