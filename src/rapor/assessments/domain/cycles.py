"""Create a cycle (optionally carried over from last year) and change its stage and dates."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from rapor.orgs.models import Organisation

from ..models import Answer, Assignment, Cycle, EvidenceLink, FrameworkVersion, HistoryEvent
from .errors import DomainError
from .history import history_record
from .scoring import effective_values
from .stages import stage_move

SETTINGS_FIELDS = (
    "stage",
    "self_assessment_starts",
    "self_assessment_ends",
    "review_starts",
    "review_ends",
    "verification_starts",
    "verification_ends",
    "final_deadline",
    "review_levels",
)


def previous_cycle(
    *, organisation: Organisation, framework: FrameworkVersion, year: int
) -> Cycle | None:
    """Last year's cycle of the same organisation and framework id (any version)."""
    return (
        Cycle.objects.filter(
            organisation=organisation, framework__framework_id=framework.framework_id, year=year - 1
        )
        .select_related("framework")
        .first()
    )


@transaction.atomic
def cycle_create(
    *,
    organisation: Organisation,
    framework: FrameworkVersion,
    year: int,
    by: Any,
    carry_over: bool = False,
    **dates: Any,
) -> Cycle:
    """Create a cycle; with ``carry_over``, start from last year's answers, evidence and OPDs.

    Carried answers (last year's counted value, as this year's self answer) and evidence links are
    marked ``needs_reconfirmation``: they count, but someone has to confirm them again.
    """
    if not organisation.is_pemda:
        raise DomainError(_("%(org)s bukan Pemda.") % {"org": organisation.name})
    unknown = set(dates) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    source = (
        previous_cycle(organisation=organisation, framework=framework, year=year)
        if carry_over
        else None
    )
    cycle = Cycle.objects.create(
        organisation=organisation,
        framework=framework,
        year=year,
        created_by=by,
        carried_from=source,
        **dates,
    )
    carried = _carry_over(source, cycle, by) if source else {}
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.CYCLE_CREATED,
        by=by,
        after={
            "year": year,
            "framework": str(framework),
            "carried_from": source.pk if source else None,
            **carried,
        },
    )
    return cycle


def _carry_over(source: Cycle, cycle: Cycle, by: Any) -> dict[str, int]:
    fw = cycle.framework.framework()
    values = effective_values(Answer.objects.filter(cycle=source))
    answers = [
        Answer(
            cycle=cycle,
            question_code=code,
            level="self",
            value=value,
            version=1,
            needs_reconfirmation=True,
            updated_by=by,
        )
        for code, value in values.items()
        if code in fw.questions
    ]
    Answer.objects.bulk_create(answers)
    links = [
        EvidenceLink(
            evidence_id=link.evidence_id,
            cycle=cycle,
            question_code=link.question_code,
            needs_reconfirmation=True,
            linked_by=by,
        )
        for link in EvidenceLink.objects.filter(cycle=source)
        if link.question_code in fw.questions
    ]
    EvidenceLink.objects.bulk_create(links)
    assignments = [
        Assignment(
            cycle=cycle,
            indicator_code=a.indicator_code,
            opd_id=a.opd_id,
            person_id=a.person_id,
            assigned_by=by,
        )
        for a in Assignment.objects.filter(cycle=source)
        if a.indicator_code in fw.nodes and fw.nodes[a.indicator_code].is_leaf
    ]
    Assignment.objects.bulk_create(assignments)
    return {"answers": len(answers), "evidence_links": len(links), "assignments": len(assignments)}


@transaction.atomic
def cycle_update(*, cycle: Cycle, by: Any, **changes: Any) -> Cycle:
    """Change a cycle's windows or review levels, recording before and after; a new stage goes
    along the allowed path (``stages.stage_move``). A submitted or closed cycle keeps its review
    chain (what "finished" means) until it is reopened."""
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    stage = changes.pop("stage", cycle.stage)
    if stage != cycle.stage:
        stage_move(cycle=cycle, to=stage, by=by)
    if (
        not cycle.is_open
        and changes.get("review_levels", cycle.review_levels) != cycle.review_levels
    ):
        raise DomainError(
            _("Tingkat reviu siklus yang sudah dikirim atau ditutup tidak dapat diubah.")
        )
    before = {k: _json(getattr(cycle, k)) for k in changes if getattr(cycle, k) != changes[k]}
    if not before:
        return cycle
    for key, value in changes.items():
        setattr(cycle, key, value)
    cycle.save(update_fields=list(before))
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.CYCLE_CHANGED,
        by=by,
        before=before,
        after={k: _json(changes[k]) for k in before},
    )
    return cycle


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
