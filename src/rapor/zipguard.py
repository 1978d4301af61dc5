"""Refuse zip containers (xlsx, docx, odt …) that would expand beyond sane limits, before any
reader opens them.

An Office file is a zip archive. A 2 MB workbook can declare parts that expand to gigabytes (a
"zip bomb"), and a reader that trusts it exhausts memory. ``check_zip`` reads only the central
directory: the number of members, their declared sizes and compression ratios. Python's zipfile
never inflates a member beyond its declared size, and ``verify=True`` also inflates every member in
small chunks to confirm the declared sizes, so a lying header is caught too (at the cost of one
decompression pass, still in constant memory). Pure Python, no Django: the command line, the
workbook readers and the web uploads share it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

MiB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 2_000
    max_total: int = 200 * MiB
    """The most all members may expand to together."""
    max_member: int = 100 * MiB
    max_ratio: int = 200
    """The highest expansion ratio of one member (real xlsx parts stay well under 100)."""


DEFAULT_LIMITS = ZipLimits()


class ZipLimitError(ValueError):
    """The archive is not a zip file, or it would expand beyond the limits."""

    def __init__(self, reason: str, **details: object) -> None:
        self.reason = reason
        self.details = details
        super().__init__(reason.format(**details) if details else reason)


def check_zip(
    source: str | IO[bytes], *, limits: ZipLimits = DEFAULT_LIMITS, verify: bool = False
) -> int:
    """Return the total expanded size, or raise ZipLimitError saying which limit is broken."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ZipLimitError(
            "not a valid zip container: {error}", error=str(exc) or "unreadable"
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise ZipLimitError(
                "{count} parts, more than the {limit} allowed",
                count=len(infos),
                limit=limits.max_members,
            )
        total = 0
        for info in infos:
            size = info.file_size
            if size > limits.max_member:
                raise ZipLimitError(
                    "part {name} expands to {size} bytes, more than the {limit} allowed",
                    name=info.filename,
                    size=size,
                    limit=limits.max_member,
                )
            if info.compress_size and size / info.compress_size > limits.max_ratio:
                raise ZipLimitError(
                    "part {name} expands {ratio}-fold, more than the {limit}-fold allowed",
                    name=info.filename,
                    ratio=size // info.compress_size,
                    limit=limits.max_ratio,
                )
            total += size
            if total > limits.max_total:
                raise ZipLimitError(
                    "the parts expand to more than {limit} bytes",
                    limit=limits.max_total,
                )
        if verify:
            for info in infos:
                _inflate(archive, info)
        return total


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one member in chunks; zipfile stops at the declared size and checks the CRC."""
    try:
        with archive.open(info) as member:
            while member.read(1 << 16):
                pass
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ZipLimitError(
            "part {name} cannot be read: {error}", name=info.filename, error=str(exc)
        ) from None
