"""The workbook path is bounded: a hostile or broken file is refused with a message that names
the file (and the sheet and cell), quickly, in little memory, and nothing is read from it."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import openpyxl
import pytest

from rapor.cli import main
from rapor.lke import LkeError, read_lke_workbook
from rapor.lke.limits import WorkbookLimitError, WorkbookLimits

from .rawxlsx import inline, write_xlsx, zip_bomb


def test_a_2_mb_file_that_expands_to_2_gib_is_refused_before_reading(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 3 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(WorkbookLimitError) as err:
        read_lke_workbook(path)
    assert time.perf_counter() - started < 5  # from the zip directory alone, never inflated
    message = str(err.value)
    assert "bomb.xlsx" in message and "xl/worksheets/sheet1.xml" in message
    assert "refused before reading" in message


def test_a_million_row_sheet_is_refused_at_the_first_row_past_the_limit(tmp_path: Path) -> None:
    rows = (f'<row r="{n}"><c r="B{n}"><v>{n}</v></c></row>' for n in range(1, 1_000_001))
    path = write_xlsx(tmp_path / "tall.xlsx", rows)
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookLimitError) as err:
            read_lke_workbook(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "tall.xlsx" in str(err.value) and "'LKE'" in str(err.value)
    assert "row B20001" in str(err.value) and "20000 rows" in str(err.value)
    assert peak < 64 * 1024 * 1024  # streamed: the sheet is never held whole


def test_a_value_far_to_the_right_is_refused_naming_its_cell(tmp_path: Path) -> None:
    # calamine would allocate its grid from A1 to XFD1048576 for these two cells and abort
    path = write_xlsx(
        tmp_path / "far.xlsx",
        [
            '<row r="1">' + inline("A1", "x") + "</row>",
            '<row r="5">' + inline("XFD5", "y") + "</row>",
        ],
    )
    with pytest.raises(WorkbookLimitError, match=r"far\.xlsx: sheet 'LKE': data in cell XFD5"):
        read_lke_workbook(path)


def test_a_text_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "long.xlsx", ['<row r="3">' + inline("F3", "x" * 40_000) + "</row>"]
    )
    with pytest.raises(WorkbookLimitError, match=r"cell F3 holds 40000 characters"):
        read_lke_workbook(path)


def test_a_file_larger_than_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "big.xlsx", ['<row r="1">' + inline("A1", "x") + "</row>"])
    limits = WorkbookLimits(max_file_bytes=100)
    with pytest.raises(WorkbookLimitError, match=r"big\.xlsx: \d+ bytes, more than the 100"):
        read_lke_workbook(path, limits=limits)


def test_a_workbook_whose_sheet_part_is_missing_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "torn.xlsx", [], skip=["xl/worksheets/sheet1.xml"])
    with pytest.raises(LkeError, match=r"torn\.xlsx: the part xl/worksheets/sheet1\.xml"):
        read_lke_workbook(path)


def test_a_workbook_without_the_lke_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cover.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Petunjuk"
    ws["B2"] = "Petunjuk pengisian LKE"
    wb.save(path)
    with pytest.raises(LkeError, match=r"cover\.xlsx: not an LKE workbook"):
        read_lke_workbook(path)


@pytest.mark.parametrize("case", ["bomb", "tall", "far"])
def test_the_command_line_exits_2_naming_the_file_without_a_traceback(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = {
        "bomb": lambda: zip_bomb(tmp_path / "bomb.xlsx", expands_to=300 * 1024**2),
        "tall": lambda: write_xlsx(
            tmp_path / "tall.xlsx",
            (f'<row r="{n}"><c r="B{n}"><v>1</v></c></row>' for n in range(1, 20_100)),
        ),
        "far": lambda: write_xlsx(
            tmp_path / "far.xlsx", ['<row r="9">' + inline("ZZZ9", "y") + "</row>"]
        ),
    }[case]()
    code = main(["score", "rb-2014", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("rapor: error: ") and path.name in err
    assert "Traceback" not in err
