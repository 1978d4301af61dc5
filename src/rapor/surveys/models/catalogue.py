"""The catalogue of a Mall Pelayanan Publik: agencies present, their counters, the services.

How this works: an MPP belongs to a Pemda and is run by one of its OPDs (``operator``); the
permission table reads ``scope_target()`` = (Pemda, operator OPD), so the Tim RB of the Pemda and
the team of the operating OPD manage it (see orgs/permissions.py). An agency present at the MPP is
an OPD of the Pemda or an outside body (PLN, BPJS, Imigrasi …): ``organisation`` is set only for
the former. A counter (gerai) belongs to one agency; a service is offered at one counter and
carries its standard (requirements, time, cost, product). Counters and services have a short
public token for their QR code; a kiosk has a long secret token (its URL is its credential).
Nothing is deleted once responses refer to it: it is made inactive.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rapor.orgs.models import Organisation


def public_token() -> str:
    """A short unguessable token for a QR code (72 random bits, 12 URL-safe characters)."""
    return secrets.token_urlsafe(9)


def kiosk_token() -> str:
    """A kiosk's secret (192 random bits): whoever has the URL submits as that kiosk."""
    return secrets.token_urlsafe(24)


class Weighting(models.TextChoices):
    EXACT = "exact", _("tepat 1/9")
    PRINTED = "0.111", _("0,111 (seperti laporan lama)")


class Mpp(models.Model):
    pemda = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="mpps", verbose_name=_("Pemda")
    )
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="mpps_run",
        verbose_name=_("OPD pengelola"),
    )
    name = models.CharField(_("nama"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    opened_on = models.DateField(_("mulai beroperasi"), null=True, blank=True)
    weighting = models.CharField(
        _("bobot IKM"),
        max_length=8,
        choices=Weighting.choices,
        default=Weighting.EXACT,
        help_text=_("0,111 hanya untuk mencocokkan laporan lama; hitungan yang benar 1/9."),
    )
    is_demo = models.BooleanField(_("data contoh"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pemda__path", "name"]
        verbose_name = _("Mal Pelayanan Publik")
        verbose_name_plural = _("Mal Pelayanan Publik")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "name"], name="mpp_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def scope_target(self) -> tuple[int | None, int | None, str | None]:
        return self.pemda_id, self.operator_id, None

    def scope_path(self) -> str:
        return self.pemda.path


class Agency(models.Model):
    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(_("nama instansi"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mpp_agencies",
        verbose_name=_("OPD Pemda (bila instansi adalah OPD)"),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["mpp", "order", "name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        constraints = [
            models.UniqueConstraint(fields=["mpp", "name"], name="agency_unique_name"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Counter(models.Model):
    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="counters")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="counters", verbose_name=_("instansi")
    )
    name = models.CharField(_("nama gerai"), max_length=120)
    token = models.CharField(max_length=16, unique=True, default=public_token, editable=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["mpp", "order", "name"]
        verbose_name = _("gerai")
        verbose_name_plural = _("gerai")
        constraints = [
            models.UniqueConstraint(fields=["mpp", "name"], name="counter_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    counter = models.ForeignKey(
        Counter, on_delete=models.PROTECT, related_name="services", verbose_name=_("gerai")
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    requirements = models.TextField(_("persyaratan"), max_length=2000, blank=True)
    duration = models.CharField(_("waktu penyelesaian"), max_length=120, blank=True)
    cost = models.CharField(_("biaya/tarif"), max_length=120, blank=True)
    product = models.CharField(_("produk layanan"), max_length=200, blank=True)
    is_example = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Layanan rekaan untuk demo; ditandai DATA CONTOH."),
    )
    token = models.CharField(max_length=16, unique=True, default=public_token, editable=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["counter", "order", "name"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        constraints = [
            models.UniqueConstraint(fields=["counter", "name"], name="service_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Kiosk(models.Model):
    """A tablet at the MPP that takes the survey one respondent after another."""

    mpp = models.ForeignKey(Mpp, on_delete=models.CASCADE, related_name="kiosks")
    name = models.CharField(_("nama kios"), max_length=120)
    counter = models.ForeignKey(
        Counter,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kiosks",
        verbose_name=_("gerai (kosong: semua layanan MPP)"),
    )
    token = models.CharField(max_length=40, unique=True, default=kiosk_token, editable=False)
    active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mpp", "name"]
        verbose_name = _("kios")
        verbose_name_plural = _("kios")
        constraints = [
            models.UniqueConstraint(fields=["mpp", "name"], name="kiosk_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
