"""Simulasi (what-if): a sandbox over the stored answers; the real answers never change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.assessments.access import (
    current_cycle,
    get_cycle_for_user,
    redirect_keeping_query,
)
from rapor.assessments.tree import tree

from ..domain.whatif import SandboxErrors, sandbox_load_plan, sandbox_reset, sandbox_set
from ..models import SavedPlan
from ..pages.whatif import whatif_page


@login_required
def whatif_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "steering:whatif", cycle.pk)


def _back(cycle, section: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    url = reverse("steering:whatif", args=[cycle.pk])
    return redirect(url + (f"?bagian={section}" if section else ""))


@login_required
def whatif(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "simulate")
    page = whatif_page(cycle=cycle, user=request.user, section=request.GET.get("bagian", ""))
    return render(request, "steering/whatif.html", {"page": page, "cycle": cycle})


@login_required
@require_POST
def whatif_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Lay the section's values (as typed) over the sandbox; answer with the page again."""
    cycle = get_cycle_for_user(request, pk, "simulate")
    fw = cycle.framework.framework()
    section = request.POST.get("bagian", "")
    chosen = next((s for s in tree(fw).sections if s.code == section), None)
    if chosen is None:
        raise Http404("no such section")
    codes = [q.code for leaf in chosen.leaves for q in fw.nodes[leaf].questions]
    values = {c: request.POST.get(f"v-{c}", "")[:60] for c in codes if f"v-{c}" in request.POST}
    try:
        sandbox_set(cycle=cycle, owner=request.user, values=values)
    except SandboxErrors as error:
        page = whatif_page(
            cycle=cycle, user=request.user, section=section, problems=error.problems, typed=values
        )
        status = 200 if request.htmx else 400  # htmx swaps only 2xx answers
        return render(
            request, "steering/whatif.html", {"page": page, "cycle": cycle}, status=status
        )
    if not request.htmx:
        return _back(cycle, section)
    page = whatif_page(cycle=cycle, user=request.user, section=section)
    return render(request, "steering/whatif.html", {"page": page, "cycle": cycle})


@login_required
@require_POST
def whatif_plan(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "simulate")
    plan = SavedPlan.objects.filter(cycle=cycle, pk=request.POST.get("plan") or 0).first()
    if plan is None:
        raise Http404("no such plan")
    sandbox_load_plan(cycle=cycle, owner=request.user, plan=plan)
    messages.success(
        request,
        _("Simulasi dimulai dari jawaban tersimpan ditambah %(n)d perubahan rencana.")
        % {"n": len(plan.result["changes"])},
    )
    return _back(cycle, "")


@login_required
@require_POST
def whatif_reset(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "simulate")
    sandbox_reset(cycle=cycle, owner=request.user)
    messages.info(request, _("Simulasi dikosongkan: sama dengan jawaban tersimpan."))
    return _back(cycle, request.POST.get("bagian", ""))
