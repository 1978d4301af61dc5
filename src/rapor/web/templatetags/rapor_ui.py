"""Template helpers: numbers through the engine's rounding with the locale's decimal mark, grade
badges with their label (never colour alone), ids for node codes, and the index with its parts
(General · Tematik · the adjustment · the index) for any ScoreResult."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rapor.engine import NOT_APPLICABLE, format_exact, format_fixed

register = template.Library()

GRADE_CLASSES = {
    "AA": "grade-aa",
    "A": "grade-a",
    "A-": "grade-a",
    "BB": "grade-bb",
    "B": "grade-b",
    "CC": "grade-cc",
    "C": "grade-c",
    "D": "grade-d",
}


def decimal_comma() -> bool:
    return (get_language() or "id").split("-")[0] != "en"


@register.filter
def num(value: Any, decimals: int = 2) -> str:
    """A number rounded half up, with a decimal comma in Indonesian (``63,37``)."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, Fraction):
        value = Fraction(str(value))
    return format_fixed(value, int(decimals), decimal_comma=decimal_comma())


@register.simple_tag
def grade_badge(band: Any) -> str:
    cls = GRADE_CLASSES.get(band.code, "grade-other")
    return format_html('<span class="badge grade {}">{} · {}</span>', cls, band.code, band.label)


@register.filter
def node_id(code: str) -> str:
    """An HTML id fragment for a node or question code (``P1.1.a`` → ``P1_1_a``)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", code)


@register.filter
def decimal(value: str) -> str:
    """A stored number answer ("70.05") as the user writes it ("70,05" in Indonesian); a stored
    "not applicable" in words."""
    if value == NOT_APPLICABLE:
        return _("tidak berlaku")
    return value.replace(".", ",") if value and decimal_comma() else value


@register.filter
def signed(value: Any, decimals: int = 2) -> str:
    """A signed term of a sum: "+ 0,50", "− 1,00" (a real minus sign)."""
    value = value if isinstance(value, Fraction) else Fraction(str(value))
    return ("− " if value < 0 else "+ ") + num(abs(value), decimals)


@register.filter
def exact(value: Any) -> str:
    """An exact number as briefly as it is (a scale's range: "0,4", "3,5", "410")."""
    if value is None or value == "":
        return "–"
    text = format_exact(value if isinstance(value, Fraction) else Fraction(str(value)))
    return text.replace(".", ",") if decimal_comma() else text


@register.inclusion_tag("rapor/_index_parts.html")
def index_parts(result: Any, compact: bool = False, index_id: str = "") -> dict[str, Any]:
    """The index of a ScoreResult; for a framework with the 2023 structure also each root, its
    adjustment (not applicable, koefisien) and the provisional parts the result rests on."""
    fw = result.framework
    roots = list(result.roots.values()) if fw.has_adjustments else []
    return {
        "result": result,
        "decimals": fw.decimals,
        "roots": roots,
        "adjusted": [r for r in roots if r.rescaled or r.correction],
        "compact": compact,
        "index_id": index_id,
        "provisional": [
            {"kind": p.kind, "code": p.code, "detail": p.detail, "name": _part_name(fw, p)}
            for p in result.provisional
        ],
    }


def _part_name(framework: Any, part: Any) -> str:
    if part.kind == "correction":
        return str(framework.corrections[part.code].name)
    if part.kind == "option":
        return f"{part.code} {part.detail}"
    return str(part.code)


@register.filter
def notes(version: Any) -> str:
    """A framework version's notes in the reader's language: the file's ``notes_<language>``
    (``notes_id``) when it has one, else its ``notes`` as written."""
    language = (get_language() or "id").split("-")[0]
    framework = version.framework() if hasattr(version, "framework") else version
    extra = getattr(framework, "extra", {}) or {}
    text = extra.get(f"notes_{language}")
    return str(text) if isinstance(text, str) and text.strip() else str(version.notes or "")


@register.simple_tag
def grade_badge_short(band: Any) -> str:
    """A grade badge whose label hides on phones (the code stays: never colour alone)."""
    cls = GRADE_CLASSES.get(band.code, "grade-other")
    return format_html(
        '<span class="badge grade {}" title="{}">{}<span class="d-none d-sm-inline"> · {}</span>'
        "</span>",
        cls,
        band.label,
        band.code,
        band.label,
    )
