"""Assessment cycles (organisation × framework version × year) and indicator assignments.

How this works: ``stage`` is the current stage, set by the Tim RB; each stage has a dated window
(``STAGE_WINDOWS`` names its two date fields). The permission table (orgs.permissions) says which
actions each stage allows; the dates tell people how long they have.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Organisation

from .frameworks import FrameworkVersion


class Stage(models.TextChoices):
    PREPARATION = "preparation", _("Persiapan")
    SELF_ASSESSMENT = "self_assessment", _("Penilaian mandiri")
    REVIEW = "review", _("Reviu Tim RB")
    VERIFICATION = "verification", _("Verifikasi Inspektorat")
    SUBMITTED = "submitted", _("Dikirim")
    CLOSED = "closed", _("Ditutup")


STAGE_WINDOWS: dict[str, tuple[str, str]] = {
    Stage.SELF_ASSESSMENT: ("self_assessment_starts", "self_assessment_ends"),
    Stage.REVIEW: ("review_starts", "review_ends"),
    Stage.VERIFICATION: ("verification_starts", "verification_ends"),
}


class Cycle(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cycles", verbose_name=_("Pemda")
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="cycles",
        verbose_name=_("kerangka"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    stage = models.CharField(
        _("tahap"), max_length=20, choices=Stage.choices, default=Stage.PREPARATION
    )
    self_assessment_starts = models.DateField(_("penilaian mandiri mulai"), null=True, blank=True)
    self_assessment_ends = models.DateField(_("penilaian mandiri selesai"), null=True, blank=True)
    review_starts = models.DateField(_("reviu mulai"), null=True, blank=True)
    review_ends = models.DateField(_("reviu selesai"), null=True, blank=True)
    verification_starts = models.DateField(_("verifikasi mulai"), null=True, blank=True)
    verification_ends = models.DateField(_("verifikasi selesai"), null=True, blank=True)
    final_deadline = models.DateField(_("batas waktu akhir"), null=True, blank=True)
    review_levels = models.CharField(
        _("tingkat reviu"),
        max_length=40,
        default="reviewer,verifier",
        help_text=_("Tingkat di atas mandiri, dipisah koma: reviewer, verifier."),
    )
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "organisation__path"]
        verbose_name = _("siklus")
        verbose_name_plural = _("siklus")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework", "year"], name="cycle_org_fw_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.framework} · {self.year}"

    def scope_target(self) -> tuple[int | None, int | None, str | None]:
        return self.organisation.pemda_id, None, self.stage

    def scope_path(self) -> str:
        return self.organisation.path

    def window(self, stage: str | None = None) -> tuple[dt.date | None, dt.date | None]:
        names = STAGE_WINDOWS.get(stage or self.stage)
        if names is None:
            return None, None
        return getattr(self, names[0]), getattr(self, names[1])

    def days_left(self, today: dt.date | None = None) -> int | None:
        """Days until the current stage's window ends (or the final deadline)."""
        end = self.window()[1] or self.final_deadline
        if end is None:
            return None
        return (end - (today or timezone.localdate())).days

    @property
    def levels(self) -> list[str]:
        return ["self", *[x.strip() for x in self.review_levels.split(",") if x.strip()]]

    @property
    def uses_older_instrument(self) -> bool:
        """The framework's version is an earlier year than the cycle's (the 2023 instrument stands
        in for 2024, whose weights are not public): the screens say so."""
        v = self.framework.version
        return v.isdigit() and len(v) == 4 and int(v) < self.year

    @property
    def is_open(self) -> bool:
        return self.stage not in (Stage.SUBMITTED, Stage.CLOSED)


class Assignment(models.Model):
    """An indicator (a leaf node of the framework) given to an OPD, optionally to one person."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    indicator_code = models.CharField(_("indikator"), max_length=60)
    opd = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("OPD")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
        verbose_name=_("penanggung jawab"),
    )
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "indicator_code"]
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "indicator_code"], name="assignment_unique"),
        ]
        indexes = [models.Index(fields=["cycle", "opd"]), models.Index(fields=["person"])]

    def __str__(self) -> str:
        return f"{self.indicator_code} → {self.opd}"

    def scope_target(self) -> tuple[int | None, int | None, str | None]:
        return self.cycle.organisation.pemda_id, self.opd_id, self.cycle.stage

    def scope_path(self) -> str:
        return self.cycle.organisation.path

    def is_late(self, today: dt.date) -> bool:
        return self.due_date is not None and self.due_date < today
