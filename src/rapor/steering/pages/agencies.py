"""Peringkat OPD: inside one government, the agencies ranked by completion or by points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapor.assessments.models import Cycle
from rapor.assessments.queries import cycle_data

from ..agencies import AgencyRow, agency_rows, sorted_rows


@dataclass
class AgenciesPage:
    cycle: Cycle
    rows: list[AgencyRow]
    sort: str
    decimals: int


def agencies_page(*, cycle: Cycle, sort: str, today: dt.date) -> AgenciesPage:
    data = cycle_data(cycle)
    sort = sort if sort in ("completion", "points", "late") else "completion"
    rows = sorted_rows(agency_rows(data, today), sort)
    return AgenciesPage(cycle, rows, sort, data.framework.decimals)
