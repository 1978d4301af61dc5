"""Ekspor & Impor: downloads of a cycle (LKE workbook, CSV, evidence bundle), importing answers
from a workbook (preview, then apply), importing an instrument, and the jobs' pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.assessments.access import current_cycle, get_cycle_for_user
from rapor.assessments.domain.errors import DomainError
from rapor.assessments.interfaces.uploads import too_large_message
from rapor.orgs.permissions import has_action
from rapor.web.csvexport import csv_response

from .access import get_job_for_user, may_import
from .domain import tables
from .domain.bundle import bundle_name, evidence_bundle
from .domain.instrument import instrument_save
from .domain.jobs import inline_limit, job_dispatch, job_start
from .domain.lke_export import previous_cycle
from .domain.lke_import import apply_import
from .interfaces.forms import ExportLkeForm, ImportAnswersForm, ImportInstrumentForm
from .models import Job
from .pages.exchange import exchange_page
from .pages.jobs import job_page

SMALL_UPLOAD = 2 * 1024 * 1024  # a workbook up to this size is read in the request


def _small(cycle) -> bool:  # type: ignore[no-untyped-def]
    return cycle.framework.question_count <= inline_limit()


def _oversized(request: HttpRequest, form: Any) -> bool:
    """The upload handler dropped a file past the size limit: say so on the form."""
    names = getattr(request, "rapor_oversized", None)
    if names:
        form.is_valid()  # the other fields' errors too
        form.errors.pop("file", None)
        form.add_error("file", too_large_message(names[0]))
    return bool(names)


def _after_start(job: Job) -> HttpResponse:
    """A finished export goes straight to its file; anything else to the job's page."""
    if job.status == Job.Status.DONE and job.result_file and job.kind != Job.Kind.IMPORT_INSTRUMENT:
        return redirect("exchange:job_download", job.pk)
    return redirect("exchange:job", job.pk)


@login_required
def exchange_current(request: HttpRequest) -> HttpResponse:
    cycle = current_cycle(request)
    if cycle is None:
        return redirect("assessments:cycles")
    return redirect("exchange:home", cycle.pk)


@login_required
def exchange_home(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    request.session["cycle_id"] = cycle.pk
    page = exchange_page(cycle=cycle, user=request.user)
    return render(request, "exchange/exchange.html", {"page": page, "cycle": cycle})


@login_required
@require_POST
def export_lke(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    form = ExportLkeForm(request.POST)
    form.is_valid()
    previous = previous_cycle(cycle) if form.cleaned_data.get("previous") else None
    params = {"language": get_language(), "previous": previous.pk if previous else None}
    job = job_start(kind=Job.Kind.EXPORT_LKE, owner=request.user, cycle=cycle, params=params)
    job_dispatch(job, inline=_small(cycle))
    return _after_start(job)


@login_required
@require_POST
def import_answers(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    if not may_import(request.user, cycle):
        raise PermissionDenied("answer")
    form = ImportAnswersForm(request.POST, request.FILES)
    if _oversized(request, form) or not form.is_valid():
        page = exchange_page(cycle=cycle, user=request.user, import_form=form)
        return render(request, "exchange/exchange.html", {"page": page, "cycle": cycle}, status=400)
    upload = form.cleaned_data["file"]
    params = {"language": get_language(), "block": form.cleaned_data["block"]}
    job = job_start(
        kind=Job.Kind.IMPORT_ANSWERS, owner=request.user, cycle=cycle, params=params, upload=upload
    )
    job_dispatch(job, inline=upload.size <= SMALL_UPLOAD and _small(cycle))
    return redirect("exchange:job", job.pk)


@login_required
@require_POST
def import_apply(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    if job.kind != Job.Kind.IMPORT_ANSWERS or job.cycle is None:
        raise PermissionDenied("not an import")
    if not may_import(request.user, job.cycle):
        raise PermissionDenied("answer")
    try:
        count = apply_import(job=job, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("exchange:job", job.pk)
    messages.success(
        request, _("%(n)s jawaban dari %(file)s disimpan.") % {"n": count, "file": job.source_name}
    )
    return redirect("assessments:workspace", job.cycle.pk)


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    page = job_page(job=job, user=request.user)
    if request.htmx:
        response = render(request, "exchange/_job_status.html", {"page": page, "job": job})
        if job.finished:  # the preview or the findings come with the whole page
            response["HX-Refresh"] = "true"
        return response
    return render(request, "exchange/job.html", {"page": page, "job": job})


@login_required
def job_download(request: HttpRequest, job_id: int) -> FileResponse:
    job = get_job_for_user(request, job_id)
    if job.status != Job.Status.DONE or not job.result_file:
        raise PermissionDenied("no result yet")
    response = FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_name or "hasil",
        content_type=job.result_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def answers_csv(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    name = f"jawaban-{cycle.organisation.label}-{cycle.year}.csv"
    return csv_response(name, tables.answers_header(), tables.answers_rows(cycle))


@login_required
def evidence_csv(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    name = f"bukti-dukung-{cycle.organisation.label}-{cycle.year}.csv"
    return csv_response(name, tables.evidence_header(), tables.evidence_rows(cycle, request.user))


@login_required
def league_csv(request: HttpRequest) -> HttpResponse:
    """The league table the Peringkat page shows (same choice of province and year)."""
    from rapor.steering.pages.league import league_page

    page = league_page(
        user=request.user,
        province=request.GET.get("provinsi"),
        year=request.GET.get("tahun"),
        cycle=current_cycle(request),
        today=timezone.localdate(),
    )
    if page.league is None:
        raise Http404("no league to show")
    name = f"peringkat-{page.league.province.name}-{page.league.year}.csv"
    return csv_response(name, tables.league_header(), tables.league_rows(page.league))


@login_required
def bundle(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    cycle = get_cycle_for_user(request, pk)
    area = request.GET.get("area", "")[:60]
    response = StreamingHttpResponse(
        evidence_bundle(cycle, area=area), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{bundle_name(cycle, area)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def instrument_import(request: HttpRequest) -> HttpResponse:
    if not has_action(request.user, "manage_frameworks"):
        raise PermissionDenied("manage_frameworks")
    form = ImportInstrumentForm(request.POST, request.FILES)
    if _oversized(request, form) or not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("assessments:frameworks") + "#impor-lke")
    upload = form.cleaned_data.pop("file")
    params = {"language": get_language(), **form.cleaned_data}
    job = job_start(
        kind=Job.Kind.IMPORT_INSTRUMENT, owner=request.user, params=params, upload=upload
    )
    job_dispatch(job, inline=upload.size <= SMALL_UPLOAD)
    return redirect("exchange:job", job.pk)


@login_required
@require_POST
def instrument_save_view(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    if job.kind != Job.Kind.IMPORT_INSTRUMENT:
        raise PermissionDenied("not an instrument import")
    try:
        version = instrument_save(job=job, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("exchange:job", job.pk)
    messages.success(
        request,
        _("%(fw)s disimpan (belum aktif). Periksa daftar tebakan, lalu aktifkan.")
        % {"fw": version},
    )
    return redirect("assessments:frameworks")
