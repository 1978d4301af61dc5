"""What managers changed at an MPP (catalogue, population, follow-up, publication): append-only.

The cycle's own history (assessments) records the RB link; this records the survey's side.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.appendonly import AppendOnlyQuerySet

from .catalogue import Mpp


class SurveyEvent(models.Model):
    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="events")
    objects = AppendOnlyQuerySet.as_manager()
    kind = models.CharField(max_length=30)
    """What changed: ``mpp``, ``agency``, ``counter``, ``service``, ``kiosk``, ``population``,
    ``followup``, ``publication``."""
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("riwayat MPP")
        verbose_name_plural = _("riwayat MPP")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("survey events cannot be updated")
        super().save(*args, **kwargs)
