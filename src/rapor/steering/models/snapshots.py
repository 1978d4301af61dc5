"""Daily snapshots of a cycle's figures: the trend since the cycle opened.

One row per cycle and day (Asia/Jakarta), written by the daily job (``rapor remind``); taking
the same day twice updates its row. Figures are the displayed values (2 decimals).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.assessments.models import Cycle


class DailySnapshot(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="snapshots")
    day = models.DateField(_("tanggal"))
    index = models.DecimalField(_("indeks"), max_digits=7, decimal_places=2)
    index_verified = models.DecimalField(_("indeks terverifikasi"), max_digits=7, decimal_places=2)
    grade = models.CharField(_("predikat"), max_length=8, blank=True)
    # where the framework splits the index (RB General + RB Tematik, 2023 method)
    general = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    tematik = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    answered = models.PositiveIntegerField(default=0)
    verified = models.PositiveIntegerField(default=0)
    questions = models.PositiveIntegerField(default=0)
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "day"]
        verbose_name = _("rekam harian")
        verbose_name_plural = _("rekam harian")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "day"], name="snapshot_cycle_day"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.day}: {self.index}"
