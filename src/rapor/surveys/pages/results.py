"""What the results screen (and the printed report) shows for one period of an MPP: respondents,
NRR per unsur, IKM in both weightings, mutu and kinerja, the weakest unsur, the units side by side,
the trend, the required sample against what was collected, the respondents' profile and the
rejected submissions. A fixed number of queries, whatever the number of responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.engine.skm import SkmError, SkmResult, sample_size, weakest_unsur

from ..models import (
    AgeGroup,
    Agency,
    Counter,
    Education,
    Mpp,
    Occupation,
    Population,
    Rejection,
    Service,
    Sex,
    Weighting,
)
from ..periods import KINDS, Period, parse_period, period_of, recent_periods
from ..queries import (
    GROUPS,
    Totals,
    fold,
    monthly_totals,
    profile_counts,
    rejection_counts,
    responses_in,
    suggestions_in,
)
from ..questionnaire import QUESTIONNAIRE

TREND_LENGTH = 8
OTHER = {Weighting.EXACT: Weighting.PRINTED, Weighting.PRINTED: Weighting.EXACT}
PROFILE_LABELS: dict[str, Any] = {
    "age_group": AgeGroup,
    "sex": Sex,
    "education": Education,
    "occupation": Occupation,
}


@dataclass(frozen=True)
class UnsurRow:
    code: str
    name: Any
    nrr: Fraction | None
    answers: int
    weakest: bool

    @property
    def percent(self) -> float:
        """The NRR's place on the 1–4 scale as a share of the bar (for the page's bars)."""
        return float((self.nrr - 1) / 3 * 100) if self.nrr is not None else 0.0


@dataclass(frozen=True)
class UnitRow:
    kind: str
    pk: int
    name: str
    detail: str
    respondents: int
    result: SkmResult | None
    problem: str


@dataclass(frozen=True)
class Sample:
    population: int | None
    required: int | None
    collected: int
    source: str

    @property
    def short(self) -> int:
        return max(0, (self.required or 0) - self.collected)


@dataclass
class Summary:
    """One period of one scope (the whole MPP or a unit): the engine's result and its parts."""

    totals: Totals
    result: SkmResult | None
    problem: str
    other_ikm: Fraction | None
    unsur: list[UnsurRow] = field(default_factory=list)

    @property
    def weakest(self) -> list[UnsurRow]:
        return [row for row in self.unsur if row.weakest]


def summarise(totals: Totals, weighting: str) -> Summary:
    result = totals.score(weighting)
    other = totals.score(OTHER[Weighting(weighting)])
    if isinstance(result, SkmError):
        problem = (
            _("Belum ada responden pada periode ini.")
            if totals.respondents == 0
            else _("IKM belum dapat dihitung: belum ada jawaban untuk %(unsur)s.")
            % {"unsur": result.where}
        )
        return Summary(totals, None, problem, None, _unsur_rows(totals, None))
    return Summary(
        totals,
        result,
        "",
        other.ikm if isinstance(other, SkmResult) else None,
        _unsur_rows(totals, result),
    )


def _unsur_rows(totals: Totals, result: SkmResult | None) -> list[UnsurRow]:
    weakest = set(weakest_unsur(result.nrr)) if result else set()
    return [
        UnsurRow(
            u.code,
            u.name,
            result.nrr[u.code]
            if result
            else (
                Fraction(totals.sums[u.code], totals.counts[u.code])
                if totals.counts[u.code]
                else None
            ),
            totals.counts[u.code],
            u.code in weakest,
        )
        for u in QUESTIONNAIRE
    ]


@dataclass
class ResultsPage:
    mpp: Mpp
    period: Period
    by: str
    unit: tuple[str, int] | None
    unit_name: str
    summary: Summary
    units: list[UnitRow]
    trend: list[tuple[Period, Totals, SkmResult | None]]
    sample: Sample
    profile: list[tuple[str, list[tuple[str, int]]]]
    rejections: list[tuple[str, int]]
    suggestions: int
    period_choices: list[tuple[str, str]]

    @property
    def trend_data(self) -> dict[str, Any]:
        """The chart's data island (read by surveys/results.js): labels, IKM, respondents."""
        return {
            "labels": [p.short for p, _t, _r in self.trend],
            "ikm": [float(r.ikm) if r else None for _p, _t, r in self.trend],
            "respondents": [t.respondents for _p, t, _r in self.trend],
            "label_ikm": _("IKM"),
            "label_n": _("Responden"),
        }

    @property
    def rejected_total(self) -> int:
        return sum(n for _r, n in self.rejections)


def current_period(kind: str = "quarter") -> Period:
    return period_of(timezone.localdate(), kind)


def pick_period(key: str) -> Period:
    try:
        return parse_period(key)
    except ValueError:
        return current_period()


def results_page(*, mpp: Mpp, period: Period, by: str, unit: tuple[str, int] | None) -> ResultsPage:
    weighting = mpp.weighting
    start, end = period.bounds()
    periods = recent_periods(period.kind, period.start, TREND_LENGTH)
    scope = responses_in(mpp, periods[0].bounds()[0], end, unit)
    folded = fold(monthly_totals(scope), periods)  # one query: the trend and the period itself
    trend = []
    for p in periods:
        totals = folded.get((None, p.key), Totals())
        scored = totals.score(weighting)
        trend.append((p, totals, scored if isinstance(scored, SkmResult) else None))
    summary = summarise(folded.get((None, period.key), Totals()), weighting)
    in_period = responses_in(mpp, start, end, unit)
    by = by if by in GROUPS else "agency"
    return ResultsPage(
        mpp=mpp,
        period=period,
        by=by,
        unit=unit,
        unit_name=_unit_name(mpp, unit),
        summary=summary,
        units=_units(mpp, period, by, in_period, weighting),
        trend=trend,
        sample=_sample(mpp, period, summary.totals.respondents),
        profile=_profile(in_period),
        rejections=[
            (str(Rejection.Reason(r).label), n)
            for r, n in sorted(rejection_counts(mpp, period).items())
            if r in Rejection.Reason.values
        ],
        suggestions=suggestions_in(in_period).count(),
        period_choices=period_options(period),
    )


def period_options(period: Period) -> list[tuple[str, str]]:
    from ..interfaces.forms import period_choices

    choices = period_choices()
    if period.key not in dict(choices):
        choices.insert(0, (period.key, period.label))
    return choices


def _unit_name(mpp: Mpp, unit: tuple[str, int] | None) -> str:
    if unit is None:
        return _("seluruh MPP")
    model = {"agency": Agency, "counter": Counter, "service": Service}[unit[0]]
    qs = (
        Service.objects.filter(counter__mpp=mpp)
        if unit[0] == "service"
        else model.objects.filter(mpp=mpp)
    )
    obj = qs.filter(pk=unit[1]).first()
    return str(obj) if obj else "?"


def _units(mpp: Mpp, period: Period, by: str, qs: Any, weighting: str) -> list[UnitRow]:
    folded = fold(monthly_totals(qs, by), [period])  # type: ignore[arg-type]
    if by == "agency":
        items = [
            (a.pk, a.label, a.name if a.name != a.label else "")
            for a in Agency.objects.filter(mpp=mpp)
        ]
    elif by == "counter":
        items = [
            (c.pk, c.name, c.agency.label)
            for c in Counter.objects.filter(mpp=mpp).select_related("agency")
        ]
    else:
        items = [
            (s.pk, s.name, f"{s.counter.name} · {s.counter.agency.label}")
            for s in Service.objects.filter(counter__mpp=mpp).select_related("counter__agency")
        ]
    rows = []
    for pk, name, detail in items:
        totals = folded.get((pk, period.key), Totals())
        scored = totals.score(weighting)
        result = scored if isinstance(scored, SkmResult) else None
        problem = (
            ""
            if result
            else (
                _("belum ada responden")
                if totals.respondents == 0
                else _("ada unsur belum dijawab")
            )
        )
        rows.append(UnitRow(by, pk, name, detail, totals.respondents, result, problem))
    return sorted(rows, key=lambda r: (r.result is None, r.result.ikm if r.result else 0, r.name))


def _sample(mpp: Mpp, period: Period, collected: int) -> Sample:
    row = Population.objects.filter(mpp=mpp, period=period.key).first()
    if row is None:
        return Sample(None, None, collected, "")
    return Sample(row.population, sample_size(row.population), collected, row.source)


def _profile(qs: Any) -> list[tuple[str, list[tuple[str, int]]]]:
    counts = profile_counts(qs)
    out = []
    for name, choices in PROFILE_LABELS.items():
        field_label = str(qs.model._meta.get_field(name).verbose_name)
        rows = [(str(label), counts[name].get(code, 0)) for code, label in choices.choices]
        rows.append((_("tidak diisi"), counts[name].get("", 0)))
        out.append((field_label, rows))
    return out


def kind_label(period: Period) -> str:
    return str(KINDS[period.kind][1])
