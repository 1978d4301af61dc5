"""The daily reminders: due in three days, overdue, and the Tim RB's digest; run by
``rapor remind`` (cron or a systemd timer, once a day). Safe to run twice: every notification
has a key (the assignment and its due date; the cycle and the day), so a second run adds none
and sends nothing again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.urls import reverse

from rapor.assessments.access import cycles_qs
from rapor.assessments.domain.review import inbox_state
from rapor.assessments.models import AnswerStatus, Assignment, Cycle
from rapor.assessments.queries import indicator_progress, states_and_answered
from rapor.engine import format_fixed
from rapor.orgs.models import Membership

from .domain.notify import notify_all
from .models import Notification
from .receivers import opd_team
from .tasks import send_pending

REMIND_DAYS = 3
"""Remind this many days before a due date (and on every day after it, once)."""
CLOSED = ("submitted", "closed")


@dataclass
class Summary:
    due_soon: int = 0
    overdue: int = 0
    digests: int = 0
    emails: int = 0
    cycles: list[str] = field(default_factory=list)


def remind(*, today: dt.date) -> Summary:
    """Create today's reminders and digests, then hand every pending e-mail to the task."""
    out = Summary()
    cycles = list(cycles_qs().exclude(stage__in=CLOSED))
    statuses, answered = states_and_answered([c.pk for c in cycles])
    by_id = {c.pk: c for c in cycles}
    soon = today + dt.timedelta(days=REMIND_DAYS)
    assignments = list(
        Assignment.objects.filter(cycle__in=cycles, due_date__lte=soon)
        .filter(~Q(due_date=None))
        .select_related("opd", "person")
        .order_by("cycle_id", "indicator_code")
    )
    team = opd_team({a.opd_id for a in assignments if a.person is None})
    late: dict[int, int] = defaultdict(int)
    due: dict[int, int] = defaultdict(int)
    for a in assignments:
        cycle = by_id[a.cycle_id]
        fw = cycle.framework.framework()
        node = fw.nodes.get(a.indicator_code)
        if node is None:
            continue
        p = indicator_progress(fw, a.indicator_code, answered[cycle.pk], statuses[cycle.pk])
        if p.state == "done":
            continue
        days = (a.due_date - today).days
        kind = Notification.Kind.OVERDUE if days < 0 else Notification.Kind.DUE_SOON
        (late if days < 0 else due)[cycle.pk] += 1
        users = [a.person] if a.person else team.get(a.opd_id, [])
        made = notify_all(
            users,
            kind=kind,
            key=f"{kind}:{a.pk}:{a.due_date.isoformat()}",
            params={
                "indicator": a.indicator_code,
                "name": node.name,
                "due": a.due_date.isoformat(),
                "days": days,
            },
            url=reverse("assessments:workspace", args=[cycle.pk])
            + f"?indicator={a.indicator_code}",
            cycle=cycle,
        )
        if kind == Notification.Kind.OVERDUE:
            out.overdue += len(made)
        else:
            out.due_soon += len(made)
    out.digests = _digests(cycles, statuses, late, due, today)
    out.cycles = [str(c) for c in cycles]
    out.emails = send_pending()
    return out


def _digests(
    cycles: list[Cycle],
    statuses: dict[int, dict[str, AnswerStatus]],
    late: dict[int, int],
    due: dict[int, int],
    today: dt.date,
) -> int:
    from rapor.assessments.domain.scoring import cycle_score

    coordinators: dict[int, list[Any]] = defaultdict(list)
    for m in Membership.objects.filter(
        role=Membership.Role.TIM_RB,
        organisation__pemda_id__in={c.organisation.pemda_id for c in cycles},
    ).select_related("user", "organisation"):
        if m.user.is_active:
            coordinators[m.organisation.pemda_id].append(m.user)
    made = 0
    for c in cycles:
        users = coordinators.get(c.organisation.pemda_id, [])
        if not users:
            continue
        score = cycle_score(c)
        waiting = inbox_state(c.levels, "reviewer")
        states = [s.state for s in statuses[c.pk].values()]
        made += len(
            notify_all(
                users,
                kind=Notification.Kind.DIGEST,
                key=f"digest:{c.pk}:{today.isoformat()}",
                params={
                    "region": c.organisation.label,
                    "year": c.year,
                    "index": format_fixed(score.result.index, score.framework.decimals),
                    "grade": score.result.grade.code,
                    "late": late[c.pk],
                    "due_soon": due[c.pk],
                    "returned": states.count(AnswerStatus.State.RETURNED),
                    "waiting": states.count(waiting) if waiting else 0,
                    "days_left": c.days_left(today),
                },
                url=reverse("assessments:home"),
                cycle=c,
            )
        )
    return made
