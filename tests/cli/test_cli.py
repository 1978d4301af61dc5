"""The `rapor` command line: output shapes and every error path (exit status 2, message says where)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from rapor.cli import main
from rapor.engine import load_framework
from rapor.lke import LkeBlock, rows_from_csv, write_lke_workbook

DATA = Path(__file__).resolve().parents[1] / "data"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(tmp_path: Path, answers: dict, name: str = "answers.json", **extra) -> Path:
    path = tmp_path / name
    path.write_text(
        json.dumps(
            {"format": "rapor.answers/1", "framework": "rb-2014", "answers": answers, **extra}
        )
    )
    return path


def test_framework_check_prints_one_summary_line_per_file(capsys):
    shipped = sorted((Path(load_framework("rb-2014").source).name,))
    code, out, _ = run(capsys, "framework", "check", "rb-2014", "spbe-2020")
    assert code == 0 and shipped
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert "rb-2014 2015 (official)" in lines[0] and "151 questions" in lines[0]
    assert "provisional" in lines[1]


def test_framework_check_reports_each_bad_file_and_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        Path(load_framework("rb-2014").source).name and "format: rapor.framework/1\nid: x\n"
    )
    missing = tmp_path / "missing.yaml"
    code, out, err = run(capsys, "framework", "check", str(bad), "rb-2014", str(missing))
    assert code == 2
    assert "rb-2014" in out
    assert "bad.yaml" in err and "missing.yaml" in err


def test_score_prints_a_table_of_components_and_areas(capsys, tmp_path):
    path = answers_file(
        tmp_path, {"P1.1.a": "A", "H1.1": "70,05", "H2.2": "Wajar Tanpa Pengecualian"}
    )
    code, out, _ = run(capsys, "score", "rb-2014", str(path))
    assert code == 0
    assert "P1 MANAJEMEN PERUBAHAN" in out or "P1 Manajemen Perubahan" in out
    assert "grade: D (Sangat Kurang)" in out
    assert "answered: 3 of 151 questions" in out


def test_score_json_has_every_node_as_strings_with_two_decimals(capsys, tmp_path):
    path = answers_file(
        tmp_path, {"H1.1": 100, "H1.2": "5", "H2.1": "4", "H2.2": "WTP", "H3.1": "4"}
    )
    code, out, _ = run(capsys, "score", "rb-2014", str(path), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["framework"] == {"id": "rb-2014", "version": "2015"}
    assert data["total"] == "40.00" and data["grade"] == "C"
    assert data["nodes"]["H"] == {"score": "40.00", "weight": "40.00", "percent": "100.00"}
    assert data["nodes"]["P1.1"] == {"score": "0.00", "weight": "1.00", "percent": "0.00"}
    assert data["answered"] == 5 and data["questions"] == 151


def test_score_reads_both_blocks_of_an_lke_workbook(capsys, tmp_path):
    rows = rows_from_csv(DATA / "lke-rb-2014-instrument.csv")
    book = tmp_path / "lke.xlsx"
    write_lke_workbook(
        book,
        framework_rows=rows,
        blocks=[
            LkeBlock("PENILAIAN TAHUN 2015", {"P1.1.a": "a", "H1.1": Decimal("70.05")}),
            LkeBlock("PENILAIAN TAHUN 2014", {"P1.1.a": "c", "H1.1": "60"}),
        ],
    )
    _, out1, _ = run(capsys, "score", "rb-2014", str(book), "--json")
    _, out2, _ = run(capsys, "score", "rb-2014", str(book), "--json", "--block", "2")
    one, two = json.loads(out1), json.loads(out2)
    assert one["nodes"]["P1.1"]["score"] == "0.33" and one["nodes"]["H1.1"]["score"] == "9.81"
    assert two["nodes"]["P1.1"]["score"] == "0.00" and two["nodes"]["H1.1"]["score"] == "8.40"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"P9.9.z": "A"}, "answers.json: P9.9.z: not a question of rb-2014"),
        ({"P1.1.a": "Z"}, "answers.json: P1.1.a: 'Z' is not one of A, B, C"),
        ({"H1.1": 100.5}, "answers.json: H1.1: 100.5 is outside 0 … 100"),
        ({"H2.2": "Wajar Sekali"}, "answers.json: H2.2: 'Wajar Sekali' is not one of"),
    ],
)
def test_score_refuses_bad_answers_naming_file_code_and_value(capsys, tmp_path, answers, expected):
    code, out, err = run(capsys, "score", "rb-2014", str(answers_file(tmp_path, answers)))
    assert code == 2 and out == ""
    assert expected in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "bad.json: line 1, column 2: not valid JSON"),
        ('{"format": "other", "answers": {}}', "bad.json: format: must be 'rapor.answers/1'"),
        (
            '{"format": "rapor.answers/1", "framework": "sakip-2021", "answers": {}}',
            "the answers are for 'sakip-2021'",
        ),
        ('{"format": "rapor.answers/1", "answers": []}', "bad.json: answers: must be an object"),
        ("[]", "bad.json: must be a JSON object"),
    ],
)
def test_score_refuses_bad_answer_files(capsys, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content)
    code, _, err = run(capsys, "score", "rb-2014", str(path))
    assert code == 2 and expected in err


def test_score_reads_an_answers_file_without_its_format_line(capsys, tmp_path):
    path = tmp_path / "plain.json"
    path.write_text(json.dumps({"answers": {"P1.1.a": "a"}}))
    code, out, _ = run(capsys, "score", "rb-2014", str(path), "--json")
    assert code == 0 and json.loads(out)["nodes"]["P1.1"]["score"] == "0.33"


def test_score_refuses_an_unknown_framework_and_a_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "score", "rb-1999", str(answers_file(tmp_path, {})))
    assert code == 2 and "rb-1999: no such file" in err
    code, _, err = run(capsys, "score", "rb-2014", str(tmp_path / "nothing.json"))
    assert code == 2 and "nothing.json: cannot read the file" in err


def test_score_refuses_a_block_for_a_json_file_and_a_workbook_that_is_no_lke(capsys, tmp_path):
    code, _, err = run(capsys, "score", "rb-2014", str(answers_file(tmp_path, {})), "--block", "2")
    assert code == 2 and "only an .xlsx workbook has blocks" in err
    import openpyxl

    book = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Daftar hadir"
    wb.save(book)
    code, _, err = run(capsys, "score", "rb-2014", str(book))
    assert code == 2 and "other.xlsx" in err


def test_score_points_at_the_cell_of_a_bad_workbook_answer(capsys, tmp_path):
    rows = rows_from_csv(DATA / "lke-rb-2014-instrument.csv")
    book = tmp_path / "lke.xlsx"
    write_lke_workbook(
        book, framework_rows=rows, blocks=[LkeBlock("PENILAIAN TAHUN 2015", {"P1.1.b": "x"})]
    )
    code, _, err = run(capsys, "score", "rb-2014", str(book))
    assert code == 2
    assert "lke.xlsx: P1.1.b (LKE!J" in err and "is not one of A, B, C, D" in err


def test_the_installed_command_exits_2_on_bad_input(tmp_path):
    path = answers_file(tmp_path, {"P1.1.a": "Z"})
    proc = subprocess.run(
        [sys.executable, "-m", "rapor.cli", "score", "rb-2014", str(path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("rapor: error: answers.json: P1.1.a")
