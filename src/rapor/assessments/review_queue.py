"""The review queue as the templates see it: what waits for my level, grouped by indicator,
oldest first, and what I returned and whether it came back.

Everything comes from one CycleData (a fixed number of queries) plus one query for the
returns in the history, whatever the number of items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rapor.orgs.permissions import can, has_action

from .domain.review import LEVEL_RULES, inbox_state, levels_below, participants
from .models import Answer, AnswerStatus, HistoryEvent
from .queries import CycleData
from .tree import tree


def my_levels(user: Any, cycle: Any) -> list[str]:
    """The review levels of the cycle's chain whose permission the user's role has."""
    return [lv for lv in cycle.levels[1:] if has_action(user, LEVEL_RULES[lv].action)]


def may_act(user: Any, data: CycleData, level: str, indicator_code: str) -> bool:
    """May the user act at ``level`` on the indicator's questions now (role, scope, stage)?"""
    target = data.assignments.get(indicator_code) or data.cycle
    return can(user, LEVEL_RULES[level].action, target)


@dataclass
class QueueQuestion:
    code: str
    text: str
    status: AnswerStatus
    rows: list[tuple[str, Answer | None]]
    """(level, row) for every level of the chain, in chain order."""
    evidence_count: int
    comment_count: int
    own: bool = False
    """The user answered, submitted or accepted it below: someone else has to review it."""


@dataclass
class QueueGroup:
    code: str
    name: str
    area: str
    assignment: Any
    submitted_at: dt.datetime
    questions: list[QueueQuestion]
    may_act: bool


def queue_groups(
    user: Any, data: CycleData, level: str, *, opd: str = "", area: str = ""
) -> list[QueueGroup]:
    """Questions waiting for ``level``, by indicator, the oldest submission first."""
    waiting = inbox_state(data.cycle.levels, level)
    below = levels_below(data.cycle.levels, level)
    fw, t = data.framework, tree(data.framework)
    by_node: dict[str, list[QueueQuestion]] = {}
    for code, status in data.statuses.items():
        q = fw.questions.get(code)
        if status.state != waiting or q is None:
            continue
        assignment = data.assignments.get(q.node)
        if opd and str(getattr(assignment, "opd_id", "")) != opd:
            continue
        if area and t.section_of.get(q.node) != area:
            continue
        by_node.setdefault(q.node, []).append(
            QueueQuestion(
                code,
                q.text,
                status,
                [(lv, data.answers.get((code, lv))) for lv in data.cycle.levels],
                data.evidence_counts.get(code, 0),
                data.comment_counts.get(code, 0),
                user.pk
                in participants(status, [a for lv in below if (a := data.answers.get((code, lv)))]),
            )
        )
    order = {code: i for i, code in enumerate(fw.questions)}
    groups = [
        QueueGroup(
            node,
            fw.nodes[node].name,
            t.section_of.get(node, ""),
            data.assignments.get(node),
            min(x.status.updated_at for x in items),
            sorted(items, key=lambda x: order[x.code]),
            may_act(user, data, level, node),
        )
        for node, items in by_node.items()
    ]
    return sorted(groups, key=lambda g: (g.submitted_at, g.code))


@dataclass
class ReturnedItem:
    code: str
    node: str
    text: str
    note: str
    returned_at: dt.datetime
    status: AnswerStatus | None

    @property
    def came_back(self) -> bool:
        return self.status is not None and self.status.state != AnswerStatus.State.RETURNED


def returned_by_me(user: Any, data: CycleData) -> list[ReturnedItem]:
    """The questions the user returned (latest return each), newest first, with their state now."""
    events = HistoryEvent.objects.filter(
        cycle=data.cycle,
        kind=HistoryEvent.Kind.STATUS_CHANGED,
        actor=user,
        after__state=AnswerStatus.State.RETURNED,
    ).order_by("-at", "-pk")
    seen: dict[str, ReturnedItem] = {}
    for e in events:
        q = data.framework.questions.get(e.question_code)
        if q is None or e.question_code in seen:
            continue
        seen[e.question_code] = ReturnedItem(
            e.question_code,
            q.node,
            q.text,
            (e.after or {}).get("note", ""),
            e.at,
            data.statuses.get(e.question_code),
        )
    return list(seen.values())
