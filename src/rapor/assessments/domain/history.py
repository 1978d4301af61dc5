"""Record events in the append-only history."""

from __future__ import annotations

from typing import Any

from ..models import Cycle, HistoryEvent


def history_record(
    *,
    cycle: Cycle,
    kind: str,
    by: Any,
    question_code: str = "",
    before: Any = None,
    after: Any = None,
) -> HistoryEvent:
    return HistoryEvent.objects.create(
        cycle=cycle,
        kind=kind,
        actor=by if getattr(by, "pk", None) else None,
        question_code=question_code,
        before=before,
        after=after,
    )
