"""The English catalogues (the project's and each app's own) are complete: every Indonesian
string has a translation, none is fuzzy, no msgid is there twice, and the compiled .mo holds
every translation of the .po."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import rapor

CATALOGUES = sorted(Path(rapor.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"))


def entries(po: Path) -> list[str]:
    return [e for e in po.read_text(encoding="utf-8").split("\n\n") if "msgid" in e]


def test_the_apps_catalogues_are_found():
    names = {po.parts[-5] for po in CATALOGUES}
    assert {"rapor", "accounts"} <= names


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_string_is_translated_once_and_none_is_fuzzy(po):
    untranslated = [
        e
        for e in entries(po)[1:]  # the first entry is the header
        if re.search(r'^msgstr(\[0\])? ""$', e.strip().splitlines()[-1])
        and not e.strip().splitlines()[-1].startswith('"')
    ]
    assert not untranslated, "\n\n".join(untranslated[:5])
    assert not [e for e in entries(po) if "#, fuzzy" in e]
    keys = Counter(
        (
            tuple(re.findall(r'^msgctxt "(.*)"', e, re.M)),
            e[e.index("msgid ") :].split("\nmsgstr")[0],
        )
        for e in entries(po)
    )
    assert not [k for k, n in keys.items() if n > 1]  # branches merge .po files by union


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_the_compiled_catalogue_is_up_to_date(po):
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 1000
    # the .mo holds every translation of the .po (msgfmt output is deterministic in content)
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', po.read_text(encoding="utf-8"), re.M)
    data = mo.read_bytes()
    missing = [
        t for t in translations if t.replace('\\"', '"').replace("\\n", "\n").encode() not in data
    ]
    assert not missing[:5], missing[:5]
