"""``rapor plan``: the JSON shape, the readable table, and every bad input ending in exit status 2."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from rapor.cli import main
from tests.engine.fixtures import framework_text

NODES = """
- code: P
  name: Proses
  weight: 60
  children:
    - code: P1
      name: Manajemen Perubahan
      area: MP
      weight: 30
      questions:
        - {code: P1.a, text: Tim RB telah dibentuk, scale: Y/T}
        - {code: P1.b, text: Road map disusun, scale: A/B/C/D}
    - code: P2
      name: Deregulasi
      weight: 30
      questions:
        - {code: P2.a, text: Regulasi dievaluasi, scale: A/B/C}
- code: H
  name: Hasil
  weight: 40
  scale: 0-100
  source: external
"""


@pytest.fixture
def files(tmp_path):
    fw = tmp_path / "fw.yaml"
    fw.write_text(framework_text(NODES))
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "format": "rapor.answers/1",
                "framework": "test",
                "answers": {"P1.a": "Tidak", "P1.b": "C", "P2.a": "C", "H": 50},
            }
        )
    )
    return tmp_path, str(fw), str(answers)


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_has_the_documented_shape(files, capsys):
    _, fw, answers = files
    status, out, _ = run(capsys, "plan", fw, answers, "--grade", "B", "--json")
    assert status == 0
    data = json.loads(out)
    assert list(data) == ["reachable", "target_index", "effort", "index", "grade", "changes"]
    assert data["reachable"] is True and data["target_index"] == "60.01" and data["grade"] == "B"
    assert Decimal(data["index"]) >= Decimal("60.01")
    for change in data["changes"]:
        assert list(change) == ["question", "from", "to", "effort", "gain"]
    assert sum(Decimal(c["effort"]) for c in data["changes"]) == Decimal(data["effort"])


def test_the_table_groups_changes_by_area(files, capsys):
    _, fw, answers = files
    status, out, _ = run(capsys, "plan", fw, answers, "--score", "70")
    assert status == 0
    lines = out.splitlines()
    assert "target: score 70 (index >= 70.00)" in lines and "reachable: yes" in lines
    assert (
        "effort: 4" in lines
        and "index: 24.95 -> 75.05" in lines
        and "grade: D -> BB (Sangat Baik)" in lines
    )
    # grouped by the nearest node tagged with an area, else the root component
    assert lines.index("P1 Manajemen Perubahan [MP]") < lines.index("P Proses")
    row = next(line for line in lines if line.strip().startswith("P2.a"))
    assert " ".join(row.split()) == "P2.a Regulasi dievaluasi C -> A effort 2 gain 30.00"


def test_an_unreachable_target_gives_the_best_reachable_index(files, capsys):
    _, fw, answers = files
    status, out, _ = run(capsys, "plan", fw, answers, "--grade", "AA", "--json")
    data = json.loads(out)
    assert status == 0 and data["reachable"] is False
    assert data["index"] == "80.00" and data["grade"] == "BB"
    status, out, _ = run(capsys, "plan", fw, answers, "--grade", "AA")
    assert "reachable: no" in out and "best reachable: index 80.00, grade BB" in out


def test_a_forecast_in_the_efforts_file_moves_an_external_input(files, capsys):
    tmp, fw, answers = files
    efforts = tmp / "efforts.csv"
    efforts.write_text("question,option,effort\nH,100,5\n")
    status, out, _ = run(
        capsys, "plan", fw, answers, "--grade", "AA", "--efforts", str(efforts), "--json"
    )
    data = json.loads(out)
    assert (
        data["reachable"] is True
        and {"question": "H", "from": "50", "to": "100", "effort": "5", "gain": "20.00"}
        in data["changes"]
    )


def test_a_rank_target_reads_the_peers(files, capsys):
    tmp, fw, answers = files
    peers = tmp / "peers.csv"
    peers.write_text("name,index\nKota A,55.004\nKota B,55\nKota C,70\n")
    status, out, _ = run(
        capsys, "plan", fw, answers, "--rank", "2", "--peers", str(peers), "--json"
    )
    assert status == 0 and json.loads(out)["target_index"] == "55.00"
    status, out, _ = run(
        capsys, "plan", fw, answers, "--rank", "2", "--peers", str(peers), "--margin", "1"
    )
    assert status == 0 and "rank <= 2 of 4 (margin 1.00)" in out and "rank: 4 -> " in out


def test_set_works_with_plan(files, capsys):
    _, fw, answers = files
    status, out, _ = run(capsys, "plan", fw, answers, "--score", "20", "--set", "P1.a=Ya", "--json")
    assert status == 0 and json.loads(out)["changes"] == []


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["--score", "abc"], None, "--score: abc: not a number"),
        (["--grade", "Z"], None, "not a grade of test"),
        (["--rank", "1"], None, "needs --peers"),
        (["--grade", "B", "--peers", "PEERS"], "name,index\n", "go with --rank"),
        (["--rank", "0", "--peers", "PEERS"], "name,index\nx,1\n", "1 or more"),
        (
            ["--rank", "1", "--peers", "PEERS"],
            "name,index\nx,abc\n",
            "peers.csv: row 2, column index",
        ),
        (
            ["--rank", "1", "--peers", "PEERS"],
            "who,index\nx,1\n",
            "peers.csv: row 1: missing column 'name'",
        ),
        (["--rank", "1", "--peers", "PEERS", "--margin", "x"], "name,index\nx,1\n", "--margin"),
        (
            ["--grade", "B", "--efforts", "EFFORTS"],
            "question,option,effort\nQ9,,1\n",
            "efforts.csv: row 2, column question",
        ),
        (
            ["--grade", "B", "--efforts", "EFFORTS"],
            "question,option,effort\nP1.b,Z,1\n",
            "efforts.csv: row 2, column option",
        ),
        (
            ["--grade", "B", "--efforts", "EFFORTS"],
            "question,option,effort\nP1.b,,many\n",
            "efforts.csv: row 2, column effort",
        ),
        (
            ["--grade", "B", "--efforts", "EFFORTS"],
            "question,effort\nP1.b,1\n",
            "efforts.csv: row 1: missing column 'option'",
        ),
        (["--grade", "B", "--efforts", "missing.csv"], None, "missing.csv: cannot read the file"),
        (["--rank", "1", "--peers", "missing.csv"], None, "missing.csv: cannot read the file"),
        (["--grade", "B", "--set", "P1.b=Z"], None, "--set: P1.b"),
    ],
)
def test_bad_input_exits_2_naming_the_file_row_and_column(files, capsys, args, content, message):
    tmp, fw, answers = files
    argv = []
    for a in args:
        if a in ("PEERS", "EFFORTS"):
            path = tmp / ("peers.csv" if a == "PEERS" else "efforts.csv")
            path.write_text(content)
            a = str(path)
        elif a == "missing.csv":
            a = str(tmp / "missing.csv")
        argv.append(a)
    status, out, err = run(capsys, "plan", fw, answers, *argv)
    assert status == 2 and out == ""
    assert message in err


def test_a_target_is_required_and_only_one(files, capsys):
    _, fw, answers = files
    with pytest.raises(SystemExit) as exc:
        main(["plan", fw, answers])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["plan", fw, answers, "--score", "1", "--grade", "B"])
    assert exc.value.code == 2
