"""Survey results read in the database: sums and counts per unsur, per month, per unit.

How this works: one aggregate query groups the responses of an MPP by month (in Asia/Jakarta) and,
if asked, by agency, counter or service, and returns for each group the number of respondents and,
per unsur, the sum and the number of answers. Every period is a run of months, so a quarter, a
half-year, a year and a trend over several periods are sums of those rows, made in Python. The
number of queries does not grow with the number of responses; the rows grow with months × units.
The IKM itself is computed by the engine (``rapor.engine.skm.skm_from_totals``), from the totals.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from rapor.engine.skm import CODES, SkmError, SkmResult, skm_from_totals

from .models import UNSUR_FIELDS, Mpp, Rejection, Response
from .periods import Period

GROUPS = {"agency": "agency_id", "counter": "counter_id", "service": "service_id"}


@dataclass
class Totals:
    respondents: int = 0
    sums: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CODES, 0))
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CODES, 0))

    def add(self, other: Totals) -> None:
        self.respondents += other.respondents
        for code in CODES:
            self.sums[code] += other.sums[code]
            self.counts[code] += other.counts[code]

    def score(self, weighting: str) -> SkmResult | SkmError:
        """The engine's result, or the engine's reason why there is none (no respondent, an
        unsur nobody answered): a page shows the reason instead of a number."""
        try:
            return skm_from_totals(
                self.sums,
                self.counts,
                self.respondents,
                weight=weighting,  # type: ignore[arg-type]
            )
        except SkmError as exc:
            return exc


def _aggregates() -> dict[str, Any]:
    out: dict[str, Any] = {"n": Count("pk")}
    for f in UNSUR_FIELDS:
        out[f"s_{f}"] = Sum(f)
        out[f"c_{f}"] = Count(f)
    return out


def _totals(row: dict[str, Any]) -> Totals:
    t = Totals(respondents=row["n"])
    for f, code in zip(UNSUR_FIELDS, CODES, strict=True):
        t.sums[code] = row[f"s_{f}"] or 0
        t.counts[code] = row[f"c_{f}"] or 0
    return t


def responses_in(
    mpp: Mpp, start: dt.datetime, end: dt.datetime, unit: tuple[str, int] | None = None
) -> QuerySet[Response]:
    qs = Response.objects.filter(mpp=mpp, submitted_at__gte=start, submitted_at__lt=end)
    if unit is not None and unit[0] in GROUPS:
        qs = qs.filter(**{GROUPS[unit[0]]: unit[1]})
    return qs


def monthly_totals(
    qs: QuerySet[Response], group: Literal["agency", "counter", "service"] | None = None
) -> dict[tuple[int | None, tuple[int, int]], Totals]:
    """{(unit id or None, (year, month)): Totals} in one query."""
    keys = ["month"] + ([GROUPS[group]] if group else [])
    rows = (
        qs.order_by()
        .annotate(month=TruncMonth("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values(*keys)
        .annotate(**_aggregates())
    )
    out: dict[tuple[int | None, tuple[int, int]], Totals] = {}
    for row in rows:
        month = row["month"]
        unit = row[GROUPS[group]] if group else None
        out[(unit, (month.year, month.month))] = _totals(row)
    return out


def fold(
    monthly: dict[tuple[int | None, tuple[int, int]], Totals], periods: Iterable[Period]
) -> dict[tuple[int | None, str], Totals]:
    """Sum monthly totals into {(unit, period key): Totals}."""
    where = {month: p.key for p in periods for month in p.month_keys()}
    out: dict[tuple[int | None, str], Totals] = defaultdict(Totals)
    for (unit, month), totals in monthly.items():
        if month in where:
            out[(unit, where[month])].add(totals)
    return dict(out)


def period_totals(
    mpp: Mpp,
    period: Period,
    unit: tuple[str, int] | None = None,
    *,
    until: dt.datetime | None = None,
) -> Totals:
    """The totals of one period (of the whole MPP or one unit), optionally up to a moment."""
    start, end = period.bounds()
    if until is not None:
        end = min(end, until)
    row = responses_in(mpp, start, end, unit).aggregate(**_aggregates())
    return _totals(row)


def profile_counts(qs: QuerySet[Response]) -> dict[str, dict[str, int]]:
    """{field: {code: respondents}} for the respondent fields, in one query."""
    fields = ("age_group", "sex", "education", "occupation")
    out: dict[str, dict[str, int]] = {f: defaultdict(int) for f in fields}
    for row in qs.order_by().values(*fields).annotate(n=Count("pk")):
        for f in fields:
            out[f][row[f]] += row["n"]
    return {f: dict(v) for f, v in out.items()}


def rejection_counts(mpp: Mpp, period: Period) -> dict[str, int]:
    rows = (
        Rejection.objects.filter(mpp_key=mpp.pk, day__gte=period.start, day__lt=period.end)
        .values("reason")
        .annotate(n=Sum("hits"))
    )
    return {r["reason"]: r["n"] for r in rows}


def suggestions_in(qs: QuerySet[Response]) -> QuerySet[Response]:
    return qs.exclude(Q(suggestion="")).order_by("-submitted_at")
