"""The backup archive: one gzip-compressed tar file with the database (one JSON-lines member per
table), the evidence files, and a manifest with the SHA-256 and size of every member.

How this works: members are written in one pass and the manifest last (``manifest.json``); it
also records the migrations the database was at and the row count of each table. ``verify``
reads the whole archive before anything is restored: every member must be a plain file with a
safe name, listed in the manifest with the same size and checksum, and nothing listed may be
missing; a damaged or tampered archive is refused with the member at fault. Reading is streamed
and bounded by the sizes the manifest declares, so a hostile archive cannot fill the memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

FORMAT = "rapor.backup/1"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_SAFE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


class ArchiveError(Exception):
    """The archive cannot be restored; the message names the member at fault."""


def db_member(table: str) -> str:
    return f"db/{table}.jsonl"


def file_member(name: str) -> str:
    return f"files/{name}"


def safe_name(name: str) -> bool:
    return len(name) <= 300 and bool(_SAFE.match(name)) and ".." not in name.split("/")


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int


class Writer:
    """Add members to a new archive, recording each one's checksum for the manifest."""

    def __init__(self, fileobj: IO[bytes]) -> None:
        self.tar = tarfile.open(fileobj=fileobj, mode="w|gz")  # noqa: SIM115 - closed by finish()
        self.entries: dict[str, Entry] = {}

    def add(self, name: str, source: IO[bytes], size: int) -> Entry:
        if not safe_name(name) or name in self.entries:
            raise ArchiveError(f"{name}: not a name a backup may hold")
        digest = _HashingReader(source)
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = size, 0o600, 0
        self.tar.addfile(info, digest)
        if digest.read_bytes != size:
            raise ArchiveError(f"{name}: changed while it was being read")
        entry = Entry(digest.hash.hexdigest(), size)
        self.entries[name] = entry
        return entry

    def finish(self, manifest: dict[str, Any]) -> None:
        manifest["members"] = {n: [e.sha256, e.size] for n, e in self.entries.items()}
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, 0
        self.tar.addfile(info, _BytesReader(data))
        self.tar.close()


class _HashingReader:
    def __init__(self, source: IO[bytes]) -> None:
        self.source, self.hash, self.read_bytes = source, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.source.read(n)
        self.hash.update(chunk)
        self.read_bytes += len(chunk)
        return chunk


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.at + n
        chunk, self.at = self.data[self.at : end], min(end, len(self.data))
        return chunk


@contextlib.contextmanager
def unreadable_as_error() -> Iterator[None]:
    """A broken gzip stream or tar structure, wherever it shows (opening, or reading a member)."""
    try:
        yield
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise ArchiveError(f"not a readable backup archive: {exc}") from None


def _members(path: Path) -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
    with unreadable_as_error(), tarfile.open(path, mode="r|gz") as tar:
        for info in tar:
            if not info.isfile():
                raise ArchiveError(f"{info.name}: not a plain file")
            if not safe_name(info.name):
                raise ArchiveError(f"{info.name!r}: not a name a backup may hold")
            f = tar.extractfile(info)
            assert f is not None
            yield info, f


def verify(path: Path) -> dict[str, Any]:
    """Read the whole archive and return its manifest, or raise ArchiveError naming the fault."""
    seen: dict[str, Entry] = {}
    manifest_bytes = b""
    with unreadable_as_error():
        for info, f in _members(path):
            if info.name in seen or (info.name == MANIFEST and manifest_bytes):
                raise ArchiveError(f"{info.name}: appears twice")
            if info.name == MANIFEST:
                if info.size > MAX_MANIFEST_BYTES:
                    raise ArchiveError(f"{MANIFEST}: larger than a manifest can be")
                manifest_bytes = f.read()
                continue
            digest = hashlib.sha256()
            while chunk := f.read(1 << 20):
                digest.update(chunk)
            seen[info.name] = Entry(digest.hexdigest(), info.size)
    manifest = _manifest(manifest_bytes)
    listed = {n: Entry(str(v[0]), int(v[1])) for n, v in manifest["members"].items()}
    for name, entry in listed.items():
        if name not in seen:
            raise ArchiveError(f"{name}: listed in the manifest but missing")
        if seen[name] != entry:
            raise ArchiveError(f"{name}: its checksum or size differs from the manifest: damaged")
    extra = sorted(set(seen) - set(listed))
    if extra:
        raise ArchiveError(f"{extra[0]}: not listed in the manifest")
    return manifest


def _manifest(data: bytes) -> dict[str, Any]:
    if not data:
        raise ArchiveError(f"{MANIFEST}: missing; this is not a complete Rapor backup")
    try:
        manifest = json.loads(data)
    except (ValueError, RecursionError):
        raise ArchiveError(f"{MANIFEST}: not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{MANIFEST}: not a {FORMAT} manifest")
    members = manifest.get("members")
    tables = manifest.get("tables")
    if not isinstance(members, dict) or not isinstance(tables, dict):
        raise ArchiveError(f"{MANIFEST}: members or tables missing")
    if not all(isinstance(v, list) and len(v) == 2 for v in members.values()):
        raise ArchiveError(f"{MANIFEST}: a member entry is not [sha256, size]")
    return manifest


def members(path: Path) -> Iterator[tuple[str, IO[bytes]]]:
    """(name, stream) of every member after the archive was verified, in archive order."""
    for info, f in _members(path):
        yield info.name, f
