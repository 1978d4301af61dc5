"""The optional second factor: a TOTP authenticator app, with recovery codes.

How this works (django-otp): enrolment makes an unconfirmed TOTP device with a fresh secret; the
user scans its QR code and types the code the app shows, which confirms the device and creates
ten single-use recovery codes (a django-otp static device). From then on the login asks for a
code after the password (``views/login.py``). A code is accepted once (django-otp remembers the
last time step) and wrong codes slow further tries down (django-otp's throttling). An admin
resets a user who lost both phone and codes with ``rapor manage two_factor_reset USERNAME``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import django_otp
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rapor.orgs.permissions import has_action

log = logging.getLogger("rapor.accounts")

RECOVERY_CODES = 10
DEVICE_NAME = "Rapor"


def may_use_second_factor(user: Any) -> bool:
    """Offered to the roles with ``use_two_factor`` (Admin and Tim RB: permissions table)."""
    return has_action(user, "use_two_factor")


def has_second_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(code: str) -> str:
    """What the user typed, without spaces or dashes ("123 456", "ab3d-ef7h")."""
    return re.sub(r"[\s-]+", "", code or "").lower()[:32]


def enrolment_start(*, user: Any) -> TOTPDevice:
    """A new, unconfirmed device with a fresh secret (an earlier unconfirmed one is dropped)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def pending_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def enrolment_confirm(*, user: Any, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the pending device with a code from the app; return it and the recovery codes
    (shown once), or None when the code is wrong (nothing changes but the throttle)."""
    device = pending_device(user)
    if device is None or not device.verify_token(normalise(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        StaticDevice.objects.filter(user=user).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        static = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    log.info("second factor turned on", extra={"user_id": user.pk})
    return device, codes


def second_factor_verify(*, user: Any, code: str) -> Device | None:
    """The device that accepts this code (app code or recovery code), or None."""
    return django_otp.match_token(user, normalise(code))


def second_factor_remove(*, user: Any, by: Any) -> bool:
    """Turn the second factor off (by the user, or an admin's reset); False if it was not on."""
    with transaction.atomic():
        had = TOTPDevice.objects.filter(user=user).exists()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    if had:
        log.warning(
            "second factor removed",
            extra={"user_id": user.pk, "by_user_id": getattr(by, "pk", None)},
        )
    return had
