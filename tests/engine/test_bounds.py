"""Bad input never stops the engine: numbers are bounded before exact arithmetic, texts refuse
control and direction characters, files are read within bounds, and each refusal says where."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from rapor.engine import AnswersError, FrameworkError, load_framework_text, parse_answers, texts
from rapor.engine.numbers import (
    MAX_DECIMALS,
    NumberBoundError,
    format_exact,
    parse_exact,
    shown,
)
from rapor.engine.textfiles import csv_rows, encoding_of, read_text
from rapor.engine.texts import text_problem
from tests.engine.fixtures import WORKED, framework, framework_text


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("1e30000000", "whole"),  # held a server for 73 s
        ("1e999999999", "whole"),  # never finished
        ("-1E+999999999", "whole"),
        ("1e-100", "decimals"),  # 102 characters in a 60-character column
        ("0.000000000000000000001", "decimals"),
        ("1.5e-20", "decimals"),
        ("1e20", "whole"),
        ("9" * 5000, "length"),
        ("1" + "0" * 49 + "/3", "length"),
        ("100000000000000000000/3", "whole"),
        ("1/100000000000000000000", "whole"),
    ],
)
def test_numbers_out_of_bounds_are_refused_before_any_arithmetic(text, bound):
    with pytest.raises(NumberBoundError) as err:
        parse_exact(text, decimal_comma=True)
    assert err.value.bound == bound
    assert len(str(err.value)) < 120  # the message never echoes the whole input


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1e19", Fraction(10**19)),
        ("99999999999999999999", Fraction(10**20 - 1)),
        ("1.5e-19", Fraction(15, 10**20)),
        ("0e999999999", Fraction(0)),  # zero, however large its exponent is written
        ("-0.000e-99999", Fraction(0)),
        ("100000e-5", Fraction(1)),
        ("70,05", Fraction(7005, 100)),
        ("5/6", Fraction(5, 6)),
    ],
)
def test_numbers_within_bounds_keep_their_exact_value(text, value):
    assert parse_exact(text, decimal_comma=True) == value


def test_a_huge_int_is_refused_without_turning_it_into_text():
    with pytest.raises(NumberBoundError):
        parse_exact(10**5000)
    assert shown(10**5000) == "a whole number of more than 100 digits"


def test_every_accepted_number_is_written_back_within_the_answer_column():
    extremes = [
        "-99999999999999999999",
        "0.00000000000000000001",
        "-1.2345678901234567891",
        "99999999999999999999/99999999999999999998",
        "1/95367431640625",  # 5**20: exactly 20 decimals
        "1/2",
    ]
    for text in extremes:
        written = format_exact(parse_exact(text))
        assert len(written) <= 42 and parse_exact(written) == parse_exact(text)
    # a denominator of 2**60 would need 60 decimals: it is written as a ratio instead
    assert format_exact(Fraction(1, 2**60)) == f"1/{2**60}"
    assert MAX_DECIMALS == 20


def test_a_number_answer_out_of_bounds_names_the_question():
    fw = framework(WORKED)
    for raw in ("1e30000000", "1e-100", "9" * 5000):
        with pytest.raises(AnswersError, match=r"^a\.json: H: '"):
            parse_answers(fw, {"H": raw}, source="a.json")
    with pytest.raises(AnswersError, match="has more than 1000 characters"):
        parse_answers(fw, {"P1.a": "A" * 5000}, source="a.json")


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("max_score", "1e30000000", "max_score: max_score '1e30000000' is too large"),
        ("weight", "1e999999999", "weight '1e999999999' is too large"),
        ("weight", "1e-100", "weight '1e-100' has more than 20 digits"),
    ],
)
def test_a_framework_number_out_of_bounds_is_refused_naming_where(where, value, message):
    text = framework_text(WORKED)
    if where == "max_score":
        text = text.replace("max_score: 100", f"max_score: {value}")
    else:
        text = text.replace("weight: 7", f"weight: {value}")
    with pytest.raises(FrameworkError, match=message):
        load_framework_text(text, source="test.yaml")


def test_a_framework_with_aliases_is_refused_before_it_is_walked():
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
    )
    text = framework_text(WORKED).replace("name: Test framework", "name: Test framework\n" + laughs)
    with pytest.raises(FrameworkError, match="anchors and aliases"):
        load_framework_text(text, source="test.yaml")


def test_a_framework_nested_too_deeply_is_refused():
    deep = "notes: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(FrameworkError, match="not valid YAML"):
        load_framework_text(framework_text(WORKED, extra=deep), source="test.yaml")
    deep = "extra: " + "[" * 60 + "]" * 60 + "\n"
    with pytest.raises(FrameworkError, match="nested deeper than 50 levels"):
        load_framework_text(framework_text(WORKED, extra=deep), source="test.yaml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("decimals: 2", "decimals: 999999999", "decimals: must be a whole number from 0 to 10"),
        ("name: Proses", "name: Proses \u202egpj.exe", r"P: 'name' has a text direction control"),
        ("name: Proses", 'name: "Pro\\0ses"', r"P: 'name' has a control character \(U\+0000\)"),
        ("code: P1.a", "code: P1.a\u2066", r"'code' has a text direction control"),
        ("code: P1.a", "code: " + "P" * 61, "longer than 60 characters"),
        ("{A: 1, B: 0.5, C: 0}", "{A: 1, B: 0.5, " + "C" * 61 + ": 0}", "option 'CCC"),
        ("text: a,", 'text: "a\\nb",', None),  # a question's text may have line breaks
        ("name: Proses", 'name: "Pro\\nses"', r"'name' has a line break or tab"),
    ],
)
def test_framework_texts_are_checked_for_forbidden_characters_and_length(old, new, message):
    text = framework_text(WORKED).replace(old, new, 1)
    if message is None:
        load_framework_text(text, source="test.yaml")
        return
    with pytest.raises(FrameworkError, match=message):
        load_framework_text(text, source="test.yaml")


@pytest.mark.parametrize(
    ("text", "multiline", "kind", "position"),
    [
        ("Surat\x00Keputusan", False, "control", 6),
        ("Surat \u202egpj.exe", False, "direction", 7),
        ("a\u2067b", True, "direction", 2),
        ("baris satu\nbaris dua", False, "line_break", 11),
        ("kolom\tdua", False, "line_break", 6),
        ("\x1b[2J", True, "control", 1),
        ("\x85", True, "control", 1),
    ],
)
def test_forbidden_characters_are_found_with_their_place(text, multiline, kind, position):
    problem = text_problem(text, multiline=multiline)
    assert problem is not None and (problem.kind, problem.position) == (kind, position)


def test_ordinary_text_in_any_script_passes():
    for text in ("Dinas Kependudukan", "مرحبا بالعالم", "日本語", "baris\nkedua\tdengan tab"):
        assert text_problem(text, multiline=True) is None
    assert text_problem("x" * 10, max_length=5).kind == "length"


def test_every_forbidden_character_is_one_python_does_not_print():
    # text_problem passes a printable text without its patterns: none of them may match one.
    pattern = re.compile(texts._SINGLE_LINE)  # the multi-line one forbids a subset of it
    forbidden = [c for c in map(chr, range(0x110000)) if pattern.match(c)]
    assert len(forbidden) > 2000 and not any(c.isprintable() for c in forbidden)
    assert text_problem("Nilai\u00a0akhir") is None  # a no-break space does not print either


def test_a_file_is_read_only_up_to_its_limit(tmp_path):
    endless = "/dev/zero"
    with pytest.raises(AnswersError, match="larger than 1 MB"):
        read_text(endless, error=AnswersError, max_bytes=1024 * 1024)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1024 * 1024 + 1))
    with pytest.raises(AnswersError, match="big.json: the file is larger than 1 MB"):
        read_text(big, error=AnswersError, max_bytes=1024 * 1024)


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ("U1,U2\n4,4\n".encode("utf-16"), "UTF-16 (little-endian) text"),
        ("U1,U2\n4,4\n".encode("utf-16-be"), "UTF-16 (big-endian) text without"),
        ("U1,U2\n4,4\n".encode("utf-16-le"), "UTF-16 (little-endian) text without"),
        ("U1,U2\n4,4\n".encode("utf-32"), "UTF-32 (little-endian) text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ],
)
def test_a_file_in_another_encoding_is_named_and_refused(tmp_path, data, found):
    assert found in encoding_of(data)
    path = tmp_path / "responses.csv"
    path.write_bytes(data)
    with pytest.raises(AnswersError, match=re.escape(f"responses.csv: the file is {found}")):
        read_text(path, error=AnswersError)


def test_a_file_that_is_not_utf8_names_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "peers.csv"
    path.write_bytes(b"name,index\nKota Pangkalpinang,70\nKabupaten Bangka Sel\xe9tan,65\n")
    with pytest.raises(AnswersError, match=r"peers.csv: line 3: byte 0xe9 is not UTF-8"):
        read_text(path, error=AnswersError)
    assert "Sel\u00e9tan" in read_text(path, error=AnswersError, fallback="cp1252")


def test_csv_rows_refuse_an_oversized_cell_with_its_row_and_column():
    rows = "a,b\n1,2\n3," + "x" * 1001 + "\n"
    with pytest.raises(AnswersError, match=r"x.csv: row 3, column B: the cell is longer"):
        list(csv_rows(rows, source="x.csv", error=AnswersError))
    huge = 'a,b\n1,"' + "x" * 140_000 + '"\n'  # past Python's own 128 KB csv limit
    with pytest.raises(AnswersError, match=r"x.csv: row 2: a cell is longer than 1000"):
        list(csv_rows(huge, source="x.csv", error=AnswersError))
