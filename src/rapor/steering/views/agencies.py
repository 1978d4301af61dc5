"""Peringkat OPD: the agencies of one government ranked by completion or by points."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from rapor.assessments.access import (
    current_cycle,
    get_cycle_for_user,
    redirect_keeping_query,
)

from ..pages.agencies import agencies_page


@login_required
def agencies_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "steering:agencies", cycle.pk)


@login_required
def agencies(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    page = agencies_page(cycle=cycle, sort=request.GET.get("urut", ""), today=timezone.localdate())
    return render(request, "steering/agencies.html", {"page": page, "cycle": cycle})
