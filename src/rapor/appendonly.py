"""Append-only trails: the history of a cycle, the accounts, steering and survey events.

``objects = AppendOnlyQuerySet.as_manager()`` refuses bulk ``update()`` and ``delete()``; each
model's ``save()`` refuses to change a stored row. (Django's own cascades and SET_NULL work
below the manager, so deleting a cycle or a user still takes its events along.)
"""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnlyError(Exception):
    """A trail is append-only."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model._meta.verbose_name_plural} cannot be deleted")
