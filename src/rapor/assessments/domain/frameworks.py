"""Store framework files: validate through the engine, register a version, activate it."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from rapor import engine

from ..models import FrameworkVersion
from .errors import DomainError


def framework_check(text: str, *, source: str = "upload") -> engine.Framework:
    """Validate a framework file's text; raise engine.FrameworkError naming the fault."""
    return engine.load_framework_text(text, source=source)


def framework_register(
    *, text: str, by: Any = None, source: str = "upload", shipped: bool = False
) -> tuple[FrameworkVersion, bool]:
    """Store a valid framework file as a version; return (version, created).

    The same (id, version) with the same content is the same version. Different content under a
    version already stored is refused for uploads; a shipped file replaces its stored text (the
    file in the package is the source of truth for its own id and version).
    """
    fw = framework_check(text, source=source)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    fields = {
        "name": fw.name,
        "basis": fw.basis,
        "status": fw.status,
        "notes": fw.notes,
        "yaml_text": text,
        "sha256": sha,
        "question_count": len(fw.questions),
    }
    existing = FrameworkVersion.objects.filter(framework_id=fw.id, version=fw.version).first()
    if existing is not None:
        if existing.sha256 == sha:
            return existing, False
        if not shipped:
            raise DomainError(
                _(
                    "%(id)s versi %(version)s sudah tersimpan dengan isi lain; "
                    "beri berkas baru versi lain."
                )
                % {"id": fw.id, "version": fw.version}
            )
        for key, value in fields.items():
            setattr(existing, key, value)
        existing.save()
        return existing, False
    created = FrameworkVersion.objects.create(
        framework_id=fw.id, version=fw.version, shipped=shipped, uploaded_by=by, **fields
    )
    return created, True


@transaction.atomic
def framework_activate(*, version: FrameworkVersion, by: Any = None) -> FrameworkVersion:
    """Make ``version`` the active version of its framework id (new cycles use it)."""
    FrameworkVersion.objects.filter(framework_id=version.framework_id, is_active=True).exclude(
        pk=version.pk
    ).update(is_active=False)
    version.is_active = True
    version.save(update_fields=["is_active"])
    return version


@transaction.atomic
def frameworks_load_shipped() -> list[FrameworkVersion]:
    """Register every shipped framework file; activate each id that has no active version."""
    out = []
    for fid in engine.shipped_framework_ids():
        path = engine.shipped_framework_path(fid)
        assert path is not None
        version, _ = framework_register(
            text=path.read_text(encoding="utf-8"), source=path.name, shipped=True
        )
        if not FrameworkVersion.objects.filter(
            framework_id=version.framework_id, is_active=True
        ).exists():
            framework_activate(version=version)
        out.append(version)
    return out
