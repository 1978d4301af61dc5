"""Beranda of the Pimpinan and the Tim RB: the leadership dashboard of the current cycle."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from rapor.assessments.access import (
    current_cycle,
    get_cycle_for_user,
    redirect_keeping_query,
    remember_cycle,
)

from ..pages.dashboard import dashboard_page


@login_required
def dashboard_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "steering:dashboard", cycle.pk)


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "view_dashboard")
    remember_cycle(request, cycle)
    return render_dashboard(request, cycle)


def render_dashboard(request: HttpRequest, cycle) -> HttpResponse:  # type: ignore[no-untyped-def]
    page = dashboard_page(cycle=cycle, user=request.user, today=timezone.localdate())
    return render(
        request,
        "steering/dashboard.html",
        {"page": page, "cycle": cycle, "chart": page.chart_data()},
    )
