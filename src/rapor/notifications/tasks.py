"""The background task that e-mails a notification, safe to run twice.

The task claims the notification with one conditional UPDATE (pending → sending); only the run
that wins the claim sends. A failure puts it back to pending (to be retried) and re-raises; a
success marks it sent. Two runs of the task (or a second enqueue) therefore send one e-mail.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django_tasks import task

from .messages import body, title
from .models import Notification

Email = Notification.Email


@task()
def send_notification_email(notification_id: int) -> str:
    claimed = Notification.objects.filter(pk=notification_id, email_state=Email.PENDING).update(
        email_state=Email.SENDING
    )
    if not claimed:
        return "skipped"
    n = Notification.objects.select_related("user").get(pk=notification_id)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            link = f"{settings.RAPOR_SITE_URL.rstrip('/')}{n.url}" if n.url else ""
            text = body(n) + (f"\n\n{link}" if link else "") + "\n\n-- Rapor"
            send_mail(
                subject=f"[Rapor] {title(n)}",
                message=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[n.user.email],
            )
    except Exception:
        Notification.objects.filter(pk=n.pk).update(email_state=Email.PENDING)
        raise
    Notification.objects.filter(pk=n.pk).update(email_state=Email.SENT, emailed_at=timezone.now())
    return "sent"


STUCK_AFTER = dt.timedelta(hours=1)


def send_pending() -> int:
    """Enqueue the e-mail of every notification still pending (after a failure, or a worker
    that was down); the claim makes a second send impossible. A claim older than an hour (a
    worker killed mid-send) is given back first: in that rare case the mail may go twice."""
    Notification.objects.filter(
        email_state=Email.SENDING, created_at__lt=timezone.now() - STUCK_AFTER, emailed_at=None
    ).update(email_state=Email.PENDING)
    ids = list(Notification.objects.filter(email_state=Email.PENDING).values_list("pk", flat=True))
    for pk in ids:
        send_notification_email.enqueue(pk)
    return len(ids)
