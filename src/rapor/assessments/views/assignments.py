"""Penugasan: the indicator tree with an OPD, person and due date per indicator."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.orgs.permissions import can
from rapor.web.templatetags.rapor_ui import node_id

from ..access import current_cycle, get_cycle_for_user, redirect_keeping_query
from ..domain.assignments import assign_area, assignment_create
from ..domain.errors import DomainError
from ..interfaces.forms import AreaAssignForm, AssignmentForm
from ..models import Assignment
from ..queries import cycle_data, indicator_progress, is_late
from ..tree import tree


@login_required
def assignments_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "assessments:assignments", cycle.pk)


def _row(cycle, data, code, today, answered):  # type: ignore[no-untyped-def]
    fw = data.framework
    a = data.assignments.get(code)
    p = indicator_progress(fw, code, answered, data.statuses)
    return {
        "code": code,
        "name": fw.nodes[code].name,
        "a": a,
        "progress": p,
        "late": a is not None and is_late(a, p, today),
    }


@login_required
def assignments(request: HttpRequest, pk: int) -> HttpResponse:
    return _assignments_page(request, get_cycle_for_user(request, pk))


def _assignments_page(
    request: HttpRequest, cycle: Any, area_form: Any = None, status: int = 200
) -> HttpResponse:
    """The Penugasan page; after a refused area assignment, with the form as typed."""
    data = cycle_data(cycle)
    today = timezone.localdate()
    answered = data.answered
    opd = request.GET.get("opd", "")
    sections = [
        (s, rows)
        for s in tree(data.framework).sections
        if (
            rows := [
                r
                for code in s.leaves
                if (r := _row(cycle, data, code, today, answered))
                and (not opd or (r["a"] is not None and str(r["a"].opd_id) == opd))
            ]
        )
    ]
    opds = sorted({a.opd for a in data.assignments.values()}, key=lambda o: o.name)
    may_assign = can(request.user, "assign", cycle)
    return render(
        request,
        "assessments/assignments.html",
        {
            "cycle": cycle,
            "framework": cycle.framework,
            "sections": sections,
            "may_assign": may_assign,
            "area_form": area_form
            or (
                AreaAssignForm(
                    cycle=cycle,
                    narrow_url=reverse("assessments:assignments", args=[cycle.pk]),
                    # an htmx reload of the person list after choosing an agency
                    initial={"opd": opd} if request.htmx and opd else None,
                )
                if may_assign
                else None
            ),
            "late_count": sum(1 for _s, rows in sections for r in rows if r["late"]),
            "unassigned": sum(1 for _s, rows in sections for r in rows if r["a"] is None),
            "opds": opds,
            "opd": opd,
        },
        status=status,
    )


@login_required
def assignment_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """GET: the row as a form; POST: save it and return the row (htmx) or redirect."""
    cycle = get_cycle_for_user(request, pk, "assign")
    fw = cycle.framework.framework()
    if code not in fw.nodes or not fw.nodes[code].is_leaf:
        raise Http404("no such indicator")
    current = Assignment.objects.filter(cycle=cycle, indicator_code=code).first()
    initial = (
        {"opd": current.opd_id, "person": current.person_id, "due_date": current.due_date}
        if current
        else {}
    )
    if request.method == "GET" and request.GET.get("opd"):  # the agency was just chosen
        initial = {**initial, "opd": request.GET["opd"], "person": None}
    form = AssignmentForm(
        request.POST or None,
        cycle=cycle,
        initial=initial,
        auto_id=f"id_%s_{node_id(code)}",
        narrow_url=reverse("assessments:assignment_edit", args=[cycle.pk, code]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment_create(
                cycle=cycle, indicator_code=code, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if not request.htmx:
                return redirect("assessments:assignments", cycle.pk)
            data = cycle_data(cycle)
            row = _row(cycle, data, code, timezone.localdate(), data.answered)
            return render(
                request,
                "assessments/_assignment_row.html",
                {"cycle": cycle, "r": row, "may_assign": True},
            )
    return render(
        request,
        "assessments/_assignment_form.html",
        {"cycle": cycle, "form": form, "code": code, "name": fw.nodes[code].name},
    )


@login_required
@require_POST
def assignment_area(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "assign")
    form = AreaAssignForm(
        request.POST,
        cycle=cycle,
        narrow_url=reverse("assessments:assignments", args=[cycle.pk]),
    )
    if form.is_valid():
        fields = dict(form.cleaned_data)
        area = fields.pop("area")
        try:
            done = assign_area(cycle=cycle, area=area, by=request.user, **fields)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(n)d indikator ditugaskan ke %(opd)s.")
                % {"n": len(done), "opd": fields["opd"]},
            )
            return redirect("assessments:assignments", cycle.pk)
    # refused: the page again with the form as typed and what is wrong (nothing was saved)
    return _assignments_page(request, cycle, area_form=form, status=400)
