"""The leadership dashboard (Beranda of the Pimpinan and the Tim RB): one view model that the
screen and the leadership PDF report both read.

What it answers, in the mayor's words: where do we stand (index and grade now, from all answers
and from verified answers only, General and Tematik where the framework has them; last year's
result and rank), how far is the target (the gap to the target grade and to the target rank, and
the regions just above and below), how fast are we moving (the trend since the cycle opened, and
last year), who is late (progress per agency, ranked, with the people in charge; days left), and
what to do first (the largest remaining gains, each with its owner and points).

Every number comes from the one scoring path; the queries are a fixed number whatever the
number of agencies, questions, regions or snapshots (tests/steering/test_dashboard.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from rapor import engine
from rapor.assessments.domain.review import final_state
from rapor.assessments.domain.scoring import CycleScore, cycle_score
from rapor.assessments.models import Cycle, FrameworkVersion
from rapor.assessments.queries import CycleData, cycle_data
from rapor.assessments.tree import tree
from rapor.engine import planner

from ..agencies import AgencyRow, agency_rows, sorted_rows
from ..breakdown import Breakdown, breakdown
from ..league import Band, competition_ranks, figures, province_of, regions_of, shown
from ..models import DailySnapshot, EffortInput, SteeringTarget
from ..owners import Owners
from .planner import target_label

PRIORITIES = 8


@dataclass(frozen=True)
class Standing:
    """An index with its grade and, where the framework splits it, General and Tematik."""

    index: Fraction
    grade: Band
    parts: Breakdown | None = None


@dataclass(frozen=True)
class Gap:
    """How many (displayed) points are missing to reach something; 0 when it is reached."""

    label: str
    """The grade code, or the rank."""
    points: Fraction
    needed: Fraction
    """The displayed index that reaches it."""

    @property
    def met(self) -> bool:
        return self.points <= 0


@dataclass(frozen=True)
class Neighbour:
    name: str
    index: Fraction
    year: int
    official: bool
    rank: int


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    score: Fraction
    weight: Fraction

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.weight) if self.weight else 0


@dataclass(frozen=True)
class Priority:
    question: str
    text: str
    indicator: str
    owner: str
    owner_opd: int | None
    person: str
    points: Fraction


@dataclass
class Dashboard:
    cycle: Cycle
    framework: FrameworkVersion
    today: dt.date
    now: Standing
    verified: Standing
    result: Any
    """The ScoreResult of all answers (the index_parts tag shows its roots and adjustments)."""
    answered: int
    verified_count: int
    questions: int
    target: SteeringTarget | None
    target_text: str
    grade_gap: Gap | None
    rank_gap: Gap | None
    rank: int | None
    regions: int
    above: Neighbour | None
    below: Neighbour | None
    last_year: Standing | None
    last_year_rank: int | None
    last_year_regions: int
    last_year_official: bool
    last_year_grade_gap: Gap | None
    last_year_rank_gap: Gap | None
    """The same target measured on last year's result and table (where the story started)."""
    bars: list[Bar]
    bars_are_areas: bool
    trend: list[tuple[dt.date, Fraction, Fraction]]
    agencies: list[AgencyRow]
    late_agencies: list[AgencyRow]
    priorities: list[Priority]
    days_left: int | None
    deadline: dt.date | None
    data: CycleData
    """The cycle as read for this page (answers, statuses, assignments), for pages built on it."""
    decimals: int = 2
    notes: list[str] = field(default_factory=list)

    @property
    def days_late(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def is_last(self) -> bool:
        return self.rank is not None and self.rank == self.regions and self.regions > 1

    @property
    def last_year_last(self) -> bool:
        return (
            self.last_year_rank is not None
            and self.last_year_rank == self.last_year_regions
            and self.last_year_regions > 1
        )

    def chart_data(self) -> dict[str, Any]:
        """What the charts draw (a JSON data island read by static/steering/dashboard.js)."""

        def n(x: Fraction | None) -> float | None:
            return None if x is None else float(shown(x))

        return {
            "bars": {
                "labels": [b.label for b in self.bars],
                "score": [n(b.score) for b in self.bars],
                "weight": [n(b.weight) for b in self.bars],
            },
            "trend": {
                "days": [d.isoformat() for d, _i, _v in self.trend],
                "index": [n(i) for _d, i, _v in self.trend],
                "verified": [n(v) for _d, _i, v in self.trend],
                "last_year": n(self.last_year.index) if self.last_year else None,
                "target": n(self.grade_gap.needed) if self.grade_gap else None,
            },
        }


def _standing(score: CycleScore) -> Standing:
    band = score.result.grade
    return Standing(score.result.index, Band(band.code, band.label), breakdown(score))


def _bars(fw: engine.Framework, result: engine.ScoreResult) -> tuple[list[Bar], bool]:
    """The 8 areas of change where the framework marks them, else the components (the
    children of each root), each with its score and weight in index units."""
    to_index = fw.index_scale / fw.max_score
    areas = tree(fw).areas
    bars = []
    if areas:
        for area, name in areas:
            tops = [
                n
                for n in fw.nodes.values()
                if n.area == area
                and not any(fw.nodes[a].area == area for a in fw.ancestors(n.code))
            ]
            bars.append(
                Bar(
                    area,
                    name,
                    sum((result.nodes[n.code].score for n in tops), Fraction(0)) * to_index,
                    sum((n.weight for n in tops), Fraction(0)) * to_index,
                )
            )
        return bars, True
    for root in fw.roots:
        for node in root.children or (root,):
            bars.append(
                Bar(
                    node.code,
                    node.name,
                    result.nodes[node.code].score * to_index,
                    node.weight * to_index,
                )
            )
    return bars, False


def _grade_gap(fw: engine.Framework, index: Fraction, grade: str) -> Gap | None:
    bands = [b.code for b in fw.grading.bands]
    if grade not in bands:
        return None
    needed = planner.target_for_grade(fw, grade).shown
    return Gap(grade, max(needed - shown(index), Fraction(0)), needed)


def _next_grade(fw: engine.Framework, code: str) -> str:
    bands = [b.code for b in fw.grading.bands]
    i = bands.index(code) if code in bands else 0
    return bands[i - 1] if i > 0 else ""


@dataclass(frozen=True)
class _Standings:
    rank: int | None
    regions: int
    above: Neighbour | None
    below: Neighbour | None
    others: list[Fraction]
    """The other regions' displayed indexes, highest first."""


def _standings(
    cycle: Cycle, index: Fraction, peers: dict[int, Any], regions: list[Any]
) -> _Standings:
    """Our rank now among the other regions' latest known figures, and our neighbours."""
    names = {r.pk: r.name for r in regions}
    rows = [(rid, names[rid], f.index, f.year, not f.is_live) for rid, f in peers.items()]
    rows.append((cycle.organisation_id, cycle.organisation.name, shown(index), cycle.year, False))
    ranks = competition_ranks([r[2] for r in rows])
    # best first; at a tie we stand below the others (the prudent reading)
    table = sorted(
        zip(rows, ranks, strict=True), key=lambda x: (x[1], x[0][0] == cycle.organisation_id)
    )
    position = next(i for i, (row, _r) in enumerate(table) if row[0] == cycle.organisation_id)

    def neighbour(i: int) -> Neighbour | None:
        if not 0 <= i < len(table):
            return None
        (_pk, name, value, year, official), rank = table[i]
        return Neighbour(name, value, year, official, rank)

    return _Standings(
        table[position][1] if len(rows) > 1 else None,
        len(rows),
        neighbour(position - 1),
        neighbour(position + 1),
        sorted((r[2] for r in rows if r[0] != cycle.organisation_id), reverse=True),
    )


def _rank_gap(
    fw: engine.Framework, index: Fraction, rank: int, standings: _Standings, margin: Fraction
) -> Gap | None:
    """Points to hold rank ``rank`` outright: the engine's least index for that rank (the
    planner's rule) with at least one display step of margin, since a tie would share the rank
    and the ministry's order among ties is not known."""
    others = standings.others
    if rank < 1:
        return None
    if len(others) < rank:
        return Gap(str(rank), Fraction(0), Fraction(0))
    step = Fraction(1, 10**fw.decimals)
    peers = [planner.Peer("", value) for value in others]
    needed = planner.needed_for_rank(fw, rank, peers, max(step, margin))
    return Gap(str(rank), max(needed - shown(index), Fraction(0)), needed)


def _priorities(data: CycleData, owners: Owners, fixed: set[str]) -> list[Priority]:
    fw = data.framework
    to_index = fw.index_scale / fw.max_score
    gains = sorted(
        (
            (e.gain * to_index, code)
            for code, e in data.score.questions.items()
            if e.gain > 0 and code not in fixed
        ),
        key=lambda x: (-x[0], x[1]),
    )
    out = []
    for points, code in gains[:PRIORITIES]:
        q = fw.questions[code]
        owner = owners(q.node)
        person = owner.person.get_full_name() or owner.person.username if owner.person else ""
        out.append(Priority(code, q.text, q.node, owner.label, owner.opd_id, person, points))
    return out


def dashboard_page(*, cycle: Cycle, user: Any, today: dt.date) -> Dashboard:
    data = cycle_data(cycle)
    fw = data.framework
    rows = [a for a in data.answers.values()]
    done = final_state(cycle.levels)
    verified_codes = {c for c, s in data.statuses.items() if s.state == done}
    verified = cycle_score(
        cycle, answers=rows, only=verified_codes, explain=False, linked=data.score.linked
    )
    now = _standing(data.score)
    target = SteeringTarget.objects.filter(cycle=cycle).first()

    province = province_of(cycle.organisation)
    regions = regions_of(province) if province is not None else []
    others = [r for r in regions if r.pk != cycle.organisation_id]
    peers = figures(others, year=cycle.year, user=user, latest=True)
    standings = _standings(cycle, data.score.result.index, peers, regions)
    before = figures(regions, year=cycle.year - 1, user=user) if regions else {}
    own_before = before.get(cycle.organisation_id)
    last_rank = None
    if own_before is not None:
        ordered = [f.index for f in before.values()]
        last_rank = competition_ranks(ordered)[list(before).index(cycle.organisation_id)]
    before_standings = _Standings(
        last_rank,
        len(before),
        None,
        None,
        sorted(
            (f.index for rid, f in before.items() if rid != cycle.organisation_id), reverse=True
        ),
    )

    grade_code = (target.grade if target and target.grade else "") or _next_grade(
        fw, now.grade.code
    )
    rank_goal = (target.rank if target and target.rank else None) or (
        standings.rank - 1 if standings.rank and standings.rank > 1 else None
    )
    margin = Fraction(target.margin) if target is not None else Fraction(0)

    owners = Owners(cycle)
    fixed = set(
        EffortInput.objects.filter(cycle=cycle, fixed=True, option="").values_list(
            "question_code", flat=True
        )
    )
    snapshots = list(
        DailySnapshot.objects.filter(cycle=cycle)
        .order_by("day")
        .values_list("day", "index", "index_verified")
    )
    trend = [(d, Fraction(i), Fraction(v)) for d, i, v in snapshots]
    if not trend or trend[-1][0] != today:
        trend.append((today, shown(now.index), shown(verified.result.index)))
    agencies = sorted_rows(agency_rows(data, today), "completion")
    bars, are_areas = _bars(fw, data.score.result)
    deadline = cycle.final_deadline
    return Dashboard(
        cycle=cycle,
        framework=cycle.framework,
        today=today,
        now=now,
        verified=_standing(verified),
        result=data.score.result,
        answered=data.score.result.answered,
        verified_count=len(verified_codes & set(fw.questions)),
        questions=len(fw.questions),
        target=target,
        target_text=target_label(target),
        grade_gap=_grade_gap(fw, now.index, grade_code) if grade_code else None,
        rank_gap=_rank_gap(fw, now.index, rank_goal, standings, margin) if rank_goal else None,
        rank=standings.rank,
        regions=standings.regions,
        above=standings.above,
        below=standings.below,
        last_year=Standing(own_before.index, own_before.grade or Band("", ""), own_before.parts)
        if own_before is not None
        else None,
        last_year_rank=last_rank,
        last_year_regions=len(before),
        last_year_official=own_before is not None and not own_before.is_live,
        last_year_grade_gap=_grade_gap(fw, own_before.index, grade_code)
        if own_before is not None and grade_code
        else None,
        last_year_rank_gap=_rank_gap(fw, own_before.index, rank_goal, before_standings, margin)
        if own_before is not None and rank_goal
        else None,
        bars=bars,
        bars_are_areas=are_areas,
        trend=trend,
        agencies=[a for a in agencies if a.opd is not None],
        late_agencies=sorted(
            (a for a in agencies if a.opd is not None and a.late),
            key=lambda a: (-a.late, a.name),
        ),
        priorities=_priorities(data, owners, fixed),
        days_left=cycle.days_left(today) if cycle.is_open else None,
        data=data,
        deadline=deadline,
        decimals=fw.decimals,
    )
