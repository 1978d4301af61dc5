"""Save an answer at one review level, with optimistic locking and a history event.

How this works: the caller names the version it started from (0 when there was no answer). The
write is one conditional UPDATE … WHERE version = expected, so two concurrent saves cannot both
win even without row locks (SQLite); the loser gets a Conflict carrying both versions.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapor import engine
from rapor.engine.answers import MAX_ANSWER_CHARS
from rapor.engine.numbers import MAX_DECIMALS, MAX_NUMBER_CHARS, MAX_WHOLE_DIGITS
from rapor.web.texts import text_error

from ..models import Answer, AnswerStatus, Cycle, HistoryEvent, Level
from .errors import Conflict, DomainError, not_a_question
from .history import history_record

# Once a question has gone up the chain, a lower level's answer is frozen until it is returned.
LOCKED_STATES: dict[str, frozenset[str]] = {
    Level.SELF: frozenset({"submitted", "accepted", "verified"}),
    Level.REVIEWER: frozenset({"verified"}),
}


# In these stages the self level may change and submit only what was returned to it: once the
# Inspektorat verifies, the OPD fixes returned items, never starts new work.
LATE_STAGE_STATES: dict[str, frozenset[str]] = {"verification": frozenset({"returned"})}


def check_late_stage(cycle: Cycle, codes: list[str], states: dict[str, str]) -> None:
    """Refuse self-level changes to questions the stage has closed (see LATE_STAGE_STATES)."""
    open_states = LATE_STAGE_STATES.get(cycle.stage)
    if open_states is None:
        return
    closed = [c for c in codes if states.get(c, "draft") not in open_states]
    if closed:
        raise DomainError(
            _(
                "Pada tahap %(stage)s hanya pertanyaan yang dikembalikan yang dapat diubah: %(codes)s"
            )
            % {"stage": cycle.get_stage_display(), "codes": ", ".join(closed)}
        )


def canonical_value(cycle: Cycle, question_code: str, value: Any) -> str:
    """The canonical text of a raw answer, "" for no answer; DomainError if it does not fit.

    "Tidak berlaku" (not applicable) is an answer only where the framework allows it.
    """
    question = cycle.framework.framework().questions.get(question_code)
    if question is None:
        raise DomainError(not_a_question(cycle, question_code))
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if engine.is_not_applicable_text(value) and not question.not_applicable:
        raise DomainError(
            _("%(code)s tidak dapat dijawab “tidak berlaku”.") % {"code": question_code}
        )
    try:
        return engine.answer_text(engine.canonical_question_answer(question, value))
    except ValueError:
        raise DomainError(answer_problem(question.scale, value)) from None


# Why a number is refused before any arithmetic (engine.numbers.NumberBoundError.bound).
NUMBER_BOUNDS: dict[str, tuple[Any, int]] = {
    "length": (
        gettext_lazy("“%(value)s” terlalu panjang untuk angka: paling banyak %(limit)s karakter."),
        MAX_NUMBER_CHARS,
    ),
    "whole": (
        gettext_lazy("“%(value)s” terlalu besar: paling banyak %(limit)s angka sebelum koma."),
        MAX_WHOLE_DIGITS,
    ),
    "decimals": (
        gettext_lazy("“%(value)s” terlalu rinci: paling banyak %(limit)s angka di belakang koma."),
        MAX_DECIMALS,
    ),
}


def answer_problem(scale: engine.Scale, value: Any) -> str:
    """Say in the user's language why ``value`` does not fit ``scale`` (the engine says it in
    English for files and the command line)."""
    if scale.kind != "choice":
        return number_problem(value, scale.min, scale.max)
    text = value if isinstance(value, str) else str(value)
    forbidden = text_error(text, label=_("Jawaban"), multiline=True, max_length=MAX_ANSWER_CHARS)
    return forbidden or _("“%(value)s” bukan pilihan jawaban; pilih salah satu: %(options)s.") % {
        "value": _shown(text),
        "options": ", ".join(code for code, _value in scale.options),
    }


def number_problem(value: Any, low: Any, high: Any) -> str:
    """Say in the user's language why ``value`` is not a number within ``low`` … ``high``."""
    text = value if isinstance(value, str) else str(value)
    forbidden = text_error(text, label=_("Jawaban"), multiline=True, max_length=MAX_ANSWER_CHARS)
    if forbidden:
        return forbidden
    try:
        engine.parse_exact(text, decimal_comma=True)
    except engine.NumberBoundError as exc:
        message, limit = NUMBER_BOUNDS[exc.bound]
        return str(message) % {"value": _shown(text), "limit": limit}
    except ValueError:
        return _("“%(value)s” bukan angka.") % {"value": _shown(text)}
    return _("%(value)s di luar rentang %(min)s–%(max)s.") % {
        "value": _shown(text),
        "min": number_format(low),
        "max": number_format(high),
    }


def _shown(text: str) -> str:
    """The start of what was given, for a message (never all of a long value)."""
    return text if len(text) <= 24 else text[:24] + "…"


def number_format(value: Any) -> str:
    return formats.number_format(engine.format_exact(value), use_l10n=True)


def answer_save(
    *,
    cycle: Cycle,
    question_code: str,
    value: Any,
    level: str,
    by: Any,
    expected_version: int,
) -> Answer:
    """Save ``value`` if the stored version is still ``expected_version``; else raise Conflict."""
    if level not in cycle.levels:
        raise DomainError(_("Tingkat %(level)s tidak dipakai di siklus ini.") % {"level": level})
    text = canonical_value(cycle, question_code, value)
    with transaction.atomic():
        status = AnswerStatus.objects.filter(cycle=cycle, question_code=question_code).first()
        if level == Level.SELF:
            check_late_stage(
                cycle, [question_code], {question_code: status.state} if status else {}
            )
        if status is not None and status.state in LOCKED_STATES.get(level, ()):
            raise DomainError(
                _("%(code)s sudah %(state)s; jawaban dapat diubah bila dikembalikan.")
                % {"code": question_code, "state": status.get_state_display()}
            )
        row, before, changed = versioned_write(
            cycle=cycle,
            code=question_code,
            level=level,
            text=text,
            by=by,
            expected_version=expected_version,
        )
        if not changed:
            return row  # nothing changed: no new version, no event
        if status is None:
            AnswerStatus.objects.get_or_create(cycle=cycle, question_code=question_code)
        history_record(
            cycle=cycle,
            kind=HistoryEvent.Kind.ANSWER_SAVED,
            by=by,
            question_code=question_code,
            before=before,
            after={"value": text, "version": row.version, "level": level},
        )
    return row


def versioned_write(
    *, cycle: Cycle, code: str, level: str, text: str, by: Any, expected_version: int
) -> tuple[Answer, dict[str, Any] | None, bool]:
    """Write one stored value if its version is still ``expected_version`` (else Conflict):
    (row, before, changed). Call inside a transaction."""
    row = Answer.objects.filter(cycle=cycle, question_code=code, level=level).first()
    if row is None:
        if expected_version != 0:
            raise Conflict(code, level, text, _missing(level), expected_version)
        try:
            with transaction.atomic():
                row = Answer.objects.create(
                    cycle=cycle,
                    question_code=code,
                    level=level,
                    value=text,
                    version=1,
                    updated_by=by,
                )
        except IntegrityError:  # someone created it a moment ago
            theirs = Answer.objects.get(cycle=cycle, question_code=code, level=level)
            raise Conflict(code, level, text, theirs, expected_version) from None
        return row, None, True
    if row.version != expected_version:
        raise Conflict(code, level, text, row, expected_version)
    if row.value == text and not row.needs_reconfirmation:
        return row, None, False
    before = {"value": row.value, "version": row.version}
    updated = Answer.objects.filter(pk=row.pk, version=expected_version).update(
        value=text,
        version=expected_version + 1,
        updated_by=by,
        updated_at=timezone.now(),
        needs_reconfirmation=False,
    )
    if not updated:
        row.refresh_from_db()
        raise Conflict(code, level, text, row, expected_version)
    row.refresh_from_db()
    return row, before, True


def _missing(level: str) -> Answer:
    """A stand-in for 'there is no stored answer' (the caller expected one)."""
    return Answer(question_code="", level=level, value="", version=0)
