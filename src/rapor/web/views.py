"""Project-level views: Beranda (the leadership dashboard for the Pimpinan and the Tim RB, the
work counters for everyone else), and the login page, which lists the demo logins when demo data
is loaded."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

# Whose Beranda is the leadership dashboard (the others see what needs them today, with a link).
DASHBOARD_HOME_ROLES = frozenset({"pimpinan", "tim_rb"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from rapor.assessments.access import current_cycle
    from rapor.assessments.views.home import home as work_home
    from rapor.orgs.permissions import can, memberships
    from rapor.steering.views.dashboard import render_dashboard

    cycle = current_cycle(request)
    leads = any(m.role in DASHBOARD_HOME_ROLES for m in memberships(request.user))
    if cycle is not None and leads and can(request.user, "view_dashboard", cycle):
        return render_dashboard(request, cycle)
    return work_home(request)


class RaporLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from rapor.demo import DEMO_PASSWORD, demo_logins

        context = super().get_context_data(**kwargs)
        context["demo_logins"] = demo_logins()
        context["demo_password"] = DEMO_PASSWORD
        return context
