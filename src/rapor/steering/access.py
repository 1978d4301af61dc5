"""Who may see and change what in steering, through the permission tables (orgs.permissions).

A league table and published results belong to a province: ``view_league`` and
``record_results`` reach every region of the membership's province (PROVINCE_WIDE_ACTIONS).
Cycle-bound screens (agencies, planner, what-if, dashboard) go through
``assessments.access.get_cycle_for_user`` with their own action.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from rapor.orgs.models import PEMDA_KINDS, Organisation
from rapor.orgs.permissions import can, has_action

from .models import PublishedResult


def pemdas() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind__in=PEMDA_KINDS).order_by("path")


def recordable_regions(user: Any) -> list[Organisation]:
    """The Pemdas whose published results the user may record (one query)."""
    if not has_action(user, "record_results"):
        return []
    return [o for o in pemdas() if can(user, "record_results", o)]


def visible_provinces(user: Any) -> list[Organisation]:
    """The provinces whose league table the user may see (one query)."""
    if not has_action(user, "view_league"):
        return []
    provinces = Organisation.objects.filter(kind=Organisation.Kind.PROVINCE).order_by("name")
    return [p for p in provinces if can(user, "view_league", p)]


def get_result_for_user(user: Any, pk: int) -> PublishedResult:
    """A published result the user may change (404 if unknown, 403 if out of their reach)."""
    result = PublishedResult.objects.select_related("organisation").filter(pk=pk).first()
    if result is None:
        raise Http404("no such result")
    if not can(user, "record_results", result.organisation):
        raise PermissionDenied("record_results")
    return result
