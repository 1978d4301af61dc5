"""Zip containers that expand far beyond their size (a "zip bomb"), written byte by byte.

A part of zeros deflated in 16 MiB steps (with a full flush after each, the steps compress to
the same bytes) gives a real 2 GiB part in about 2 MB, in a fraction of a second; zipfile would
need to compress the whole 2 GiB.
"""

from __future__ import annotations

import struct
import zlib

STEP = 16 * 1024 * 1024


def deflated(data: bytes) -> tuple[bytes, int, int]:
    """(raw deflate stream, crc32, size) of ``data``."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def deflated_zeros(size: int) -> tuple[bytes, int, int]:
    """(raw deflate stream, crc32, size) of ``size`` zero bytes, ``size`` a multiple of STEP."""
    assert size % STEP == 0
    zeros = b"\x00" * STEP
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    steps = size // STEP
    crc = 0
    for _ in range(steps):
        crc = zlib.crc32(zeros, crc)
    stream = first + again * (steps - 1) + c.compress(b"") + c.flush()
    return stream, crc, size


def zip_of(parts: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip archive of deflated parts {name: (stream, crc32, size)}."""
    out = bytearray()
    central = bytearray()
    for name, (stream, crc, size) in parts.items():
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0
        )
        out += encoded + stream
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(stream),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), start, 0
    )
    return bytes(out)


def office_bomb(kind: str, size: int) -> bytes:
    """A docx / xlsx / odt whose one big part expands to ``size`` bytes."""
    if kind == "odt":
        small = {
            "mimetype": deflated(b"application/vnd.oasis.opendocument.text"),
            "content.xml": deflated(b"<office:document-content/>"),
        }
        big = "Pictures/zeros.bin"
    else:
        prefix = {"docx": "word", "xlsx": "xl"}[kind]
        small = {
            "[Content_Types].xml": deflated(b"<?xml version='1.0'?><Types/>"),
            f"{prefix}/document.xml": deflated(b"<document/>"),
        }
        big = f"{prefix}/media/zeros.bin"
    return zip_of({**small, big: deflated_zeros(size)})
