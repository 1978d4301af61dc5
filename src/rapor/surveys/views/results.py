"""Hasil SKM: results of a period (per unit, with trend and sample), the population N, the
printed report and the raw responses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.orgs.permissions import can
from rapor.web.csvexport import csv_response

from ..access import get_mpp_for_user
from ..domain.followup import population_set
from ..interfaces.exports import response_rows, responses_header
from ..interfaces.forms import PopulationForm, form_problems
from ..pages.links import link_candidates
from ..pages.report import report_pdf
from ..pages.results import pick_period, results_page
from ..queries import GROUPS, responses_in


def _unit(request: HttpRequest) -> tuple[str, int] | None:
    kind, _sep, pk = request.GET.get("unit", "").partition(":")
    return (kind, int(pk)) if kind in GROUPS and pk.isdigit() else None


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    mpp = get_mpp_for_user(request, pk)
    period = pick_period(request.GET.get("periode", ""))
    page = results_page(mpp=mpp, period=period, by=request.GET.get("per", ""), unit=_unit(request))
    may_manage = can(request.user, "manage_survey", mpp)
    return render(
        request,
        "surveys/results.html",
        {
            "page": page,
            "may_manage": may_manage,
            "population_form": PopulationForm(
                initial={
                    "period": period.key,
                    "population": page.sample.population,
                    "source": page.sample.source,
                }
            )
            if may_manage
            else None,
            "links": link_candidates(request.user, mpp),
        },
    )


@login_required
@require_POST
def population(request: HttpRequest, pk: int) -> HttpResponse:
    mpp = get_mpp_for_user(request, pk, "manage_survey")
    form = PopulationForm(request.POST)
    if form.is_valid():
        population_set(mpp=mpp, by=request.user, **form.cleaned_data)
        messages.success(request, _("Jumlah pengguna layanan (N) tersimpan."))
        period = form.cleaned_data["period"]
    else:
        problems = form_problems(form)
        messages.error(request, _("N tidak tersimpan: %(problems)s") % {"problems": problems})
        period = request.POST.get("period", "")[:7]
    return redirect(reverse("surveys:results", args=[mpp.pk]) + f"?periode={period}")


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    mpp = get_mpp_for_user(request, pk)
    period = pick_period(request.GET.get("periode", ""))
    response = HttpResponse(report_pdf(mpp, period), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="laporan-skm-{mpp.pk}-{period.key}.pdf"'
    return response


@login_required
def responses_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response of the period, one row each (contacts included: managers only)."""
    mpp = get_mpp_for_user(request, pk, "manage_survey")
    period = pick_period(request.GET.get("periode", ""))
    qs = responses_in(mpp, *period.bounds())
    return csv_response(
        f"skm-{mpp.pk}-{period.key}.csv",
        responses_header(),
        response_rows(qs.order_by("submitted_at")),
    )
