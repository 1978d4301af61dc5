"""Corrections of a cycle's score that are not answers to a question: the koefisien of the 2023
method (a signed number added to RB General before its adjustment), entered by the Tim RB.

How this works: a correction is stored like an answer (an Answer row under the correction's code,
at the reviewer level, versioned and recorded in the history), so the one scoring path reads it
with the answers. It is never carried over to next year's cycle (carry-over copies questions only).
It is the evaluator's number, not the government's answer: the Tim RB may record it in any stage,
also after the cycle is submitted or closed, when the official result names it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rapor import engine

from ..models import Answer, Cycle, HistoryEvent, Level
from .answers import number_problem, versioned_write
from .errors import DomainError
from .history import history_record

CORRECTION_LEVEL = Level.REVIEWER


def correction_value(correction: engine.Correction, value: Any) -> str:
    """The canonical text of a correction, "" for none; DomainError in the user's language."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    try:
        return engine.answer_text(engine.canonical_correction(correction, value))
    except ValueError:
        raise DomainError(number_problem(value, correction.min, correction.max)) from None


def correction_rows(cycle: Cycle) -> dict[str, Answer]:
    """The stored corrections of a cycle by code."""
    codes = list(cycle.framework.framework().corrections)
    rows = Answer.objects.filter(cycle=cycle, question_code__in=codes, level=CORRECTION_LEVEL)
    return {row.question_code: row for row in rows}


def correction_save(
    *, cycle: Cycle, code: str, value: Any, by: Any, expected_version: int
) -> Answer:
    """Save a correction if its stored version is still ``expected_version``; else Conflict."""
    correction = cycle.framework.framework().corrections.get(code)
    if correction is None:
        raise DomainError(f"{code} is not a correction of {cycle.framework}")
    text = correction_value(correction, value)
    with transaction.atomic():
        row, before, changed = versioned_write(
            cycle=cycle,
            code=code,
            level=CORRECTION_LEVEL,
            text=text,
            by=by,
            expected_version=expected_version,
        )
        if changed:
            history_record(
                cycle=cycle,
                kind=HistoryEvent.Kind.ANSWER_SAVED,
                by=by,
                question_code=code,
                before=before,
                after={"value": text, "version": row.version, "correction": True},
            )
    return row
