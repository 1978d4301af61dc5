"""Survey periods: a quarter, a half-year or a year, written as a key (``2026-Q3``, ``2026-H2``,
``2026``). Every period is a run of whole months, so results are summed from monthly totals.

Dates are local dates of the deployment's time zone (Asia/Jakarta): a response given at 00:30 WIB
on 1 October belongs to the fourth quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KINDS: dict[str, tuple[int, Any]] = {
    # kind: (months per period, label of the kind)
    "quarter": (3, gettext_lazy("triwulan")),
    "half": (6, gettext_lazy("semester")),
    "year": (12, gettext_lazy("tahun")),
}
_KEY = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QH])(?P<n>[1-4]))?$")
ROMAN = ("", "I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    n: int

    @property
    def months(self) -> int:
        return KINDS[self.kind][0]

    @property
    def key(self) -> str:
        if self.kind == "year":
            return f"{self.year}"
        return f"{self.year}-{'Q' if self.kind == 'quarter' else 'H'}{self.n}"

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return _("Triwulan %(n)s %(year)s") % {"n": ROMAN[self.n], "year": self.year}
        if self.kind == "half":
            return _("Semester %(n)s %(year)s") % {"n": ROMAN[self.n], "year": self.year}
        return _("Tahun %(year)s") % {"year": self.year}

    @property
    def short(self) -> str:
        """A short label for chart axes: ``III/2026``, ``S2/2026``, ``2026``."""
        if self.kind == "quarter":
            return f"{ROMAN[self.n]}/{self.year}"
        if self.kind == "half":
            return f"S{self.n}/{self.year}"
        return str(self.year)

    @property
    def first_month(self) -> int:
        return (self.n - 1) * self.months + 1

    def month_keys(self) -> list[tuple[int, int]]:
        """(year, month) of every month of the period."""
        return [(self.year, m) for m in range(self.first_month, self.first_month + self.months)]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        month = self.first_month + self.months
        return dt.date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware datetimes in the current time zone."""
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end, dt.time.min, tzinfo=tz)
        return start, end

    def previous(self) -> Period:
        if self.kind == "year":
            return Period(self.year - 1, "year", 1)
        count = 12 // self.months
        return (
            Period(self.year, self.kind, self.n - 1)
            if self.n > 1
            else Period(self.year - 1, self.kind, count)
        )

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end


def parse_period(key: str) -> Period:
    """The period of a key; ValueError for anything else."""
    match = _KEY.match((key or "").strip().upper())
    if not match:
        raise ValueError(f"not a period: {key!r}")
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        raise ValueError(f"not a period: {key!r}")
    if match["kind"] is None:
        return Period(year, "year", 1)
    n = int(match["n"])
    if match["kind"] == "H" and n > 2:
        raise ValueError(f"not a period: {key!r}")
    return Period(year, "quarter" if match["kind"] == "Q" else "half", n)


def period_of(day: dt.date, kind: str) -> Period:
    """The period of ``kind`` that contains ``day``."""
    months = KINDS[kind][0]
    return Period(day.year, kind, (day.month - 1) // months + 1)


def recent_periods(kind: str, until: dt.date, count: int) -> list[Period]:
    """``count`` periods of ``kind`` ending with the one that contains ``until``, oldest first."""
    periods = [period_of(until, kind)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]
