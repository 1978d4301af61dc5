"""Record a period's population N, follow-up actions and where the results were published.

Each change is recorded as a SurveyEvent (before and after). A follow-up set to "done" gets its
completion date (today unless given), which the report uses for how fast findings were handled.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.assessments.domain.errors import DomainError

from ..models import FollowUp, Mpp, Population, Publication, Response
from ..periods import parse_period
from .catalogue import event_record


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def population_set(
    *, mpp: Mpp, period: str, population: int, source: str = "", by: Any
) -> Population:
    key = parse_period(period).key
    row = Population.objects.filter(mpp=mpp, period=key).first()
    before = {"population": row.population, "source": row.source} if row else None
    row, _created = Population.objects.update_or_create(
        mpp=mpp, period=key, defaults={"population": population, "source": source, "updated_by": by}
    )
    event_record(
        mpp=mpp,
        kind="population",
        by=by,
        object_id=row.pk,
        before=before,
        after={"period": key, "population": population, "source": source},
    )
    return row


FOLLOWUP_FIELDS = (
    "period",
    "source",
    "unsur",
    "action",
    "owner",
    "agency_id",
    "due_date",
    "status",
    "done_on",
)


def _snapshot(item: FollowUp) -> dict[str, Any]:
    return {f: _iso(getattr(item, f)) for f in FOLLOWUP_FIELDS}


@transaction.atomic
def followup_create(
    *, mpp: Mpp, by: Any, response: Response | None = None, **fields: Any
) -> FollowUp:
    fields["period"] = parse_period(fields["period"]).key
    if response is not None and response.mpp_id != mpp.pk:
        raise DomainError(_("Saran itu bukan dari MPP ini."))
    if fields.get("agency") is not None and fields["agency"].mpp_id != mpp.pk:
        raise DomainError(_("Instansi harus instansi di MPP ini."))
    item = FollowUp.objects.create(
        mpp=mpp, response=response, created_by=by, updated_by=by, **fields
    )
    event_record(mpp=mpp, kind="followup", by=by, object_id=item.pk, after=_snapshot(item))
    return item


@transaction.atomic
def followup_update(*, item: FollowUp, status: str, done_on: dt.date | None, by: Any) -> FollowUp:
    before = _snapshot(item)
    if status not in FollowUp.Status.values:
        raise DomainError(_("Status tidak dikenal."))
    item.status = status
    item.done_on = (done_on or timezone.localdate()) if status == FollowUp.Status.DONE else None
    item.updated_by = by
    after = _snapshot(item)
    if after == before:
        return item
    item.save()
    changed = [k for k in FOLLOWUP_FIELDS if before[k] != after[k]]
    event_record(
        mpp=item.mpp,
        kind="followup",
        by=by,
        object_id=item.pk,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return item


@transaction.atomic
def publication_add(*, mpp: Mpp, by: Any, **fields: Any) -> Publication:
    fields["period"] = parse_period(fields["period"]).key
    item = Publication.objects.create(mpp=mpp, recorded_by=by, **fields)
    event_record(
        mpp=mpp,
        kind="publication",
        by=by,
        object_id=item.pk,
        after={k: _iso(v) for k, v in fields.items()},
    )
    return item
