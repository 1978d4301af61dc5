"""Notifications born from the audit trail: a new assignment, a returned question.

How this works: every change in an assessment is a ``HistoryEvent`` (assessments/domain). A
receiver of its ``post_save`` collects the events of the running transaction and, once it
commits, turns them into notifications: one per person for all the indicators assigned to them
in that transaction (an area assigned at once is one notification, not forty), one per returned
question. Nothing in the assessments app knows about notifications.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from rapor.assessments.models import Assignment, HistoryEvent
from rapor.orgs.models import Membership

from .domain.notify import notify, notify_all
from .models import Notification


class _Batch:
    """The events of one transaction, turned into notifications once it commits."""

    def __init__(self, first: int) -> None:
        self.ids = [first]
        self.done = False

    def flush(self) -> None:
        self.done = True
        notify_events(self.ids)


@receiver(post_save, sender=HistoryEvent, dispatch_uid="notifications-from-history")
def collect(sender: Any, instance: HistoryEvent, created: bool, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    returned = instance.kind == HistoryEvent.Kind.STATUS_CHANGED and (
        (instance.after or {}).get("state") == "returned"
    )
    if instance.kind != HistoryEvent.Kind.ASSIGNED and not returned:
        return
    conn = transaction.get_connection()
    batch = getattr(conn, "_rapor_notify", None)
    # the batch is live while its callback waits for the commit; after a commit it has run,
    # after a rollback Django dropped it: either way a new batch starts
    if (
        conn.in_atomic_block
        and batch is not None
        and not batch.done
        and any(item[1] == batch.flush for item in conn.run_on_commit)
    ):
        batch.ids.append(instance.pk)
        return
    batch = conn._rapor_notify = _Batch(instance.pk)
    transaction.on_commit(batch.flush)  # runs at once outside a transaction


def opd_team(opd_ids: set[int]) -> dict[int, list[Any]]:
    """The Tim OPD members of each agency (one query)."""
    team: dict[int, list[Any]] = defaultdict(list)
    for m in Membership.objects.filter(
        organisation_id__in=opd_ids, role=Membership.Role.TIM_OPD
    ).select_related("user"):
        if m.user.is_active:
            team[m.organisation_id].append(m.user)
    return team


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else "Rapor"


def notify_events(ids: list[int]) -> None:
    events = list(
        HistoryEvent.objects.filter(pk__in=ids)
        .select_related("cycle__organisation", "actor")
        .order_by("pk")
    )
    _assigned([e for e in events if e.kind == HistoryEvent.Kind.ASSIGNED])
    for e in events:
        if (
            e.kind == HistoryEvent.Kind.STATUS_CHANGED
            and (e.after or {}).get("state") == "returned"
        ):
            _returned(e)


def _assigned(events: list[HistoryEvent]) -> None:
    """New or moved assignments (another agency or person), grouped per recipient."""
    User = get_user_model()
    new = [
        e
        for e in events
        if e.after
        and (
            e.before is None
            or (e.before.get("opd"), e.before.get("person"))
            != (e.after.get("opd"), e.after.get("person"))
        )
    ]
    if not new:
        return
    team = opd_team({e.after["opd"] for e in new})
    people = {
        u.pk: u for u in User.objects.filter(pk__in={e.after["person"] for e in new} - {None})
    }
    by_user: dict[Any, list[HistoryEvent]] = defaultdict(list)
    for e in new:
        person = people.get(e.after.get("person"))
        for user in [person] if person else team.get(e.after["opd"], []):
            by_user[user].append(e)
    from rapor.orgs.models import Organisation

    opds = {o.pk: o for o in Organisation.objects.filter(pk__in={e.after["opd"] for e in new})}
    for user, mine in by_user.items():
        first = mine[0]
        codes = [e.question_code for e in mine]
        dues = sorted({e.after.get("due_date") or "" for e in mine} - {""})
        notify(
            user=user,
            kind=Notification.Kind.ASSIGNED,
            key=f"assigned:{first.pk}",
            params={
                "count": len(codes),
                "indicators": ", ".join(codes[:12]) + (" …" if len(codes) > 12 else ""),
                "opd": opds[first.after["opd"]].label,
                "due": dues[0] if dues else "–",
                "by": _name(first.actor),
            },
            url=reverse("assessments:my_work"),
            cycle=first.cycle,
        )


def _returned(e: HistoryEvent) -> None:
    fw = e.cycle.framework.framework()
    q = fw.questions.get(e.question_code)
    if q is None:
        return
    a = (
        Assignment.objects.filter(cycle=e.cycle, indicator_code=q.node)
        .select_related("person")
        .first()
    )
    if a is None:
        return
    users = [a.person] if a.person else opd_team({a.opd_id}).get(a.opd_id, [])
    url = reverse("assessments:workspace", args=[e.cycle_id]) + f"?indicator={q.node}"
    notify_all(
        users,
        kind=Notification.Kind.RETURNED,
        key=f"returned:{e.pk}",
        params={
            "question": e.question_code,
            "note": (e.after or {}).get("note", ""),
            "by": _name(e.actor),
        },
        url=url,
        cycle=e.cycle,
    )
