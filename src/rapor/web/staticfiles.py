"""Static files with hashed names (cached for a year by browsers), compressed by whitenoise.

A page naming a file missing from the manifest (added after the last ``collectstatic``) would be
an error page; it gets the file's plain address instead (served, but not cached for long), so a
missed collection costs one file's caching, not the site. ``rapor serve`` collects whenever the
sources changed, so this is a last resort, and it stays quiet: whitenoise itself asks for names
that are not in the manifest when it sorts hashed files from plain ones at start.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def url(self, name: str | None, force: bool = False) -> str:
        try:
            return str(super().url(name, force))
        except ValueError:
            return str(FileSystemStorage.url(self, name))
