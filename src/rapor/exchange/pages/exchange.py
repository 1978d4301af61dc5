"""Ekspor & Impor: what a user may download from a cycle and import into it, and their jobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapor.assessments.models import Cycle
from rapor.assessments.tree import tree
from rapor.orgs.models import Organisation
from rapor.orgs.permissions import can

from ..access import may_import
from ..domain.lke_export import previous_cycle
from ..interfaces.forms import ExportLkeForm, ImportAnswersForm, VerificationReportForm
from ..models import Job


@dataclass
class ExchangePage:
    cycle: Cycle
    previous: Cycle | None
    may_import: bool
    may_lead: bool
    """May see the dashboard, so may make the leadership report."""
    areas: list[tuple[str, str]]
    export_form: ExportLkeForm
    report_form: VerificationReportForm
    import_form: ImportAnswersForm | None
    jobs: list[Job] = field(default_factory=list)


def opds_of(cycle: Cycle) -> Any:
    return (
        Organisation.objects.filter(
            pemda_id=cycle.organisation.pemda_id, kind="opd", assignments__cycle=cycle
        )
        .distinct()
        .order_by("name")
    )


def exchange_page(*, cycle: Cycle, user: Any, import_form: Any = None) -> ExchangePage:
    previous = previous_cycle(cycle)
    if previous is not None and not can(user, "view_cycle", previous):
        previous = None
    importing = may_import(user, cycle)
    fw = cycle.framework.framework()
    t = tree(fw)
    areas = list(t.areas) or [(s.code, s.label) for s in t.sections]
    return ExchangePage(
        cycle=cycle,
        previous=previous,
        may_import=importing,
        may_lead=can(user, "view_dashboard", cycle),
        areas=areas,
        export_form=ExportLkeForm(initial={"previous": previous is not None}),
        report_form=VerificationReportForm(opds=opds_of(cycle)),
        import_form=(import_form or ImportAnswersForm()) if importing else None,
        jobs=list(
            Job.objects.filter(owner=user, cycle=cycle).exclude(kind=Job.Kind.IMPORT_INSTRUMENT)[:8]
        ),
    )
