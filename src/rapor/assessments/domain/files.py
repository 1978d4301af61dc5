"""Evidence bytes on storage: never half-written under their final name, and no orphans left.

How this works: a stored file is named by its content (``evidence/<2 hex>/<sha256><ext>``) and is
reused by every later upload of the same bytes, so a half-written file under that name would spoil
all of them. ``store_file`` writes the bytes under a temporary name (``evidence/.incoming/``) and
then moves them to their final name in one step (a rename on the filesystem; a copy and a delete
on object storage, where a key appears whole or not at all), and the caller creates the row that
names the file in the same breath; if that fails, ``discard_unused`` removes the file again unless
a committed row uses it. A process killed on the way leaves at most a temporary file, or a final
file no row names; ``cleanup_files`` removes both once they are older than a margin (so a
transaction still running elsewhere keeps its file), and Django's own upload temporaries of
requests that never finished. ``rapor cleanup`` runs it, and ``rapor demo`` runs it at start.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from ..models import Evidence

INCOMING = "evidence/.incoming"
DEFAULT_MARGIN = dt.timedelta(hours=1)


def final_name(sha256: str, ext: str) -> str:
    return f"evidence/{sha256[:2]}/{sha256}{ext}"


def store_file(sha256: str, ext: str, content: Any) -> tuple[str, bool]:
    """Put ``content`` under its final name; return (name, whether this call wrote it)."""
    name = final_name(sha256, ext)
    if default_storage.exists(name) and Evidence.objects.filter(file=name).exists():
        return name, False  # the same bytes are stored already, and a row vouches for them
    temp = default_storage.save(f"{INCOMING}/{uuid.uuid4().hex}.part", content)
    try:
        move_file(default_storage, temp, name)
    except BaseException:
        default_storage.delete(temp)
        raise
    return name, True


def move_file(storage: Storage, src: str, dst: str) -> None:
    try:
        src_path, dst_path = storage.path(src), storage.path(dst)
    except NotImplementedError:  # object storage: the copy appears whole, then drop the original
        with storage.open(src) as f:
            saved = storage.save(dst, f)
        if saved != dst:  # the same bytes arrived meanwhile under the final name
            storage.delete(saved)
        storage.delete(src)
        return
    os.makedirs(os.path.dirname(dst_path), exist_ok=True)
    os.replace(src_path, dst_path)  # atomic: the final name holds the old bytes or the new


def discard_unused(name: str) -> None:
    """Remove a file this request wrote when no row names it (its transaction failed)."""
    if name and not Evidence.objects.filter(file=name).exists():
        default_storage.delete(name)


@dataclass
class CleanupReport:
    temporary: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    uploads: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.temporary) + len(self.orphans) + len(self.uploads)


def cleanup_files(*, margin: dt.timedelta = DEFAULT_MARGIN) -> CleanupReport:
    """Remove temporary evidence files, evidence files no row names, and upload temporaries,
    each older than ``margin``."""
    report = CleanupReport()
    cutoff = timezone.now() - margin
    storage = default_storage

    def old(name: str) -> bool:
        try:
            return storage.get_modified_time(name) <= cutoff
        except (FileNotFoundError, OSError):
            return False

    if storage.exists(INCOMING):
        for name in storage.listdir(INCOMING)[1]:
            path = f"{INCOMING}/{name}"
            if old(path):
                storage.delete(path)
                report.temporary.append(path)
    if storage.exists("evidence"):
        used = set(Evidence.objects.exclude(file="").values_list("file", flat=True))
        for folder in storage.listdir("evidence")[0]:
            if folder.startswith("."):
                continue
            for name in storage.listdir(f"evidence/{folder}")[1]:
                path = f"evidence/{folder}/{name}"
                if path not in used and old(path):
                    storage.delete(path)
                    report.orphans.append(path)
    upload_dir = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    if upload_dir and Path(upload_dir).is_dir():
        for path in Path(upload_dir).glob("*.upload*"):
            modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            if modified <= cutoff:
                path.unlink(missing_ok=True)
                report.uploads.append(path.name)
    return report
