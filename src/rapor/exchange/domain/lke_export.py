"""A cycle as an LKE workbook: the answers that count (the highest review level's), the
reviewers' notes in column M, and the previous cycle's answers as a second block."""

from __future__ import annotations

import io
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Cycle, Level
from rapor.assessments.queries import CycleData, cycle_data
from rapor.lke.export import ExportBlock, export_lke

from ..models import Job
from .jobs import Progress, job_result_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The cycle carried into this one, else the same Pemda's latest earlier cycle of the same
    framework (any version: the codes of the second block must mean the same questions)."""
    if cycle.carried_from_id:
        return Cycle.objects.select_related("framework").filter(pk=cycle.carried_from_id).first()
    return (
        Cycle.objects.select_related("framework")
        .filter(
            organisation_id=cycle.organisation_id,
            framework__framework_id=cycle.framework.framework_id,
            year__lt=cycle.year,
        )
        .order_by("-year")
        .first()
    )


def review_notes(data: CycleData) -> dict[str, str]:
    """Column M: each question's review state, the levels' answers where they differ, the note."""
    labels = dict(Level.choices)
    notes: dict[str, str] = {}
    for code in data.framework.questions:
        status = data.statuses.get(code)
        levels = [(lv, data.answers[(code, lv)].value) for lv in data.cycle.levels
                  if (code, lv) in data.answers and data.answers[(code, lv)].value]  # fmt: skip
        parts: list[str] = []
        if status is not None and status.state != status.State.DRAFT:
            parts.append(_("Status: %(state)s.") % {"state": status.get_state_display()})
        if len({v for _lv, v in levels}) > 1:
            parts.append("; ".join(f"{labels[lv]}: {v}" for lv, v in levels) + ".")
        if status is not None and status.return_note:
            parts.append(_("Catatan: %(note)s") % {"note": status.return_note})
        if parts:
            notes[code] = " ".join(parts)
    return notes


def cycle_workbook(cycle: Cycle, *, previous: Cycle | None = None, progress: Any = None) -> bytes:
    tick = progress or (lambda done, total, message="": None)
    tick(0, 3)
    data = cycle_data(cycle)
    blocks = [
        ExportBlock(
            _("PENILAIAN TAHUN %(year)s") % {"year": cycle.year},
            data.score.result.answers,
            review_notes(data),
        )
    ]
    if previous is not None:
        earlier = cycle_score(previous)
        blocks.append(
            ExportBlock(
                _("PENILAIAN TAHUN %(year)s") % {"year": previous.year},
                earlier.result.answers,
            )
        )
    tick(1, 3)
    subtitle = " · ".join(
        [
            cycle.organisation.name,
            f"{cycle.framework.name} ({cycle.framework.version})",
            _("diekspor %(date)s") % {"date": formats.date_format(timezone.localdate())},
        ]
    )
    out = io.BytesIO()
    export_lke(out, data.framework, blocks, subtitle=subtitle)
    tick(2, 3)
    return out.getvalue()


def file_name(cycle: Cycle) -> str:
    org = cycle.organisation.short_name or cycle.organisation.name
    stem = "".join(c if c.isalnum() else "-" for c in f"LKE {org} {cycle.year}").strip("-")
    return f"{stem}.xlsx"


def run(job: Job, progress: Progress) -> None:
    cycle = job.cycle
    assert cycle is not None
    previous_pk = job.params.get("previous")
    previous = Cycle.objects.filter(pk=previous_pk).first() if previous_pk else None
    content = cycle_workbook(cycle, previous=previous, progress=progress)
    job_result_file(job, file_name(cycle), content, XLSX)
    progress(3, 3)
