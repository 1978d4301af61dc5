"""The one scoring path: stored answers of a cycle → engine → scores, grade and explanations.

How this works: for each question the answer of the highest review level that has answered counts
(verifier over reviewer over self; an empty value is no answer). Those raw values go through
``engine.parse_answers``, then ``engine.score`` and ``engine.explain``. A view computes one
CycleScore per request and reads every number it shows from it. The result is a pure function of
the framework and the effective values, so each process keeps the last few (``_RECENT``): between
two saves, every page of a cycle reads the same answers, and under office load most requests then
skip the engine (measured with bench/load.py; docs/deploy.md).
Stored values that the framework no longer accepts (a question removed or rescaled in a reloaded
file) are left out and listed in ``rejected`` rather than breaking the page. A correction of the
score (the 2023 koefisien) is stored like an answer under its own code and read the same way.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
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


_RECENT: OrderedDict[tuple[int, bool, frozenset[tuple[str, str]]], tuple[Any, CycleScore]] = (
    OrderedDict()
)
_RECENT_SIZE = 32
_RECENT_LOCK = threading.Lock()


def score_values(
    framework: engine.Framework, raw: dict[str, str], *, explain: bool = True
) -> CycleScore:
    """Score raw values (a recent identical call's result is returned again)."""
    key = (id(framework), explain, frozenset(raw.items()))
    with _RECENT_LOCK:
        hit = _RECENT.get(key)
        if hit is not None and hit[0] is framework:  # the same object, not a reused id
            _RECENT.move_to_end(key)
            return hit[1]
    result = _score(framework, raw, explain=explain)
    with _RECENT_LOCK:
        _RECENT[key] = (framework, result)
        while len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return result


def _score(framework: engine.Framework, raw: dict[str, str], *, explain: bool) -> CycleScore:
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
    cycle: Cycle, *, answers: Iterable[Answer] | None = None, explain: bool = True
) -> CycleScore:
    """Score a cycle from its stored answers (pass rows already loaded to save the query);
    without ``explain`` the per-question explanations are left empty."""
    rows = (
        answers
        if answers is not None
        else Answer.objects.filter(cycle=cycle).only("question_code", "level", "value")
    )
    return score_values(cycle.framework.framework(), effective_values(rows), explain=explain)
