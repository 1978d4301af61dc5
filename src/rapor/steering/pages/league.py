"""Peringkat: the league table of a province for a year (what the league screen shows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404

from rapor.assessments.models import Cycle
from rapor.orgs.models import Organisation
from rapor.orgs.permissions import has_action

from ..access import visible_provinces
from ..league import League, league_table, province_of, regions_of
from ..models import PublishedResult


@dataclass
class LeaguePage:
    league: League | None
    provinces: list[Organisation]
    years: list[int]
    province_result: Any
    """The province's own published result that year (shown, not ranked)."""
    may_record: bool = False


def _int(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def league_page(
    *, user: Any, province: str | None, year: str | None, cycle: Cycle | None, today: dt.date
) -> LeaguePage:
    """The league of the chosen (or the user's own) province and year; 404 for a province the
    user may not see."""
    provinces = visible_provinces(user)
    if not provinces:
        return LeaguePage(None, [], [], None, may_record=has_action(user, "record_results"))
    wanted = _int(province)
    if wanted is not None:
        chosen = next((p for p in provinces if p.pk == wanted), None)
        if chosen is None:
            raise Http404("no such province")
    else:
        home = province_of(cycle.organisation) if cycle is not None else None
        chosen = next((p for p in provinces if home and p.pk == home.pk), provinces[0])
    regions = regions_of(chosen)
    ids = [r.pk for r in regions] + [chosen.pk]
    years = sorted(
        {
            *PublishedResult.objects.filter(organisation_id__in=ids).values_list("year", flat=True),
            *Cycle.objects.filter(organisation_id__in=ids).values_list("year", flat=True),
        },
        reverse=True,
    )
    the_year = _int(year) or (cycle.year if cycle is not None else None)
    if the_year is None:
        the_year = years[0] if years else today.year
    league = league_table(province=chosen, year=the_year, user=user)
    own_result = PublishedResult.objects.filter(organisation=chosen, year=the_year).first()
    return LeaguePage(
        league, provinces, years, own_result, may_record=has_action(user, "record_results")
    )
