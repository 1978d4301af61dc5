"""A workbook's block checked against a framework: each malformed cell is reported with its
sheet and cell, and what does not fit is not used."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rapor.cli import main
from rapor.engine import load_framework, score
from rapor.lke import read_lke_workbook
from rapor.lke.answers import type_fits, type_kind, workbook_answers
from rapor.lke.export import ExportBlock, export_lke

from .exports import varied_answers


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    fw = load_framework("rb-2014")
    path = tmp_path / "lke.xlsx"
    export_lke(path, fw, [ExportBlock("PENILAIAN TAHUN 2015", varied_answers(fw))])
    return path


def edit(path: Path, **cells: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(path)


def test_an_unknown_answer_type_is_reported_at_its_cell_and_its_answer_left_out(
    exported: Path,
) -> None:
    edit(exported, I8="Skala 1-10", J8="A")
    fw = load_framework("rb-2014")
    answers, problems = workbook_answers(fw, read_lke_workbook(exported))
    assert [(p.sheet, p.cell) for p in problems] == [("LKE", "I8")]
    assert "P1.1.a: unknown answer type 'Skala 1-10'" in problems[0].message
    assert "P1.1.a" not in answers


def test_an_answer_type_of_another_instrument_is_reported(exported: Path) -> None:
    edit(exported, I8="0-100", J8=70)  # P1.1.a is A/B/C in rb-2014
    answers, problems = workbook_answers(load_framework("rb-2014"), read_lke_workbook(exported))
    assert [str(p) for p in problems] == [
        "LKE!I8: P1.1.a: the workbook's answer type is '0-100', but the framework's scale of "
        "this question is 'A/B/C'"
    ]


def test_values_pasted_over_the_formulas_change_nothing(exported: Path, tmp_path: Path) -> None:
    fw = load_framework("rb-2014")
    before = workbook_answers(fw, read_lke_workbook(exported))[0]
    edit(exported, K5=99, L5=99, K8=0, K7=12.5)  # someone pasted values (and wrong ones)
    after, problems = workbook_answers(fw, read_lke_workbook(exported))
    assert problems == [] and after == before
    assert score(fw, after).index == score(fw, before).index


def test_numbers_stored_as_text_and_stray_spaces_read_as_numbers(exported: Path) -> None:
    edit(exported, J195=" 70,05 ", J196="3.5 ")  # H1.1 and H1.2 (0-100, 0-5) as text
    answers, problems = workbook_answers(load_framework("rb-2014"), read_lke_workbook(exported))
    assert problems == []
    assert str(answers["H1.1"]) == "1401/20" and str(answers["H1.2"]) == "7/2"


def test_an_answer_out_of_its_range_names_the_cell_on_the_command_line(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(exported, J195=170)
    assert main(["score", "rb-2014", str(exported)]) == 2
    err = capsys.readouterr().err
    assert "lke.xlsx: H1.1 (LKE!J195)" in err and "170" in err


def test_the_command_line_names_the_cell_of_an_unknown_answer_type(
    exported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(exported, I8="Skala 1-10")
    assert main(["score", "rb-2014", str(exported)]) == 2
    assert "lke.xlsx: LKE!I8: P1.1.a: unknown answer type" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "scale", "fits"),
    [
        ("Y/T", "Y/T", True),
        (" a/b/c/d ", "A/B/C/D", True),
        ("A/B/C", "A/B/C/D", False),
        ("0 - 100", "0-100", True),
        ("0-4", "0-5", False),
        ("Opini BPK", "opini-bpk", True),
        ("opini", "opini-bpk", True),
    ],
)
def test_answer_types_are_read_as_a_person_reads_them(text: str, scale: str, fits: bool) -> None:
    kind = type_kind(text)
    assert kind is not None
    assert type_fits(kind, load_framework("rb-2014").scales[scale]) is fits
