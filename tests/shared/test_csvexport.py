"""CSV downloads neutralise cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

import pytest

from rapor.web.csvexport import csv_lines, csv_response, neutralise


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Baik sekali", "Baik sekali"),
        ("a=b", "a=b"),
        (-5, "-5"),
        (Decimal("-1.25"), "-1.25"),
        (Fraction(-3, 2), "-1.5"),
        (None, ""),
        (True, "1"),
    ],
)
def test_each_cell_is_written_safely(value, written):
    assert neutralise(value) == written


def test_the_file_starts_with_a_bom_and_reads_back_as_written():
    text = "".join(csv_lines(["kode", "saran"], [["U1", "=1+1"], ["U2", "bagus, cepat"]]))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["kode", "saran"], ["U1", "'=1+1"], ["U2", "bagus, cepat"]]


def test_the_response_streams_with_a_clean_file_name():
    response = csv_response('jawaban "2024"/../x.csv', ["a"], ([i] for i in range(3)))
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="jawaban2024..x.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.splitlines() == ["\ufeffa", "0", "1", "2"]
