"""The accounts trail: who created, changed, deactivated a user, added or removed a membership,
or reset a password; when; what before and after (never a password). Append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.appendonly import AppendOnlyQuerySet


class AccountEvent(models.Model):
    class Kind(models.TextChoices):
        USER_CREATED = "user_created", _("pengguna dibuat")
        USER_CHANGED = "user_changed", _("pengguna diubah")
        USER_DEACTIVATED = "user_off", _("pengguna dinonaktifkan")
        USER_ACTIVATED = "user_on", _("pengguna diaktifkan")
        MEMBERSHIP_ADDED = "member_added", _("keanggotaan ditambah")
        MEMBERSHIP_REMOVED = "member_removed", _("keanggotaan dihapus")
        PASSWORD_RESET = "password_reset", _("kata sandi diatur ulang")

    objects = AppendOnlyQuerySet.as_manager()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat akun")
        verbose_name_plural = _("riwayat akun")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("account events cannot be updated")
        super().save(*args, **kwargs)
