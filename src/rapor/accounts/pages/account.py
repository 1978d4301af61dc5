"""What the account pages show: the second factor's state, and an enrolment's QR code."""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..domain.twofactor import has_second_factor, may_use_second_factor, recovery_codes_left


@dataclass(frozen=True)
class AccountPage:
    may_use_second_factor: bool
    has_second_factor: bool
    recovery_codes_left: int


def account_page(*, user: Any) -> AccountPage:
    on = has_second_factor(user)
    return AccountPage(
        may_use_second_factor=may_use_second_factor(user),
        has_second_factor=on,
        recovery_codes_left=recovery_codes_left(user) if on else 0,
    )


@dataclass(frozen=True)
class Enrolment:
    qr_svg: SafeString  # an inline SVG (no script, no style attribute)
    secret: str  # the key in base32, in groups of four, for typing into the app by hand


def enrolment(device: TOTPDevice) -> Enrolment:
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, light="#fff", title="QR")
    secret = b32encode(device.bin_key).decode().rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return Enrolment(qr_svg=mark_safe(svg), secret=grouped)  # noqa: S308 - segno's own markup
