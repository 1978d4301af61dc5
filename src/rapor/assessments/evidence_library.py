"""The Bukti Dukung library of a cycle as the template sees it: rows, filters, duplicates.

Everything comes from ``evidence_access.visible_library`` (a fixed number of queries) and the
framework (parsed once per process); filters are applied in memory.

Duplicates: two or more items the user can see with the same content (the same sha256, or the
same link), e.g. the same decree uploaded by two OPDs, each under its own title. The bytes are
stored once anyway; the marker tells the Tim RB to link one item instead of keeping several.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .evidence_access import visible_library
from .models import Cycle, Evidence

VALIDITY = ("valid", "expired", "none")


def validity(ev: Evidence, today: dt.date) -> str:
    """valid | expired | none (no end date); today is Asia/Jakarta's date."""
    if ev.valid_until is None:
        return "none"
    return "expired" if ev.valid_until < today else "valid"


@dataclass
class Row:
    ev: Evidence
    used: list[tuple[str, str]]
    """(question code, indicator code) where the item is linked in this cycle."""
    validity: str
    duplicates: list[Evidence]
    """The other visible items with the same content."""


@dataclass
class Library:
    rows: list[Row]
    total: int
    organisations: list[Any]
    """The owners of the visible items, for the filter."""


def content_key(ev: Evidence) -> str:
    return f"sha:{ev.sha256}" if ev.sha256 else f"url:{ev.url}"


def evidence_library(user: Any, cycle: Cycle, params: Any) -> Library:
    """The visible items of ``cycle`` filtered by ``params`` (q, opd, validity, unused)."""
    items, used = visible_library(user, cycle)
    questions = cycle.framework.framework().questions
    today = timezone.localdate()
    same: dict[str, list[Evidence]] = defaultdict(list)
    for ev in items:
        same[content_key(ev)].append(ev)
    rows = [
        Row(
            ev=ev,
            used=[(c, questions[c].node) for c in used.get(ev.pk, []) if c in questions],
            validity=validity(ev, today),
            duplicates=[o for o in same[content_key(ev)] if o.pk != ev.pk],
        )
        for ev in items
    ]
    orgs = {ev.organisation_id: ev.organisation for ev in items}
    return Library(
        rows=[r for r in rows if _keep(r, params)],
        total=len(rows),
        organisations=sorted(orgs.values(), key=lambda o: o.label),
    )


def _keep(row: Row, params: Any) -> bool:
    text = params.get("q", "").strip().lower()
    if text and text not in row.ev.title.lower() and text not in row.ev.original_name.lower():
        return False
    opd = params.get("opd", "")
    if opd and str(row.ev.organisation_id) != opd:
        return False
    wanted = params.get("validity", "")
    if wanted in VALIDITY and row.validity != wanted:
        return False
    if params.get("unused") and row.used:
        return False
    return not (params.get("duplicates") and not row.duplicates)


@dataclass
class QuestionEvidence:
    link: Any
    ev: Evidence
    validity: str


def question_evidence(links: list[Any]) -> list[QuestionEvidence]:
    """A question's linked evidence with each item's validity today (Asia/Jakarta)."""
    today = timezone.localdate()
    return [QuestionEvidence(link, link.evidence, validity(link.evidence, today)) for link in links]
