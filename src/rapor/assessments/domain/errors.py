"""Errors the domain raises; views turn them into messages, 403s or conflict screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rapor.web.texts import text_error


class DomainError(Exception):
    """An action that the rules refuse; the message is for the user."""


@dataclass
class Conflict(Exception):
    """Someone saved the same answer since the version the user started from."""

    question_code: str
    level: str
    mine: str
    """The value the user tried to save (canonical)."""
    theirs: Any
    """The current stored Answer row."""
    expected_version: int

    def __str__(self) -> str:
        return (
            f"{self.question_code} [{self.level}]: expected version {self.expected_version}, "
            f"stored version {self.theirs.version}"
        )


def checked_text(
    value: str, *, label: str, multiline: bool = False, max_length: int | None = None
) -> str:
    """``value`` if it holds no forbidden character and fits ``max_length``; else DomainError
    saying what and where, in the user's language (the rule of every text path)."""
    error = text_error(value, label=label, multiline=multiline, max_length=max_length)
    if error:
        raise DomainError(error)
    return value


def not_a_question(cycle: Any, code: str) -> str:
    return _("%(code)s bukan pertanyaan %(fw)s.") % {"code": code, "fw": cycle.framework.name}
