"""Check an uploaded evidence file by its content (magic bytes), never by its name.

How this works: ``check_upload`` reads the first bytes to tell the kind. Zip and OLE files are
containers, so it looks inside: the zip directory (OOXML parts such as ``word/``, or an ODF
``mimetype`` entry; nothing is decompressed but that tiny entry) or the OLE stream names (a Word
document from an installer). Only the kinds in ``KINDS`` pass; anything else is refused with a
message that says what was found and what is accepted. The name only matters for display: a PNG
named ``scan.pdf`` is accepted and stored and served as PNG (``.png``), and the user is told.

An Office or OpenDocument file is a zip archive; before it is accepted ``rapor.zipguard`` reads
its directory and inflates every part in small chunks (``verify=True``: a lying header is caught
too), so a 2 MB file whose parts expand to 2 GiB is refused (``EVIDENCE_ZIP_LIMITS``) and never
reaches a reviewer's office program.

The size limit (``RAPOR_EVIDENCE_MAX_BYTES``) is enforced while the request streams in, by
``SizeLimitUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``): an oversized file is dropped
before it is complete, so nothing of it is kept, and the view can say why.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapor.engine.texts import without_forbidden
from rapor.zipguard import ZipLimitError, ZipLimits, check_zip

from ..domain.evidence import EvidenceFile


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    mime: str
    ext: str
    preview: bool = False
    """Shown inline (PDF and images); everything else is only downloaded."""


_W, _X, _P = "wordprocessingml.document", "spreadsheetml.sheet", "presentationml.presentation"
_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
KINDS: dict[str, FileKind] = {
    k.code: k
    for k in (
        FileKind("pdf", "PDF", "application/pdf", ".pdf", True),
        FileKind("png", "PNG", "image/png", ".png", True),
        FileKind("jpeg", "JPEG", "image/jpeg", ".jpg", True),
        FileKind("gif", "GIF", "image/gif", ".gif", True),
        FileKind("webp", "WebP", "image/webp", ".webp", True),
        FileKind("docx", "Word (docx)", _OOXML + _W, ".docx"),
        FileKind("xlsx", "Excel (xlsx)", _OOXML + _X, ".xlsx"),
        FileKind("pptx", "PowerPoint (pptx)", _OOXML + _P, ".pptx"),
        FileKind("doc", "Word (doc)", "application/msword", ".doc"),
        FileKind("xls", "Excel (xls)", "application/vnd.ms-excel", ".xls"),
        FileKind("ppt", "PowerPoint (ppt)", "application/vnd.ms-powerpoint", ".ppt"),
        FileKind("odt", "OpenDocument teks", _ODF + "text", ".odt"),
        FileKind("ods", "OpenDocument lembar kerja", _ODF + "spreadsheet", ".ods"),
        FileKind("odp", "OpenDocument presentasi", _ODF + "presentation", ".odp"),
    )
}
# Other names a kind's file commonly carries (not a mismatch worth telling the user about).
EXT_ALIASES = {".jpeg": "jpeg", ".jpe": "jpeg"}
ACCEPTED = gettext_lazy(
    "PDF, gambar (PNG, JPEG, GIF, WebP), dokumen Office (Word, Excel, PowerPoint, juga format "
    "lama .doc/.xls/.ppt) dan OpenDocument"
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# OLE stream names (UTF-16LE in the directory) that identify an Office document; an OLE file
# without them (an .msi installer, an Outlook message) is refused.
OLE_STREAMS = [
    ("doc", "WordDocument"),
    ("xls", "Workbook"),
    ("xls", "Book"),
    ("ppt", "PowerPoint Document"),
]
OOXML_PARTS = [("docx", "word/"), ("xlsx", "xl/"), ("pptx", "ppt/")]
MAX_ZIP_ENTRIES = 20_000
ZIP_KINDS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
# What a zip-based document may expand to (decision, docs/security.md): the total and per-part
# sizes protect the disk and memory of whoever opens it; the ratio is generous because a
# spreadsheet of repeated rows compresses far better than text.
EVIDENCE_ZIP_LIMITS = ZipLimits(
    max_members=MAX_ZIP_ENTRIES,
    max_total=200 * 1024 * 1024,
    max_member=100 * 1024 * 1024,
    max_ratio=1000,
)
# zipguard's reasons (English format strings) in the user's language, by the reason's text.
ZIP_REASONS: dict[str, Any] = {
    "not a valid zip container: {error}": gettext_lazy("isinya bukan arsip ZIP yang utuh"),
    "{count} parts, more than the {limit} allowed": gettext_lazy(
        "isinya %(count)s bagian, lebih dari %(limit)s yang diizinkan"
    ),
    "part {name} expands to {size} bytes, more than the {limit} allowed": gettext_lazy(
        "bagian %(name)s mengembang menjadi %(size)s, lebih dari batas %(limit)s"
    ),
    "part {name} expands {ratio}-fold, more than the {limit}-fold allowed": gettext_lazy(
        "bagian %(name)s mengembang %(ratio)s kali lipat, lebih dari batas %(limit)s kali"
    ),
    "the parts expand to more than {limit} bytes": gettext_lazy(
        "isinya mengembang menjadi lebih dari %(limit)s"
    ),
    "part {name} cannot be read: {error}": gettext_lazy("bagian %(name)s tidak dapat dibaca"),
}


class UploadRefused(Exception):
    """The file is not accepted; the message is for the user."""


def max_bytes() -> int:
    return int(settings.RAPOR_EVIDENCE_MAX_BYTES)


def human_size(n: int) -> str:
    """1.5 MB, 300 KB (for messages; the limit is usually whole megabytes)."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(n / 1024))} KB"


def too_large_message(name: str) -> str:
    return _("Berkas “%(name)s” terlalu besar: batasnya %(limit)s.") % {
        "name": name,
        "limit": human_size(max_bytes()),
    }


class SizeLimitUploadHandler(FileUploadHandler):
    """Drop a file as soon as it grows past the evidence limit, and note its name on the request."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > max_bytes():
            oversized = getattr(self.request, "rapor_oversized", [])
            self.request.rapor_oversized = [*oversized, self.file_name]  # type: ignore[union-attr]
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _ole_kind(f: BinaryIO) -> tuple[str | None, str]:
    patterns = [(code, name.encode("utf-16-le")) for code, name in OLE_STREAMS]
    longest = max(len(p) for _c, p in patterns)
    f.seek(0)
    tail = b""
    while chunk := f.read(1 << 20):  # bounded by the size limit, checked before
        window = tail + chunk
        for code, pattern in patterns:
            if pattern in window:
                return code, KINDS[code].label
        tail = window[-longest:]
    return None, _("berkas OLE yang bukan dokumen Office (misalnya penginstal .msi)")


def _zip_kind(f: BinaryIO) -> tuple[str | None, str]:
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            infos = z.infolist()
            if not infos or len(infos) > MAX_ZIP_ENTRIES:
                return None, _("arsip ZIP")
            first = infos[0]
            if first.filename == "mimetype" and first.file_size < 100:
                mimetype = z.read(first).decode("ascii", "replace").strip()
                for kind in KINDS.values():
                    if kind.mime == mimetype:
                        return kind.code, kind.label
            names = [i.filename for i in infos]
            if "[Content_Types].xml" in names:
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    return None, _("dokumen Office dengan makro")
                for code, prefix in OOXML_PARTS:
                    if any(n.startswith(prefix) for n in names):
                        return code, KINDS[code].label
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None, _("arsip ZIP yang rusak")
    except (RuntimeError, NotImplementedError):  # encrypted or an unknown compression
        return None, _("arsip ZIP terenkripsi")
    return None, _("arsip ZIP")


def _other_label(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"MZ"):
        return _("program Windows (EXE/DLL)")
    if head.startswith(b"\x7fELF"):
        return _("program Linux (ELF)")
    if head.startswith(b"#!"):
        return _("skrip")
    if b"<svg" in text[:1024]:
        return _("gambar SVG (dapat berisi skrip)")
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<script", b"<body", b"<iframe")):
        return _("halaman HTML")
    if text.startswith(b"<?xml"):
        return _("berkas XML")
    if head.startswith((b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf\x27\x1c")):
        return _("arsip terkompresi")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return _("jenis yang tidak dikenal")
    return _("teks biasa")


def sniff(f: BinaryIO) -> tuple[str | None, str]:
    """(the accepted kind's code or None, what the content is, for the user)."""
    f.seek(0)
    head = f.read(4096)
    if not head:
        return None, _("berkas kosong")
    if head.startswith(b"%PDF-"):
        return "pdf", "PDF"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg", "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif", "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp", "WebP"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(f)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(f)
    return None, _other_label(head)


@dataclass(frozen=True)
class Checked:
    file: EvidenceFile
    kind: FileKind
    note: str
    """Said to the user when the name lies about the content ("" otherwise)."""


def zip_refusal(name: str, error: ZipLimitError) -> str:
    """The user's message for a zip container that zipguard refused."""
    details = dict(error.details)
    for key in ("size", "limit"):
        if isinstance(details.get(key), int) and "bytes" in error.reason:
            details[key] = human_size(int(details[key]))
    if "name" in details:
        details["name"] = without_forbidden(str(details["name"]))[:80]
    why = ZIP_REASONS.get(error.reason, ZIP_REASONS["not a valid zip container: {error}"])
    return _("Berkas “%(name)s” tidak diterima: %(why)s.") % {
        "name": name,
        "why": str(why) % details if details else str(why),
    }


def check_upload(upload: Any) -> Checked:
    """Judge an uploaded file (a Django UploadedFile) by its content; UploadRefused if not accepted."""
    name = without_forbidden(os.path.basename(upload.name or "")) or "berkas"
    if upload.size > max_bytes():
        raise UploadRefused(too_large_message(name))
    f = upload.file if hasattr(upload, "file") else upload
    code, what = sniff(f)
    if code is None:
        raise UploadRefused(
            _("Berkas “%(name)s” tidak diterima: isinya %(what)s. Yang diterima: %(accepted)s.")
            % {"name": name, "what": what, "accepted": ACCEPTED}
        )
    kind = KINDS[code]
    if code in ZIP_KINDS:
        try:
            check_zip(f, limits=EVIDENCE_ZIP_LIMITS, verify=True)
        except ZipLimitError as error:
            raise UploadRefused(zip_refusal(name, error)) from None
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    ext = os.path.splitext(name)[1].lower()
    note = ""
    if ext and ext != kind.ext and EXT_ALIASES.get(ext) != code:
        note = _(
            "Nama berkas berakhiran %(ext)s tetapi isinya %(what)s; disimpan sebagai %(what)s."
        ) % {"ext": ext, "what": kind.label}
    return Checked(
        file=EvidenceFile(
            content=upload,
            sha256=digest.hexdigest(),
            size=upload.size,
            content_type=kind.mime,
            ext=kind.ext,
            original_name=name[:255],
        ),
        kind=kind,
        note=note,
    )


def kind_of(content_type: str) -> FileKind | None:
    return next((k for k in KINDS.values() if k.mime == content_type), None)
