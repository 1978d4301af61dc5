"""What happens after a survey period: its population, follow-up actions, publications, and the
link of its IKM into an RB framework input.

Periods are written as keys: ``2026`` (a year), ``2026-H2`` (a half-year), ``2026-Q3`` (a quarter);
see surveys/periods.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.assessments.models import Cycle

from .catalogue import Agency, Mpp
from .responses import Response


class Population(models.Model):
    """N, the number of service users in a period (e.g. the MPP's queue count)."""

    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="populations")
    period = models.CharField(_("periode"), max_length=7)
    population = models.PositiveIntegerField(_("jumlah pengguna layanan (N)"))
    source = models.CharField(_("sumber angka"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("populasi")
        verbose_name_plural = _("populasi")
        constraints = [
            models.UniqueConstraint(fields=["mpp", "period"], name="population_unique"),
        ]


class FollowUp(models.Model):
    class Source(models.TextChoices):
        SUGGESTION = "suggestion", _("saran responden")
        UNSUR = "unsur", _("unsur lemah")
        OTHER = "other", _("lainnya")

    class Status(models.TextChoices):
        PLANNED = "planned", _("direncanakan")
        IN_PROGRESS = "in_progress", _("sedang dikerjakan")
        DONE = "done", _("selesai")

    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="followups")
    period = models.CharField(_("periode"), max_length=7)
    source = models.CharField(_("asal"), max_length=12, choices=Source.choices)
    response = models.ForeignKey(
        Response, null=True, blank=True, on_delete=models.SET_NULL, related_name="followups"
    )
    unsur = models.CharField(_("unsur"), max_length=3, blank=True)
    action = models.CharField(_("tindak lanjut"), max_length=300)
    owner = models.CharField(_("penanggung jawab"), max_length=200)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
        verbose_name=_("instansi"),
    )
    due_date = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("selesai pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["mpp", "due_date", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        indexes = [models.Index(fields=["mpp", "period"])]


class Publication(models.Model):
    class Medium(models.TextChoices):
        WEBSITE = "website", _("situs web")
        SOCIAL = "social", _("media sosial")
        BOARD = "board", _("papan pengumuman/banner di MPP")
        PRESS = "press", _("media massa")
        OTHER = "other", _("lainnya")

    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="publications")
    period = models.CharField(_("periode"), max_length=7)
    medium = models.CharField(_("media"), max_length=10, choices=Medium.choices)
    where = models.CharField(_("di mana (alamat web atau tempat)"), max_length=300)
    published_on = models.DateField(_("tanggal terbit"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mpp", "published_on", "pk"]
        verbose_name = _("publikasi")
        verbose_name_plural = _("publikasi")
        indexes = [models.Index(fields=["mpp", "period"])]


class ValueLink(models.Model):
    """A framework input of a cycle fed by a period's IKM (of the whole MPP or one unit).

    The value is not stored as an answer: the scoring path overlays it (domain/links.py), so it
    follows the survey. When the cycle is submitted the value is frozen here (``frozen_value``)
    and stays what was submitted; reopening the cycle unfreezes it.
    """

    class Unit(models.TextChoices):
        MPP = "mpp", _("seluruh MPP")
        AGENCY = "agency", _("instansi")
        COUNTER = "counter", _("gerai")
        SERVICE = "service", _("layanan")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="value_links")
    question_code = models.CharField(max_length=60)
    mpp = models.ForeignKey(Mpp, on_delete=models.PROTECT, related_name="value_links")
    period = models.CharField(_("periode"), max_length=7)
    unit = models.CharField(_("cakupan"), max_length=8, choices=Unit.choices, default=Unit.MPP)
    unit_id = models.PositiveBigIntegerField(null=True, blank=True)
    frozen_value = models.CharField(max_length=20, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tautan nilai SKM")
        verbose_name_plural = _("tautan nilai SKM")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "question_code"], name="valuelink_unique"),
        ]
