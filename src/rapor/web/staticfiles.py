"""Static files with hashed names (cached for a year by browsers), compressed by whitenoise.

A name missing from the manifest (a file added without collecting again) would make every page
that names it an error page; it gets its plain name instead (served, not cached long) and a log
line, so a forgotten ``collectstatic`` costs one stylesheet's caching, not the site.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

log = logging.getLogger("rapor.web")


class StaticStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        try:
            return str(super().stored_name(name))
        except ValueError:
            log.error("static file not collected: %s (run rapor manage collectstatic)", name)
            return name
