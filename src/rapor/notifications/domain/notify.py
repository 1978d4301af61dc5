"""Create notifications (once per person and key) and hand their e-mail to the background task."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from rapor.assessments.models import Cycle

from ..models import Notification


def notify(
    *,
    user: Any,
    kind: str,
    key: str,
    params: dict[str, Any],
    url: str = "",
    cycle: Cycle | None = None,
) -> Notification | None:
    """The notification, created now; None if this person already has one with ``key``."""
    if Notification.objects.filter(user=user, key=key).exists():
        return None
    try:
        with transaction.atomic():
            n = Notification.objects.create(
                user=user,
                kind=kind,
                key=key,
                params=params,
                url=url,
                cycle=cycle,
                email_state=(Notification.Email.PENDING if user.email else Notification.Email.NONE),
            )
    except IntegrityError:  # created meanwhile by another run: once is enough
        return None
    if n.email_state == Notification.Email.PENDING:
        from ..tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(n.pk))
    return n


def notify_all(users: Iterable[Any], **kwargs: Any) -> list[Notification]:
    out = []
    for user in users:
        n = notify(user=user, **kwargs)
        if n is not None:
            out.append(n)
    return out


def mark_read(*, user: Any, pks: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all unread ones when ``pks`` is None)."""
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    return qs.update(read_at=timezone.now())
