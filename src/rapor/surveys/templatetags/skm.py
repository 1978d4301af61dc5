"""Template helpers of the SKM screens: the mutu badge (letter and words, never colour alone)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from rapor.engine import format_fixed

register = template.Library()

# The kinerja words of PermenPANRB 14/2017, translated (the engine keeps them in Indonesian).
KINERJA = {
    "A": _("Sangat Baik"),
    "B": _("Baik"),
    "C": _("Kurang Baik"),
    "D": _("Tidak Baik"),
}


@register.simple_tag
def mutu_badge(result: Any) -> str:
    """``A · Sangat Baik`` as a coloured badge, or a dash when there is no result."""
    if result is None:
        return "–"
    code = result.mutu
    return format_html(
        '<span class="badge mutu mutu-{}">{} · {}</span>', code.lower(), code, KINERJA[code]
    )


@register.filter
def kinerja(code: str) -> str:
    return str(KINERJA.get(code, ""))


@register.filter
def dot(value: Any) -> str:
    """A number with a decimal point, for HTML attributes (``<meter value=…>``); 1 when empty."""
    if value is None or value == "":
        return "1"
    return format_fixed(Fraction(value), 4)
