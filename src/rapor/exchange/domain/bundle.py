"""The evidence of a cycle (or of one area) as one zip, streamed as it is written.

How this works: the zip is written into a small sink that the response drains after every chunk
of every file, so the bundle never exists whole, in memory or on disk: a 2 GB bundle costs a
megabyte of buffer. Python's zipfile writes to a stream that cannot seek by putting each
member's sizes after its data (a data descriptor) and uses ZIP64 for members of 2 GB and more.
Files are stored, not compressed (PDFs, images and Office files are compressed already). The
first member, ``INDEKS.csv``, says which file supports which answer: file, title, owner,
document date, and the questions it is linked to with their indicator and the answer that
counts; links (no file) are listed there too.

The bundle holds the evidence linked to the cycle's questions (the area's, when one is asked
for): whoever may see the cycle may see those items, as in the workspace.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from rapor.assessments.models import Cycle, EvidenceLink
from rapor.assessments.queries import cycle_data
from rapor.assessments.tree import leaves_under
from rapor.engine import answer_text
from rapor.web.csvexport import csv_lines

CHUNK = 1024 * 1024
ZIP64_FROM = 2**31


class _Sink(io.RawIOBase):
    """A write-only stream that keeps what was written until it is taken."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def _safe(text: str, limit: int = 60) -> str:
    return re.sub(r"[^\w.\- ]+", "_", text).strip(" ._")[:limit] or "berkas"


def bundle_links(cycle: Cycle, area: str = "") -> list[EvidenceLink]:
    links = EvidenceLink.objects.filter(cycle=cycle).select_related(
        "evidence", "evidence__organisation"
    )
    if area:
        fw = cycle.framework.framework()
        leaves = set(leaves_under(fw, area))
        codes = [q.code for q in fw.questions.values() if q.node in leaves]
        links = links.filter(question_code__in=codes)
    return list(links.order_by("question_code", "pk"))


def evidence_bundle(cycle: Cycle, *, area: str = "") -> Iterator[bytes]:
    """The zip's bytes, chunk by chunk."""
    links = bundle_links(cycle, area)
    data = cycle_data(cycle)
    fw = data.framework
    items: dict[int, Any] = {}
    questions: dict[int, list[str]] = {}
    for link in links:
        items.setdefault(link.evidence_id, link.evidence)
        questions.setdefault(link.evidence_id, []).append(link.question_code)
    names = {
        pk: f"bukti/{pk}-{_safe(ev.original_name or ev.title)}" if ev.file else ""
        for pk, ev in items.items()
    }
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        index = _index(fw, data, items, questions, names)
        zf.writestr(_info("INDEKS.csv", zipfile.ZIP_DEFLATED), index)
        yield sink.take()
        for pk, ev in items.items():
            if not ev.file:
                continue
            try:
                source = ev.file.open("rb")
            except FileNotFoundError:
                continue  # a missing stored file: listed in the index, not in the bundle
            with source, zf.open(_info(names[pk]), "w", force_zip64=ev.size >= ZIP64_FROM) as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def _info(name: str, compression: int = zipfile.ZIP_STORED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, timezone.localtime().timetuple()[:6])
    info.compress_type = compression
    return info


def _index(fw: Any, data: Any, items: dict[int, Any], questions: dict[int, list[str]],
           names: dict[int, str]) -> bytes:  # fmt: skip
    header = [
        _("berkas"),
        _("judul"),
        _("pemilik"),
        _("tanggal dokumen"),
        _("tautan"),
        _("pertanyaan"),
        _("indikator"),
        _("teks pertanyaan"),
        _("jawaban yang dinilai"),
    ]
    rows = []
    answers = data.score.result.answers
    for pk, ev in items.items():
        for code in questions[pk]:
            q = fw.questions.get(code)
            answer = answers.get(code)
            rows.append(
                [
                    names[pk],
                    ev.title,
                    ev.organisation.label,
                    ev.document_date.isoformat() if ev.document_date else "",
                    ev.url,
                    code,
                    q.node if q else "",
                    q.text if q else "",
                    "" if answer is None else answer_text(answer),
                ]
            )
    return "".join(csv_lines(header, rows)).encode("utf-8")


def bundle_name(cycle: Cycle, area: str = "") -> str:
    org = cycle.organisation.short_name or cycle.organisation.name
    tail = f" {area}" if area else ""
    return re.sub(r"[^\w.-]+", "-", f"bukti-{org}-{cycle.year}{tail}").strip("-") + ".zip"
