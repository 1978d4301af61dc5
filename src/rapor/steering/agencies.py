"""Inside one government: each agency's (OPD's) progress and the points its indicators carry.

How this works: everything is derived in memory from one ``CycleData`` (a fixed number of
queries whatever the number of agencies and questions). An agency's indicators are its
assignments; indicators nobody was given yet form one row of their own (``opd`` None).
Points are in index units: an indicator's score now, the most it can carry (its weight), and
what is still open (the difference). "Verified" means the final state of the cycle's chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from rapor.assessments.domain.review import final_state
from rapor.assessments.models import AnswerStatus
from rapor.assessments.queries import CycleData, indicator_progress, is_late

from .league import competition_ranks

State = AnswerStatus.State
SUBMITTED_OR_LATER = frozenset({State.SUBMITTED, State.ACCEPTED, State.VERIFIED})
ACCEPTED_OR_LATER = frozenset({State.ACCEPTED, State.VERIFIED})
ZERO = Fraction(0)


@dataclass
class AgencyRow:
    opd: Any
    """The Organisation, or None for the indicators nobody was given."""
    people: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    questions: int = 0
    answered: int = 0
    with_evidence: int = 0
    submitted: int = 0
    accepted: int = 0
    verified: int = 0
    returned: int = 0
    late: int = 0
    """Indicators past their due date and not done."""
    points: Fraction = ZERO
    max_points: Fraction = ZERO
    rank_completion: int = 0
    rank_points: int = 0

    @property
    def completion(self) -> Fraction:
        return Fraction(self.answered, self.questions) if self.questions else ZERO

    @property
    def percent(self) -> int:
        return round(100 * self.completion)

    @property
    def open_points(self) -> Fraction:
        return self.max_points - self.points

    @property
    def name(self) -> str:
        return self.opd.label if self.opd is not None else ""


def agency_rows(data: CycleData, today: dt.date) -> list[AgencyRow]:
    """One row per agency with assignments (and one for unassigned indicators), unsorted."""
    fw = data.framework
    to_index = fw.index_scale / fw.max_score
    done = final_state(data.cycle.levels)
    answered = data.answered
    rows: dict[int | None, AgencyRow] = {}
    for node in fw.nodes.values():
        if not node.is_leaf:
            continue
        a = data.assignments.get(node.code)
        key = a.opd_id if a is not None else None
        row = rows.get(key)
        if row is None:
            row = rows[key] = AgencyRow(opd=a.opd if a is not None else None)
        row.indicators.append(node.code)
        if a is not None and a.person is not None:
            name = a.person.get_full_name() or a.person.username
            if name not in row.people:
                row.people.append(name)
        row.points += data.score.result.nodes[node.code].score * to_index
        row.max_points += node.weight * to_index
        codes = [q.code for q in fw.questions_under(node.code)]
        states = [getattr(data.statuses.get(c), "state", State.DRAFT) for c in codes]
        row.questions += len(codes)
        row.answered += sum(1 for c in codes if c in answered)
        row.with_evidence += sum(1 for c in codes if data.evidence_counts.get(c))
        row.submitted += sum(1 for s in states if s in SUBMITTED_OR_LATER)
        row.accepted += sum(1 for s in states if s in ACCEPTED_OR_LATER)
        row.verified += sum(1 for s in states if s == done)
        row.returned += sum(1 for s in states if s == State.RETURNED)
        if a is not None:
            progress = indicator_progress(fw, node.code, answered, data.statuses)
            row.late += int(is_late(a, progress, today))
    out = list(rows.values())
    assigned = [r for r in out if r.opd is not None]
    for r, rank in zip(assigned, competition_ranks([r.completion for r in assigned]), strict=True):
        r.rank_completion = rank
    for r, rank in zip(assigned, competition_ranks([r.max_points for r in assigned]), strict=True):
        r.rank_points = rank
    return out


SORTS = {
    "completion": lambda r: (r.opd is None, r.rank_completion, r.name),
    "points": lambda r: (r.opd is None, r.rank_points, r.name),
    "late": lambda r: (r.opd is None, -r.late, -r.returned, r.name),
}


def sorted_rows(rows: list[AgencyRow], by: str) -> list[AgencyRow]:
    return sorted(rows, key=SORTS.get(by, SORTS["completion"]))
