"""Evidence files are judged by their content, never their name (real files written in tmp)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rapor.assessments.interfaces.uploads import UploadRefused, check_upload, sniff
from rapor.demo.pdf import tiny_pdf


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def zip_bytes(entries: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(entries.items()):
            method = zipfile.ZIP_STORED if stored_first and i == 0 else zipfile.ZIP_DEFLATED
            z.writestr(name, data, compress_type=method)
    return out.getvalue()


def docx_bytes(*, macros: bool = False) -> bytes:
    entries = {
        "[Content_Types].xml": b"<?xml version='1.0'?><Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
    if macros:
        entries["word/vbaProject.bin"] = b"\x00" * 10
    return zip_bytes(entries)


def ole_bytes(stream: str) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return head + stream.encode("utf-16-le") + b"\x00" * 600


SAMPLES = {
    "pdf": ("laporan.pdf", tiny_pdf("Laporan uji")),
    "png": ("foto.png", png_bytes()),
    "jpeg": ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64),
    "gif": ("anim.gif", b"GIF89a" + b"\x00" * 32),
    "webp": ("gambar.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32),
    "docx": ("sk.docx", docx_bytes()),
    "xlsx": ("data.xlsx", zip_bytes({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"})),
    "pptx": ("paparan.pptx", zip_bytes({"[Content_Types].xml": b"<T/>", "ppt/p.xml": b"<p/>"})),
    "doc": ("lama.doc", ole_bytes("WordDocument")),
    "xls": ("lama.xls", ole_bytes("Workbook")),
    "odt": (
        "teks.odt",
        zip_bytes(
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
            stored_first=True,
        ),
    ),
}

REFUSED = {
    "program.pdf": (b"MZ\x90\x00" + b"\x00" * 60, "EXE"),
    "halaman.pdf": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    "skrip.pdf": (b"#!/bin/sh\nrm -rf /\n", "skrip"),
    "gambar.svg": (b'<?xml version="1.0"?><svg onload="alert(1)"/>', "SVG"),
    "arsip.zip": (zip_bytes({"a.txt": b"hello"}), "ZIP"),
    "makro.docx": (docx_bytes(macros=True), "makro"),
    "penginstal.doc": (ole_bytes("SummaryInformation"), "OLE"),
    "kosong.pdf": (b"", "kosong"),
    "rusak.docx": (b"PK\x03\x04garbage", "rusak"),
}


def upload_from(tmp_path: Path, name: str, content: bytes) -> SimpleUploadedFile:
    path = tmp_path / name
    path.write_bytes(content)
    return SimpleUploadedFile(name, path.read_bytes())


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_allowed_kinds_are_recognised_by_their_content(tmp_path, kind, settings):
    name, content = SAMPLES[kind]
    checked = check_upload(upload_from(tmp_path, name, content))
    assert checked.kind.code == kind
    assert checked.file.size == len(content)
    assert checked.file.ext == checked.kind.ext
    assert len(checked.file.sha256) == 64
    assert checked.note == ""


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_files_whose_content_is_not_allowed_are_refused_with_what_was_found(tmp_path, name):
    content, what = REFUSED[name]
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload_from(tmp_path, name, content))
    message = str(refused.value)
    assert what in message
    assert "Yang diterima: PDF" in message


def test_a_png_named_pdf_is_kept_as_png_and_the_user_is_told(tmp_path):
    checked = check_upload(upload_from(tmp_path, "scan.pdf", png_bytes()))
    assert checked.kind.code == "png"
    assert checked.file.ext == ".png"
    assert checked.file.content_type == "image/png"
    assert ".pdf" in checked.note and "PNG" in checked.note


def test_a_jpeg_named_jpeg_is_not_a_mismatch(tmp_path):
    checked = check_upload(upload_from(tmp_path, "foto.JPEG", SAMPLES["jpeg"][1]))
    assert checked.note == ""


def test_an_oversized_file_is_refused_before_its_type_is_read(tmp_path, settings):
    settings.RAPOR_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(UploadRefused, match="terlalu besar"):
        check_upload(upload_from(tmp_path, "besar.pdf", tiny_pdf("x" * 50)))


def test_the_ole_stream_name_is_found_across_read_chunks():
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * ((1 << 20) - 13)
    content += "WordDocument".encode("utf-16-le") + b"\x00" * 100
    assert sniff(io.BytesIO(content))[0] == "doc"


def test_the_upload_handler_drops_a_file_as_soon_as_it_passes_the_limit(settings):
    from types import SimpleNamespace

    from django.core.files.uploadhandler import SkipFile

    from rapor.assessments.interfaces.uploads import SizeLimitUploadHandler

    settings.RAPOR_EVIDENCE_MAX_BYTES = 100
    request = SimpleNamespace()
    handler = SizeLimitUploadHandler(request)
    handler.new_file("file", "besar.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x" * 60, 60)
    assert request.rapor_oversized == ["besar.pdf"]
