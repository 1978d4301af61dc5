"""What the follow-up screen shows for a period: the suggestions received (newest first, bounded),
the follow-up actions with their state, and where the results were published."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ..models import FollowUp, Mpp, Publication, Response
from ..periods import Period
from ..queries import responses_in, suggestions_in

SUGGESTIONS_SHOWN = 100


@dataclass
class FollowUpPage:
    mpp: Mpp
    period: Period
    suggestions: list[Response]
    suggestions_total: int
    followups: list[FollowUp]
    publications: list[Publication]
    today: dt.date

    @property
    def done_share(self) -> int | None:
        """The share of follow-ups done, in percent (what PEKPPP asks)."""
        if not self.followups:
            return None
        done = sum(1 for f in self.followups if f.status == FollowUp.Status.DONE)
        return round(100 * done / len(self.followups))

    @property
    def late(self) -> list[FollowUp]:
        return [
            f
            for f in self.followups
            if f.status != FollowUp.Status.DONE and f.due_date < self.today
        ]


def followup_page(mpp: Mpp, period: Period) -> FollowUpPage:
    qs = suggestions_in(responses_in(mpp, *period.bounds())).select_related("service")
    return FollowUpPage(
        mpp=mpp,
        period=period,
        suggestions=list(qs[:SUGGESTIONS_SHOWN]),
        suggestions_total=qs.count(),
        followups=list(
            FollowUp.objects.filter(mpp=mpp, period=period.key).select_related("agency", "response")
        ),
        publications=list(Publication.objects.filter(mpp=mpp, period=period.key)),
        today=timezone.localdate(),
    )


def followed_up(followups: list[FollowUp]) -> dict[int, Any]:
    """response id → its follow-up (a suggestion shows that it was taken up)."""
    return {f.response_id: f for f in followups if f.response_id}
