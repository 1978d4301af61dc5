"""What the base layout needs on every page: the current cycle, the role, the menu, demo flag."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rapor.orgs.permissions import has_action, memberships

# The left menu: (label, url name, icon, actions (any one) the user needs somewhere). Data.
MENU = [
    (_("Beranda"), "assessments:home", "house", None),
    (_("Tugas Saya"), "assessments:my_work", "list-check", "answer"),
    (_("Lembar Kerja"), "assessments:workspace_current", "ui-checks-grid", "view_cycle"),
    (_("Bukti Dukung"), "assessments:evidence_library_current", "paperclip", "upload_evidence"),
    (_("Penugasan"), "assessments:assignments_current", "diagram-3", "assign"),
    (
        _("Reviu / Verifikasi"),
        "assessments:review_queue_current",
        "clipboard-check",
        "review verify",
    ),
    (_("Dasbor"), "steering:dashboard_current", "speedometer2", "view_dashboard"),
    (_("Peringkat"), "steering:league", "trophy", "view_league"),
    (_("Rencana"), "steering:planner_current", "signpost-split", "plan"),
    (_("Simulasi"), "steering:whatif_current", "sliders2", "simulate"),
    (_("Siklus"), "assessments:cycles", "calendar-range", "view_cycle"),
    (_("SKM / MPP"), "surveys:mpps", "emoji-smile", "view_survey"),
    (_("Kerangka"), "assessments:frameworks", "journal-text", "manage_frameworks"),
    (_("Organisasi & Pengguna"), "orgs:overview", "people", "manage_users"),
]


def dashboard_is_home(ms: list[Any]) -> bool:
    """The Pimpinan's and the Tim RB's Beranda is the dashboard: no separate menu entry."""
    from .views import DASHBOARD_HOME_ROLES

    return any(m.role in DASHBOARD_HOME_ROLES for m in ms)


def layout(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from rapor.assessments.access import current_cycle

    ms = memberships(user)
    primary = ms[0] if ms else None
    cycle = current_cycle(request)
    menu = [
        {
            "label": label,
            "url": reverse(name),
            "icon": icon,
            "active": request.path == reverse(name),
        }
        for label, name, icon, action in MENU
        if (action is None or any(has_action(user, a) for a in action.split()))
        and not (name == "steering:dashboard_current" and dashboard_is_home(ms))
    ]
    org = cycle.organisation if cycle else (primary.organisation if primary else None)
    from rapor.notifications.models import Notification

    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "unread_notifications": unread,
        "current_cycle": cycle,
        "current_membership": primary,
        "menu": menu,
        "is_demo": bool(org and org.is_demo),
        "top_org": org,
    }
