"""The work of a person: the assignments in their scope with state, due date and lateness.

How this works: three queries whatever the number of assignments (assignments with their cycles,
then the statuses and the answered codes of those cycles); states are computed in memory from the
framework tree (cached per process).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from rapor.orgs.permissions import memberships

from .models import AnswerStatus, Assignment, Cycle
from .queries import Progress, indicator_progress, is_due_soon, is_late, states_and_answered
from .tree import path_label, tree

SEE_ALL_ROLES = {"tim_rb", "pimpinan", "inspektorat"}
RETURNED, SUBMITTED = AnswerStatus.State.RETURNED, AnswerStatus.State.SUBMITTED


@dataclass(frozen=True)
class WorkItem:
    assignment: Assignment
    name: str
    area: str
    progress: Progress
    late: bool
    due_soon: bool
    notes: tuple[tuple[str, str], ...] = ()
    """(question code, return note) of the indicator's returned questions."""
    resubmitted: bool = False
    """Returned earlier, fixed and sent again (waiting for the reviewer)."""

    @property
    def returned(self) -> bool:
        return self.progress.returned > 0

    @property
    def cycle(self) -> Cycle:
        return self.assignment.cycle


def _assignment_filter(user: Any) -> Q | None:
    q = Q(person=user)
    for m in memberships(user):
        if m.role == "tim_opd" and m.organisation.opd_id:
            q |= Q(opd_id=m.organisation.opd_id)
        elif m.role in SEE_ALL_ROLES and m.organisation.pemda_id:
            q |= Q(cycle__organisation_id=m.organisation.pemda_id)
    return q


def work_items(user: Any, *, today: dt.date, cycle: Cycle | None = None) -> list[WorkItem]:
    """The open assignments the user answers for (own OPD or person) or oversees (own Pemda)."""
    qs = Assignment.objects.filter(_assignment_filter(user)).exclude(
        cycle__stage__in=["submitted", "closed"]
    )
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    assignments = list(
        qs.select_related("cycle__organisation", "cycle__framework", "opd", "person")
        .defer("cycle__framework__yaml_text")
        .order_by("due_date", "cycle_id", "indicator_code")
    )
    statuses, answered = states_and_answered({a.cycle_id for a in assignments})
    items = []
    for a in assignments:
        fw = a.cycle.framework.framework()
        node = fw.nodes.get(a.indicator_code)
        if node is None:
            continue
        progress = indicator_progress(
            fw, a.indicator_code, answered[a.cycle_id], statuses[a.cycle_id]
        )
        area = path_label(fw, tree(fw).section_of.get(node.code, node.code))
        mine = [statuses[a.cycle_id].get(q.code) for q in fw.questions_under(node.code)]
        notes = tuple((x.question_code, x.return_note) for x in mine if x and x.state == RETURNED)
        items.append(
            WorkItem(
                a,
                node.name,
                area,
                progress,
                is_late(a, progress, today),
                is_due_soon(a, progress, today),
                notes,
                any(x and x.state == SUBMITTED and x.return_note for x in mine),
            )
        )
    return items


def work_summary(items: list[WorkItem], today: dt.date) -> dict[str, int]:
    return {
        "assigned": len(items),
        "due_soon": sum(1 for i in items if i.due_soon),
        "late": sum(1 for i in items if i.late),
        "returned": sum(1 for i in items if i.returned),
        "done": sum(1 for i in items if i.progress.state == "done"),
    }
