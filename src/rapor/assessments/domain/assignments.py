"""Assign indicators (leaf nodes) of a cycle to an OPD, singly or a whole area at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from rapor.orgs.models import Organisation

from ..models import Assignment, Cycle, HistoryEvent
from ..tree import leaves_under
from .errors import DomainError
from .history import history_record


def _check(cycle: Cycle, opd: Organisation, person: Any) -> None:
    if opd.kind != Organisation.Kind.OPD or opd.pemda_id != cycle.organisation.pemda_id:
        raise DomainError(
            _("%(opd)s bukan OPD %(pemda)s.") % {"opd": opd.name, "pemda": cycle.organisation.name}
        )
    if person is not None and not person.memberships.filter(organisation=opd).exists():
        raise DomainError(
            _("%(person)s bukan anggota %(opd)s: pilih penanggung jawab dari OPD itu.")
            % {"person": person.get_full_name() or person.username, "opd": opd.label}
        )


def _snapshot(a: Assignment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "opd": a.opd_id,
        "person": a.person_id,
        "due_date": a.due_date.isoformat() if a.due_date else None,
    }


@transaction.atomic
def assign_indicators(
    *,
    cycle: Cycle,
    indicator_codes: list[str],
    opd: Organisation,
    by: Any,
    person: Any = None,
    due_date: dt.date | None = None,
) -> list[Assignment]:
    """Assign (or reassign) each indicator; one history event per indicator that changed."""
    fw = cycle.framework.framework()
    for code in indicator_codes:
        node = fw.nodes.get(code)
        if node is None or not node.is_leaf:
            raise DomainError(
                _("%(code)s bukan indikator %(fw)s.") % {"code": code, "fw": cycle.framework.name}
            )
    _check(cycle, opd, person)
    existing = {
        a.indicator_code: a for a in cycle.assignments.filter(indicator_code__in=indicator_codes)
    }
    out = []
    for code in indicator_codes:
        current = existing.get(code)
        before = _snapshot(current)
        a = current or Assignment(cycle=cycle, indicator_code=code)
        a.opd, a.person, a.due_date, a.assigned_by = opd, person, due_date, by
        if _snapshot(a) != before:
            a.save()
            history_record(
                cycle=cycle,
                kind=HistoryEvent.Kind.ASSIGNED,
                by=by,
                question_code=code,
                before=before,
                after=_snapshot(a),
            )
        out.append(a)
    return out


def assignment_create(
    *,
    cycle: Cycle,
    indicator_code: str,
    opd: Organisation,
    by: Any,
    person: Any = None,
    due_date: dt.date | None = None,
) -> Assignment:
    return assign_indicators(
        cycle=cycle,
        indicator_codes=[indicator_code],
        opd=opd,
        by=by,
        person=person,
        due_date=due_date,
    )[0]


def assign_area(
    *,
    cycle: Cycle,
    area: str,
    opd: Organisation,
    by: Any,
    person: Any = None,
    due_date: dt.date | None = None,
) -> list[Assignment]:
    """Assign every indicator under ``area``: a node code, or an area of change (``MP``)."""
    leaves = leaves_under(cycle.framework.framework(), area)
    if not leaves:
        raise DomainError(
            _("%(area)s bukan bagian atau area perubahan %(fw)s.")
            % {"area": area, "fw": cycle.framework.name}
        )
    return assign_indicators(
        cycle=cycle, indicator_codes=leaves, opd=opd, by=by, person=person, due_date=due_date
    )
