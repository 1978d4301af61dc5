"""Jobs: the imports, exports and reports that run in the background, with their progress.

A ``Job`` records who asked for what (``kind``, ``params``, the uploaded ``source`` file), how far
it is (``progress`` of ``total``), and what came out: a file to download (``result_file``), or
data to show (``result``: an import's preview, an instrument's findings) and ``errors``. Only its
``owner`` sees it, and only while they may still see its cycle (``exchange.access``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rapor.assessments.models import Cycle


def job_path(instance: Job, filename: str) -> str:
    """``jobs/2024/05/<job>-<name>``: files are attached after the job is saved (so it has a pk)."""
    return f"jobs/{timezone.now():%Y/%m}/{instance.pk or 'new'}-{filename}"[:200]


class Job(models.Model):
    class Kind(models.TextChoices):
        EXPORT_LKE = "export_lke", _("Ekspor LKE (xlsx)")
        IMPORT_ANSWERS = "import_answers", _("Impor jawaban dari LKE")
        IMPORT_INSTRUMENT = "import_instrument", _("Impor kerangka dari LKE")
        REPORT_VERIFICATION = "report_verification", _("Laporan verifikasi Inspektorat (PDF)")
        REPORT_LEADERSHIP = "report_leadership", _("Laporan pimpinan (PDF)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=30, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    cycle = models.ForeignKey(
        Cycle, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("pesan"), blank=True)
    params = models.JSONField(default=dict, blank=True)
    source = models.FileField(upload_to=job_path, blank=True, max_length=220)
    source_name = models.CharField(max_length=255, blank=True)
    result_file = models.FileField(upload_to=job_path, blank=True, max_length=220)
    result_name = models.CharField(max_length=255, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    result = models.JSONField(null=True, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.progress / self.total)) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
