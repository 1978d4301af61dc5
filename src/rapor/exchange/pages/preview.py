"""An import's preview as the page shows it: each change with its question and indicator, each
cell that cannot be read with why (in the user's language), each refused answer with why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from rapor.assessments.domain.answers import answer_problem
from rapor.assessments.models import AnswerStatus, Level
from rapor.lke import reasons as R

from ..domain.lke_import import CORRECTION, LATE, LOCKED, NOT_YOURS
from ..interfaces.lke_text import lke_message
from ..models import Job


@dataclass
class Row:
    code: str
    text: str
    indicator: str
    before: str
    after: str
    cell: str


@dataclass
class Problem:
    where: str
    value: str
    why: str


@dataclass
class Preview:
    level: str
    file: str
    sheet: str
    block: int
    heading: str
    answered: int
    unchanged: int
    changes: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: list[Row] = field(default_factory=list)
    refused_why: dict[str, str] = field(default_factory=dict)


def _why_refused(item: dict[str, Any]) -> str:
    states = dict(AnswerStatus.State.choices)
    state = str(states.get(item.get("state", ""), item.get("state", "")))
    if item["why"] == NOT_YOURS:
        return _("bukan indikator yang dapat Anda isi")
    if item["why"] == LOCKED:
        return _("sudah %(state)s; dapat diubah bila dikembalikan") % {"state": state}
    if item["why"] == LATE:
        return _("pada tahap ini hanya pertanyaan yang dikembalikan yang dapat diubah")
    if item["why"] == CORRECTION:
        return _("koefisien diisi Tim RB di halaman Siklus, tidak lewat impor")
    return item["why"]


def import_preview(job: Job) -> Preview:
    plan: dict[str, Any] = job.result or {}
    assert job.cycle is not None
    fw = job.cycle.framework.framework()
    levels = dict(Level.choices)

    def row(item: dict[str, Any]) -> Row:
        q = fw.questions.get(item["code"])
        node = fw.nodes.get(q.node) if q else None
        correction = fw.corrections.get(item["code"]) if hasattr(fw, "corrections") else None
        return Row(
            code=item["code"],
            text=q.text if q else (correction.name if correction else ""),
            indicator=f"{node.code} {node.name}" if node else "",
            before=item.get("before", ""),
            after=item.get("after", ""),
            cell=item.get("cell", ""),
        )

    problems = []
    for p in plan.get("problems", []):
        details = p.get("details") or {}
        q = fw.questions.get(details.get("code", ""))
        if p["reason"] == R.BAD_ANSWER and q is not None:
            why = f"{q.code}: {answer_problem(q.scale, details.get('value', p['value']))}"
        else:
            why = lke_message(p["reason"], details)
        where = f"{p['sheet']}!{p['cell']}" if p.get("sheet") else p.get("cell", "")
        problems.append(Problem(where, p.get("value", ""), why))
    preview = Preview(
        level=str(levels.get(plan.get("level", ""), plan.get("level", ""))),
        file=plan.get("file", job.source_name),
        sheet=plan.get("sheet", ""),
        block=plan.get("block", 1),
        heading=plan.get("heading", ""),
        answered=plan.get("answered", 0),
        unchanged=plan.get("unchanged", 0),
        changes=[row(c) for c in plan.get("changes", [])],
        problems=problems,
        refused=[row(r) for r in plan.get("refused", [])],
    )
    preview.refused_why = {r["code"]: _why_refused(r) for r in plan.get("refused", [])}
    return preview
