"""In-app notifications, each also sent by e-mail once (when the person has an address).

How this works: a notification is unique per person and ``key`` (``assigned:<event>``,
``due_soon:<assignment>:<date>``, ``digest:<cycle>:<date>`` …), so whatever creates it twice
(a job run twice, a retried task) creates it once. The text is not stored: ``kind`` and
``params`` are rendered in the reader's language when shown (messages.py). E-mail is claimed by a
conditional update of ``email_state`` before it is sent, so two runs of the sending task never
send it twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.assessments.models import Cycle


class Notification(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("penugasan baru")
        RETURNED = "returned", _("dikembalikan")
        DUE_SOON = "due_soon", _("segera jatuh tempo")
        OVERDUE = "overdue", _("terlambat")
        DIGEST = "digest", _("ringkasan harian")

    class Email(models.TextChoices):
        PENDING = "pending", _("menunggu")
        SENDING = "sending", _("sedang dikirim")
        SENT = "sent", _("terkirim")
        NONE = "none", _("tanpa alamat e-mail")
        FAILED = "failed", _("gagal")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=120)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    cycle = models.ForeignKey(
        Cycle, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=8, choices=Email.choices, default=Email.PENDING)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.key}"
