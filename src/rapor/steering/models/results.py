"""Official results that regions are ranked against.

A ``PublishedResult`` is a figure the ministry published for one region (a Pemda) and one
evaluation year, with its source. League tables combine them with the live cycles this deployment
hosts; the planner uses them as peers. Numbers are exact decimals with two places, as published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Organisation


class PublishedResult(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="published_results",
        verbose_name=_("Pemda"),
    )
    year = models.PositiveSmallIntegerField(_("tahun evaluasi"))
    framework_id = models.CharField(
        _("kerangka"),
        max_length=60,
        blank=True,
        help_text=_("Instrumen yang dipakai, misalnya rb-2023-kabkota."),
    )
    index = models.DecimalField(_("indeks"), max_digits=6, decimal_places=2)
    grade = models.CharField(_("predikat"), max_length=8, blank=True)
    general = models.DecimalField(
        _("RB General"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    tematik = models.DecimalField(
        _("RB Tematik"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    adjustment_weight = models.DecimalField(
        _("bobot penyesuaian"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("sumber"), max_length=500)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        ordering = ["-year", "-index"]
        verbose_name = _("hasil resmi")
        verbose_name_plural = _("hasil resmi")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="published_result_region_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.index} {self.grade}"
