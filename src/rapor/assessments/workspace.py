"""The workspace as the templates see it: sections with progress and scores, and per question
the options, levels side by side, status, and whether this user may change it now.

Everything is derived from one CycleData (a fixed number of queries) and the user's memberships.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapor.engine import Question
from rapor.orgs.permissions import can

from .domain.answers import LOCKED_STATES
from .domain.review import inbox_state, levels_below, participants
from .evidence_library import question_evidence
from .models import Answer, AnswerStatus, Level
from .queries import CycleData, Progress, indicator_progress
from .tree import Section, tree

# Which permission saves an answer at which level.
LEVEL_ACTIONS = {Level.SELF: "answer", Level.REVIEWER: "review", Level.VERIFIER: "verify"}


@dataclass
class QuestionView:
    q: Question
    rows: dict[str, Answer]
    """level → stored row"""
    status: AnswerStatus | None
    level: str
    editable: bool
    evidence_count: int
    comment_count: int
    explanation: Any
    evidence: list[Any] = field(default_factory=list)
    """The linked evidence (evidence_library.QuestionEvidence)."""
    may_add_evidence: bool = False
    may_review: bool = False
    """The question waits for this user's level and they may accept or return it now."""
    linked: Any = None
    """The value fed from another source (scoring.LinkedValue): shown instead of the input."""
    offer: Any = None
    """Another source could feed this question (scoring.LinkOffer), for those who may answer."""
    may_link: bool = False
    own_work: bool = False
    """It waits for this user's level, but they answered, submitted or accepted it below."""

    @property
    def mine(self) -> Answer | None:
        return self.rows.get(self.level)

    @property
    def version(self) -> int:
        return self.mine.version if self.mine else 0

    @property
    def value(self) -> str:
        return self.mine.value if self.mine else ""

    @property
    def other_levels(self) -> list[tuple[str, Answer]]:
        return [(lv, r) for lv, r in self.rows.items() if lv != self.level and r.value]

    @property
    def options(self) -> list[tuple[str, str]]:
        return [(code, self.q.options_text.get(code, "")) for code, _ in self.q.scale.options]


@dataclass
class IndicatorView:
    code: str
    name: str
    progress: Progress
    score: Any
    assignment: Any
    questions: list[QuestionView]
    may_submit: bool = False
    """The user may send the indicator's draft or returned questions up the chain now."""


def target_for(data: CycleData, indicator_code: str) -> Any:
    return data.assignments.get(indicator_code) or data.cycle


def may_edit(user: Any, data: CycleData, indicator_code: str, level: str) -> bool:
    return can(user, LEVEL_ACTIONS[level], target_for(data, indicator_code))


def working_level(user: Any, data: CycleData) -> str:
    """The level a user answers at now: the highest level of the chain they may act at."""
    for level in reversed(data.cycle.levels[1:]):
        if can(user, LEVEL_ACTIONS[level], data.cycle):
            return level
    return Level.SELF


def question_view(user: Any, data: CycleData, code: str, level: str = Level.SELF) -> QuestionView:
    q = data.framework.questions[code]
    rows = {lv: data.answers[(code, lv)] for lv in data.cycle.levels if (code, lv) in data.answers}
    status = data.statuses.get(code)
    locked = status is not None and status.state in LOCKED_STATES.get(level, ())
    waiting = status is not None and status.state == inbox_state(data.cycle.levels, level)
    linked = data.score.linked.values.get(code)
    own = (
        waiting
        and status is not None
        and user.pk
        in participants(
            status, [rows[lv] for lv in levels_below(data.cycle.levels, level) if lv in rows]
        )
    )
    return QuestionView(
        q=q,
        rows=rows,
        status=status,
        level=level,
        editable=not locked and linked is None and may_edit(user, data, q.node, level),
        evidence_count=data.evidence_counts.get(code, 0),
        comment_count=data.comment_counts.get(code, 0),
        explanation=data.score.questions[code],
        evidence=question_evidence(data.evidence.get(code, [])),
        may_add_evidence=can(user, "upload_evidence", target_for(data, q.node)),
        may_review=waiting and not own and may_edit(user, data, q.node, level),
        own_work=own and may_edit(user, data, q.node, level),
        linked=linked,
        offer=data.score.linked.offers.get(code),
        may_link=data.cycle.is_open and may_edit(user, data, q.node, Level.SELF),
    )


def indicator_view(user: Any, data: CycleData, code: str, answered: set[str]) -> IndicatorView:
    fw = data.framework
    node = fw.nodes[code]
    level = working_level(user, data)
    open_states = ("draft", "returned")
    return IndicatorView(
        code=code,
        name=node.name,
        progress=indicator_progress(fw, code, answered, data.statuses),
        score=data.score.nodes[code],
        assignment=data.assignments.get(code),
        questions=[question_view(user, data, q.code, level) for q in node.questions],
        may_submit=any(
            getattr(data.statuses.get(q.code), "state", "draft") in open_states
            for q in node.questions
        )
        and can(user, "submit_answers", target_for(data, code)),
    )


def section_nav(data: CycleData) -> list[tuple[Section, Progress, Any]]:
    answered = data.answered
    return [
        (
            s,
            indicator_progress(data.framework, s.code, answered, data.statuses),
            data.score.nodes[s.code],
        )
        for s in tree(data.framework).sections
    ]


def pick_section(data: CycleData, section: str, indicator: str, user: Any) -> Section:
    t = tree(data.framework)
    code = (
        section if any(s.code == section for s in t.sections) else t.section_of.get(indicator, "")
    )
    if not code:  # an OPD member starts at the first section with one of their indicators
        mine = [
            c for c in t.section_of if c in data.assignments and may_edit(user, data, c, Level.SELF)
        ]
        code = t.section_of[mine[0]] if mine else t.sections[0].code
    return next(s for s in t.sections if s.code == code)
