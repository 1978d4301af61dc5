"""Project-level views: Beranda (the leadership dashboard for the Pimpinan and the Tim RB, the
work counters for everyone else). The login page is the accounts app's (rapor.accounts)."""

from __future__ import annotations

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
