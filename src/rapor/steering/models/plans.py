"""The Tim RB's target for a cycle, the efforts it recorded, and the plans it saved.

How this works: a cycle has at most one current ``SteeringTarget`` (a grade, a rank in the
province with a margin, a score, or a grade and a rank together, and the date it must be met).
``EffortInput`` rows are the planner's efforts table kept per cycle (the effort of one step of
a question, the effort of reaching a forecast value of a number question, or "impossible this
cycle"). A ``SavedPlan`` freezes one run of the planner: the target, every input it was made
from (answers, efforts, peers) and the result, so a plan can be read later exactly as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.assessments.models import Cycle


class SteeringTarget(models.Model):
    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="steering_target")
    grade = models.CharField(_("predikat target"), max_length=8, blank=True)
    rank = models.PositiveSmallIntegerField(_("peringkat target"), null=True, blank=True)
    margin = models.DecimalField(_("selisih aman"), max_digits=6, decimal_places=2, default=0)
    score = models.DecimalField(
        _("indeks target"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    due_date = models.DateField(_("tanggal target"), null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")

    def __str__(self) -> str:
        return f"{self.cycle}: {self.grade} {self.rank or ''} {self.score or ''}".strip()

    def scope_target(self) -> tuple[int | None, int | None, str | None]:
        return self.cycle.scope_target()


class EffortInput(models.Model):
    """One row of the efforts table: ``option`` empty means every step of the question."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="effort_inputs")
    question_code = models.CharField(max_length=60)
    option = models.CharField(
        max_length=60, blank=True, help_text="An option code, a forecast value, or empty."
    )
    effort = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    fixed = models.BooleanField(default=False, help_text="Impossible this cycle.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("upaya")
        verbose_name_plural = _("upaya")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "question_code", "option"], name="effort_input_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_code} {self.option}: {'fixed' if self.fixed else self.effort}"


class SavedPlan(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="saved_plans")
    target = models.JSONField(help_text="grade, rank, margin, score, due_date, label")
    inputs = models.JSONField(help_text="answers, efforts rows, peers: what the plan was made from")
    result = models.JSONField(
        help_text="reachable, effort, index and grade before and after, changes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rencana")
        verbose_name_plural = _("rencana")

    def __str__(self) -> str:
        return f"{self.cycle} · {self.target.get('label', '')} · {self.created_at:%Y-%m-%d}"
