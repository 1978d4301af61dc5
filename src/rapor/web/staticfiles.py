"""Static files with hashed names (cached for a year by browsers), compressed by whitenoise.

A page naming a file missing from the manifest (added without collecting again) would be an
error page; it gets the file's plain address instead (served, not cached long) and a log line,
so a forgotten ``collectstatic`` costs one file's caching, not the site.
"""

from __future__ import annotations

import logging

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

log = logging.getLogger("rapor.web")


class StaticStorage(CompressedManifestStaticFilesStorage):
    def url(self, name: str | None, force: bool = False) -> str:
        try:
            return str(super().url(name, force))
        except ValueError:
            log.error("static file not collected: %s (run rapor manage collectstatic)", name)
            return str(FileSystemStorage.url(self, name))
