"""Every message of the workbook code reaches a web user in their language: each reason of
``rapor.lke.reasons`` and of ``rapor.zipguard`` has a text, and it takes the same details."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from django.utils import translation

from rapor import zipguard
from rapor.exchange.interfaces.lke_text import TEXTS, ZIP_TEXTS, lke_message
from rapor.lke import reasons as R

REASONS = {name: value for name, value in vars(R).items() if name.isupper()}
# zipguard's reasons are the format strings it raises with (read from its source)
ZIP_REASONS = re.findall(r'"([^"]*\{[^"]*)"', Path(zipguard.__file__).read_text())


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_reason_is_distinct_and_has_a_text():
    assert len(set(REASONS.values())) == len(REASONS), "two reasons share one text"
    missing = sorted(name for name, value in REASONS.items() if value not in TEXTS)
    assert not missing


def test_every_zip_reason_has_a_text():
    assert ZIP_REASONS and set(ZIP_REASONS) <= set(ZIP_TEXTS)


@pytest.mark.parametrize("name", sorted(REASONS))
def test_each_text_takes_the_details_of_its_reason(name: str):
    reason = REASONS[name]
    details = dict.fromkeys(fields(reason), "X")
    for language in ("id", "en"):
        with translation.override(language):
            assert lke_message(reason, details)


def test_a_message_deep_in_the_reader_arrives_in_indonesian_and_english():
    details = {"file": "lke.xlsx", "sheet": "LKE", "block": 3, "cell": "LKE!Z5", "column": "AA"}
    with translation.override("id"):
        assert lke_message(R.NO_SUCH_BLOCK, details).startswith(
            "lke.xlsx: lembar “LKE”: blok 3 tidak ditemukan"
        )
    with translation.override("en"):
        assert lke_message(R.NO_SUCH_BLOCK, details).startswith(
            "lke.xlsx: sheet “LKE”: block 3 not found"
        )


def test_numbers_in_messages_take_the_decimal_comma_in_indonesian():
    details = {"code": "P1", "workbook": "2.50", "cell": "LKE!K6", "rapor": "3.13"}
    with translation.override("id"):
        assert lke_message(R.CHECK_DIFFERS, details).endswith("2,50 di LKE!K6, Rapor 3,13")
    with translation.override("en"):
        assert lke_message(R.CHECK_DIFFERS, details).endswith("2.50 in LKE!K6, Rapor gives 3.13")
    values = {"code": "P1.1.b", "cell": "LKE!K9", "values": "A = 1, B = 0.6, C = 0"}
    with translation.override("id"):
        assert lke_message(R.N_VALUES, values).endswith("A = 1, B = 0,6, C = 0")
