"""Rencana (the web planner): the target form, the peers of a rank target, the saved plans; one
saved plan grouped by agency with effort totals; and the efforts table of one section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from rapor import engine
from rapor.assessments.domain.scoring import cycle_score
from rapor.assessments.models import Cycle
from rapor.assessments.tree import Section, tree
from rapor.orgs.permissions import can

from ..interfaces.forms import PlanApplyForm, TargetForm
from ..league import PeerFigure, peers_for
from ..models import EffortInput, SavedPlan, SteeringTarget

ZERO = Fraction(0)


def target_label(target: dict[str, Any] | SteeringTarget | None) -> str:
    """The target in words: "predikat B dan peringkat 3 besar (+0,50) · 31 Des 2024"."""
    if target is None:
        return ""
    get = target.get if isinstance(target, dict) else lambda k: getattr(target, k)
    parts = []
    if get("grade"):
        parts.append(_("predikat %(g)s") % {"g": get("grade")})
    if get("rank"):
        text = _("peringkat %(r)s besar") % {"r": get("rank")}
        margin = Fraction(str(get("margin") or 0))
        if margin:
            text += " (+" + engine.format_fixed(margin, 2, decimal_comma=_comma()) + ")"
        parts.append(text)
    if get("score") not in (None, ""):
        value = engine.format_fixed(Fraction(str(get("score"))), 2, decimal_comma=_comma())
        parts.append(_("indeks %(s)s") % {"s": value})
    return _(" dan ").join(parts)


def _comma() -> bool:
    from rapor.web.templatetags.rapor_ui import decimal_comma

    return decimal_comma()


@dataclass
class PlannerPage:
    cycle: Cycle
    target: SteeringTarget | None
    target_text: str
    form: TargetForm
    peers: list[PeerFigure]
    plans: list[SavedPlan]
    index: Fraction
    grade: Any
    efforts: int
    may_plan: bool


def planner_page(*, cycle: Cycle, user: Any, form: TargetForm | None = None) -> PlannerPage:
    fw = cycle.framework.framework()
    target = SteeringTarget.objects.filter(cycle=cycle).first()
    if form is None:
        initial = {}
        if target is not None:
            initial = {
                "grade": target.grade,
                "rank": target.rank,
                "margin": target.margin,
                "score": target.score,
                "due_date": target.due_date,
            }
        form = TargetForm(initial=initial, bands=fw.grading.bands)
    score = cycle_score(cycle, explain=False)  # the index and grade only
    return PlannerPage(
        cycle=cycle,
        target=target,
        target_text=target_label(target),
        form=form,
        peers=sorted(peers_for(cycle, user), key=lambda p: -p.figure.index),
        plans=list(SavedPlan.objects.filter(cycle=cycle).select_related("created_by")[:10]),
        index=score.result.index,
        grade=score.result.grade,
        efforts=EffortInput.objects.filter(cycle=cycle).count(),
        may_plan=can(user, "plan", cycle),
    )


@dataclass
class ChangeRow:
    question: str
    text: str
    indicator: str
    before: str | None
    after: str
    effort: Fraction
    gain: Fraction


@dataclass
class AgencyGroup:
    label: str
    opd_id: int | None
    source: str
    changes: list[ChangeRow] = field(default_factory=list)

    @property
    def effort(self) -> Fraction:
        return sum((c.effort for c in self.changes), ZERO)

    @property
    def gain(self) -> Fraction:
        return sum((c.gain for c in self.changes), ZERO)

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(c.indicator for c in self.changes))


@dataclass
class PlanPage:
    cycle: Cycle
    plan: SavedPlan
    target_text: str
    groups: list[AgencyGroup]
    apply_form: PlanApplyForm
    may_apply: bool
    may_simulate: bool
    decimals: int

    @property
    def result(self) -> dict[str, Any]:
        return self.plan.result

    @property
    def target_due(self) -> dt.date | None:
        raw = self.plan.target.get("due_date")
        return dt.date.fromisoformat(raw) if raw else None


def plan_page(
    *, cycle: Cycle, plan: SavedPlan, user: Any, apply_form: PlanApplyForm | None = None
) -> PlanPage:
    fw = cycle.framework.framework()
    groups: dict[tuple[int | None, str], AgencyGroup] = {}
    for c in plan.result["changes"]:
        key = (c["opd"], c["opd_name"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = AgencyGroup(c["opd_name"], c["opd"], c["owner_source"])
        q = fw.questions.get(c["question"])
        group.changes.append(
            ChangeRow(
                question=c["question"],
                text=q.text if q is not None else "",
                indicator=c["indicator"],
                before=c["from"],
                after=c["to"],
                effort=Fraction(c["effort"]),
                gain=Fraction(c["gain"]),
            )
        )
    ordered = sorted(groups.values(), key=lambda g: (g.opd_id is None, -g.gain, g.label))
    due = plan.target.get("due_date")
    form = apply_form or PlanApplyForm(initial={"due_date": due})
    return PlanPage(
        cycle=cycle,
        plan=plan,
        target_text=target_label(plan.target),
        groups=ordered,
        apply_form=form,
        may_apply=can(user, "plan", cycle) and can(user, "assign", cycle),
        may_simulate=can(user, "simulate", cycle),
        decimals=fw.decimals,
    )


def plain(value: Any) -> str:
    """A stored decimal as typed: 2.00 → "2", 1.50 → "1.5" (the template adds the comma)."""
    if value is None or value == "":
        return ""
    text = format(value, "f") if not isinstance(value, str) else value
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class EffortRow:
    q: engine.Question
    current: str
    step: str = ""
    forecast: str = ""
    forecast_effort: str = ""
    fixed: bool = False
    problem: str = ""

    @property
    def is_number(self) -> bool:
        return self.q.scale.kind == "number"


@dataclass
class EffortsPage:
    cycle: Cycle
    sections: tuple[Section, ...]
    section: Section
    rows: list[EffortRow]
    problems: int = 0


def efforts_page(
    *, cycle: Cycle, section: str, posted: dict[str, Any] | None = None
) -> EffortsPage:
    """The efforts table of one section (``posted``: what was typed, with its problems)."""
    fw = cycle.framework.framework()
    t = tree(fw)
    chosen = next((s for s in t.sections if s.code == section), t.sections[0])
    answers = cycle_score(cycle, explain=False).result.answers
    stored: dict[str, list[EffortInput]] = {}
    codes = [q.code for leaf in chosen.leaves for q in fw.nodes[leaf].questions]
    for e in EffortInput.objects.filter(cycle=cycle, question_code__in=codes):
        stored.setdefault(e.question_code, []).append(e)
    rows = []
    for code in codes:
        q = fw.questions[code]
        a = answers.get(code)
        row = EffortRow(q=q, current="" if a is None else engine.answer_text(a))
        for e in stored.get(code, []):
            if e.fixed:
                row.fixed = True
            elif q.scale.kind == "number":
                row.forecast, row.forecast_effort = e.option, plain(e.effort)
            else:
                row.step = plain(e.effort)
        if posted is not None:
            row.step = posted.get(f"effort-{code}", "") if not row.is_number else row.step
            if row.is_number:
                row.forecast = posted.get(f"forecast-{code}", "")
                row.forecast_effort = posted.get(f"effort-{code}", "")
            row.fixed = posted.get(f"fixed-{code}") == "on"
            row.problem = posted.get("problems", {}).get(code, "")
        rows.append(row)
    return EffortsPage(
        cycle=cycle,
        sections=t.sections,
        section=chosen,
        rows=rows,
        problems=sum(1 for r in rows if r.problem),
    )
