"""A framework version stored as its YAML text, loaded through the engine (cached by sha256)."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.engine import Framework, load_framework_text

_CACHE: dict[str, Framework] = {}
_LOCK = threading.Lock()


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        OFFICIAL = "official", _("resmi")
        PROVISIONAL = "provisional", _("sementara")

    framework_id = models.CharField(_("kode kerangka"), max_length=60)
    version = models.CharField(_("versi"), max_length=30)
    name = models.CharField(_("nama"), max_length=255)
    basis = models.CharField(_("dasar hukum"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    notes = models.TextField(_("catatan"), blank=True)
    yaml_text = models.TextField()
    sha256 = models.CharField(max_length=64, db_index=True)
    is_active = models.BooleanField(_("aktif"), default=False)
    shipped = models.BooleanField(_("bawaan"), default=False)
    question_count = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["framework_id", "-version"]
        verbose_name = _("kerangka")
        verbose_name_plural = _("kerangka")
        constraints = [
            models.UniqueConstraint(fields=["framework_id", "version"], name="fw_id_version"),
            models.UniqueConstraint(
                fields=["framework_id"], condition=models.Q(is_active=True), name="fw_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} {self.version}"

    @property
    def provisional(self) -> bool:
        return self.status == self.Status.PROVISIONAL

    def framework(self) -> Framework:
        """The engine's Framework, parsed once per process per content hash."""
        cached = _CACHE.get(self.sha256)
        if cached is not None:
            return cached
        text = self.yaml_text  # a deferred field costs one query, only on a cache miss
        with _LOCK:
            fw = _CACHE.get(self.sha256)
            if fw is None:
                fw = load_framework_text(text, source=f"{self.framework_id}@{self.version}")
                _CACHE[self.sha256] = fw
        return fw
