"""Record published results: one at a time (the form) or a whole CSV (all rows or none).
Every change is recorded in the steering trail (before and after)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from ..interfaces.results_csv import ResultRow
from ..models import PublishedResult, SteeringEvent, steering_record


def _snapshot(r: PublishedResult | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "region": r.organisation_id,
        "region_name": str(r.organisation),
        "year": r.year,
        "index": str(r.index),
        "grade": r.grade,
        "general": None if r.general is None else str(r.general),
        "tematik": None if r.tematik is None else str(r.tematik),
        "adjustment_weight": None if r.adjustment_weight is None else str(r.adjustment_weight),
        "framework_id": r.framework_id,
        "source": r.source,
        "note": r.note,
    }


@transaction.atomic
def result_save(*, row: ResultRow, by: Any) -> tuple[PublishedResult, bool]:
    """Store the region's result for the year (replacing the one stored); (result, created)."""
    current = PublishedResult.objects.filter(organisation=row.region, year=row.year).first()
    before = _snapshot(current)
    result = current or PublishedResult(organisation=row.region, year=row.year)
    result.index, result.grade = row.index, row.grade
    result.general, result.tematik = row.general, row.tematik
    result.adjustment_weight, result.framework_id = row.adjustment_weight, row.framework_id
    result.source, result.note = row.source, row.note
    result.recorded_by, result.is_demo = by, row.region.is_demo
    result.save()
    result.refresh_from_db()  # decimals as stored
    after = _snapshot(result)
    if after != before:
        steering_record(kind=SteeringEvent.Kind.RESULT_SAVED, by=by, before=before, after=after)
    return result, current is None


@transaction.atomic
def results_import(*, rows: Sequence[ResultRow], by: Any) -> tuple[int, int]:
    """Store every row (checked by the CSV reader) in one transaction; (created, updated)."""
    created = 0
    for row in rows:
        created += int(result_save(row=row, by=by)[1])
    return created, len(rows) - created


@transaction.atomic
def result_delete(*, result: PublishedResult, by: Any) -> None:
    steering_record(
        kind=SteeringEvent.Kind.RESULT_DELETED, by=by, before=_snapshot(result), after=None
    )
    result.delete()
