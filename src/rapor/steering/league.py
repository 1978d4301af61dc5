"""League tables: the regions of a province ranked by index for a year, with last year's ranks.

How this works: a region's figure for a year comes from one of two places. A ``PublishedResult``
(the official figure, with its source) wins; otherwise the region's live RB cycle of that year,
scored through the one scoring path (``assessments.domain.scoring``). A live cycle counts only
where the viewer may see its figure: their own Pemda's cycle in any stage (they see its answers
anyway), another Pemda's only once it is submitted or closed, never a draft. A league table shows
a region's index, grade and (where known) General and Tematik, never its answers.

Ranks are competition ranks on the displayed index (2 decimals): ties share a rank and the next
rank is skipped (1, 2, 2, 4). Movement compares with the ranks of the year before.
Queries: a fixed number per call whatever the number of regions (regions, published results,
cycles, and the answers of the cycles that are scored), for the year and the year before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

from django.db.models import Q

from rapor.assessments.access import cycles_qs
from rapor.assessments.domain.scoring import cycle_score, linked_values_many
from rapor.assessments.models import Answer, Cycle
from rapor.engine import round_half_up
from rapor.orgs.models import Organisation
from rapor.orgs.permissions import can, memberships

from .breakdown import Breakdown, breakdown
from .models import PublishedResult

REGION_KINDS = ("kabupaten", "kota")
FINAL_STAGES = frozenset({"submitted", "closed"})
# Which cycles rank in the RB league: frameworks whose id starts so (SAKIP, SPBE … do not).
LEAGUE_FRAMEWORK_PREFIXES = ("rb-",)
DECIMALS = 2
# Labels of the grades of published results (the RB bands; a framework's own labels are used
# for live cycles).
GRADE_LABELS = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "A-": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup",
    "C": "Kurang",
    "D": "Sangat Kurang",
}


@dataclass(frozen=True)
class Band:
    """A grade as the templates' ``grade_badge`` reads it."""

    code: str
    label: str


@dataclass(frozen=True)
class Figure:
    region_id: int
    year: int
    index: Fraction
    """The displayed index (rounded half up to 2 decimals)."""
    grade: Band | None
    source: str
    """``published`` or ``live``."""
    source_text: str
    """The published source, or the live cycle's stage."""
    parts: Breakdown | None = None
    cycle: Cycle | None = None
    exact_index: Fraction | None = None

    @property
    def is_live(self) -> bool:
        return self.source == "live"


@dataclass
class LeagueRow:
    region: Organisation
    figure: Figure | None
    rank: int | None = None
    last: Figure | None = None
    last_rank: int | None = None
    is_own: bool = False
    may_open: bool = False
    """The viewer may open the region's cycle (its dashboard or workspace)."""

    @property
    def movement(self) -> int | None:
        """Places gained since last year (negative: lost)."""
        if self.rank is None or self.last_rank is None:
            return None
        return self.last_rank - self.rank

    @property
    def places(self) -> int:
        return abs(self.movement or 0)


@dataclass
class League:
    province: Organisation
    year: int
    rows: list[LeagueRow]
    """Ranked regions first (best first), then regions without a figure."""
    ranked: int = 0
    own_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def own(self) -> LeagueRow | None:
        return next((r for r in self.rows if r.is_own), None)

    def neighbours(self, region_id: int) -> tuple[LeagueRow | None, LeagueRow | None]:
        """The ranked rows just above and just below a region."""
        ranked = [r for r in self.rows if r.rank is not None]
        for i, row in enumerate(ranked):
            if row.region.pk == region_id:
                above = ranked[i - 1] if i > 0 else None
                below = ranked[i + 1] if i + 1 < len(ranked) else None
                return above, below
        return None, None


def shown(value: Fraction) -> Fraction:
    return round_half_up(value, DECIMALS)


def competition_ranks(values: Sequence[Fraction]) -> list[int]:
    """1 + the number of values strictly higher: ties share a rank (1, 2, 2, 4)."""
    ordered = sorted(values, reverse=True)
    first: dict[Fraction, int] = {}
    for i, v in enumerate(ordered):
        first.setdefault(v, i + 1)
    return [first[v] for v in values]


def regions_of(province: Organisation) -> list[Organisation]:
    """The kabupaten and kota of a province (one query)."""
    return list(
        Organisation.objects.filter(path__startswith=province.path, kind__in=REGION_KINDS).order_by(
            "name"
        )
    )


def is_league_cycle(cycle: Cycle) -> bool:
    return cycle.framework.framework_id.startswith(LEAGUE_FRAMEWORK_PREFIXES)


def figure_visible(user: Any, cycle: Cycle) -> bool:
    """May ``user`` see this live cycle's index in a league table (see the module docstring)?"""
    return cycle.stage in FINAL_STAGES or can(user, "view_cycle", cycle)


def _published(p: PublishedResult) -> Figure:
    index = Fraction(p.index)
    code = p.grade.strip().upper()
    return Figure(
        region_id=p.organisation_id,
        year=p.year,
        index=shown(index),
        grade=Band(code, GRADE_LABELS.get(code, "")) if code else None,
        source="published",
        source_text=p.source,
        parts=Breakdown.published(p),
        exact_index=index,
    )


def _live(cycle: Cycle, score: Any) -> Figure:
    band = score.result.grade
    return Figure(
        region_id=cycle.organisation_id,
        year=cycle.year,
        index=shown(score.result.index),
        grade=Band(band.code, band.label),
        source="live",
        source_text=str(cycle.get_stage_display()),
        parts=breakdown(score),
        cycle=cycle,
        exact_index=score.result.index,
    )


class _Row(NamedTuple):
    question_code: str
    level: str
    value: str


def figures(
    regions: Iterable[Organisation], *, year: int, user: Any, latest: bool = False
) -> dict[int, Figure]:
    """Each region's figure for ``year`` (or, with ``latest``, the latest known up to it).

    At equal years a published result wins over a live cycle. Four queries at most.
    """
    ids = [r.pk for r in regions]
    years = Q(year__lte=year) if latest else Q(year=year)
    published: dict[int, PublishedResult] = {}
    for p in PublishedResult.objects.filter(years, organisation_id__in=ids).order_by("year"):
        published[p.organisation_id] = p
    live: dict[int, Cycle] = {}
    for c in cycles_qs().filter(years, organisation_id__in=ids).order_by("year", "pk"):
        if is_league_cycle(c) and figure_visible(user, c):
            live[c.organisation_id] = c
    out: dict[int, Figure] = {}
    to_score: list[Cycle] = []
    for rid in ids:
        p, c = published.get(rid), live.get(rid)
        if p is not None and (c is None or p.year >= c.year):
            out[rid] = _published(p)
        elif c is not None:
            to_score.append(c)
    rows: dict[int, list[_Row]] = defaultdict(list)
    if to_score:  # plain tuples: a league reads thousands of answers, not model instances
        for cid, code, level, value in Answer.objects.filter(cycle__in=to_score).values_list(
            "cycle_id", "question_code", "level", "value"
        ):
            rows[cid].append(_Row(code, level, value))
    linked = linked_values_many(to_score) if to_score else {}
    for c in to_score:
        score = cycle_score(c, answers=rows[c.pk], explain=False, linked=linked[c.pk])
        out[c.organisation_id] = _live(c, score)
    return out


def _own_pemda_ids(user: Any) -> frozenset[int]:
    return frozenset(m.organisation.pemda_id for m in memberships(user) if m.organisation.pemda_id)


def _ranked(regions: list[Organisation], found: dict[int, Figure]) -> dict[int, int]:
    with_figure = [r for r in regions if r.pk in found]
    ranks = competition_ranks([found[r.pk].index for r in with_figure])
    return {r.pk: rank for r, rank in zip(with_figure, ranks, strict=True)}


def league_table(*, province: Organisation, year: int, user: Any) -> League:
    """The province's regions ranked for ``year``, with last year's ranks and movement."""
    regions = regions_of(province)
    now = figures(regions, year=year, user=user)
    before = figures(regions, year=year - 1, user=user)
    ranks, last_ranks = _ranked(regions, now), _ranked(regions, before)
    own = _own_pemda_ids(user)
    rows = [
        LeagueRow(
            region=r,
            figure=now.get(r.pk),
            rank=ranks.get(r.pk),
            last=before.get(r.pk),
            last_rank=last_ranks.get(r.pk),
            is_own=r.pk in own,
            may_open=r.pk in own and now.get(r.pk) is not None and now[r.pk].cycle is not None,
        )
        for r in regions
    ]
    rows.sort(key=lambda row: (row.rank is None, row.rank or 0, row.region.name))
    return League(province, year, rows, ranked=len(ranks), own_ids=own)


@dataclass(frozen=True)
class PeerFigure:
    """A peer of a rank target: another region's latest known figure up to a year."""

    region: Organisation
    figure: Figure


def peers_for(cycle: Cycle, user: Any) -> list[PeerFigure]:
    """The other regions of the cycle's province with their figure of the cycle's year, or the
    latest known before it (published results and live cycles the user may see)."""
    province = province_of(cycle.organisation)
    if province is None:
        return []
    regions = [r for r in regions_of(province) if r.pk != cycle.organisation_id]
    found = figures(regions, year=cycle.year, user=user, latest=True)
    return [PeerFigure(r, found[r.pk]) for r in regions if r.pk in found]


def province_of(org: Organisation) -> Organisation | None:
    """The province a region lies in (None for a region outside any province)."""
    if org.kind == Organisation.Kind.PROVINCE:
        return org
    ids = [int(x) for x in org.path.strip("/").split("/") if x]
    if not ids:
        return None
    top = Organisation.objects.filter(pk=ids[0], kind=Organisation.Kind.PROVINCE).first()
    return top
