"""The audit trail: every change as an event (who, when, before, after). Append-only.

Rows are inserted and never changed: ``save`` refuses an existing row, ``delete`` refuses, and the
queryset refuses bulk ``update`` and ``delete``. (Deleting a whole cycle cascades at the database
level; that is the one way history goes, with the cycle it describes.)

Each cycle's events form a hash chain (``seq`` 1, 2, 3 …): an event's ``hash`` covers its content
and the ``prev_hash`` of the event before it (``domain/history.py``), so an event edited, removed
or reordered behind the application's back breaks the chain, and ``rapor audit verify`` says
where. ``actor_name`` keeps the username at the time, so the chain survives a deleted account.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapor.appendonly import AppendOnlyError, AppendOnlyQuerySet

from .cycles import Cycle

__all__ = ["AppendOnlyError", "HistoryEvent"]  # the error stays importable from here


class HistoryEvent(models.Model):
    class Kind(models.TextChoices):
        CYCLE_CREATED = "cycle_created", _("siklus dibuat")
        CYCLE_CHANGED = "cycle_changed", _("siklus diubah")
        CYCLE_SUBMITTED = "cycle_submitted", _("penilaian dikirim ke evaluator")
        CYCLE_REOPENED = "cycle_reopened", _("siklus dibuka kembali")
        ANSWER_SAVED = "answer_saved", _("jawaban disimpan")
        STATUS_CHANGED = "status_changed", _("status berubah")
        ASSIGNED = "assigned", _("ditugaskan")
        EVIDENCE_UPLOADED = "evidence_uploaded", _("bukti diunggah")
        EVIDENCE_LINKED = "evidence_linked", _("bukti ditautkan")
        EVIDENCE_UNLINKED = "evidence_unlinked", _("tautan bukti dihapus")
        COMMENTED = "commented", _("komentar")
        # A value fed from another source (the SKM's IKM): linked, unlinked, frozen at submission.
        VALUE_LINKED = "value_linked", _("nilai ditautkan ke sumber")
        VALUE_UNLINKED = "value_unlinked", _("tautan nilai dilepas")
        VALUE_FROZEN = "value_frozen", _("nilai tautan dibekukan")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="history")
    question_code = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # set before the row is written: the hash covers it
    at = models.DateTimeField(default=timezone.now, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    actor_name = models.CharField(max_length=150, blank=True, default="")
    seq = models.PositiveIntegerField(default=0)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("riwayat")
        verbose_name_plural = _("riwayat")
        indexes = [models.Index(fields=["cycle", "question_code"])]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "seq"], name="history_chain_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.question_code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("history events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("history events cannot be deleted")
