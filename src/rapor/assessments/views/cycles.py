"""Siklus: the cycles in the user's scope, their stages and dates; new cycles with carry-over."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapor.orgs.models import Organisation
from rapor.orgs.permissions import can, memberships

from ..access import cycles_for_user, get_cycle_for_user, remember_cycle
from ..domain.corrections import correction_save
from ..domain.cycles import cycle_create, cycle_update
from ..domain.errors import Conflict, DomainError
from ..domain.stages import StageMoveNotAllowed, stage_move
from ..interfaces.forms import CycleCreateForm, CycleReopenForm, CycleSettingsForm
from ..models import Cycle, Stage
from ..pages.cycles import cycle_rows, settings_context


def _creatable_orgs(user):  # type: ignore[no-untyped-def]
    """The Pemdas where the user may manage cycles."""
    ids = [m.organisation.pemda_id for m in memberships(user) if m.organisation.pemda_id]
    qs = Organisation.objects.filter(kind__in=["province", "kabupaten", "kota"])
    if not any(m.role == "admin" for m in memberships(user)):
        qs = qs.filter(pk__in=ids)
    return [o for o in qs if can(user, "manage_cycle", o)]


@login_required
def cycles(request: HttpRequest) -> HttpResponse:
    orgs = _creatable_orgs(request.user)
    form = (
        CycleCreateForm(organisations=Organisation.objects.filter(pk__in=[o.pk for o in orgs]))
        if orgs
        else None
    )
    return render(
        request,
        "assessments/cycles.html",
        {"rows": cycle_rows(cycles_for_user(request.user)), "create_form": form},
    )


@login_required
@require_POST
def cycle_new(request: HttpRequest) -> HttpResponse:
    orgs = _creatable_orgs(request.user)
    if not orgs:
        raise PermissionDenied("manage_cycle")
    form = CycleCreateForm(
        request.POST, organisations=Organisation.objects.filter(pk__in=[o.pk for o in orgs])
    )
    if not form.is_valid():
        messages.error(request, _("Siklus tidak dibuat: periksa isian."))
        return redirect("assessments:cycles")
    try:
        cycle = cycle_create(by=request.user, **form.cleaned_data)
    except (DomainError, IntegrityError):
        messages.error(request, _("Siklus untuk Pemda, kerangka dan tahun itu sudah ada."))
        return redirect("assessments:cycles")
    messages.success(request, _("Siklus dibuat."))
    return redirect("assessments:cycle_settings", cycle.pk)


@login_required
def cycle_settings(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_cycle_for_user(request, pk)
    may_manage = can(request.user, "manage_cycle", cycle)
    form = CycleSettingsForm(
        request.POST or None,
        cycle=cycle,
        initial={f: getattr(cycle, f) for f in CycleSettingsForm.Meta.fields},
    )
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied("manage_cycle")
        if form.is_valid():
            try:
                cycle_update(cycle=cycle, by=request.user, **form.cleaned_data)
            except StageMoveNotAllowed:
                raise PermissionDenied("manage_cycle") from None
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Pengaturan siklus disimpan."))
            return redirect("assessments:cycle_settings", cycle.pk)
    remember_cycle(request, cycle)
    return render(
        request,
        "assessments/cycle_settings.html",
        {
            "cycle": cycle,
            "form": form,
            "may_manage": may_manage,
            "framework": cycle.framework,
            **settings_context(cycle, request.user),
        },
    )


def _move(request: HttpRequest, cycle: Cycle, action: str, to: str, reason: str = "") -> Any:
    try:
        stage_move(cycle=cycle, to=to, by=request.user, reason=reason)
    except StageMoveNotAllowed:
        raise PermissionDenied(action) from None
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Tahap siklus sekarang: %(stage)s.") % {"stage": cycle.get_stage_display()}
        )
    return redirect("assessments:cycle_settings", cycle.pk)


@login_required
@require_POST
def cycle_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Kirim ke evaluator: the one way to the submitted stage (the submit rule must hold)."""
    cycle = get_cycle_for_user(request, pk, "submit_cycle")
    return _move(request, cycle, "submit_cycle", Stage.SUBMITTED)


@login_required
@require_POST
def cycle_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Admin: reopen a submitted or closed cycle, with a reason that the history keeps."""
    cycle = get_cycle_for_user(request, pk, "reopen_cycle")
    form = CycleReopenForm(request.POST)
    if not form.is_valid():
        for name, errors in form.errors.items():
            messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
        return redirect("assessments:cycle_settings", pk)
    return _move(request, cycle, "reopen_cycle", Stage.VERIFICATION, form.cleaned_data["reason"])


@login_required
@require_POST
def cycle_correction(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The Tim RB enters a correction of the score (the koefisien), provisional."""
    cycle = get_cycle_for_user(request, pk, "manage_cycle")
    if code not in cycle.framework.framework().corrections:
        raise Http404("no such correction")
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = -1
    try:
        correction_save(
            cycle=cycle,
            code=code,
            value=request.POST.get("value", ""),
            by=request.user,
            expected_version=version,
        )
    except Conflict:
        messages.error(
            request, _("Koefisien baru saja diubah orang lain; periksa lalu simpan lagi.")
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Koefisien disimpan."))
    return redirect("assessments:cycle_settings", cycle.pk)
