"""Signing in: the password (throttled by django-axes, see ``lockout.py``), then, for a user who
turned on the second factor, a code. Between the two steps the session holds only who passed
the password and when; it is good for five minutes and five wrong codes."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from ..domain.twofactor import has_second_factor, recovery_codes_left, second_factor_verify
from ..interfaces.forms import CodeForm

PENDING = "rapor_second_factor"
PENDING_SECONDS = 300
PENDING_TRIES = 5


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.RAPOR_DEMO:  # only a demo installation advertises its logins
            from rapor.demo import DEMO_PASSWORD, demo_logins

            context["demo_logins"] = demo_logins()
            context["demo_password"] = DEMO_PASSWORD
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not has_second_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": int(time.time()),
            "tries": 0,
        }
        return redirect("accounts:login_code")


def login_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        if pending:
            messages.info(request, _("Waktu memasukkan kode sudah habis. Silakan masuk lagi."))
        return redirect("login")
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:  # removed or deactivated since the password step
        request.session.pop(PENDING, None)
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor_verify(user=user, code=form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(user)
                messages.warning(
                    request,
                    _("Anda masuk dengan kode pemulihan. Sisa kode pemulihan: %(n)d.")
                    % {"n": left},
                )
            return redirect(pending["next"])
        pending["tries"] += 1
        if pending["tries"] >= PENDING_TRIES:
            del request.session[PENDING]
            messages.error(request, _("Terlalu banyak kode yang salah. Silakan masuk lagi."))
            return redirect("login")
        request.session[PENDING] = pending
        form.add_error("code", _("Kode salah atau sudah dipakai. Periksa jam ponsel Anda."))
    return render(request, "accounts/login_code.html", {"form": form}, status=200)
