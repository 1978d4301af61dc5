"""Organisations and memberships.

How this works: an organisation knows its place in the tree twice over, by ``parent`` and by a
materialised ``path`` of ids ("/3/17/52/"), and it stores the Pemda it belongs to (``pemda``; a
Pemda points to itself). Scope checks then compare ids and path prefixes without a query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

PEMDA_KINDS = ("province", "kabupaten", "kota")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        OPD = "opd", _("OPD")
        UNIT = "unit", _("Unit")

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    region_code = models.CharField(_("kode wilayah"), max_length=20, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    pemda = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    is_demo = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="org_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_pemda(self) -> bool:
        return self.kind in PEMDA_KINDS

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def depth(self) -> int:
        """0 for a root (a province), 1 below it, and so on (from ``path``, no query)."""
        return max(self.path.count("/") - 2, 0)

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Keep ``path`` and ``pemda`` in step with ``parent`` (two writes on first save, one
        transaction)."""
        with transaction.atomic():
            self._save_with_path(*args, **kwargs)

    def _save_with_path(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().save(*args, **kwargs)
        parent = self.parent
        path = f"{parent.path if parent else '/'}{self.pk}/"
        pemda_id = self.pk if self.is_pemda else (parent.pemda_id if parent else None)
        if (path, pemda_id) != (self.path, self.pemda_id):
            self.path, self.pemda_id = path, pemda_id
            type(self).objects.filter(pk=self.pk).update(path=path, pemda_id=pemda_id)

    def contains(self, other: Organisation) -> bool:
        """True if ``other`` is this organisation or lies below it."""
        return other.path.startswith(self.path)

    @property
    def opd_id(self) -> int | None:
        """The OPD this organisation is or belongs to (units sit under an OPD)."""
        if self.kind == self.Kind.OPD:
            return self.pk
        if self.kind == self.Kind.UNIT:
            return self.parent_id
        return None


class Membership(models.Model):
    """A user's role in an organisation (the OPD for Tim OPD, the Pemda for the other roles)."""

    class Role(models.TextChoices):
        PIMPINAN = "pimpinan", _("Pimpinan")
        TIM_RB = "tim_rb", _("Tim RB (koordinator)")
        TIM_OPD = "tim_opd", _("Tim OPD")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        EVALUATOR = "evaluator", _("Evaluator")
        ADMIN = "admin", _("Admin")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta:
        ordering = ["organisation__path", "role"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


from .events import AccountEvent  # noqa: E402  (the accounts trail, in a module of its own)

__all__ = ["PEMDA_KINDS", "AccountEvent", "Membership", "Organisation"]
