"""Move a cycle from stage to stage along the allowed path, and nowhere else.

How this works: ``STAGE_MOVES`` is the path as data: each allowed (from, to) pair names the
permission it needs (orgs.permissions), whether a reason must be given (and is recorded), and a
rule that must hold first. The Tim RB moves an open cycle one stage forward or back; only the
submit rule reaches ``submitted`` (every question answered and at the end of the review chain);
reopening a submitted or closed cycle is an Admin action with a reason. (``not_final`` says what
"finished" means for the submit rule.) The move is one
conditional UPDATE on the stage it started from, so two people moving the same cycle cannot
both win, and it records who, when, from, to and why in the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.orgs.permissions import can

from ..models import Answer, AnswerStatus, Cycle, HistoryEvent, Stage
from .errors import DomainError, checked_text
from .history import history_record
from .review import final_state

MAX_REASON = 1000


@dataclass(frozen=True)
class StageMove:
    action: str
    """The permission the person moving the cycle needs."""
    reason: bool = False
    """A reason is required and recorded with the move."""
    rule: str = ""
    """A rule of ``RULES`` that must hold before the move."""
    kind: str = HistoryEvent.Kind.CYCLE_CHANGED


STAGE_MOVES: dict[tuple[str, str], StageMove] = {
    (Stage.PREPARATION, Stage.SELF_ASSESSMENT): StageMove("manage_cycle"),
    (Stage.SELF_ASSESSMENT, Stage.REVIEW): StageMove("manage_cycle"),
    (Stage.REVIEW, Stage.VERIFICATION): StageMove("manage_cycle"),
    # one step back while the cycle is open (a window extended, a stage started too early)
    (Stage.SELF_ASSESSMENT, Stage.PREPARATION): StageMove("manage_cycle"),
    (Stage.REVIEW, Stage.SELF_ASSESSMENT): StageMove("manage_cycle"),
    (Stage.VERIFICATION, Stage.REVIEW): StageMove("manage_cycle"),
    (Stage.VERIFICATION, Stage.SUBMITTED): StageMove(
        "submit_cycle", rule="submit", kind=HistoryEvent.Kind.CYCLE_SUBMITTED
    ),
    (Stage.SUBMITTED, Stage.CLOSED): StageMove("manage_cycle"),
    (Stage.SUBMITTED, Stage.VERIFICATION): StageMove(
        "reopen_cycle", reason=True, kind=HistoryEvent.Kind.CYCLE_REOPENED
    ),
    (Stage.CLOSED, Stage.VERIFICATION): StageMove(
        "reopen_cycle", reason=True, kind=HistoryEvent.Kind.CYCLE_REOPENED
    ),
}


class StageMoveRefused(DomainError):
    """The move is not on the path, or its rule does not hold; the message says why."""


class StageMoveNotAllowed(StageMoveRefused):
    """The person may not make this move (the views answer 403)."""


def not_final(cycle: Cycle) -> list[str]:
    """What stands before the submit rule: every question the Pemda answers itself
    (``source: self``) must be answered and at the end of the review chain; an input another
    body measures (``source: external``) need not be there, but must not be half-way through the
    chain (decision: those values come with the official result)."""
    final = final_state(cycle.levels)
    states = dict(AnswerStatus.objects.filter(cycle=cycle).values_list("question_code", "state"))
    answered = set(
        Answer.objects.filter(cycle=cycle).exclude(value="").values_list("question_code", flat=True)
    )
    out = []
    for code, question in cycle.framework.framework().questions.items():
        state = states.get(code, AnswerStatus.State.DRAFT)
        if question.source == "self":
            if code not in answered or state != final:
                out.append(code)
        elif state not in (AnswerStatus.State.DRAFT, final):
            out.append(code)
    return out


def _submit_rule(cycle: Cycle) -> None:
    open_codes = not_final(cycle)
    if open_codes:
        more = len(open_codes) - 5
        raise StageMoveRefused(
            _(
                "Penilaian belum dapat dikirim: %(n)s pertanyaan belum dijawab dan selesai "
                "direviu sampai akhir (%(codes)s)."
            )
            % {
                "n": len(open_codes),
                "codes": ", ".join(open_codes[:5]) + (f" … (+{more})" if more > 0 else ""),
            }
        )


RULES: dict[str, Callable[[Cycle], None]] = {"submit": _submit_rule}


def next_stages(cycle: Cycle, action: str) -> list[str]:
    """The stages a person with ``action`` may move the cycle to from where it is."""
    return [
        to
        for (frm, to), move in STAGE_MOVES.items()
        if frm == cycle.stage and move.action == action
    ]


def stage_move(*, cycle: Cycle, to: str, by: Any, reason: str = "") -> Cycle:
    """Move ``cycle`` to stage ``to`` if the path, the person and the move's rule allow it."""
    frm = cycle.stage
    if to == frm:
        return cycle
    move = STAGE_MOVES.get((frm, to))
    if move is None:
        raise StageMoveRefused(
            _("Tahap tidak dapat dipindah dari %(from)s ke %(to)s.")
            % {"from": Stage(frm).label, "to": Stage(to).label if to in Stage.values else to}
        )
    if not can(by, move.action, cycle):
        raise StageMoveNotAllowed(_("Anda tidak berwenang memindah tahap ini."))
    reason = reason.strip()
    if move.reason:
        if not reason:
            raise StageMoveRefused(_("Tuliskan alasan membuka kembali siklus ini."))
        checked_text(reason, label=_("Alasan"), multiline=True, max_length=MAX_REASON)
    with transaction.atomic():
        if move.rule:
            RULES[move.rule](cycle)
        submitted_at = timezone.now() if to == Stage.SUBMITTED else None
        moved = Cycle.objects.filter(pk=cycle.pk, stage=frm).update(
            stage=to, submitted_at=submitted_at
        )
        if not moved:
            cycle.refresh_from_db()
            raise StageMoveRefused(
                _("Tahap siklus baru saja diubah orang lain menjadi %(stage)s; periksa lagi.")
                % {"stage": cycle.get_stage_display()}
            )
        cycle.stage, cycle.submitted_at = to, submitted_at
        history_record(
            cycle=cycle,
            kind=move.kind,
            by=by,
            before={"stage": frm},
            after={"stage": to, **({"reason": reason} if move.reason else {})},
        )
    return cycle
