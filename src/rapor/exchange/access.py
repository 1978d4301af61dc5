"""Who may start and see jobs, and import answers into a cycle.

A job is its owner's alone: anyone else gets 404, and so does the owner once they may no longer
see the job's cycle (a result holds the cycle's answers). An instrument import needs
``manage_frameworks``, the leadership report ``view_dashboard`` on its cycle. Importing answers
needs ``answer`` somewhere in the cycle (the Tim RB for the whole Pemda, a Tim OPD for its own
OPD); each answer is then checked on its own question, as the workspace checks a save
(``domain.lke_import``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from rapor.assessments.evidence_access import EvidenceTarget
from rapor.assessments.models import Cycle
from rapor.orgs.permissions import can, has_action, memberships

from .models import Job

# The part of a cycle that belongs to an organisation, as ``can()`` sees it (the same target
# as evidence owned by that organisation).
CycleTarget = EvidenceTarget


def may_import(user: Any, cycle: Cycle) -> bool:
    return any(can(user, "answer", CycleTarget(cycle, m.organisation)) for m in memberships(user))


def get_job_for_user(request: HttpRequest, job_id: int) -> Job:
    job = (
        Job.objects.select_related("cycle__organisation", "cycle__framework")
        .defer("cycle__framework__yaml_text")
        .filter(pk=job_id, owner_id=getattr(request.user, "pk", None))
        .first()
    )
    if job is None:
        raise Http404("no such job")
    if job.cycle is not None and not can(request.user, "view_cycle", job.cycle):
        raise Http404("no such job")
    if job.kind == Job.Kind.IMPORT_INSTRUMENT and not has_action(request.user, "manage_frameworks"):
        raise Http404("no such job")
    if job.kind == Job.Kind.REPORT_LEADERSHIP and not can(
        request.user, "view_dashboard", job.cycle
    ):  # the report holds the dashboard: for who may still see it
        raise Http404("no such job")
    return job
