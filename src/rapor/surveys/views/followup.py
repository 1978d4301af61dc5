"""Tindak lanjut: suggestions and weak unsur become follow-up actions with an owner, a due date
and a status; where and when the results were published is recorded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rapor.assessments.domain.errors import DomainError
from rapor.orgs.permissions import can

from ..access import get_mpp_for_user
from ..domain.followup import followup_create, followup_update, publication_add
from ..interfaces.forms import FollowUpForm, FollowUpStatusForm, PublicationForm, form_problems
from ..models import FollowUp, Response
from ..pages.followup import followed_up, followup_page
from ..pages.results import period_options, pick_period


def _page_url(mpp_pk: int, period: str) -> str:
    return reverse("surveys:followups", args=[mpp_pk]) + f"?periode={period}"


@login_required
@require_http_methods(["GET", "POST"])
def followups(request: HttpRequest, pk: int) -> HttpResponse:
    action = "manage_survey" if request.method == "POST" else "view_survey"
    mpp = get_mpp_for_user(request, pk, action)
    period = pick_period(request.POST.get("period") or request.GET.get("periode", ""))
    may_manage = can(request.user, "manage_survey", mpp)
    initial = {"period": period.key, "source": request.GET.get("asal", FollowUp.Source.OTHER)}
    initial["unsur"] = request.GET.get("unsur", "")[:3]
    response = None
    if request.GET.get("saran", "").isdigit():
        response = Response.objects.filter(pk=request.GET["saran"], mpp=mpp).first()
        if response:
            initial.update(source=FollowUp.Source.SUGGESTION, action=response.suggestion[:300])
    form = FollowUpForm(request.POST or None, mpp=mpp, initial=initial) if may_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        saran = request.POST.get("response", "")
        response = Response.objects.filter(pk=saran, mpp=mpp).first() if saran.isdigit() else None
        try:
            item = followup_create(mpp=mpp, by=request.user, response=response, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Tindak lanjut dicatat."))
            return redirect(_page_url(mpp.pk, item.period))
    page = followup_page(mpp, period)
    return render(
        request,
        "surveys/followups.html",
        {
            "page": page,
            "form": form,
            "response": response,
            "taken": followed_up(page.followups),
            "may_manage": may_manage,
            "publication_form": PublicationForm(initial={"period": period.key})
            if may_manage
            else None,
            "status_choices": FollowUp.Status.choices,
            "period_choices": period_options(period),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def followup_status(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    mpp = get_mpp_for_user(request, pk, "manage_survey")
    followup = FollowUp.objects.filter(pk=item, mpp=mpp).first()
    if followup is None:
        raise Http404("no such follow-up")
    form = FollowUpStatusForm(request.POST, instance=FollowUp(pk=followup.pk))
    if form.is_valid():
        followup_update(
            item=followup,
            status=form.cleaned_data["status"],
            done_on=form.cleaned_data["done_on"],
            by=request.user,
        )
        messages.success(request, _("Status tindak lanjut tersimpan."))
    else:
        messages.error(request, _("Status tidak tersimpan: pilih status dari daftar."))
    return redirect(_page_url(mpp.pk, followup.period))


@login_required
@require_POST
def publication(request: HttpRequest, pk: int) -> HttpResponse:
    mpp = get_mpp_for_user(request, pk, "manage_survey")
    form = PublicationForm(request.POST)
    if form.is_valid():
        item = publication_add(mpp=mpp, by=request.user, **form.cleaned_data)
        messages.success(request, _("Publikasi dicatat."))
        return redirect(_page_url(mpp.pk, item.period))
    problems = form_problems(form)
    messages.error(request, _("Publikasi tidak tercatat: %(problems)s") % {"problems": problems})
    return redirect(_page_url(mpp.pk, request.POST.get("period", "")[:7]))
