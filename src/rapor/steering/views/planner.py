"""Rencana: set the target, record efforts, make a plan (the engine's exact least-effort plan),
read a saved plan grouped by agency, and turn it into assignments with due dates."""

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
    require,
)
from rapor.assessments.domain.answers import canonical_value
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.tree import tree

from ..domain.plans import efforts_save, plan_apply, plan_make, target_set
from ..interfaces.efforts_form import parse_efforts_post
from ..interfaces.forms import PlanApplyForm, TargetForm
from ..league import peers_for
from ..models import SavedPlan
from ..pages.planner import efforts_page, plan_page, planner_page


@login_required
def planner_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect_keeping_query(request, "steering:planner", cycle.pk)


@login_required
def planner(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: target, peers, saved plans; POST: set the target."""
    cycle = get_cycle_for_user(request, pk, "view_dashboard")
    if request.method != "POST":
        page = planner_page(cycle=cycle, user=request.user)
        return render(request, "steering/planner.html", {"page": page, "cycle": cycle})
    require(request.user, "plan", cycle)
    fw = cycle.framework.framework()
    form = TargetForm(request.POST, bands=fw.grading.bands)
    if not form.is_valid():
        page = planner_page(cycle=cycle, user=request.user, form=form)
        return render(request, "steering/planner.html", {"page": page, "cycle": cycle}, status=400)
    target_set(cycle=cycle, by=request.user, **form.cleaned_data)
    messages.success(
        request, _("Target disimpan. Buat rencana untuk melihat apa yang perlu dikerjakan.")
    )
    return redirect("steering:planner", cycle.pk)


@login_required
@require_POST
def plan_make_view(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "plan")
    try:
        plan = plan_make(cycle=cycle, by=request.user, peers=peers_for(cycle, request.user))
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("steering:planner", cycle.pk)
    return redirect("steering:plan", cycle.pk, plan.pk)


def _plan_or_404(cycle, plan_pk: int) -> SavedPlan:  # type: ignore[no-untyped-def]
    plan = SavedPlan.objects.filter(cycle=cycle, pk=plan_pk).select_related("created_by").first()
    if plan is None:
        raise Http404("no such plan")
    return plan


@login_required
def plan_detail(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "view_dashboard")
    page = plan_page(cycle=cycle, plan=_plan_or_404(cycle, plan_pk), user=request.user)
    return render(request, "steering/plan.html", {"page": page, "cycle": cycle})


@login_required
@require_POST
def plan_apply_view(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk, "plan")
    require(request.user, "assign", cycle)
    plan = _plan_or_404(cycle, plan_pk)
    form = PlanApplyForm(request.POST)
    if not form.is_valid():
        page = plan_page(cycle=cycle, plan=plan, user=request.user, apply_form=form)
        return render(request, "steering/plan.html", {"page": page, "cycle": cycle}, status=400)
    done = plan_apply(plan=plan, due_date=form.cleaned_data["due_date"], by=request.user)
    messages.success(
        request,
        _(
            "Rencana dijadikan penugasan: %(new)d indikator baru ditugaskan, %(dated)d dimajukan "
            "tenggatnya, %(kept)d sudah bertenggat lebih awal."
        )
        % {"new": len(done.assigned), "dated": len(done.dated), "kept": len(done.kept)},
    )
    if done.without_owner:
        messages.warning(
            request,
            _("Belum ada OPD untuk %(codes)s: tugaskan di Penugasan.")
            % {"codes": ", ".join(done.without_owner)},
        )
    return redirect("steering:plan", cycle.pk, plan.pk)


@login_required
def efforts(request: HttpRequest, pk: int) -> HttpResponse:
    """The efforts table, one section at a time; POST saves that section's rows."""
    cycle = get_cycle_for_user(request, pk, "plan")
    section = request.GET.get("bagian", "") or request.POST.get("bagian", "")
    if request.method != "POST":
        page = efforts_page(cycle=cycle, section=section)
        return render(request, "steering/efforts.html", {"page": page, "cycle": cycle})
    fw = cycle.framework.framework()
    chosen = next((s for s in tree(fw).sections if s.code == section), None)
    if chosen is None:
        raise Http404("no such section")
    questions = [q for leaf in chosen.leaves for q in fw.nodes[leaf].questions]

    def check(code: str, text: str) -> None:
        try:
            canonical_value(cycle, code, text)
        except DomainError as error:
            raise ValueError(str(error)) from None

    entries, problems = parse_efforts_post(request.POST, questions, check)
    if problems:
        posted = {**request.POST.dict(), "problems": problems}
        page = efforts_page(cycle=cycle, section=chosen.code, posted=posted)
        return render(request, "steering/efforts.html", {"page": page, "cycle": cycle}, status=400)
    efforts_save(cycle=cycle, entries=entries, by=request.user)
    messages.success(request, _("Upaya bagian %(s)s disimpan.") % {"s": chosen.label})
    return redirect(reverse("steering:efforts", args=[cycle.pk]) + f"?bagian={chosen.code}")
