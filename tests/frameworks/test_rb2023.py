"""The shipped 2023 frameworks against the real 2023 results of Bangka Belitung.

Kota Pangkalpinang's values (the ministry's own record) must give the published 55.86 / 1.97 /
57.83 CC, and every line the ministry recorded, but for the two lines its floating-point
application stored a cent off (method-2023.md); the published figures of the other governments
must be consistent with the frameworks' rules and grades.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from rapor.engine import grade_for, load_answers_file, load_framework, score

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "rapor" / "demo" / "data"
ANSWERS = DATA / "pangkalpinang-rb-2023.answers.json"
LINES = Path(__file__).parent / "data" / "pangkalpinang-rb-2023-lines.csv"
PUBLISHED = DATA / "babel-rb-2023.csv"
# The ministry's floating-point application stored these a cent off the exact rule, one up, one
# down: 1.5 × 3.75 / 5 = 1.125 is 1.13 half up (recorded 1.12); 8 × 63.63% × 63.69% = 3.2421 is
# 3.24 (recorded 3.25). The totals agree.
CENT_OFF = {"G.B.S.2": ("1.13", "1.12"), "G.C.H.3": ("3.24", "3.25")}


def rows(path: Path) -> list[dict[str, str]]:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(scope="module")
def kabkota():
    return load_framework("rb-2023-kabkota")


def test_pangkalpinangs_2023_values_give_the_published_55_86_1_97_57_83_cc(kabkota):
    result = score(kabkota, load_answers_file(ANSWERS, kabkota))
    general, tematik = result.roots["G"], result.roots["T"]
    assert result.show(general.adjusted) == "55.86"
    assert result.show(tematik.adjusted) == "1.97"
    assert result.show(result.index) == "57.83"
    assert result.grade.code == "CC"
    assert general.adjustment_weight == 100 and general.correction == 0


def test_every_line_the_ministry_recorded_but_the_two_a_cent_off(kabkota):
    result = score(kabkota, load_answers_file(ANSWERS, kabkota))
    for row in rows(LINES):
        ours = result.show(result.nodes[row["code"]].score)
        recorded = f"{Decimal(row['points'] or '0'):.2f}"
        if row["code"] in CENT_OFF:
            assert (ours, recorded) == CENT_OFF[row["code"]]
        else:
            assert ours == recorded, row["code"]
    assert len(rows(LINES)) == len(kabkota.questions) == 40


def test_the_answers_file_holds_the_values_of_the_ministrys_lines(kabkota):
    answers = load_answers_file(ANSWERS, kabkota)
    for row in rows(LINES):
        if row["value"] == "WTP":
            assert answers[row["code"]] == "WTP"
        elif row["value"]:
            assert answers[row["code"]] == Fraction(row["value"]), row["code"]
        else:
            assert row["code"] not in answers


@pytest.mark.parametrize("row", rows(PUBLISHED), ids=lambda r: r["government"])
def test_each_published_2023_result_is_consistent_with_the_rules_and_grades(row):
    fw = load_framework("rb-2023-provinsi" if row["type"] == "provinsi" else "rb-2023-kabkota")
    general, tematik = Fraction(row["rb_general"]), Fraction(row["rb_tematik"])
    weight = Fraction(row["adjustment_weight"])
    index = general / weight * 100 + tematik
    assert index == Fraction(row["index"])
    assert index <= 120 and general <= 100 and tematik <= 20
    assert grade_for(fw, index).code == row["grade"]


def test_the_published_league_table_puts_pangkalpinang_last_of_seven():
    table = sorted(
        (r for r in rows(PUBLISHED) if r["type"] != "provinsi"),
        key=lambda r: Fraction(r["index"]),
        reverse=True,
    )
    assert [r["government"] for r in table][-1] == "Kota Pangkalpinang"
    assert [r["government"] for r in table][:3] == [
        "Kabupaten Bangka Tengah",
        "Kabupaten Belitung Timur",
        "Kabupaten Belitung",
    ]


@pytest.mark.parametrize(
    ("fid", "indicators", "general", "tematik"),
    [("rb-2023-kabkota", 40, 100, 20), ("rb-2023-provinsi", 41, 100, 20)],
)
def test_both_trees_carry_every_indicator_with_its_scorer_and_owner(
    fid, indicators, general, tematik
):
    fw = load_framework(fid)
    assert len(fw.questions) == indicators
    assert {r.code: r.weight for r in fw.roots} == {"G": general, "T": tematik}
    assert fw.max_score == 120 and fw.round_points and not fw.provisional
    assert all(q.scorer and q.owner for q in fw.questions.values())
    assert fw.questions["G.C.S.3"].scorer.startswith("KemenPANRB")
    assert fw.questions["G.C.H.3"].depends_on.question == "G.B.H.5"
    assert fw.questions["G.A.2"].depends_on.multiply
    assert fw.provisional_parts == ("AA", "A-", "KOEF", "opini-bpk-2023")
    assert "stands in for the 2024 evaluation" in " ".join(fw.notes.split())


def test_the_provinces_own_rows_and_owners(kabkota):
    prov = load_framework("rb-2023-provinsi")
    assert "G.B.H.13" in prov.questions and "G.B.H.13" not in kabkota.questions
    assert prov.questions["G.B.H.3"].scale.min == 0 and kabkota.questions["G.B.H.3"].scale.min == 1
    assert prov.questions["G.B.H.12"].owner == "Biro Pengadaan Barang/Jasa"
    assert prov.questions["G.A.1"].owner == "Biro Organisasi"  # Bagian … Setda in a kota
    assert kabkota.questions["G.A.1"].owner == "Bagian Organisasi Setda"


def test_own_work_moves_by_default_and_only_external_general_indicators_may_not_apply(kabkota):
    own = {"G.A.1", "G.A.2", "G.B.H.4", "G.B.H.6"} | {
        c for c in kabkota.questions if c.startswith("T.")
    }
    for code, q in kabkota.questions.items():
        assert (q.source == "self") == (code in own), code
        assert bool(q.forecasts) == (code in own), code
        expected = code.startswith("G.") and code not in own and q.scorer != "TPN"
        assert q.not_applicable == expected, code
    assert not kabkota.questions["G.C.H.2"].not_applicable  # TPN always applies


def test_framework_check_accepts_both():
    out = subprocess.run(
        [sys.executable, "-m", "rapor.cli", "framework", "check", "rb-2023-kabkota"]
        + ["rb-2023-provinsi"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.count(": ok: ") == 2
    assert "provisional parts (AA, A-, KOEF, opini-bpk-2023)" in out
