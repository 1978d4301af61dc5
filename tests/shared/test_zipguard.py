"""The zip guard refuses containers that would expand beyond the limits, before any reader."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from rapor.zipguard import ZipLimitError, ZipLimits, check_zip


def archive(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_an_ordinary_container_passes_and_reports_its_expanded_size():
    assert check_zip(archive({"a.xml": b"<a/>" * 10, "b.xml": b"x"}), verify=True) == 41


def test_a_highly_compressed_part_is_refused_by_its_ratio():
    with pytest.raises(ZipLimitError, match=r"part bomb.xml expands \d+-fold"):
        check_zip(archive({"bomb.xml": b"\0" * (5 * 1024 * 1024)}))


def test_parts_that_expand_beyond_the_total_are_refused():
    limits = ZipLimits(max_total=1000, max_ratio=10_000)
    with pytest.raises(ZipLimitError, match="more than 1000 bytes"):
        check_zip(archive({"a": b"a" * 600, "b": b"b" * 600}), limits=limits)


def test_too_many_parts_are_refused():
    with pytest.raises(ZipLimitError, match="3 parts, more than the 2 allowed"):
        check_zip(archive({"a": b"", "b": b"", "c": b""}), limits=ZipLimits(max_members=2))


def test_a_file_that_is_not_a_zip_is_refused():
    with pytest.raises(ZipLimitError, match="not a valid zip container"):
        check_zip(io.BytesIO(b"PK\x03\x04 not really"))


def test_verify_catches_a_part_that_lies_about_its_size():
    data = bytearray(archive({"a.xml": b"<row/>" * 2000}).getvalue())
    central = data.rfind(b"PK\x01\x02")
    # the central directory's uncompressed size (offset 24) claims 100 bytes instead of 12000
    data[central + 24 : central + 28] = struct.pack("<I", 100)
    assert check_zip(io.BytesIO(bytes(data))) == 100  # the header alone looks harmless
    with pytest.raises(ZipLimitError, match="part a.xml cannot be read"):
        check_zip(io.BytesIO(bytes(data)), verify=True)
