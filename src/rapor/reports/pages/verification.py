"""The Inspektorat's verification report: per OPD, what was checked, returned and accepted,
with the notes (read from the statuses and the history of the review chain).

"Checked" is every question the Inspektorat acted on (verified or returned, from the history);
"accepted" the questions verified; "returned" the questions the Inspektorat returned, with the
note and date of each return and what became of them (fixed and sent again, or still open);
"waiting" the questions accepted by the Tim RB and not yet verified. Counts come from one read
of the cycle (``cycle_data``) and one of its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.assessments.models import AnswerStatus, Cycle, HistoryEvent
from rapor.assessments.queries import cycle_data
from rapor.web.svgcharts import Bar, bar_chart

State = AnswerStatus.State


@dataclass
class Returned:
    code: str
    text: str
    note: str
    by: str
    at: dt.datetime
    now: str
    """The question's state now (returned, submitted again …)."""


@dataclass
class Line:
    code: str
    text: str
    state: str
    self_value: str
    verified_value: str


@dataclass
class OpdSection:
    name: str
    questions: int = 0
    checked: int = 0
    verified: int = 0
    returned_open: int = 0
    waiting: int = 0
    not_ready: int = 0
    returns: list[Returned] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


@dataclass
class VerificationReport:
    cycle: Cycle
    organisation_name: str
    printed_on: dt.date
    sections: list[OpdSection]
    chart: Any
    totals: OpdSection


def verification_report(*, cycle: Cycle, opd: Any = None) -> VerificationReport:
    data = cycle_data(cycle)
    fw = data.framework
    events = (
        HistoryEvent.objects.filter(cycle=cycle, kind=HistoryEvent.Kind.STATUS_CHANGED)
        .select_related("actor")
        .order_by("at", "pk")
    )
    by_question: dict[str, list[HistoryEvent]] = {}
    for e in events:
        if (e.after or {}).get("level") == "verifier":
            by_question.setdefault(e.question_code, []).append(e)
    states = dict(State.choices)
    sections: dict[int | None, OpdSection] = {}
    for code, q in fw.questions.items():
        assignment = data.assignments.get(q.node)
        if opd is not None and (assignment is None or assignment.opd_id != opd.pk):
            continue
        key = assignment.opd_id if assignment else None
        name = assignment.opd.name if assignment else _("Belum ditugaskan")
        section = sections.setdefault(key, OpdSection(name))
        status = data.statuses.get(code)
        state = status.state if status else State.DRAFT
        section.questions += 1
        acts = by_question.get(code, [])
        section.checked += bool(acts)
        section.verified += state == State.VERIFIED
        section.waiting += state == State.ACCEPTED
        section.not_ready += state in (State.DRAFT, State.SUBMITTED)
        for e in acts:
            if (e.after or {}).get("verb") == "return":
                section.returns.append(
                    Returned(
                        code,
                        q.text,
                        (e.after or {}).get("note", ""),
                        (e.actor.get_full_name() or e.actor.username) if e.actor else "–",
                        timezone.localtime(e.at),
                        str(states.get(state, state)),
                    )  # fmt: skip
                )
        section.returned_open += state == State.RETURNED and any(
            (e.after or {}).get("verb") == "return" for e in acts
        )
        own = data.answers.get((code, "self"))
        checked = data.answers.get((code, "verifier"))
        if acts or state in (State.VERIFIED, State.ACCEPTED):
            section.lines.append(
                Line(
                    code,
                    q.text,
                    str(states.get(state, state)),
                    own.value if own else "",
                    checked.value if checked else "",
                )  # fmt: skip
            )
    ordered = sorted(sections.values(), key=lambda s: (s.name == _("Belum ditugaskan"), s.name))
    totals = OpdSection(_("Semua OPD"))
    for s in ordered:
        for attr in ("questions", "checked", "verified", "returned_open", "waiting", "not_ready"):
            setattr(totals, attr, getattr(totals, attr) + getattr(s, attr))
    chart = (
        bar_chart(
            [
                Bar(
                    s.name[:34],
                    Fraction(s.verified),
                    Fraction(max(s.questions, 1)),
                    _("%(v)s dari %(n)s diverifikasi") % {"v": s.verified, "n": s.questions},
                )
                for s in ordered
            ]  # fmt: skip
        )
        if ordered
        else ""
    )
    return VerificationReport(
        cycle=cycle,
        organisation_name=cycle.organisation.name,
        printed_on=timezone.localdate(),
        sections=ordered,
        chart=chart,
        totals=totals,
    )
