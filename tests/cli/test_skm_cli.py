"""`rapor skm score`: the JSON shape, both weightings, and the error path."""

from __future__ import annotations

import json

from rapor.cli import main

CSV = "no,u1,U2,U3,U4,U5,U6,U7,U8,U9,saran\n1,4,3,3,4,4,3,3,3,4,ok\n2,3,3,,4,4,4,3,3,3,\n3,4,4,4,4,4,4,4,4,4,bagus\n"


def test_skm_score_json_with_both_weightings(capsys, tmp_path):
    path = tmp_path / "skm.csv"
    path.write_text(CSV)
    assert main(["skm", "score", str(path), "--json"]) == 0
    exact = json.loads(capsys.readouterr().out)
    assert exact["respondents"] == 3
    assert exact["nrr"]["U1"] == "3.6667" and exact["nrr"]["U3"] == "3.5000"
    # (11/3 + 10/3 + 7/2 + 4 + 4 + 11/3 + 10/3 + 10/3 + 11/3) / 9 × 25 = 90.2777…
    assert exact["ikm"] == "90.28" and exact["mutu"] == "A" and exact["kinerja"] == "Sangat Baik"
    assert main(["skm", "score", str(path), "--json", "--weight", "0.111"]) == 0
    assert json.loads(capsys.readouterr().out)["ikm"] == "90.19"


def test_skm_score_table(capsys, tmp_path):
    path = tmp_path / "skm.csv"
    path.write_text(CSV)
    assert main(["skm", "score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "U8  Penanganan Pengaduan, Saran dan Masukan" in out and "IKM 90.28  mutu A" in out


def test_skm_score_names_the_row_and_column_of_a_bad_answer(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,3,3,4,4,3,3,3,4\n4,3,3,5,4,3,3,3,4\n")
    assert main(["skm", "score", str(path)]) == 2
    assert "bad.csv: row 3, column U4" in capsys.readouterr().err
