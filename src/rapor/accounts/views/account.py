"""Akun saya: the password and, for Admin and Tim RB, the second factor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from ..domain.twofactor import (
    enrolment_confirm,
    enrolment_start,
    may_use_second_factor,
    pending_device,
    second_factor_remove,
)
from ..interfaces.forms import CodeForm, PasswordConfirmForm
from ..pages.account import account_page, enrolment


@login_required
def account(request: HttpRequest) -> HttpResponse:
    page = account_page(user=request.user)
    form = PasswordConfirmForm(request.user)
    return render(request, "accounts/account.html", {"page": page, "disable_form": form})


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """GET: how it works. POST start: a new secret and its QR code. POST confirm: the code
    from the app turns it on and shows the recovery codes, once."""
    if not may_use_second_factor(request.user):
        raise PermissionDenied
    context: dict[str, object] = {}
    if request.method == "POST" and request.POST.get("step") == "confirm":
        form = CodeForm(request.POST)
        device = pending_device(request.user)
        if device is not None and form.is_valid():
            done = enrolment_confirm(user=request.user, code=form.cleaned_data["code"])
            if done is not None:
                confirmed, codes = done
                otp_login(request, confirmed)  # this session has just proved the factor
                return render(request, "accounts/two_factor_done.html", {"codes": codes})
            form.add_error("code", _("Kode salah. Ketik kode yang sedang tampil di aplikasi."))
        if device is not None:
            context = {"enrolment": enrolment(device), "form": form}
    elif request.method == "POST":
        device = enrolment_start(user=request.user)
        context = {"enrolment": enrolment(device), "form": CodeForm()}
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    form = PasswordConfirmForm(request.user, request.POST)
    if not form.is_valid():
        page = account_page(user=request.user)
        context = {"page": page, "disable_form": form}
        return render(request, "accounts/account.html", context)
    if second_factor_remove(user=request.user, by=request.user):
        messages.success(request, _("Verifikasi dua langkah sudah dimatikan."))
    return redirect("accounts:account")
