"""Import answers from an LKE workbook: a preview first, then all of it or nothing.

How this works: ``run_preview`` (a job) reads the uploaded workbook's block, checks it against
the cycle's framework (``rapor.lke.answers``) and compares each answer with the answer that
counts now; a different one is a change, to be saved at the level the importer answers at (the
workspace's rule: the highest level of the chain they may act at). The preview lists every change (question, before, after, with the stored version), every
cell that cannot be read (sheet, cell, value, why), and every answer the importer may not change
(another OPD's indicator, a question already sent up the chain, a stage that only takes returned
questions). An answer equal to the one that counts now is no change (a workbook exported from
Rapor and re-imported unchanged changes nothing). Nothing is written. ``apply_import`` then saves exactly the previewed changes in one
transaction, each through ``answer_save`` (optimistic locking on the previewed version, the
history event); a change made since the preview, or any refusal, rolls everything back, and a
server killed half-way leaves nothing applied. An empty answer cell never clears an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rapor import engine
from rapor.assessments.domain.answers import LATE_STAGE_STATES, LOCKED_STATES, answer_save
from rapor.assessments.domain.errors import Conflict, DomainError
from rapor.assessments.domain.scoring import effective_values
from rapor.assessments.models import Cycle
from rapor.assessments.queries import CycleData, cycle_data
from rapor.assessments.workspace import LEVEL_ACTIONS, target_for, working_level
from rapor.lke import LkeRead, read_lke_workbook
from rapor.lke.answers import workbook_answers
from rapor.lke.cells import split_ref
from rapor.orgs.permissions import can

from ..models import Job
from .jobs import Progress, plain_details

# why an answer cannot be changed by this importer (shown by pages/preview.py)
NOT_YOURS, LOCKED, LATE, CORRECTION = "not_yours", "locked", "late", "correction"


def refusal(user: Any, data: CycleData, code: str, level: str) -> dict[str, str] | None:
    """Why ``user`` may not change ``code`` at ``level`` now (None if they may)."""
    q = data.framework.questions[code]
    if not can(user, LEVEL_ACTIONS[level], target_for(data, q.node)):
        return {"why": NOT_YOURS}
    status = data.statuses.get(code)
    state = status.state if status is not None else "draft"
    if state in LOCKED_STATES.get(level, ()):
        return {"why": LOCKED, "state": state}
    late = LATE_STAGE_STATES.get(data.cycle.stage)
    if level == "self" and late is not None and state not in late:
        return {"why": LATE, "state": state}
    return None


def preview(cycle: Cycle, user: Any, read: LkeRead, *, name: str) -> dict[str, Any]:
    data = cycle_data(cycle)
    fw = data.framework
    level = working_level(user, data)
    answers, problems = workbook_answers(fw, read, source=name)
    counted = effective_values(data.answers.values())
    changes: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    unchanged = 0
    for code, answer in answers.items():
        after = engine.answer_text(answer)
        row = data.answers.get((code, level))
        # What the workbook shows is the answer that counts (an export writes the highest
        # level's): only a different one is a change, saved at the importer's own level.
        # (A carried-over answer awaiting reconfirmation is confirmed in the workspace, not here.)
        before = counted.get(code, "")
        if before == after:
            unchanged += 1
            continue
        if code not in fw.questions:  # a correction: the Tim RB sets it on the Siklus page
            refused.append(
                {"code": code, "after": after, "cell": read.cells[code], "why": CORRECTION}
            )
            continue
        why = refusal(user, data, code, level)
        if why is not None:
            refused.append({"code": code, "after": after, "cell": read.cells[code], **why})
            continue
        changes.append(
            {
                "code": code,
                "indicator": fw.questions[code].node,
                "before": before,
                "after": after,
                "version": row.version if row is not None else 0,
                "cell": read.cells[code],
            }
        )
    return {
        "level": level,
        "file": name,
        "sheet": read.sheet,
        "block": read.block,
        "heading": read.heading or "",
        "answered": len(read.answers),
        "unchanged": unchanged,
        "changes": changes,
        "refused": refused,
        "problems": [
            {
                "sheet": p.sheet,
                "cell": p.cell,
                "value": "" if p.value is None else str(p.value),
                "reason": p.reason,
                "details": plain_details(p.details),
            }
            for p in sorted(problems, key=_position)
        ],
    }


def _position(problem: Any) -> tuple[str, int, int]:
    try:
        row, column = split_ref(problem.cell)
    except ValueError:
        return (problem.sheet, 0, 0)
    return (problem.sheet, row, column)


def run_preview(job: Job, progress: Progress) -> None:
    cycle = job.cycle
    assert cycle is not None
    progress(0, 2)
    with job.source.open("rb") as handle:
        read = read_lke_workbook(
            handle, block=int(job.params.get("block", 1)), name=job.source_name
        )
    progress(1, 2)
    job.result = preview(cycle, job.owner, read, name=job.source_name)
    progress(2, 2)


class ImportRefused(DomainError):
    """The import cannot be applied (nothing was)."""


def apply_import(*, job: Job, by: Any, progress: Callable[[int, int], None] | None = None) -> int:
    """Save the previewed changes, all or nothing; return how many were saved."""
    tick = progress or (lambda done, total: None)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)  # a second click waits here
        if job.applied_at is not None:
            raise ImportRefused(_("Impor ini sudah diterapkan."))
        plan = job.result or {}
        cycle = job.cycle
        assert cycle is not None
        data = cycle_data(cycle)
        level = plan.get("level", "self")
        if working_level(by, data) != level:
            raise ImportRefused(
                _("Tahap atau peran berubah sejak pratinjau; unggah dan periksa ulang berkasnya.")
            )
        changes = plan.get("changes", [])
        for done, change in enumerate(changes, start=1):
            code = change["code"]
            if code not in data.framework.questions or refusal(by, data, code, level):
                raise ImportRefused(
                    _("%(code)s tidak dapat lagi Anda ubah; tidak ada yang diterapkan.")
                    % {"code": code}
                )
            try:
                answer_save(
                    cycle=cycle,
                    question_code=code,
                    value=change["after"],
                    level=level,
                    by=by,
                    expected_version=change["version"],
                )
            except Conflict as conflict:
                who = getattr(conflict.theirs.updated_by, "username", "") or "?"
                raise ImportRefused(
                    _(
                        "%(code)s berubah sejak pratinjau (disimpan oleh %(who)s); tidak ada "
                        "yang diterapkan. Unggah dan periksa ulang berkasnya."
                    )
                    % {"code": code, "who": who}
                ) from None
            tick(done, len(changes))
        job.applied_at = timezone.now()
        job.save(update_fields=["applied_at"])
    return len(changes)
