"""What an installation holds: every table (as its model) and every stored file, in a fixed order;
and whether it is empty."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

# Rows a fresh installation has after ``migrate`` (and shipped frameworks, loaded at start): they
# are not anybody's data, and a restore replaces them.
NOT_DATA = {"contenttypes.contenttype", "auth.permission"}


def all_models() -> list[type[models.Model]]:
    """Every concrete table of the installation, many-to-many tables included, by label."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def plain_fields(model: type[models.Model]) -> list[str]:
    """The model's own columns (many-to-many relations are their own tables here)."""
    return [f.name for f in model._meta.local_fields if f.concrete and not f.primary_key]


def file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.local_fields if isinstance(f, models.FileField)]


def stored_files() -> list[str]:
    """Every file a row names, sorted (the evidence, and any other file field)."""
    names: set[str] = set()
    for model in all_models():
        for name in file_fields(model):
            names.update(model._default_manager.exclude(**{name: ""}).values_list(name, flat=True))
    return sorted(n for n in names if n)


def files_on_storage(prefix: str = "evidence") -> Iterator[str]:
    """Every file under ``prefix`` on the storage (temporary ones included)."""
    if not default_storage.exists(prefix):
        return
    dirs, names = default_storage.listdir(prefix)
    for name in names:
        yield f"{prefix}/{name}"
    for d in dirs:
        yield from files_on_storage(f"{prefix}/{d}")


def user_data() -> dict[str, int]:
    """Rows that are somebody's data, by table (empty for a fresh installation)."""
    counts: dict[str, int] = {}
    for model in all_models():
        if label(model) in NOT_DATA:
            continue
        qs: Any = model._default_manager.all()
        if label(model) == "assessments.frameworkversion":
            qs = qs.filter(shipped=False)
        n = qs.count()
        if n:
            counts[label(model)] = n
    return counts
