"""Who may see, add and link evidence: the permission tables applied to evidence of a cycle.

How this works: evidence is seen in the context of a cycle. An item linked to one of the cycle's
questions is seen by whoever sees the cycle (the answers are seen the same way). An item not
linked there (uploaded in the cycle, waiting in the library) needs ``view_evidence`` on its
owner: the Pemda's roles see them all, a Tim OPD member only its own OPD's. Adding evidence needs
``upload_evidence`` on the owner the upload would get (the user's own OPD, or the Pemda for the
Tim RB); linking to a question needs ``upload_evidence`` on that question's assignment, as
answering does (``access.answer_target``). Another Pemda's user gets 404 throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from rapor.orgs.models import Organisation
from rapor.orgs.permissions import can, memberships

from .access import get_cycle_for_user
from .models import Cycle, Evidence, EvidenceLink


@dataclass(frozen=True)
class EvidenceTarget:
    """Evidence owned by ``organisation`` in ``cycle``, as ``can()`` sees it."""

    cycle: Cycle
    organisation: Organisation

    def scope_target(self) -> tuple[int | None, int | None, str | None]:
        return self.organisation.pemda_id, self.organisation.opd_id, self.cycle.stage

    def scope_path(self) -> str:
        return self.organisation.path


def library_qs(cycle: Cycle) -> QuerySet[Evidence]:
    """Evidence of a cycle: uploaded in it or linked to one of its questions."""
    in_cycle = Evidence.objects.filter(cycle=cycle).values("pk")
    linked = EvidenceLink.objects.filter(cycle=cycle).values("evidence_id")
    return (
        Evidence.objects.filter(Q(pk__in=in_cycle) | Q(pk__in=linked))
        .select_related("organisation", "uploaded_by")
        .order_by("-uploaded_at", "-pk")
    )


def may_see(user: Any, cycle: Cycle, ev: Evidence, linked: bool) -> bool:
    """``linked``: the item is linked to a question of ``cycle``."""
    if linked and can(user, "view_cycle", cycle):
        return True
    return can(user, "view_evidence", EvidenceTarget(cycle, ev.organisation))


def uploader_organisation(user: Any, cycle: Cycle) -> Organisation | None:
    """The owner of what ``user`` uploads in ``cycle`` (their OPD, or the Pemda for the Tim RB),
    or None when they may not upload there now."""
    for m in memberships(user):
        if can(user, "upload_evidence", EvidenceTarget(cycle, m.organisation)):
            return m.organisation
    return None


def visible_library(user: Any, cycle: Cycle) -> tuple[list[Evidence], dict[int, list[str]]]:
    """The cycle's evidence that ``user`` may see, and each item's linked question codes
    (two queries, whatever the number of items)."""
    used: dict[int, list[str]] = {}
    for ev_id, code in (
        EvidenceLink.objects.filter(cycle=cycle)
        .order_by("question_code")
        .values_list("evidence_id", "question_code")
    ):
        used.setdefault(ev_id, []).append(code)
    items = [ev for ev in library_qs(cycle) if may_see(user, cycle, ev, ev.pk in used)]
    return items, used


def get_evidence_for_user(
    request: HttpRequest, pk: int, evidence_pk: int
) -> tuple[Cycle, Evidence]:
    """The cycle ``pk`` and its evidence item ``evidence_pk`` if the user may see both, else 404."""
    cycle = get_cycle_for_user(request, pk)
    ev = library_qs(cycle).filter(pk=evidence_pk).first()
    if ev is None:
        raise Http404("no such evidence")
    linked = EvidenceLink.objects.filter(cycle=cycle, evidence=ev).exists()
    if not may_see(request.user, cycle, ev, linked):
        raise Http404("no such evidence")
    return cycle, ev
