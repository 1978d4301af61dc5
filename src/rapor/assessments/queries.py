"""Reused reads (nouns): everything a cycle page needs, loaded in a fixed number of queries.

How this works: ``cycle_data`` reads a cycle's answers, statuses, assignments, evidence and comment
counts in five queries, whatever the number of questions, and scores it once through the scoring
path. ``indicator_progress`` then derives each indicator's state from those rows in memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count

from .domain.scoring import CycleScore, cycle_score
from .models import Answer, AnswerStatus, Assignment, Comment, Cycle, EvidenceLink

DONE = AnswerStatus.DONE_STATES


@dataclass
class CycleData:
    cycle: Cycle
    score: CycleScore
    answers: dict[tuple[str, str], Answer]
    """(question code, level) → row."""
    statuses: dict[str, AnswerStatus]
    assignments: dict[str, Assignment]
    evidence_counts: dict[str, int]
    comment_counts: dict[str, int]
    evidence: dict[str, list[EvidenceLink]] = field(default_factory=dict)
    """question code → its evidence links, each with its evidence."""

    @property
    def framework(self) -> Any:
        return self.score.framework

    @property
    def answered(self) -> set[str]:
        """Questions with an answer at any level, or a value fed from another source."""
        linked = {code for code, v in self.score.linked.values.items() if v.value}
        return answered_codes(self.answers.values()) | linked


def _counts(qs: Any) -> dict[str, int]:
    return {r["question_code"]: r["n"] for r in qs.values("question_code").annotate(n=Count("pk"))}


def cycle_data(cycle: Cycle) -> CycleData:
    answers = list(Answer.objects.filter(cycle=cycle).select_related("updated_by"))
    assignments = list(Assignment.objects.filter(cycle=cycle).select_related("opd", "person"))
    for a in assignments:
        a.cycle = cycle  # permission checks read the cycle; spare a query per row
    evidence = _evidence_links(cycle)
    return CycleData(
        cycle=cycle,
        score=cycle_score(cycle, answers=answers),
        answers={(a.question_code, a.level): a for a in answers},
        statuses={s.question_code: s for s in AnswerStatus.objects.filter(cycle=cycle)},
        assignments={a.indicator_code: a for a in assignments},
        evidence_counts={code: len(links) for code, links in evidence.items()},
        comment_counts=_counts(Comment.objects.filter(cycle=cycle)),
        evidence=evidence,
    )


def _evidence_links(cycle: Cycle) -> dict[str, list[EvidenceLink]]:
    evidence: dict[str, list[EvidenceLink]] = {}
    links = EvidenceLink.objects.filter(cycle=cycle).select_related("evidence")
    for link in links.order_by("linked_at", "pk"):
        evidence.setdefault(link.question_code, []).append(link)
    return evidence


@dataclass(frozen=True)
class Progress:
    code: str
    answered: int
    total: int
    done: int
    """Questions submitted or beyond."""
    returned: int
    state: str
    """not_started | in_progress | returned | done"""

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def indicator_progress(
    framework: Any, code: str, answered: set[str], statuses: dict[str, Any]
) -> Progress:
    """The progress of the questions under a node, from loaded rows."""
    codes = [q.code for q in framework.questions_under(code)]
    states = [statuses[c].state if c in statuses else "draft" for c in codes]
    n_answered = sum(1 for c in codes if c in answered)
    done = sum(1 for s in states if s in DONE)
    returned = sum(1 for s in states if s == AnswerStatus.State.RETURNED)
    if returned:
        state = "returned"
    elif codes and done == len(codes):
        state = "done"
    elif n_answered:
        state = "in_progress"
    else:
        state = "not_started"
    return Progress(code, n_answered, len(codes), done, returned, state)


def is_late(assignment: Assignment, progress: Progress, today: dt.date) -> bool:
    return progress.state != "done" and assignment.is_late(today)


def is_due_soon(assignment: Assignment, progress: Progress, today: dt.date) -> bool:
    if progress.state == "done" or assignment.due_date is None:
        return False
    return 0 <= (assignment.due_date - today).days <= settings.RAPOR_DUE_SOON_DAYS


def answered_codes(answers: Any) -> set[str]:
    """Question codes with an answer at any level."""
    return {a.question_code for a in answers if a.value}


def states_and_answered(
    cycle_ids: Any,
) -> tuple[dict[int, dict[str, AnswerStatus]], dict[int, set[str]]]:
    """For many cycles at once (two queries): each cycle's statuses by question, and the
    questions answered at any level."""
    from collections import defaultdict

    statuses: dict[int, dict[str, AnswerStatus]] = defaultdict(dict)
    for s in AnswerStatus.objects.filter(cycle_id__in=cycle_ids):
        statuses[s.cycle_id][s.question_code] = s
    answered: dict[int, set[str]] = defaultdict(set)
    for cid, code in (
        Answer.objects.filter(cycle_id__in=cycle_ids)
        .exclude(value="")
        .values_list("cycle_id", "question_code")
    ):
        answered[cid].add(code)
    return statuses, answered
