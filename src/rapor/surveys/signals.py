"""Freeze linked values when a cycle is submitted or closed, thaw them when it reopens.

A receiver rather than a call in the cycle's domain: whoever moves the stage (the Siklus screen,
an import, the admin), what was submitted keeps the value it had, and the assessments app needs
to know nothing about surveys.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from rapor.assessments.models import Cycle

from .domain.links import links_freeze


@receiver(post_save, sender=Cycle, dispatch_uid="surveys-freeze-links")
def _cycle_saved(sender: Any, instance: Cycle, created: bool, **kwargs: Any) -> None:
    if not created and not kwargs.get("raw"):
        links_freeze(instance)
