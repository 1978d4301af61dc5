"""The review chain: submit, accept, return with a note, verify (one question or many).

How this works: a question's ``AnswerStatus`` moves through states; which moves exist depends on
the cycle's chain (``Cycle.levels``: "self" then the configured review levels, by default
reviewer then verifier). Each level has a row in ``LEVEL_RULES``: the permission it needs and
the state its acceptance leaves behind. ``transitions(levels)`` turns the chain into the state
table (state, verb) → (next state, level): a level works on what the level below it finished,
accepts it (to its own done state) or returns it to the OPD (``returned``); the OPD submits
from draft or returned. With the default chain:

    draft     + submit  → submitted  (self:     submit_answers)
    returned  + submit  → submitted  (self:     submit_answers)
    submitted + accept  → accepted   (reviewer: review)
    submitted + return  → returned   (reviewer: review)
    accepted  + accept  → verified   (verifier: verify)  -- the verifier's accept is "verify"
    accepted  + return  → returned   (verifier: verify)

Nobody reviews their own work (separation of duties, enforced here and not only by the screens):
a level may not accept or return a question whose submission, move to this level, or answer at a
lower level was made by the same person (``participants``). One Tim RB member may answer for an
OPD and submit it, but another member has to review it.

Every move is one conditional UPDATE … WHERE version = expected (optimistic locking, as for
answers): two reviewers acting on the same item cannot both win; the second gets a
``StatusConflict`` naming what is stored now. Every move records a history event (before/after).
Bulk moves apply item by item: what still matches is moved, what changed meanwhile or is in
another state is skipped and reported (``BulkResult``); nothing is overwritten silently.
Who may act (role and stage window) is checked by the views through orgs.permissions with the
level's ``action``; this module enforces the chain itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Answer, AnswerStatus, Cycle, HistoryEvent
from .answers import check_late_stage
from .errors import DomainError, checked_text, not_a_question
from .evidence_rules import require_evidence
from .history import history_record
from .scoring import linked_values

State = AnswerStatus.State


@dataclass(frozen=True)
class LevelRule:
    action: str
    """The permission (orgs.permissions) a user needs to act at this level."""
    done: str
    """The state a question is in once this level has accepted it."""


LEVEL_RULES: dict[str, LevelRule] = {
    "self": LevelRule("submit_answers", State.SUBMITTED),
    "reviewer": LevelRule("review", State.ACCEPTED),
    "verifier": LevelRule("verify", State.VERIFIED),
}
VERBS = ("submit", "accept", "return")
MAX_NOTE = 2000


@dataclass(frozen=True)
class Move:
    to: str
    level: str


def transitions(levels: list[str]) -> dict[tuple[str, str], Move]:
    """The state table of a chain: (state, verb) → Move(next state, acting level)."""
    table = {
        (State.DRAFT, "submit"): Move(State.SUBMITTED, "self"),
        (State.RETURNED, "submit"): Move(State.SUBMITTED, "self"),
    }
    for below, level in zip(levels, levels[1:], strict=False):
        waiting = LEVEL_RULES[below].done
        table[(waiting, "accept")] = Move(LEVEL_RULES[level].done, level)
        table[(waiting, "return")] = Move(State.RETURNED, level)
    return table


def inbox_state(levels: list[str], level: str) -> str | None:
    """The state of questions waiting for ``level`` (None if the level is not in the chain)."""
    if level not in levels or level == "self":
        return None
    return LEVEL_RULES[levels[levels.index(level) - 1]].done


def final_state(levels: list[str]) -> str:
    return LEVEL_RULES[levels[-1]].done


@dataclass
class StatusConflict(Exception):
    """Someone moved the question since the version the user started from."""

    question_code: str
    expected_version: int
    theirs: AnswerStatus

    def __str__(self) -> str:
        return (
            f"{self.question_code}: expected status version {self.expected_version}, "
            f"stored version {self.theirs.version} ({self.theirs.state})"
        )


class MissingAnswers(DomainError):
    """Questions that cannot be submitted because nobody has answered them."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(
            _("Belum bisa dikirim: pertanyaan %(codes)s belum dijawab.")
            % {"codes": ", ".join(codes)}
        )


class WrongState(DomainError):
    """The move is not in the table for the question's current state and this level."""

    def __init__(self, code: str, state: str, verb: str, level: str) -> None:
        self.code, self.state, self.verb, self.level = code, state, verb, level
        label = AnswerStatus.State(state).label if state in AnswerStatus.State.values else state
        super().__init__(
            _("%(code)s tidak dapat diproses sekarang: statusnya %(state)s.")
            % {"code": code, "state": label}
        )


class OwnWork(DomainError):
    """The user took part in what they are asked to review (answered, submitted or accepted it)."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            _(
                "Anda tidak dapat mereviu atau memverifikasi pekerjaan yang Anda isi, kirim atau "
                "terima sendiri; mintalah anggota lain."
            )
        )


def levels_below(levels: list[str], level: str) -> list[str]:
    return levels[: levels.index(level)] if level in levels else []


def participants(status: AnswerStatus, lower_answers: Iterable[Answer]) -> set[int]:
    """The users whose work a level reviews: who submitted the question, who moved it to this
    level (the lower level's reviewer), and who wrote its answers at the lower levels."""
    ids = {status.submitted_by_id, status.updated_by_id}
    ids.update(a.updated_by_id for a in lower_answers if a.value)
    return {i for i in ids if i is not None}


class NoteRequired(DomainError):
    def __init__(self) -> None:
        super().__init__(_("Tulis catatan untuk OPD: pengembalian memerlukan catatan."))


def _check_note(note: str) -> None:
    if not note.strip():
        raise NoteRequired()
    checked_text(note.strip(), label=_("Catatan ini"), multiline=True, max_length=MAX_NOTE)


def _status(cycle: Cycle, code: str) -> AnswerStatus:
    status, _ = AnswerStatus.objects.get_or_create(cycle=cycle, question_code=code)
    return status


def _move(
    *,
    cycle: Cycle,
    question_code: str,
    verb: str,
    level: str,
    by: Any,
    expected_version: int | None,
    note: str = "",
) -> AnswerStatus:
    """Apply one move of the table, or raise DomainError / StatusConflict; record history."""
    if level not in cycle.levels:
        raise DomainError(_("Tingkat %(level)s tidak dipakai di siklus ini.") % {"level": level})
    if question_code not in cycle.framework.framework().questions:
        raise DomainError(not_a_question(cycle, question_code))
    if verb == "return":
        _check_note(note)
    if verb == "accept":
        require_evidence(cycle, [question_code])
    with transaction.atomic():
        status = _status(cycle, question_code)
        if expected_version is not None and status.version != expected_version:
            raise StatusConflict(question_code, expected_version, status)
        move = transitions(cycle.levels).get((status.state, verb))
        if move is None or move.level != level:
            raise WrongState(question_code, status.state, verb, level)
        if level != "self":
            lower = Answer.objects.filter(
                cycle=cycle,
                question_code=question_code,
                level__in=levels_below(cycle.levels, level),
            )
            if getattr(by, "pk", None) in participants(status, lower):
                raise OwnWork(question_code)
        changes: dict[str, Any] = {"state": move.to, "updated_by": by}
        if verb == "submit":
            changes["submitted_by"] = by
        if verb == "return":
            changes.update(return_note=note.strip(), returned_by=by)
        elif verb == "accept":  # the returned note has been dealt with
            changes.update(return_note="", returned_by=None)
        updated = AnswerStatus.objects.filter(pk=status.pk, version=status.version).update(
            version=status.version + 1, updated_at=timezone.now(), **changes
        )
        if not updated:  # moved between our read and our write
            status.refresh_from_db()
            raise StatusConflict(question_code, expected_version or 0, status)
        before = {"state": status.state, "version": status.version}
        status.refresh_from_db()
        history_record(
            cycle=cycle,
            kind=HistoryEvent.Kind.STATUS_CHANGED,
            by=by,
            question_code=question_code,
            before=before,
            after={
                "state": status.state,
                "version": status.version,
                "verb": verb,
                "level": level,
                "note": status.return_note if verb == "return" else "",
            },
        )
    return status


def submit(*, cycle: Cycle, question_codes: Iterable[str], by: Any) -> list[AnswerStatus]:
    """Submit questions (an indicator, or a selection) to the first review level; all or none.

    Every question must be answered (at any level) and be a draft or returned; otherwise
    nothing is submitted and the DomainError lists the codes in the way.
    """
    codes = list(dict.fromkeys(question_codes))
    if not codes:
        raise DomainError(_("Tidak ada yang dikirim."))
    answered = set(
        Answer.objects.filter(cycle=cycle, question_code__in=codes)
        .exclude(value="")
        .values_list("question_code", flat=True)
    )
    answered |= set(linked_values(cycle).values)  # fed from another source (the SKM's IKM)
    missing = [c for c in codes if c not in answered]
    if missing:
        raise MissingAnswers(missing)
    states = dict(
        AnswerStatus.objects.filter(cycle=cycle, question_code__in=codes).values_list(
            "question_code", "state"
        )
    )
    check_late_stage(cycle, codes, states)
    require_evidence(cycle, codes)
    with transaction.atomic():
        return [
            _move(
                cycle=cycle,
                question_code=c,
                verb="submit",
                level="self",
                by=by,
                expected_version=None,
            )
            for c in codes
        ]


def accept(
    *, cycle: Cycle, question_code: str, by: Any, expected_version: int, level: str = "reviewer"
) -> AnswerStatus:
    """Accept at the reviewer level (Tim RB) what the level below finished."""
    return _move(
        cycle=cycle,
        question_code=question_code,
        verb="accept",
        level=level,
        by=by,
        expected_version=expected_version,
    )


def verify(*, cycle: Cycle, question_code: str, by: Any, expected_version: int) -> AnswerStatus:
    """Accept at the verifier level (Inspektorat): the question is verified."""
    return accept(
        cycle=cycle,
        question_code=question_code,
        by=by,
        expected_version=expected_version,
        level="verifier",
    )


def return_with_note(
    *, cycle: Cycle, question_code: str, level: str, note: str, by: Any, expected_version: int
) -> AnswerStatus:
    """Return a question to its OPD with a note (required), from the reviewer or verifier level."""
    return _move(
        cycle=cycle,
        question_code=question_code,
        verb="return",
        level=level,
        by=by,
        expected_version=expected_version,
        note=note,
    )


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    """question code → why (changed meanwhile, wrong state)."""
    conflicts: list[StatusConflict] = field(default_factory=list)


def review_bulk(
    *,
    cycle: Cycle,
    verb: str,
    level: str,
    items: Iterable[tuple[str, int]],
    by: Any,
    note: str = "",
) -> BulkResult:
    """Accept or return many (question code, expected status version) pairs, item by item."""
    if verb not in ("accept", "return"):
        raise DomainError(_("Tindakan tidak dikenal: %(verb)s") % {"verb": verb})
    if verb == "return":
        _check_note(note)
    result = BulkResult()
    for code, version in items:
        try:
            _move(
                cycle=cycle,
                question_code=code,
                verb=verb,
                level=level,
                by=by,
                expected_version=version,
                note=note,
            )
        except StatusConflict as conflict:
            result.conflicts.append(conflict)
            result.skipped[code] = str(conflict)
        except DomainError as error:
            result.skipped[code] = str(error)
        else:
            result.done.append(code)
    return result
