"""The command line on the 2023 frameworks: the score with its General, Tematik and adjustment, a
what-if with not applicable and the koefisien, and the plans the demo story tells (grade B; third
place among the six kabupaten of Babel, whose published 2023 results ship as a peers file)."""

from __future__ import annotations

import json
from pathlib import Path

from rapor.cli import main

DATA = Path(__file__).resolve().parents[2] / "src" / "rapor" / "demo" / "data"
ANSWERS = str(DATA / "pangkalpinang-rb-2023.answers.json")
PEERS = str(DATA / "babel-kabupaten-2023-peers.csv")
EFFORTS = str(DATA / "pangkalpinang-2024-efforts.csv")


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_score_shows_general_tematik_and_the_index(capsys):
    status, out, _ = run(capsys, "score", "rb-2023-kabkota", ANSWERS, "--json")
    data = json.loads(out)
    assert status == 0 and data["total"] == "57.83" and data["grade"] == "CC"
    assert data["roots"]["G"] == {
        "score": "55.86",
        "weight": "100.00",
        "adjustment_weight": "100.00",
        "correction": "0.00",
        "adjusted": "55.86",
    }
    assert data["roots"]["T"]["adjusted"] == "1.97"
    assert data["not_applicable"] == [] and data["provisional"] == []


def test_a_what_if_with_not_applicable_and_the_koefisien_shows_the_adjustment(capsys):
    status, out, _ = run(
        capsys,
        "score",
        "rb-2023-kabkota",
        ANSWERS,
        "--set",
        "G.B.H.1=tidak berlaku",
        "--set",
        "KOEF=-1",
    )
    assert status == 0
    # (53.86 - 1) / 98 × 100 = 53.94, + 1.97
    assert "G RB General: 53.86 + correction -1.00, adjustment weight 98.00: adjusted 53.94" in out
    assert "NOTICE: provisional parts in this result: KOEF" in out
    assert "index" in out and "55.91" in out


def test_not_applicable_where_it_is_not_allowed_is_bad_input(capsys):
    status, _, err = run(capsys, "score", "rb-2023-kabkota", ANSWERS, "--set", "G.A.1=n/a")
    assert status == 2
    assert "G.A.1: this question cannot be answered 'not applicable'" in err


def test_grade_b_takes_the_rb_general_action_plan(capsys):
    status, out, _ = run(capsys, "plan", "rb-2023-kabkota", ANSWERS, "--grade", "B", "--json")
    data = json.loads(out)
    assert status == 0 and data["reachable"] and data["grade"] == "B"
    assert data["changes"] == [
        {"question": "G.A.1", "from": None, "to": "3", "effort": "2", "gain": "3.00"}
    ]
    assert data["index"] == "60.83"


def test_third_place_among_the_six_kabupaten_takes_only_the_citys_own_work(capsys):
    status, out, _ = run(
        capsys, "plan", "rb-2023-kabkota", ANSWERS, "--rank", "3", "--peers", PEERS
    )
    assert status == 0
    assert "target: rank <= 3 of 7 (index >= 75.14)" in out
    assert "rank: 7 -> 3" in out and "grade: CC -> BB" in out
    status, out, _ = run(
        capsys, "plan", "rb-2023-kabkota", ANSWERS, "--rank", "3", "--peers", PEERS, "--json"
    )
    changed = {c["question"] for c in json.loads(out)["changes"]}
    assert {"G.A.1", "G.A.2"} <= changed
    assert all(c in ("G.A.1", "G.A.2", "G.B.H.4", "G.B.H.6") or c.startswith("T.") for c in changed)


def test_the_demo_storys_efforts_file_moves_prepared_external_values_and_excludes_wbk(capsys):
    status, out, _ = run(
        capsys,
        "plan",
        "rb-2023-kabkota",
        ANSWERS,
        "--rank",
        "2",
        "--peers",
        PEERS,
        "--efforts",
        EFFORTS,
        "--json",
    )
    data = json.loads(out)
    assert status == 0 and data["reachable"]
    moved = {c["question"]: c["to"] for c in data["changes"]}
    assert moved.get("G.B.H.4") != "3.5"  # WBK is out of reach this cycle
    assert "T.B.P" not in moved  # fixed in the file
    assert any(not (c.startswith("T.") or c.startswith("G.A")) for c in moved)
