"""What the RB-link screens show: on the results page, the questions of the Pemda's open cycles
that could take the IKM (suggested ones first) for people who may answer them; on the link page,
the question, its current link and value, and the form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from rapor.assessments.access import cycles_for_user
from rapor.assessments.domain.scoring import LinkedValue, linked_values
from rapor.assessments.models import Assignment, Cycle
from rapor.orgs.permissions import can

from ..access import mpps_for_user
from ..domain.links import admits_ikm, is_suggested
from ..models import Mpp, ValueLink


@dataclass(frozen=True)
class Candidate:
    cycle: Cycle
    code: str
    text: str
    suggested: bool
    linked: bool


def link_candidates(user: Any, mpp: Mpp) -> list[Candidate]:
    """Questions of open cycles of the MPP's Pemda that the user may link (suggested first)."""
    out: list[Candidate] = []
    cycles = [
        c for c in cycles_for_user(user) if c.organisation.pemda_id == mpp.pemda_id and c.is_open
    ]
    for cycle in cycles:
        fw = cycle.framework.framework()
        linked = set(ValueLink.objects.filter(cycle=cycle).values_list("question_code", flat=True))
        assignments = {a.indicator_code: a for a in Assignment.objects.filter(cycle=cycle)}
        for a in assignments.values():
            a.cycle = cycle  # already loaded: spare a query per row
        for code, q in fw.questions.items():
            if admits_ikm(q) and can(user, "answer", assignments.get(q.node, cycle)):
                out.append(Candidate(cycle, code, q.text, is_suggested(q), code in linked))
    return sorted(out, key=lambda c: (not c.suggested, -c.cycle.year, c.code))


@dataclass
class LinkPage:
    cycle: Cycle
    code: str
    question: Any
    link: ValueLink | None
    value: LinkedValue | None
    mpps: list[Mpp]
    problem: str


def link_page(user: Any, cycle: Cycle, code: str) -> LinkPage:
    question = cycle.framework.framework().questions[code]
    mpps = [m for m in mpps_for_user(user) if m.pemda_id == cycle.organisation.pemda_id]
    problem = ""
    if not admits_ikm(question):
        problem = _("Pertanyaan ini tidak dapat menampung IKM (perlu isian angka 25–100).")
    elif not mpps:
        problem = _("Pemda ini belum punya MPP dengan survei SKM.")
    return LinkPage(
        cycle=cycle,
        code=code,
        question=question,
        link=ValueLink.objects.filter(cycle=cycle, question_code=code)
        .select_related("mpp")
        .first(),
        value=linked_values(cycle).values.get(code),
        mpps=mpps,
        problem=problem,
    )
