"""Evidence (bukti dukung): store files by content hash (the same bytes are kept once) or links,
and tie them to questions of a cycle. Every change is a history event.

How this works: the screens judge an upload by its content first (``interfaces/uploads.py``) and
hand over an ``EvidenceFile``; ``evidence_upload`` stores its bytes at
``evidence/<2 hex>/<sha256><ext>`` unless they are already there (``files.store_file``: written
under a temporary name, then moved into place; if the row cannot be written, the file goes). A second item with the same
bytes (or the same link) among what the uploader can see is refused with ``DuplicateEvidence``,
which names the existing item so the user links that instead. ``evidence_store`` is the trusted
path for the demo and imports (no type check).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from rapor.orgs.models import Organisation

from ..models import Cycle, Evidence, EvidenceLink, HistoryEvent
from .errors import DomainError, checked_text, not_a_question
from .files import discard_unused, store_file
from .history import history_record


@dataclass(frozen=True)
class EvidenceFile:
    """A file whose type was judged from its content, ready to be stored."""

    content: Any
    """A Django File (an UploadedFile), read in chunks."""
    sha256: str
    size: int
    content_type: str
    ext: str
    original_name: str


class DuplicateEvidence(DomainError):
    """The same file (or link) is already evidence the uploader can see: link that one."""

    def __init__(self, existing: Evidence) -> None:
        self.existing = existing
        super().__init__(_("File ini sudah ada: %(title)s.") % {"title": existing.title})


def _check(cycle: Cycle, organisation: Organisation, title: str, dates: tuple[Any, Any]) -> None:
    if not title.strip():
        raise DomainError(_("Judul bukti dukung wajib diisi."))
    checked_text(title.strip(), label=_("Judul"), max_length=255)
    if organisation.pemda_id != cycle.organisation.pemda_id:
        raise DomainError(_("Pemilik bukti dukung bukan bagian dari Pemda siklus ini."))
    document_date, valid_until = dates
    if document_date and valid_until and valid_until < document_date:
        raise DomainError(_("Tanggal berlaku sampai tidak boleh sebelum tanggal dokumen."))


def _record_upload(ev: Evidence, cycle: Cycle, link_to: str, by: Any) -> Evidence:
    history_record(
        cycle=cycle,
        kind=HistoryEvent.Kind.EVIDENCE_UPLOADED,
        by=by,
        after={
            "evidence": ev.pk,
            "title": ev.title,
            "organisation": ev.organisation_id,
            **({"url": ev.url} if ev.url else {"sha256": ev.sha256, "type": ev.content_type}),
        },
    )
    if link_to:
        evidence_link(evidence=ev, cycle=cycle, question_code=link_to, by=by)
    return ev


def evidence_upload(
    *,
    cycle: Cycle,
    organisation: Organisation,
    file: EvidenceFile,
    title: str,
    document_date: dt.date | None = None,
    valid_until: dt.date | None = None,
    by: Any,
    duplicates_among: Any = (),
    link_to: str = "",
) -> Evidence:
    """Store a checked file as evidence of ``organisation`` in ``cycle`` (and link it to the
    question ``link_to``); DuplicateEvidence if the same bytes are among ``duplicates_among``."""
    _check(cycle, organisation, title, (document_date, valid_until))
    if file.size > settings.RAPOR_EVIDENCE_MAX_BYTES:
        raise DomainError(_("Berkas lebih besar dari batas."))
    existing = next((e for e in duplicates_among if e.sha256 == file.sha256), None)
    if existing is not None:
        raise DuplicateEvidence(existing)
    name, written = store_file(file.sha256, file.ext, file.content)
    try:
        with transaction.atomic():
            ev = Evidence.objects.create(
                organisation=organisation,
                cycle=cycle,
                title=title.strip(),
                file=name,
                sha256=file.sha256,
                size=file.size,
                content_type=file.content_type,
                original_name=file.original_name,
                document_date=document_date,
                valid_until=valid_until,
                uploaded_by=by,
            )
            return _record_upload(ev, cycle, link_to, by)
    except BaseException:
        if written:
            discard_unused(name)
        raise


def evidence_add_link(
    *,
    cycle: Cycle,
    organisation: Organisation,
    url: str,
    title: str,
    document_date: dt.date | None = None,
    valid_until: dt.date | None = None,
    by: Any,
    duplicates_among: Any = (),
    link_to: str = "",
) -> Evidence:
    """Keep a web address (http or https only) as evidence; the same address is kept once."""
    _check(cycle, organisation, title, (document_date, valid_until))
    url = checked_text(url.strip(), label=_("Tautan"), max_length=500)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise DomainError(
            _("Tautan harus alamat web lengkap yang diawali http:// atau https://.")
        ) from None
    existing = next((e for e in duplicates_among if e.url and e.url == url), None)
    if existing is not None:
        raise DuplicateEvidence(existing)
    with transaction.atomic():
        ev = Evidence.objects.create(
            organisation=organisation,
            cycle=cycle,
            title=title.strip(),
            url=url,
            document_date=document_date,
            valid_until=valid_until,
            uploaded_by=by,
        )
        return _record_upload(ev, cycle, link_to, by)


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
    cycle: Cycle | None = None,
) -> Evidence:
    """Store trusted bytes (``content`` + ``filename``) or a link (demo data, imports)."""
    if bool(content) == bool(url):
        raise DomainError(_("Isi berkas atau tautan, salah satu."))
    ev = Evidence(
        organisation=organisation,
        cycle=cycle,
        title=title,
        url=url,
        uploaded_by=by,
        document_date=document_date,
        valid_until=valid_until,
    )
    written = False
    if content:
        if len(content) > settings.RAPOR_EVIDENCE_MAX_BYTES:
            raise DomainError(_("Berkas lebih besar dari batas."))
        ev.sha256 = hashlib.sha256(content).hexdigest()
        ev.size, ev.original_name = len(content), filename
        ev.content_type = mimetypes.guess_type(filename)[0] or ""  # trusted bytes only
        ext = os.path.splitext(filename)[1].lower()[:10]
        ev.file.name, written = store_file(ev.sha256, ext, ContentFile(content))
    try:
        ev.save()
    except BaseException:
        if written:
            discard_unused(ev.file.name)
        raise
    return ev


@transaction.atomic
def evidence_link(*, evidence: Evidence, cycle: Cycle, question_code: str, by: Any) -> EvidenceLink:
    """Tie evidence to a question of a cycle (idempotent), recording it in the history."""
    if question_code not in cycle.framework.framework().questions:
        raise DomainError(not_a_question(cycle, question_code))
    if evidence.organisation.pemda_id != cycle.organisation.pemda_id:
        raise DomainError(_("Bukti dukung Pemda lain tidak dapat ditautkan."))
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


@transaction.atomic
def evidence_unlink(*, evidence: Evidence, cycle: Cycle, question_code: str, by: Any) -> bool:
    """Untie evidence from a question (the item itself stays in the library); False if it was
    not linked."""
    deleted, _rows = EvidenceLink.objects.filter(
        evidence=evidence, cycle=cycle, question_code=question_code
    ).delete()
    if deleted:
        history_record(
            cycle=cycle,
            kind=HistoryEvent.Kind.EVIDENCE_UNLINKED,
            by=by,
            question_code=question_code,
            before={"evidence": evidence.pk, "title": evidence.title},
        )
    return bool(deleted)
