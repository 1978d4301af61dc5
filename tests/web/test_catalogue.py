"""The English catalogues are complete: every Indonesian string has a translation, none is fuzzy,
no msgid is there twice, and the compiled .mo holds the .po. The project's catalogue and each
app's own (``<app>/locale``)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import rapor

ROOT = Path(rapor.__file__).parent
CATALOGUES = [
    ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po",
    *sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")),
]
NAMES = [str(p.relative_to(ROOT)) for p in CATALOGUES]


def entries(po: Path) -> list[str]:
    return [e for e in po.read_text(encoding="utf-8").split("\n\n") if "msgid" in e]


def test_the_survey_app_has_a_catalogue_of_its_own():
    assert "surveys/locale/en/LC_MESSAGES/django.po" in NAMES


def test_the_exchange_and_report_apps_have_catalogues_of_their_own():
    assert {
        "exchange/locale/en/LC_MESSAGES/django.po",
        "reports/locale/en/LC_MESSAGES/django.po",
    } <= set(NAMES)


def test_the_steering_and_notification_apps_have_catalogues_of_their_own():
    assert "steering/locale/en/LC_MESSAGES/django.po" in NAMES
    assert "notifications/locale/en/LC_MESSAGES/django.po" in NAMES


def test_the_accounts_app_has_a_catalogue_of_its_own():
    assert "accounts/locale/en/LC_MESSAGES/django.po" in NAMES


@pytest.mark.parametrize("po", CATALOGUES, ids=NAMES)
def test_every_string_is_translated_and_none_is_fuzzy(po):
    untranslated = [
        e
        for e in entries(po)[1:]  # the first entry is the header
        if re.search(r'^msgstr(\[\d\])? ""$', e.strip().splitlines()[-1])
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


@pytest.mark.parametrize("po", CATALOGUES, ids=NAMES)
def test_the_compiled_catalogue_is_up_to_date(po):
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 500
    # the .mo holds every translation of the .po (msgfmt output is deterministic in content)
    translations = re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', po.read_text(encoding="utf-8"), re.M)
    data = mo.read_bytes()
    missing = [
        t for t in translations if t.replace('\\"', '"').replace("\\n", "\n").encode() not in data
    ]
    assert not missing[:5], missing[:5]
