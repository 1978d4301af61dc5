"""Access to MPPs: fetch one the user may see (else 404) and act on (else 403), or list them.

An MPP is judged by the permission table like a cycle: its Pemda, and the OPD that runs it for
the OPD-bound ``manage_survey`` (orgs/permissions.py).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from rapor.orgs.permissions import can, memberships

from .models import Mpp


def mpps_qs() -> QuerySet[Mpp]:
    return Mpp.objects.select_related("pemda", "operator")


def get_mpp_for_user(request: HttpRequest, pk: int, action: str = "view_survey") -> Mpp:
    mpp = mpps_qs().filter(pk=pk).first()
    if mpp is None or not can(request.user, "view_survey", mpp):
        raise Http404("no such MPP")
    if action != "view_survey" and not can(request.user, action, mpp):
        raise PermissionDenied(action)
    return mpp


def mpps_for_user(user: Any) -> list[Mpp]:
    """Every MPP the user may see (one query plus the memberships)."""
    ms = memberships(user)
    if not ms:
        return []
    qs = mpps_qs()
    if not any(m.role == "admin" for m in ms):
        q = Q(pk__in=[])
        for m in ms:
            q |= Q(pemda__path__startswith=m.organisation.path) | Q(
                pemda_id=m.organisation.pemda_id
            )
        qs = qs.filter(q)
    return [m for m in qs if can(user, "view_survey", m)]
