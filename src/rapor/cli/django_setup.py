"""Django for the commands that need it (the engine's commands never import this)."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapor.web.settings")
    import django

    django.setup()
