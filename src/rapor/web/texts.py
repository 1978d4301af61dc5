"""The engine's text rules (``rapor.engine.texts``) in the user's language, for forms, the admin
and the domain functions: one rule, every path."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from rapor.engine.texts import text_problem


def text_error(
    value: str, *, label: str, multiline: bool = False, max_length: int | None = None
) -> str | None:
    """Why ``value`` is refused, in the user's language (None when it is fine)."""
    problem = text_problem(value, multiline=multiline, max_length=max_length)
    if problem is None:
        return None
    context = {
        "label": label,
        "limit": problem.limit,
        "char": problem.described,
        "position": problem.position,
    }
    if problem.kind == "length":
        return _("%(label)s lebih dari %(limit)s karakter.") % context
    if problem.kind == "line_break":
        return _("%(label)s harus satu baris, tanpa baris baru atau tab.") % context
    if problem.kind == "direction":
        return (
            _(
                "%(label)s berisi karakter pengatur arah teks (%(char)s) pada karakter ke-%(position)s; "
                "karakter ini dapat menyamarkan teks dan tidak diterima."
            )
            % context
        )
    return (
        _(
            "%(label)s berisi karakter kontrol (%(char)s) pada karakter ke-%(position)s, "
            "yang tidak diterima."
        )
        % context
    )


@deconstructible
class SafeText:
    """A form or model field validator: no control or direction characters (and, for one-line
    texts, no line breaks)."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> None:
        if not isinstance(value, str):
            return
        error = text_error(value, label=_("Teks"), multiline=self.multiline)
        if error:
            raise ValidationError(error, code="forbidden_character")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafeText) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash(self.multiline)
