"""An assessment as an LKE workbook: the official layout, both blocks, notes, formulas, and
reading our own export back changes nothing, for every shipped framework."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rapor.engine import load_framework, parse_answers, score, shipped_framework_ids
from rapor.lke import read_lke_workbook, rows_from_csv
from rapor.lke.export import ExportBlock, export_lke, framework_rows, literal, type_label
from rapor.lke.xlsx import open_workbook

from .exports import varied_answers

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("fid", shipped_framework_ids())
def test_reading_our_own_export_back_changes_nothing(fid: str, tmp_path: Path) -> None:
    fw = load_framework(fid)
    now, before = varied_answers(fw), varied_answers(fw, shift=3, skip_every=4)
    path = tmp_path / f"{fid}.xlsx"
    export_lke(
        path,
        fw,
        [ExportBlock("PENILAIAN TAHUN 2024", now), ExportBlock("PENILAIAN TAHUN 2023", before)],
    )

    first, second = read_lke_workbook(path), read_lke_workbook(path, block=2)

    assert first.problems == [] and second.problems == []
    assert parse_answers(fw, first.answers) == now
    assert parse_answers(fw, second.answers) == before
    assert set(first.cells) == set(fw.questions) | set(fw.corrections) and first.coded
    assert (first.heading, second.heading) == ("PENILAIAN TAHUN 2024", "PENILAIAN TAHUN 2023")
    assert score(fw, parse_answers(fw, first.answers)).index == score(fw, now).index


@pytest.mark.parametrize("fid", ["rb-2014", "rb-2023-kabkota"])
def test_a_number_with_more_digits_than_a_spreadsheet_keeps_reads_back_exactly(
    fid: str, tmp_path: Path
) -> None:
    fw = load_framework(fid)
    code = next(c for c, q in fw.questions.items() if q.scale.kind == "number")
    long = "0." + "1234567890" * 2  # 20 decimals: a float would round it
    answers = parse_answers(fw, {code: long})
    path = tmp_path / "long.xlsx"
    export_lke(path, fw, [ExportBlock("PENILAIAN TAHUN 2024", answers)])
    assert parse_answers(fw, read_lke_workbook(path).answers) == answers


def test_the_rb_2014_export_is_the_official_layout_row_for_row(tmp_path: Path) -> None:
    fw = load_framework("rb-2014")
    official = rows_from_csv(DATA / "lke-rb-2014-instrument.csv")
    ours = framework_rows(fw)
    assert [(r.kind, r.code) for r in ours] == [(r.kind, r.code) for r in official]
    path = tmp_path / "lke.xlsx"
    answers = varied_answers(fw)
    export_lke(path, fw, [ExportBlock("PENILAIAN TAHUN 2015", answers)])
    # without the codes of column A the rows are read by position, as a ministry file is
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    for row in range(1, ws.max_row + 1):
        ws.cell(row, 1).value = None
    wb.save(path)

    read = read_lke_workbook(path)

    assert not read.coded and read.problems == []
    assert parse_answers(fw, read.answers) == answers
    assert read.cells["P1.1.a"] == "LKE!J8" and read.cells["H2.2"] == "LKE!J199"


def test_the_export_writes_notes_types_and_live_formulas(tmp_path: Path) -> None:
    fw = load_framework("rb-2014")
    path = tmp_path / "lke.xlsx"
    notes = {"P1.1.a": "Lengkapi SK Tim RB yang ditandatangani."}
    export_lke(path, fw, [ExportBlock("PENILAIAN", {"P1.1.a": "B"}, notes)], subtitle="Kota X")
    with open_workbook(path) as wb:
        ws = wb.sheet("LKE")
        assert ws.value(8, 13) == notes["P1.1.a"]  # M8
        assert (ws.value(8, 9), ws.value(8, 10)) == ("A/B/C", "B")  # I8, J8
        assert ws.cell(8, 11).formula == 'IF(J8="A",1,IF(J8="B",0.5,0))'
        assert ws.cell(7, 11).formula == "G7*SUM(K8:K10)/3"
        assert ws.cell(5, 12).formula == "IF(G5=0,0,K5/G5*100)"
        labels = {ws.value(r, 3): r for r in range(200, ws.max_row + 1)}
        assert {"JUMLAH NILAI", "INDEKS", "PREDIKAT"} <= set(labels)
        assert ws.value(2, 2) == "Kota X"


def test_dependencies_become_zero_if_and_multiply_formulas() -> None:
    rows = {r.code: r for r in framework_rows(load_framework("rb-2014"))}
    assert rows["P1.2.d"].value is not None and rows["P1.2.d"].value.startswith(
        'IF(OR({J}12="Tidak",{J}12="T"),0,'
    )
    assert rows["P5.4.c"].value == '(IF(OR({J}87="Ya",{J}87="Y"),1,0))*{K}86'


def test_numbers_without_a_finite_decimal_become_exact_divisions() -> None:
    from fractions import Fraction

    assert literal(Fraction(5, 6)) == "(5/6)"
    assert literal(Fraction(67, 100)) == "0.67"
    fw = load_framework("rb-2014")
    assert type_label(fw.scales["opini-bpk"]) == "Opini BPK"
    assert type_label(fw.scales["0-100"]) == "0-100"
    assert type_label(fw.scales["Y/T"]) == "Y/T"


def test_pangkalpinangs_2023_values_in_the_2023_workbook_score_the_published_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rapor.cli import main
    from rapor.lke import LkeError

    answers = PROJECT / "src" / "rapor" / "demo" / "data" / "pangkalpinang-rb-2023.answers.json"
    out = tmp_path / "pangkalpinang-2023.xlsx"
    assert main(["export", "lke", "rb-2023-kabkota", str(answers), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["score", "rb-2023-kabkota", str(out), "--json"]) == 0
    printed = capsys.readouterr().out
    assert '"total": "57.83"' in printed and '"grade": "CC"' in printed
    with open_workbook(out) as wb:
        ws = wb.sheet("LKE")
        assert (ws.value(4, 1), ws.value(4, 7), ws.value(4, 9)) == ("Kode", "Nilai", "Poin")
        labels = [ws.value(r, 2) for r in range(1, ws.max_row + 1)]
        assert {"Koefisien (RB General)", "Bobot penyesuaian RB General", "INDEKS"} <= set(labels)
    with pytest.raises(LkeError, match=r"block 2 not found: expected the header 'Nilai' at LKE!L4"):
        read_lke_workbook(out, block=2)


PROJECT = Path(__file__).resolve().parents[2]
