"""Organisasi & Pengguna: the organisation tree with its members, and the permission table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Membership, Organisation
from .permissions import ROLE_SCOPES, ROLE_STAGES, SCOPE_LABELS, has_action, permission_table


def _require_admin(request: HttpRequest) -> None:
    if not has_action(request.user, "manage_users"):
        raise PermissionDenied("manage_users")


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    orgs = Organisation.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    )
    return render(request, "orgs/overview.html", {"orgs": orgs})


@login_required
def permission_matrix(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    from rapor.assessments.models import Stage  # the stages' names, in the user's language

    order = list(Stage.values)

    def stage_labels(codes: object) -> list[str]:
        return [str(Stage(c).label) for c in sorted(codes, key=order.index)]  # type: ignore[call-overload]

    roles = [
        {
            "label": label,
            "scope": SCOPE_LABELS[ROLE_SCOPES[value]],
            "stages": stage_labels(ROLE_STAGES.get(value, ())),
        }
        for value, label in Membership.Role.choices
    ]
    rows = [{**row, "stages": stage_labels(row["stages"])} for row in permission_table()]
    return render(request, "orgs/permissions.html", {"rows": rows, "roles": roles})
