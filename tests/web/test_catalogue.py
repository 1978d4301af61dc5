"""The English catalogue is complete: every Indonesian string has a translation, none is fuzzy,
and the compiled .mo is not older than the .po."""

from __future__ import annotations

import re
from pathlib import Path

import rapor

PO = Path(rapor.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries() -> list[str]:
    return [e for e in PO.read_text(encoding="utf-8").split("\n\n") if "msgid" in e]


def test_every_string_is_translated_and_none_is_fuzzy():
    untranslated = [
        e
        for e in entries()[1:]  # the first entry is the header
        if re.search(r'^msgstr(\[0\])? ""$', e.strip().splitlines()[-1])
        and not e.strip().splitlines()[-1].startswith('"')
    ]
    assert not untranslated, "\n\n".join(untranslated[:5])
    assert not [e for e in entries() if "#, fuzzy" in e]


def test_the_compiled_catalogue_is_up_to_date():
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 1000
    # the .mo holds every translation of the .po (msgfmt output is deterministic in content)
    translations = re.findall(r'^msgstr "(.+)"$', PO.read_text(encoding="utf-8"), re.M)
    data = mo.read_bytes()
    missing = [t for t in translations if t.encode().replace(b'\\"', b'"') not in data]
    assert not missing[:5], missing[:5]
