"""The efforts table of one section as typed: per question a step effort (choice questions), or
a forecast value and its effort (number questions), and "impossible this cycle". Bounded to the
section's questions; every bad cell is named with its question."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from rapor.engine import Question

from ..domain.plans import EffortEntry

MAX_EFFORT = Decimal(10_000)


def _effort(raw: str) -> Decimal | None:
    text = raw.strip().replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(v)s” bukan angka") % {"v": raw.strip()}) from None
    if not value.is_finite() or value < 0 or value > MAX_EFFORT:
        raise ValueError(_("upaya harus antara 0 dan %(max)s") % {"max": MAX_EFFORT})
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(_("upaya paling banyak dua angka di belakang koma"))
    return value


def parse_efforts_post(
    post: Mapping[str, str],
    questions: Sequence[Question],
    check_value: Callable[[str, str], object],
) -> tuple[list[EffortEntry], dict[str, str]]:
    """(entries, {question code: problem}) from the POST of one section's efforts form.

    ``check_value(code, text)`` raises ValueError (with the user's message) for a forecast that
    does not fit the question's scale."""
    entries: list[EffortEntry] = []
    problems: dict[str, str] = {}
    for q in questions:
        fixed = post.get(f"fixed-{q.code}") == "on"
        try:
            if q.scale.kind == "number":
                forecast = post.get(f"forecast-{q.code}", "").strip()[:30]
                if forecast:
                    check_value(q.code, forecast)
                entries.append(
                    EffortEntry(
                        q.code,
                        forecast=forecast,
                        forecast_effort=_effort(post.get(f"effort-{q.code}", "")),
                        fixed=fixed,
                    )
                )
            else:
                entries.append(
                    EffortEntry(q.code, step=_effort(post.get(f"effort-{q.code}", "")), fixed=fixed)
                )
        except ValueError as exc:
            problems[q.code] = str(exc)
    return entries, problems
