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

Linked values: another app may feed a question from its own data (the SKM survey's IKM feeds a
public-service input). Such an app registers a provider in ``VALUE_PROVIDERS``; for some cycles
it returns {cycle id: Linked} (for each cycle {question code: LinkedValue}, read for all the
cycles at once, so a list of cycles costs no query per cycle), and those values replace the
stored answers of every level
before scoring (an overlay: the value follows its source; the source's app records in the
cycle's history when a link is made, removed or frozen). Every score of a cycle goes through
``cycle_values``, so every screen, report and forecast sees the same numbers.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapor import engine

from ..models import Answer, Cycle
from ..models.answers import LEVEL_ORDER


@dataclass(frozen=True)
class LinkedValue:
    """A question's value fed from another source, and what people are told about it."""

    value: str
    """The canonical answer text the engine reads (a number: ``"87.16"``)."""
    source: str
    """One line for people: where the value comes from (already in the user's language)."""
    url: str = ""
    """Where the source can be seen."""
    edit_url: str = ""
    """Where the link is changed or removed."""
    frozen: bool = False
    """The value was frozen when the cycle was submitted."""


@dataclass(frozen=True)
class LinkOffer:
    """A question that another source could feed, and the page that links it."""

    label: str
    url: str


@dataclass(frozen=True)
class Linked:
    values: dict[str, LinkedValue] = field(default_factory=dict)
    offers: dict[str, LinkOffer] = field(default_factory=dict)


# Registered by other apps in their AppConfig.ready() (the surveys app registers the SKM link).
VALUE_PROVIDERS: list[Callable[[Sequence[Cycle]], dict[int, Linked]]] = []


def linked_values_many(cycles: Sequence[Cycle]) -> dict[int, Linked]:
    """What the registered providers feed into each of ``cycles`` (by cycle id), merged."""
    merged: dict[int, Linked] = {c.pk: Linked() for c in cycles}
    for provider in VALUE_PROVIDERS:
        for pk, found in provider(cycles).items():
            merged[pk].values.update(found.values)
            merged[pk].offers.update(found.offers)
    return merged


def linked_values(cycle: Cycle) -> Linked:
    """What the registered providers feed into ``cycle``."""
    return linked_values_many([cycle])[cycle.pk]


@dataclass(frozen=True)
class CycleScore:
    framework: engine.Framework
    result: engine.ScoreResult
    nodes: dict[str, engine.NodeExplanation]
    questions: dict[str, engine.QuestionExplanation]
    rejected: dict[str, str] = field(default_factory=dict)
    linked: Linked = field(default_factory=Linked)
    """Questions fed from another source (their values replaced the stored answers)."""

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
    """Score raw values; ``explain=False`` leaves out the per-node and per-question explanations
    (a league table or a trend needs the numbers only, and explaining costs more than scoring).
    A recent identical call's result is returned again."""
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


def cycle_values(
    cycle: Cycle,
    *,
    answers: Iterable[Answer] | None = None,
    linked: Linked | None = None,
    only: Collection[str] | None = None,
) -> tuple[dict[str, str], Linked]:
    """The raw values that score a cycle: stored answers with linked values laid over them
    (pass rows and linked values already read for many cycles to save the queries).

    ``only``: count only these questions' stored answers (e.g. the verified ones); the
    koefisien is not a question with a status and stays, and a linked value counts as it is
    (a measured value, not an answer waiting for review)."""
    rows = (
        answers
        if answers is not None
        else Answer.objects.filter(cycle=cycle).only("question_code", "level", "value")
    )
    raw = effective_values(rows)
    if only is not None:
        fw = cycle.framework.framework()
        raw = {c: v for c, v in raw.items() if c in only or c in fw.corrections}
    linked = linked if linked is not None else linked_values(cycle)
    raw.update({code: v.value for code, v in linked.values.items()})
    return raw, linked


def cycle_score(
    cycle: Cycle,
    *,
    answers: Iterable[Answer] | None = None,
    explain: bool = True,
    linked: Linked | None = None,
    overrides: Mapping[str, str] | None = None,
    only: Collection[str] | None = None,
) -> CycleScore:
    """Score a cycle from its stored answers (pass rows and linked values already loaded to
    save the queries); without ``explain`` the per-question explanations are left empty.

    ``only``: see ``cycle_values``; ``overrides``: {question code: value} laid over everything,
    an empty value clearing one (the what-if sandbox and plans). Nothing is written: overrides
    exist only in this score."""
    raw, linked = cycle_values(cycle, answers=answers, linked=linked, only=only)
    for code, value in (overrides or {}).items():
        if value:
            raw[code] = value
        else:
            raw.pop(code, None)
    scored = score_values(cycle.framework.framework(), raw, explain=explain)
    return replace(scored, linked=linked)


def score_with_overrides(
    cycle: Cycle, overrides: Mapping[str, str], *, answers: Iterable[Answer] | None = None
) -> CycleScore:
    """The cycle's score with ``overrides`` laid over its stored answers (what-if)."""
    return cycle_score(cycle, answers=answers, overrides=overrides)
