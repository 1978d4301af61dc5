"""Hand-made xlsx files for the reader's limits: any sheet XML, streamed into the zip, and a
zip bomb whose one part declares gigabytes while the file stays small."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="LKE" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"
PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
}


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def write_xlsx(path: Path, rows: Iterable[str], *, skip: Iterable[str] = ()) -> Path:
    """An xlsx whose one sheet holds ``rows`` (``<row>`` elements), streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in PARTS.items():
            if name not in skip:
                z.writestr(name, text)
        if "xl/worksheets/sheet1.xml" in skip:
            return path
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(SHEET_HEAD.encode())
            chunk: list[str] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= 10_000:
                    part.write("".join(chunk).encode())
                    chunk.clear()
            part.write(("".join(chunk) + SHEET_TAIL).encode())
    return path


def zip_bomb(path: Path, expands_to: int = 2 * 1024**3) -> Path:
    """An xlsx whose sheet part inflates to ``expands_to`` bytes of zeros (2 GiB by default),
    built from one compressed megabyte repeated, so that making it costs almost nothing."""
    mib = 1 << 20
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(mib)) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush(zlib.Z_FINISH)
    count = expands_to // mib
    data_size = len(block) * count + len(tail)
    crc = 0  # never checked: a reader must refuse the part from its declared size alone
    write_xlsx(path, [], skip=["xl/worksheets/sheet1.xml"])
    with open(path, "r+b") as f:
        # Append the bomb as a last member by rewriting the central directory by hand.
        z = zipfile.ZipFile(f)
        infos = z.infolist()
        directory_at = z.start_dir
        z.close()
        f.seek(directory_at)
        name = b"xl/worksheets/sheet1.xml"
        offset = f.tell()
        f.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, data_size, expands_to, len(name), 0
            )
            + name
        )
        for _ in range(count):
            f.write(block)
        f.write(tail)
        central = b""
        for info in infos:
            central += _central(info.filename.encode(), info.CRC, info.compress_size,
                                info.file_size, info.header_offset, info.compress_type)  # fmt: skip
        central += _central(name, crc, data_size, expands_to, offset, 8)
        start = f.tell()
        f.write(central)
        count_all = len(infos) + 1
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count_all, count_all, len(central),
                            start, 0))  # fmt: skip
        f.truncate()
    return path


def _central(name: bytes, crc: int, csize: int, size: int, offset: int, method: int) -> bytes:
    return (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0,
            crc,
            csize,
            size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )  # fmt: skip
        + name
    )
