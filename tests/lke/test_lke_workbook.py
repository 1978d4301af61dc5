"""The LKE workbook reader and writer: round trips, messy real-world cells, errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from rapor.engine.errors import RaporInputError
from rapor.lke import (
    LkeBlock,
    LkeError,
    LkeRow,
    read_lke_workbook,
    rows_from_csv,
    write_lke_workbook,
)
from rapor.lke.values import UnreadableAnswer, answer_text

PROJECT = Path(__file__).resolve().parents[2]
INSTRUMENT = PROJECT / "tests" / "data" / "lke-rb-2014-instrument.csv"
SHARED_INSTRUMENT = PROJECT / ".." / "shared" / "data" / "lke-rb-2014-instrument.csv"


@pytest.fixture(scope="module")
def rows() -> list[LkeRow]:
    return rows_from_csv(INSTRUMENT)


def answerable(rows: list[LkeRow]) -> list[str]:
    return [r.code for r in rows if r.kind in ("question", "input")]


def first_year(rows: list[LkeRow]) -> dict[str, str | int | float]:
    """Every question answered with an option of its type, inputs in several spellings."""
    options = {"Y/T": ["Ya", "Tidak"], "A/B/C": list("ABC"), "A/B/C/D": list("ABCD")}
    options["A/B/C/D/E"] = list("ABCDE")
    answers: dict[str, str | int | float] = {}
    for i, row in enumerate(r for r in rows if r.kind == "question"):
        choices = options[row.answer_type or ""]
        answers[row.code] = choices[i % len(choices)]
    answers.update({"H1.1": "70.05", "H1.2": 3.5, "H2.1": 3, "H2.2": "Wajar Tanpa Pengecualian"})
    answers["H3.1"] = "2,95"
    return answers


def second_year(rows: list[LkeRow]) -> dict[str, str | int | float]:
    """A partial, different evaluation: every third question, inputs as numbers."""
    codes = [c for c in answerable(rows) if c.startswith("P")]
    answers: dict[str, str | int | float] = {code: "B" for code in codes[::3]}
    answers.update({"H1.1": 61.2, "H2.2": "WDP", "H3.1": "3.10"})
    return answers


def as_read(answers: dict[str, str | int | float]) -> dict[str, str]:
    return {code: str(value) for code, value in answers.items()}


def test_the_instrument_copy_matches_the_shared_one() -> None:
    if not SHARED_INSTRUMENT.exists():
        pytest.skip("the shared folder is not beside the project")
    assert INSTRUMENT.read_bytes() == SHARED_INSTRUMENT.read_bytes()


def test_rows_from_csv_follow_the_tree_in_workbook_order(rows: list[LkeRow]) -> None:
    codes = [r.code for r in rows]
    assert codes[:4] == ["P", "P1", "P1.1", "P1.1.a"]
    assert codes.index("H") > codes.index("P8.5.c")
    assert codes[-3:] == ["H2.2", "H3", "H3.1"]
    assert len(answerable(rows)) == 151
    h11 = next(r for r in rows if r.code == "H1.1")
    assert (h11.kind, h11.weight, h11.answer_type) == ("input", "14", "0-100")


def test_it_reads_back_both_blocks_of_the_full_instrument(
    rows: list[LkeRow], tmp_path: Path
) -> None:
    path = tmp_path / "lke.xlsx"
    one, two = first_year(rows), second_year(rows)
    write_lke_workbook(
        path,
        framework_rows=rows,
        blocks=[LkeBlock("PENILAIAN TAHUN 2015", one), LkeBlock("PENILAIAN TAHUN 2014", two)],
    )

    first = read_lke_workbook(path)
    second = read_lke_workbook(path, block=2)

    assert first.answers == as_read(one)
    assert second.answers == as_read(two)
    assert (first.heading, second.heading) == ("PENILAIAN TAHUN 2015", "PENILAIAN TAHUN 2014")
    assert (first.block, second.block, first.sheet) == (1, 2, "LKE")
    assert first.problems == [] and second.problems == []
    assert set(first.cells) == set(second.cells) == set(answerable(rows))
    assert first.cells["P1.1.a"] == "LKE!J8"
    assert second.cells["P1.1.a"] == "LKE!V8"


def test_the_written_workbook_merges_names_like_real_files(
    rows: list[LkeRow], tmp_path: Path
) -> None:
    path = tmp_path / "lke.xlsx"
    write_lke_workbook(path, framework_rows=rows, blocks=[LkeBlock("PENILAIAN TAHUN 2015")])
    ws = openpyxl.load_workbook(path)["LKE"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"B3:M3", "D6:F6", "E7:F7"} <= merged  # heading, area P1, indicator P1.1
    assert (ws["C6"].value, ws["D7"].value, ws["E8"].value) == ("I.", 1, "a.")
    assert read_lke_workbook(path).answers == {}


def test_the_writer_refuses_an_answer_without_a_row(rows: list[LkeRow], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="P9.9.z"):
        write_lke_workbook(
            tmp_path / "x.xlsx", framework_rows=rows, blocks=[LkeBlock("X", {"P9.9.z": "A"})]
        )


def messy_workbook(path: Path) -> None:
    """A hand-made workbook with the habits of real files."""
    wb = openpyxl.Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Petunjuk"
    cover["B2"] = "Petunjuk pengisian"
    cover["B4"] = "A."  # a list on the cover sheet must not be taken for the LKE
    cover["C4"] = "Isi kolom jawaban"
    ws = wb.create_sheet("LKE RB 2015")
    ws["B2"] = "  PENILAIAN   TAHUN 2015 "
    ws.merge_cells("B2:M2")
    data = [
        # row, B, C, D, E, F, G, I, J
        (4, "A", "PROSES", None, None, None, 60, None, None),
        (5, None, "i", "MANAJEMEN PERUBAHAN", None, None, "5", None, None),
        (6, None, None, " 1 ", "Tim RB", None, 1, None, None),
        (7, None, None, None, "a )", "Tim dibentuk", None, "A/B/C", " b "),
        (8, None, None, None, "B.", "Tugas", None, "A/B/C/D", "c."),
        (9, None, None, None, "c", "Monev", None, "A/B/C/D", None),  # unanswered
        (10, None, None, "2.", "Road Map", None, 1, None, None),
        (11, None, None, None, None, "Road Map disusun", None, "Y/T", "  tidak  "),
        (12, None, None, 3.0, "Monev RB", None, 2, "A/B/C", "a"),  # answered on its own row
        (13, None, "II.", "PERATURAN", None, None, 5, None, None),
        (14, None, None, 1, "Harmonisasi", None, 2.5, None, None),
        (15, None, None, None, "a", "Identifikasi", None, "A/B/C", "A"),
        (16, "B.", "HASIL", None, None, None, 40, None, None),
        (17, None, "I", "KAPASITAS", None, None, 20, None, None),
        (18, None, None, 1, "Nilai Akuntabilitas", None, 14, "0-100", " 70.05 "),
        (19, None, None, "2", "Kapasitas Organisasi", None, 6, "0-5", 3.5000000000000004),
        (20, None, "II.", "BERSIH", None, None, 10, None, None),
        (21, None, None, 1, "Persepsi Korupsi", None, 7, "0-4", "3,31"),
        (22, None, None, 2, "Opini BPK", None, 3, "Opini BPK", "Wajar  Tanpa Pengecualian"),
        (23, None, "III", "PELAYANAN", None, None, 10, None, None),
        (24, None, None, 1, "Persepsi Pelayanan", None, 10, "0-4", 0.8),
        (26, None, "JUMLAH", None, None, None, 100, None, None),  # a total row, not an area
    ]
    for row, *values in data:
        for column, value in zip("BCDEFGIJ", values, strict=True):
            if value is not None:
                ws[f"{column}{row}"] = value
    ws.merge_cells("C5:C9")  # the area number merged down its rows, value in the top cell
    ws.merge_cells("D5:F5")
    ws.merge_cells("E6:F6")
    ws["J24"].number_format = "0.00%"  # 0.8 shown as 80.00%
    wb.save(path)


def test_it_reads_a_messy_workbook_as_a_person_would(tmp_path: Path) -> None:
    path = tmp_path / "messy.xlsx"
    messy_workbook(path)

    read = read_lke_workbook(path)

    assert read.sheet == "LKE RB 2015"
    assert read.heading == "PENILAIAN TAHUN 2015"
    assert read.problems == []
    assert read.answers == {
        "P1.1.a": "B",
        "P1.1.b": "C",
        "P1.2.a": "tidak",
        "P1.3.a": "A",
        "P2.1.a": "A",
        "H1.1": "70.05",
        "H1.2": "3.5",
        "H2.1": "3,31",
        "H2.2": "Wajar Tanpa Pengecualian",
        "H3.1": "80",
    }
    assert "P1.1.c" in read.cells and "P1.1.c" not in read.answers
    assert read.cells["P1.2.a"] == "'LKE RB 2015'!J11"
    assert read.cells["H2.2"] == "'LKE RB 2015'!J22"


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (70, "General", "70"),
        (70.0, "General", "70"),
        (70.05, "General", "70.05"),
        (70.05000000000001, "General", "70.05"),
        (0.1 + 0.2, "General", "0.3"),
        (Decimal("3.310"), "General", "3.31"),
        (0.7005, "0.00%", "70.05"),
        ("70.05", "General", "70.05"),
        (" 70,05 ", "General", "70,05"),
        ("Ya.", "General", "Ya"),
        ("a )", "General", "A"),
        ("   ", "General", None),
        (None, "General", None),
    ],
)
def test_answer_cells_read_as_shown(value: object, number_format: str, text: str | None) -> None:
    assert answer_text(value, number_format) == text


@pytest.mark.parametrize("value", [True, dt.datetime(2015, 3, 1), "#N/A"])
def test_cells_that_hold_no_answer_are_refused(value: object) -> None:
    with pytest.raises(UnreadableAnswer):
        answer_text(value)


def test_it_refuses_a_workbook_that_is_not_an_lke(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Kode", "Uraian", "Pagu"])
    ws.append(["5.1", "Belanja pegawai", 1000])
    wb.save(path)
    with pytest.raises(LkeError, match=r"budget\.xlsx: not an LKE workbook") as err:
        read_lke_workbook(path)
    assert isinstance(err.value, RaporInputError)  # the command line exits with status 2


def test_it_refuses_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    path.write_text("code,answer\nP1.1.a,A\n")
    with pytest.raises(LkeError, match=r"answers\.xlsx: not an Excel workbook"):
        read_lke_workbook(path)


def test_a_missing_block_is_an_error_naming_sheet_and_cell(
    rows: list[LkeRow], tmp_path: Path
) -> None:
    path = tmp_path / "lke.xlsx"
    blocks = [LkeBlock("PENILAIAN TAHUN 2015"), LkeBlock("PENILAIAN TAHUN 2014")]
    write_lke_workbook(path, framework_rows=rows, blocks=blocks)
    with pytest.raises(LkeError) as err:
        read_lke_workbook(path, block=3)
    message = str(err.value)
    assert "lke.xlsx" in message and "'LKE'" in message
    assert "block 3" in message and "LKE!Z5" in message


def test_unreadable_rows_are_reported_with_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "messy.xlsx"
    messy_workbook(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE RB 2015"]
    ws["E9"] = "aa."  # not a question letter, and the row carries an answer
    ws["J9"] = "B"
    ws["J15"] = dt.datetime(2015, 1, 1)  # Excel turned the answer into a date
    ws["J21"] = "=3+0.31"  # a formula never calculated by Excel: no saved value
    wb.save(path)

    read = read_lke_workbook(path)

    where = {(p.sheet, p.cell): p.message for p in read.problems}
    assert set(where) == {("LKE RB 2015", "E9"), ("LKE RB 2015", "J15"), ("LKE RB 2015", "J21")}
    assert "'aa.'" in where[("LKE RB 2015", "E9")]
    assert "date" in where[("LKE RB 2015", "J15")]
    assert str(read.problems[0]).startswith("'LKE RB 2015'!")
    assert "formula" in where[("LKE RB 2015", "J21")]
    # the rest of the workbook is still read
    assert (
        read.answers["P1.1.a"] == "B"
        and "P2.1.a" not in read.answers
        and "H2.1" not in read.answers
    )


def test_subtotals_on_component_area_and_label_rows_are_not_answers(
    rows: list[LkeRow], tmp_path: Path
) -> None:
    path = tmp_path / "lke.xlsx"
    write_lke_workbook(
        path, framework_rows=rows, blocks=[LkeBlock("PENILAIAN TAHUN 2015", {"P1.1.a": "A"})]
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    component_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "A.")
    area_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "I.")
    ws.cell(component_row, 10).value = 38.02  # some workbooks repeat the subtotal in J
    ws.cell(area_row, 10).value = 4.5
    ws.cell(ws.max_row + 1, 2).value = "JUMLAH NILAI"
    ws.cell(ws.max_row, 10).value = 64.18
    wb.save(path)

    read = read_lke_workbook(path)

    assert read.problems == []
    assert read.answers == {"P1.1.a": "A"}


def test_a_second_block_without_its_own_tree_is_read_along_the_first_blocks_rows(
    rows: list[LkeRow], tmp_path: Path
) -> None:
    path = tmp_path / "lke.xlsx"
    two = second_year(rows)
    write_lke_workbook(
        path,
        framework_rows=rows,
        blocks=[
            LkeBlock("PENILAIAN TAHUN 2015", first_year(rows)),
            LkeBlock("PENILAIAN TAHUN 2014", two),
        ],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["LKE"]
    for merged in list(ws.merged_cells.ranges):
        if merged.min_col >= 14:
            ws.unmerge_cells(str(merged))
    for row in ws.iter_rows(min_row=3, min_col=14, max_col=21):  # N..U: the tree, weights, types
        for cell in row:
            cell.value = None
    wb.save(path)

    second = read_lke_workbook(path, block=2)

    assert second.answers == as_read(two)
    assert second.cells["P1.1.a"] == "LKE!V8" and second.problems == []
    with pytest.raises(LkeError):
        read_lke_workbook(path, block=3)
