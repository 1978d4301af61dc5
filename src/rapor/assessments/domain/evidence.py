"""Store evidence: files by content hash (the same bytes are stored once), or links.

Phase 1 keeps this minimal (the demo and tests need it); checks of type, preview and the upload
screen come with the evidence library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from rapor.orgs.models import Organisation

from ..models import Cycle, Evidence, EvidenceLink, HistoryEvent
from ..models.evidence import evidence_path
from .errors import DomainError
from .history import history_record


def evidence_store(
    *,
    organisation: Organisation,
    title: str,
    by: Any,
    content: bytes | None = None,
    filename: str = "",
    url: str = "",
    document_date: dt.date | None = None,
    valid_until: dt.date | None = None,
) -> Evidence:
    """Store a file (``content`` + ``filename``) or a link (``url``) as evidence."""
    if bool(content) == bool(url):
        raise DomainError("give either a file or a link")
    ev = Evidence(
        organisation=organisation,
        title=title,
        url=url,
        uploaded_by=by,
        document_date=document_date,
        valid_until=valid_until,
    )
    if content:
        if len(content) > settings.RAPOR_EVIDENCE_MAX_BYTES:
            raise DomainError("the file is larger than the limit")
        ev.sha256 = hashlib.sha256(content).hexdigest()
        ev.size, ev.original_name = len(content), filename
        path = evidence_path(ev, filename)
        if default_storage.exists(path):
            ev.file.name = path  # same bytes already stored: reuse them
        else:
            ev.file.save(filename, ContentFile(content), save=False)
    ev.save()
    return ev


def evidence_link(*, evidence: Evidence, cycle: Cycle, question_code: str, by: Any) -> EvidenceLink:
    """Tie evidence to a question of a cycle (idempotent), recording it in the history."""
    if question_code not in cycle.framework.framework().questions:
        raise DomainError(f"{question_code} is not a question of {cycle.framework}")
    link, created = EvidenceLink.objects.get_or_create(
        evidence=evidence, cycle=cycle, question_code=question_code, defaults={"linked_by": by}
    )
    if created:
        history_record(
            cycle=cycle,
            kind=HistoryEvent.Kind.EVIDENCE_LINKED,
            by=by,
            question_code=question_code,
            after={"evidence": evidence.pk, "title": evidence.title},
        )
    return link
