"""Errors the domain raises; views turn them into messages, 403s or conflict screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


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


def not_a_question(cycle: Any, code: str) -> str:
    return _("%(code)s bukan pertanyaan %(fw)s.") % {"code": code, "fw": cycle.framework.name}
