"""The steering trail: who recorded, changed or removed a published result, set a target,
recorded efforts, saved or applied a plan; when; what before and after. Append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.appendonly import AppendOnlyQuerySet
from rapor.assessments.models import Cycle


class SteeringEvent(models.Model):
    class Kind(models.TextChoices):
        RESULT_SAVED = "result_saved", _("hasil resmi dicatat")
        RESULT_DELETED = "result_deleted", _("hasil resmi dihapus")
        TARGET_SET = "target_set", _("target ditetapkan")
        EFFORTS_SAVED = "efforts_saved", _("upaya dicatat")
        PLAN_SAVED = "plan_saved", _("rencana disimpan")
        PLAN_APPLIED = "plan_applied", _("rencana dijadikan penugasan")

    objects = AppendOnlyQuerySet.as_manager()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    cycle = models.ForeignKey(
        Cycle, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("riwayat kemudi")
        verbose_name_plural = _("riwayat kemudi")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("steering events cannot be updated")
        super().save(*args, **kwargs)


def steering_record(
    *, kind: str, by: Any, cycle: Cycle | None = None, before: Any = None, after: Any = None
) -> SteeringEvent:
    return SteeringEvent.objects.create(
        kind=kind, actor=by, cycle=cycle, before=before, after=after
    )
