"""PDF reports of a cycle (made as jobs: small ones at once, large ones in the background)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from rapor.assessments.access import get_cycle_for_user
from rapor.exchange.domain.jobs import inline_limit, job_dispatch, job_start
from rapor.exchange.interfaces.forms import VerificationReportForm
from rapor.exchange.models import Job
from rapor.exchange.pages.exchange import opds_of
from rapor.exchange.views import _after_start


@login_required
@require_POST
def verification(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    form = VerificationReportForm(request.POST, opds=opds_of(cycle))
    opd = form.cleaned_data.get("opd") if form.is_valid() else None
    params = {"language": get_language(), "opd": opd.pk if opd else None}
    job = job_start(
        kind=Job.Kind.REPORT_VERIFICATION, owner=request.user, cycle=cycle, params=params
    )
    job_dispatch(job, inline=cycle.framework.question_count <= inline_limit())
    return _after_start(job)


@login_required
@require_POST
def leadership(request: HttpRequest, pk: int) -> HttpResponse:
    """The leadership report: for who may see the dashboard it is built on."""
    cycle = get_cycle_for_user(request, pk, "view_dashboard")
    job = job_start(
        kind=Job.Kind.REPORT_LEADERSHIP,
        owner=request.user,
        cycle=cycle,
        params={"language": get_language()},
    )
    job_dispatch(job, inline=cycle.framework.question_count <= inline_limit())
    return _after_start(job)
