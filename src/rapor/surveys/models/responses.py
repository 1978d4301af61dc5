"""Survey responses, the counters of rejected submissions, and the rate-limit buckets.

How this works: a response stores each unsur by code (``u1`` … ``u9``, 1 to 4, empty when skipped),
the optional respondent fields as codes, and where it was given (service, counter, agency, MPP,
kiosk), denormalised so that results aggregate in the database without joins. ``submission_id``
is chosen by the form (or the kiosk's queue) and is unique: a second copy of one submission is
never stored twice. Rejected submissions are not stored, only counted per MPP, day and reason.
Rate-limit buckets count submissions per key (an address, a device, a kiosk) per time slot, in
the database that every worker process shares.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .catalogue import Agency, Counter, Kiosk, Mpp, Service

UNSUR_FIELDS = tuple(f"u{i}" for i in range(1, 10))


class AgeGroup(models.TextChoices):
    UP_TO_20 = "-20", _("20 tahun ke bawah")
    FROM_21 = "21-30", _("21–30 tahun")
    FROM_31 = "31-40", _("31–40 tahun")
    FROM_41 = "41-50", _("41–50 tahun")
    FROM_51 = "51-60", _("51–60 tahun")
    OVER_60 = "61-", _("di atas 60 tahun")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Education(models.TextChoices):
    SD = "sd", _("SD atau lebih rendah")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    DIPLOMA = "d1-d3", _("D1–D3")
    BACHELOR = "d4-s1", _("D4/S1")
    MASTER = "s2", _("S2 ke atas")


class Occupation(models.TextChoices):
    CIVIL = "asn", _("PNS/TNI/Polri")
    PRIVATE = "swasta", _("Pegawai swasta")
    BUSINESS = "wirausaha", _("Wiraswasta/usahawan")
    STUDENT = "pelajar", _("Pelajar/mahasiswa")
    HOME = "rumahtangga", _("Mengurus rumah tangga")
    OTHER = "lainnya", _("Lainnya")


class Channel(models.TextChoices):
    QR = "qr", _("kode QR (ponsel)")
    KIOSK = "kiosk", _("kios")


def _answer_checks() -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{f}__gte": 1, f"{f}__lte": 4})
            | models.Q(**{f"{f}__isnull": True}),
            name=f"response_{f}_1_to_4",
        )
        for f in UNSUR_FIELDS
    ]


class Response(models.Model):
    mpp = models.ForeignKey(Mpp, on_delete=models.PROTECT, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="responses")
    counter = models.ForeignKey(Counter, on_delete=models.PROTECT, related_name="responses")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="responses")
    kiosk = models.ForeignKey(
        Kiosk, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.QR)
    submitted_at = models.DateTimeField(default=timezone.now)
    submission_id = models.UUIDField(unique=True)
    u1 = models.PositiveSmallIntegerField(null=True, blank=True)
    u2 = models.PositiveSmallIntegerField(null=True, blank=True)
    u3 = models.PositiveSmallIntegerField(null=True, blank=True)
    u4 = models.PositiveSmallIntegerField(null=True, blank=True)
    u5 = models.PositiveSmallIntegerField(null=True, blank=True)
    u6 = models.PositiveSmallIntegerField(null=True, blank=True)
    u7 = models.PositiveSmallIntegerField(null=True, blank=True)
    u8 = models.PositiveSmallIntegerField(null=True, blank=True)
    u9 = models.PositiveSmallIntegerField(null=True, blank=True)
    age_group = models.CharField(_("umur"), max_length=8, choices=AgeGroup.choices, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("pendidikan"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=12, choices=Occupation.choices, blank=True
    )
    suggestion = models.TextField(_("saran"), max_length=1000, blank=True)
    contact = models.CharField(_("kontak untuk pengaduan"), max_length=120, blank=True)
    language = models.CharField(max_length=5, default="id")

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        indexes = [
            models.Index(fields=["mpp", "submitted_at"]),
            models.Index(fields=["service", "submitted_at"]),
        ]
        constraints = _answer_checks()

    def __str__(self) -> str:
        return f"{self.service_id} {self.submitted_at:%Y-%m-%d %H:%M}"

    def answers(self) -> dict[str, int | None]:
        """{"U1": 4, …, "U9": None}: the answers by unsur code."""
        return {f.upper(): getattr(self, f) for f in UNSUR_FIELDS}


class Rejection(models.Model):
    """How many submissions were refused, per MPP (0: unknown), day and reason."""

    class Reason(models.TextChoices):
        INVALID_TOKEN = "invalid_token", _("tautan survei tidak sah")
        EXPIRED = "expired", _("formulir kedaluwarsa")
        HONEYPOT = "honeypot", _("jebakan bot terisi")
        TOO_FAST = "too_fast", _("diisi terlalu cepat")
        INVALID = "invalid", _("isian tidak sah")
        RATE_LIMITED = "rate_limited", _("terlalu sering (batas kiriman)")
        DUPLICATE = "duplicate", _("kiriman ganda")

    mpp_key = models.PositiveBigIntegerField(default=0)
    day = models.DateField()
    reason = models.CharField(max_length=16, choices=Reason.choices)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kiriman ditolak")
        verbose_name_plural = _("kiriman ditolak")
        constraints = [
            models.UniqueConstraint(fields=["mpp_key", "day", "reason"], name="rejection_unique"),
        ]


class RateBucket(models.Model):
    """Submissions seen for one key in one time slot (fixed windows)."""

    bucket = models.CharField(max_length=40)
    slot = models.BigIntegerField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "slot"], name="ratebucket_unique"),
        ]
        indexes = [models.Index(fields=["slot"])]
