"""Peringkat (league tables) and Hasil resmi (published results: form, CSV import, delete)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.assessments.access import current_cycle
from rapor.orgs.permissions import can, has_action

from ..access import get_result_for_user, recordable_regions
from ..domain.results import result_delete, result_save, results_import
from ..interfaces.forms import PublishedResultForm, ResultsImportForm
from ..interfaces.results_csv import ResultsCsvError, parse_results_csv
from ..pages.league import league_page
from ..pages.results import region_queryset, results_page


@login_required
def league(request: HttpRequest) -> HttpResponse:
    page = league_page(
        user=request.user,
        province=request.GET.get("provinsi"),
        year=request.GET.get("tahun"),
        cycle=current_cycle(request),
        today=timezone.localdate(),
    )
    return render(request, "steering/league.html", {"page": page})


def _require_recorder(request: HttpRequest) -> None:
    if not has_action(request.user, "record_results"):
        raise PermissionDenied("record_results")


@login_required
def results(request: HttpRequest) -> HttpResponse:
    """GET: the list and the forms; POST: record (or replace) one region's result for a year."""
    _require_recorder(request)
    if request.method != "POST":
        return render(request, "steering/results.html", {"page": results_page(user=request.user)})
    regions = recordable_regions(request.user)
    region_id = request.POST.get("region", "")
    if region_id.isdigit() and int(region_id) not in {r.pk for r in regions}:
        raise PermissionDenied("record_results")  # another province's region
    form = PublishedResultForm(request.POST, regions=region_queryset(regions))
    if not form.is_valid():
        page = results_page(user=request.user, form=form)
        return render(request, "steering/results.html", {"page": page}, status=400)
    result, created = result_save(row=form.row(), by=request.user)
    text = (
        _("Hasil %(region)s %(year)d dicatat.")
        if created
        else _("Hasil %(region)s %(year)d diperbarui.")
    )
    messages.success(request, text % {"region": result.organisation.name, "year": result.year})
    return redirect("steering:results")


@login_required
@require_POST
def results_import_view(request: HttpRequest) -> HttpResponse:
    """A CSV of results: every row stored, or none and every problem named (row and column)."""
    _require_recorder(request)
    form = ResultsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        page = results_page(user=request.user, import_form=form)
        return render(request, "steering/results.html", {"page": page}, status=400)
    try:
        rows = parse_results_csv(
            form.cleaned_data["file"].read(),
            regions=recordable_regions(request.user),
            default_source=form.cleaned_data["source"],
            default_year=form.cleaned_data["year"],
        )
    except ResultsCsvError as error:
        page = results_page(user=request.user, import_form=form, problems=error.problems)
        return render(request, "steering/results.html", {"page": page}, status=400)
    created, updated = results_import(rows=rows, by=request.user)
    messages.success(
        request,
        _("Impor selesai: %(created)d hasil baru, %(updated)d diperbarui.")
        % {"created": created, "updated": updated},
    )
    return redirect("steering:results")


@login_required
@require_POST
def result_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_result_for_user(request.user, pk)
    assert can(request.user, "record_results", result.organisation)
    result_delete(result=result, by=request.user)
    messages.success(
        request,
        _("Hasil %(region)s %(year)d dihapus.")
        % {"region": result.organisation.name, "year": result.year},
    )
    return redirect("steering:results")
