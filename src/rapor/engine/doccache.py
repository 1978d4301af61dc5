"""A cache of parsed framework documents, for the command line's start-up.

Parsing rb-2014's YAML (and importing PyYAML) takes about 20 ms, a fifth of what `rapor score`
needs in all. The parsed document is plain data (mappings, lists and the scalars' text, as
BaseLoader gives them), so it is kept as JSON under the hash of the file's text: the next load
reads the JSON (0.2 ms) and the engine checks it rule by rule as it checks any file. A changed
file has another hash; an unreadable or unwritable cache is ignored (the YAML is parsed).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

VERSION = "1"  # bump when the parsed form changes (e.g. another YAML loader)


def _sha256(data: bytes) -> str:
    try:  # CPython's own module imports in microseconds; hashlib loads OpenSSL (~2 ms)
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import sha256
    return str(sha256(data).hexdigest())


def cached_document(text: str, cache_dir: Path, parse: Callable[[], Any]) -> Any:
    digest = _sha256(f"{VERSION}\n{text}".encode())
    path = cache_dir / f"{digest}.json"
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        pass
    raw = parse()
    tmp = None
    try:
        import tempfile

        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(raw, handle, ensure_ascii=False)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except (OSError, TypeError, ValueError):
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return raw


def default_cache_dir() -> Path | None:
    """``$RAPOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/rapor``, else ``~/.cache/rapor``;
    ``RAPOR_CACHE_DIR=`` (empty) turns the cache off."""
    if "RAPOR_CACHE_DIR" in os.environ:
        value = os.environ["RAPOR_CACHE_DIR"]
        return Path(value) / "frameworks" if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rapor" / "frameworks"
