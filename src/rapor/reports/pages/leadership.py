"""The leadership report (Laporan Pimpinan): the dashboard on paper, for the mayor's meeting.

Everything the dashboard shows comes from issue 8's view model
(``steering.pages.dashboard.dashboard_page``), so the paper and the screen give the same numbers:
index and grade now (all answers, and verified answers only), General and Tematik with the
adjustment weight where the framework has them, rank and neighbours, last year, the gaps to the
target grade and rank, the components against their weights, the trend, the late agencies and
the largest open gains. The report adds what a meeting acts on:

- **the plan**: the latest plan the Tim RB saved in the planner (``SavedPlan``, read exactly as
  it was saved, through the Rencana page's builder), its target, whether it reaches it and its
  steps grouped by agency; the report makes no plan of its own (a plan is the Tim RB's decision);
- **open items**: per agency, the questions not yet answered, answered but not sent, returned
  (with the reviewer's note, listed), waiting for the Tim RB and waiting for verification (from
  the dashboard's own read of the cycle, ``Dashboard.data``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rapor.assessments.domain.review import final_state
from rapor.assessments.models import AnswerStatus, Cycle
from rapor.steering.models import SavedPlan
from rapor.steering.pages.dashboard import Dashboard, dashboard_page
from rapor.steering.pages.planner import PlanPage, plan_page
from rapor.web.svgcharts import Bar, Series, bar_chart, line_chart
from rapor.web.templatetags.rapor_ui import index_parts, num

State = AnswerStatus.State
RETURNED_LISTED = 40
"""Returned questions listed with their notes; the rest are counted."""
LABEL_CHARS = 42


@dataclass
class OpenRow:
    """One agency's open items (questions not yet in the chain's final state)."""

    name: str
    people: list[str] = field(default_factory=list)
    unanswered: int = 0
    draft: int = 0
    """Answered, not sent to the Tim RB."""
    returned: int = 0
    submitted: int = 0
    """Sent, waiting for the Tim RB."""
    accepted: int = 0
    """Accepted by the Tim RB, waiting for the Inspektorat (when the chain has a verifier)."""
    late: int = 0

    @property
    def total(self) -> int:
        return self.unanswered + self.draft + self.returned + self.submitted + self.accepted


@dataclass(frozen=True)
class ReturnedItem:
    code: str
    text: str
    opd: str
    note: str
    by: str


@dataclass
class LeadershipReport:
    cycle: Cycle
    d: Dashboard
    organisation_name: str
    printed_on: dt.date
    bars_chart: Any
    trend_chart: Any
    open_rows: list[OpenRow]
    open_total: OpenRow
    verifies: bool
    """The chain ends with the Inspektorat's verification (the "waiting for verification" column)."""
    returned: list[ReturnedItem]
    returned_more: int
    plan: PlanPage | None
    parts: dict[str, Any]
    """The index's roots, their adjustments and what is provisional (as the dashboard's
    ``index_parts`` shows them)."""
    is_demo: bool
    """Demo data: the report says DATA CONTOH, as every screen of the demo does."""


def _open_items(cycle: Cycle, d: Dashboard) -> tuple[list[OpenRow], OpenRow, list[ReturnedItem]]:
    data = d.data  # the dashboard's own read of the cycle
    fw = data.framework
    done = final_state(cycle.levels)
    answered = data.answered
    late = {a.opd.pk: a.late for a in d.agencies if a.opd is not None}
    rows: dict[int | None, OpenRow] = {}
    returned: list[ReturnedItem] = []
    unassigned = _("Belum ditugaskan")
    for code, q in fw.questions.items():
        a = data.assignments.get(q.node)
        key = a.opd_id if a is not None else None
        row = rows.get(key)
        if row is None:
            row = rows[key] = OpenRow(a.opd.label if a is not None else unassigned)
            row.late = late.get(key, 0) if key is not None else 0
        if a is not None and a.person is not None:
            name = a.person.get_full_name() or a.person.username
            if name not in row.people:
                row.people.append(name)
        status = data.statuses.get(code)
        state = status.state if status is not None else State.DRAFT
        if state == done:
            continue
        if state == State.RETURNED:
            row.returned += 1
            by = status.returned_by if status is not None else None
            returned.append(
                ReturnedItem(
                    code,
                    q.text,
                    row.name,
                    status.return_note if status is not None else "",
                    (by.get_full_name() or by.username) if by is not None else "",
                )  # fmt: skip
            )
        elif state == State.SUBMITTED:
            row.submitted += 1
        elif state == State.ACCEPTED:
            row.accepted += 1
        elif code in answered:
            row.draft += 1
        else:
            row.unanswered += 1
    ordered = sorted(
        (r for r in rows.values() if r.total or r.late),
        key=lambda r: (r.name == unassigned, -r.late, -r.returned, -r.total, r.name),
    )
    total = OpenRow(_("Jumlah"))
    for r in ordered:
        for attr in ("unanswered", "draft", "returned", "submitted", "accepted", "late"):
            setattr(total, attr, getattr(total, attr) + getattr(r, attr))
    returned.sort(key=lambda x: (x.opd == unassigned, x.opd, x.code))
    return ordered, total, returned


def _plan(cycle: Cycle, user: Any) -> PlanPage | None:
    """The latest plan the Tim RB saved, as the Rencana page shows it (grouped by agency)."""
    plan = SavedPlan.objects.filter(cycle=cycle).select_related("created_by").first()
    return plan_page(cycle=cycle, plan=plan, user=user) if plan is not None else None


def _bars_chart(d: Dashboard) -> Any:
    if not d.bars:
        return ""
    places = d.decimals
    return bar_chart(
        [
            Bar(
                _short((f"{b.code} " if d.bars_are_areas else "") + b.label, LABEL_CHARS),
                b.score,
                b.weight,
                f"{num(b.score, places)} / {num(b.weight, places)}",
            )
            for b in d.bars
        ],
        label_width=265,
    )


def _short(text: str, limit: int) -> str:
    """A chart label that fits its column (the table below the chart has the whole name)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _trend_chart(d: Dashboard) -> Any:
    if not d.trend:
        return ""
    days = [day for day, _i, _v in d.trend]
    series = [
        Series(_("Indeks"), [i for _d, i, _v in d.trend]),
        Series(_("Terverifikasi"), [v for _d, _i, v in d.trend]),
    ]
    if d.last_year is not None:
        series.append(Series(_("Tahun lalu"), [d.last_year.index] * len(days)))
    if d.grade_gap is not None:
        label = _("Target %(grade)s") % {"grade": d.grade_gap.label}
        series.append(Series(label, [d.grade_gap.needed] * len(days)))
    values = [v for s in series for v in s.points if v is not None]
    scale = Fraction(d.framework.framework().index_scale)
    low = max(Fraction(0), Fraction((int(min(values)) // 10) * 10))
    high = min(scale, Fraction(-(-int(max(values) + 1) // 10) * 10))
    if high <= low:
        high = low + 10
    step = 10 if high - low <= 60 else 20
    ticks = [(Fraction(v), str(v)) for v in range(int(low), int(high) + 1, step)]
    return line_chart(
        [formats.date_format(day, "j M") for day in days],
        series,
        low=low,
        high=high,
        ticks=ticks,
    )


def leadership_report(*, cycle: Cycle, user: Any, today: dt.date | None = None) -> LeadershipReport:
    today = today or timezone.localdate()
    d = dashboard_page(cycle=cycle, user=user, today=today)
    rows, total, returned = _open_items(cycle, d)
    return LeadershipReport(
        cycle=cycle,
        d=d,
        organisation_name=cycle.organisation.name,
        printed_on=today,
        bars_chart=_bars_chart(d),
        trend_chart=_trend_chart(d),
        open_rows=rows,
        open_total=total,
        verifies=final_state(cycle.levels) == State.VERIFIED,
        returned=returned[:RETURNED_LISTED],
        returned_more=max(len(returned) - RETURNED_LISTED, 0),
        plan=_plan(cycle, user),
        parts=index_parts(d.result),
        is_demo=cycle.organisation.is_demo,
    )
