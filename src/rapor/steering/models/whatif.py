"""What-if: a person's sandbox of answers over a cycle's stored answers.

The sandbox holds only overrides ({question code: value}, an empty value clears the answer);
it is scored through the one scoring path on top of the stored answers and never writes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.assessments.models import Cycle


class Sandbox(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="sandboxes")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sandboxes"
    )
    overrides = models.JSONField(default=dict)
    from_plan = models.ForeignKey(
        "steering.SavedPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("simulasi")
        verbose_name_plural = _("simulasi")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "owner"], name="sandbox_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.owner} · {len(self.overrides)}"
