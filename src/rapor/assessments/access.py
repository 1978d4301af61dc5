"""Access helpers for views and the API: fetch an object the user may act on, or 404/403.

A user who may not even see a cycle gets 404 (its existence is not revealed); one who may see it
but not do the action gets 403. Every view of this app goes through these helpers.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from rapor.orgs.permissions import can, memberships

from .models import Assignment, Cycle


def cycles_qs() -> QuerySet[Cycle]:
    """Cycles with what every page needs, the framework text deferred (read once per process)."""
    return Cycle.objects.select_related("organisation", "framework").defer("framework__yaml_text")


def require(user: Any, action: str, obj: Any) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(action)


def get_cycle_for_user(request: HttpRequest, pk: int, action: str = "view_cycle") -> Cycle:
    """The cycle ``pk`` if the user may see it (else 404) and do ``action`` on it (else 403)."""
    cycle = cycles_qs().filter(pk=pk).first()
    if cycle is None or not can(request.user, "view_cycle", cycle):
        raise Http404("no such cycle")
    if action != "view_cycle":
        require(request.user, action, cycle)
    return cycle


def answer_target(cycle: Cycle, indicator_code: str) -> Any:
    """What a save of a question under ``indicator_code`` is checked against: its assignment
    (so an OPD may only answer its own indicators), or the cycle when nobody is assigned."""
    assignment = Assignment.objects.filter(cycle=cycle, indicator_code=indicator_code).first()
    if assignment is None:
        return cycle
    assignment.cycle = cycle  # already loaded, with its organisation
    return assignment


def cycles_for_user(user: Any) -> list[Cycle]:
    """Every cycle the user may see, newest first (one query plus the memberships)."""
    ms = memberships(user)
    if not ms:
        return []
    qs = cycles_qs()
    if not any(m.role == "admin" for m in ms):
        q = Q(pk__in=[])
        for m in ms:
            q |= Q(organisation__path__startswith=m.organisation.path) | Q(
                organisation_id=m.organisation.pemda_id
            )
        qs = qs.filter(q)
    return [c for c in qs if can(user, "view_cycle", c)]


def remember_cycle(request: HttpRequest, cycle: Cycle) -> None:
    """Make ``cycle`` the one the user works in. Written only when it changes: an assignment
    marks the session modified, and saving it on every page view is a database write per read
    (on SQLite, a turn at the one write lock)."""
    if request.session.get("cycle_id") != cycle.pk:
        request.session["cycle_id"] = cycle.pk


def current_cycle(request: HttpRequest) -> Cycle | None:
    """The cycle the user works in: the one chosen in the session, else the newest open one."""
    if hasattr(request, "_rapor_cycle"):
        return request._rapor_cycle  # type: ignore[no-any-return]
    request._rapor_cycle = _current_cycle(request)  # type: ignore[attr-defined]
    return request._rapor_cycle  # type: ignore[attr-defined]


def _current_cycle(request: HttpRequest) -> Cycle | None:
    cycles = cycles_for_user(request.user)
    chosen = request.session.get("cycle_id")
    for c in cycles:
        if c.pk == chosen:
            return c
    open_cycles = [c for c in cycles if c.is_open]
    return (open_cycles or cycles or [None])[0]


def redirect_keeping_query(request: HttpRequest, name: str, *args: Any) -> HttpResponse:
    """Redirect to a named page with the request's query string (``/reviu/?opd=11`` keeps
    its filter on the way to the current cycle's queue)."""
    from django.shortcuts import redirect
    from django.urls import reverse

    url = reverse(name, args=args)
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)
