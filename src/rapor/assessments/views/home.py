"""Beranda (what needs me today) and Tugas Saya (my work)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..access import current_cycle
from ..mywork import work_items, work_summary
from ..queries import cycle_data


@login_required
def home(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    today = timezone.localdate()
    items = work_items(request.user, today=today, cycle=cycle)
    context = {"cycle": cycle, "summary": work_summary(items, today), "today": today}
    if cycle is not None:
        data = cycle_data(cycle)
        context.update(
            score=data.score,
            framework=cycle.framework,
            days_left=cycle.days_left(today),
            days_late=-(cycle.days_left(today) or 0),
            window=cycle.window(),
        )
    return render(request, "assessments/home.html", context)


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = work_items(request.user, today=today)
    show = request.GET.get("show", "")
    shown = (
        [i for i in items if getattr(i, show)]
        if show in ("late", "returned", "due_soon")
        else items
    )
    return render(
        request,
        "assessments/my_work.html",
        {"items": shown, "summary": work_summary(items, today), "show": show, "today": today},
    )
