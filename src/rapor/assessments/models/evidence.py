"""Evidence (bukti dukung): a stored file (named by its sha256) or a link, reusable across questions.

Files live at ``evidence/<first two hex>/<sha256><ext>``: the same content uploaded twice is stored
once, and duplicates are found by the hash. An EvidenceLink ties evidence to a question of a cycle.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Organisation

from .cycles import Cycle


def evidence_path(instance: Evidence, filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}{ext}"


class Evidence(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("pemilik")
    )
    # The cycle the item was uploaded in: its library lists it even before it is linked.
    cycle = models.ForeignKey(
        Cycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    title = models.CharField(_("judul"), max_length=255)
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True, max_length=200)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    document_date = models.DateField(_("tanggal dokumen"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""), name="evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return not self.file


class EvidenceLink(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="links")
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="evidence_links")
    question_code = models.CharField(max_length=60)
    needs_reconfirmation = models.BooleanField(default=False)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tautan bukti dukung")
        verbose_name_plural = _("tautan bukti dukung")
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "cycle", "question_code"], name="evidence_link_unique"
            ),
        ]
        indexes = [models.Index(fields=["cycle", "question_code"])]

    def __str__(self) -> str:
        return f"{self.evidence_id} → {self.question_code}"
