"""Simulasi (what-if): the stored answers and the sandbox side by side, with index, grade and
rank as stored and as simulated, one section of questions at a time."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from rapor import engine
from rapor.assessments.domain.scoring import CycleScore, cycle_score, cycle_values
from rapor.assessments.models import Answer, Cycle
from rapor.assessments.tree import Section, tree
from rapor.engine import planner

from ..league import PeerFigure, peers_for
from ..models import Sandbox, SavedPlan, SteeringTarget
from .planner import target_label


@dataclass
class WhatIfRow:
    q: engine.Question
    real: str
    value: str
    """The sandbox's value (the real one unless overridden)."""
    changed: bool
    problem: str = ""

    @property
    def options(self) -> list[tuple[str, str]]:
        return [(code, self.q.options_text.get(code, "")) for code, _v in self.q.scale.options]


@dataclass
class Side:
    score: CycleScore
    rank: int | None

    @property
    def index(self) -> Fraction:
        return self.score.result.index

    @property
    def grade(self) -> Any:
        return self.score.result.grade


@dataclass
class WhatIfPage:
    cycle: Cycle
    real: Side
    sandbox: Side
    regions: int
    changed: int
    target: SteeringTarget | None
    target_text: str
    target_met: bool | None
    sections: tuple[Section, ...]
    section: Section
    rows: list[WhatIfRow]
    plans: list[SavedPlan]
    from_plan: SavedPlan | None

    @property
    def delta(self) -> Fraction:
        return self.sandbox.index - self.real.index


def _rank(fw: engine.Framework, index: Fraction, peers: list[PeerFigure]) -> int | None:
    if not peers:
        return None
    return planner.rank_of(fw, index, [planner.Peer(p.region.name, p.figure.index) for p in peers])


def whatif_page(
    *,
    cycle: Cycle,
    user: Any,
    section: str,
    problems: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> WhatIfPage:
    fw = cycle.framework.framework()
    rows_db = list(Answer.objects.filter(cycle=cycle).only("question_code", "level", "value"))
    sandbox = Sandbox.objects.filter(cycle=cycle, owner=user).select_related("from_plan").first()
    overrides = dict(sandbox.overrides) if sandbox else {}
    values, linked = cycle_values(cycle, answers=rows_db)
    real = cycle_score(cycle, answers=rows_db, linked=linked, explain=False)
    simulated = cycle_score(
        cycle, answers=rows_db, overrides=overrides, linked=linked, explain=False
    )
    peers = peers_for(cycle, user)
    t = tree(fw)
    chosen = next((s for s in t.sections if s.code == section), None)
    if chosen is None:  # start where the sandbox differs, else at the first section
        first = next((fw.questions[c].node for c in fw.questions if c in overrides), None)
        code = t.section_of.get(first or "", t.sections[0].code)
        chosen = next(s for s in t.sections if s.code == code)
    problems, typed = problems or {}, typed or {}
    rows = []
    for leaf in chosen.leaves:
        for q in fw.nodes[leaf].questions:
            real_value = values.get(q.code, "")
            value = overrides.get(q.code, real_value)
            rows.append(
                WhatIfRow(
                    q=q,
                    real=real_value,
                    value=typed.get(q.code, value),
                    changed=q.code in overrides,
                    problem=problems.get(q.code, ""),
                )
            )
    target = SteeringTarget.objects.filter(cycle=cycle).first()
    met = None
    if target is not None:
        from ..domain.plans import engine_target

        met = engine_target(fw, target, peers).met_by(simulated.result.index)
    return WhatIfPage(
        cycle=cycle,
        real=Side(real, _rank(fw, real.result.index, peers)),
        sandbox=Side(simulated, _rank(fw, simulated.result.index, peers)),
        regions=len(peers) + 1,
        changed=len(overrides),
        target=target,
        target_text=target_label(target),
        target_met=met,
        sections=t.sections,
        section=chosen,
        rows=rows,
        plans=list(SavedPlan.objects.filter(cycle=cycle)[:10]),
        from_plan=sandbox.from_plan if sandbox else None,
    )
