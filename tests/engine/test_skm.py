"""SKM / IKM arithmetic, the responses CSV and the Krejcie–Morgan sample size."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapor.engine.errors import RaporInputError
from rapor.engine.numbers import format_fixed
from rapor.engine.skm import (
    CODES,
    UNSUR,
    SkmError,
    mutu_for,
    read_skm_csv,
    sample_size,
    skm_from_totals,
    skm_score,
    weakest_unsur,
)

# Four respondents; two skipped one unsur each (U3 and U9).
SURVEY = [
    [4, 4, 3, 4, 3, 3, 4, 3, 4],
    [3, 4, 3, 4, 3, 4, 4, 3, 3],
    [4, 3, None, 4, 4, 3, 4, 2, 4],
    [3, 3, 3, 4, 3, 3, 4, 3, None],
]


def rows(table: list[list[int | None]]) -> list[dict[str, int | None]]:
    return [dict(zip(CODES, answers, strict=True)) for answers in table]


def test_the_nine_unsur_are_stored_by_code() -> None:
    assert [code for code, _ in UNSUR] == [f"U{i}" for i in range(1, 10)]
    assert dict(UNSUR)["U8"] == "Penanganan Pengaduan, Saran dan Masukan"
    assert dict(UNSUR)["U9"] == "Sarana dan Prasarana"


def test_it_scores_a_hand_computed_survey() -> None:
    result = skm_score(rows(SURVEY))

    assert result.respondents == 4
    assert result.answers["U3"] == 3 and result.answers["U9"] == 3 and result.answers["U1"] == 4
    assert result.nrr == {
        "U1": Fraction(14, 4),
        "U2": Fraction(14, 4),
        "U3": Fraction(9, 3),  # the skipped answer is left out, not counted as 0
        "U4": Fraction(16, 4),
        "U5": Fraction(13, 4),
        "U6": Fraction(13, 4),
        "U7": Fraction(16, 4),
        "U8": Fraction(11, 4),
        "U9": Fraction(11, 3),
    }
    # Σ NRR = 371/12; IKM = 371/12 × 1/9 × 25 = 9275/108 = 85.8796…
    assert result.ikm == Fraction(9275, 108)
    assert format_fixed(result.ikm, 2) == "85.88"
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert list(result.nrr) == list(CODES)


def test_the_printed_weight_0_111_gives_the_old_reports_lower_ikm() -> None:
    exact = skm_score(rows(SURVEY))
    printed = skm_score(rows(SURVEY), weight="0.111")

    assert printed.ikm == exact.ikm * Fraction(999, 1000)  # 0.111 × 9 = 0.999
    assert printed.ikm == Fraction(371, 12) * Fraction(111, 1000) * 25
    assert format_fixed(printed.ikm, 2) == "85.79"
    assert printed.nrr == exact.nrr


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9),
        min_size=1,
        max_size=30,
    )
)
def test_the_ikm_stays_within_25_and_100(table: list[list[int | None]]) -> None:
    table = [[4] * 9, *table]  # every unsur answered at least once
    result = skm_score(rows(table))
    assert 25 <= result.ikm <= 100
    assert result.ikm == sum(result.nrr.values()) * 25 / 9


@pytest.mark.parametrize(
    ("answers", "ikm", "mutu"),
    [([4] * 9, "100.00", "A"), ([1] * 9, "25.00", "D")],
)
def test_the_ends_of_the_scale(answers: list[int], ikm: str, mutu: str) -> None:
    result = skm_score(rows([answers]))
    assert (format_fixed(result.ikm, 2), result.mutu) == (ikm, mutu)


def test_the_printed_weight_can_fall_below_25() -> None:
    result = skm_score(rows([[1] * 9]), weight="0.111")
    assert result.ikm == Fraction("24.975")
    assert result.mutu == "D"


@pytest.mark.parametrize(
    ("ikm", "mutu", "kinerja"),
    [
        ("100", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.305", "A", "Sangat Baik"),  # rounds half up to 88.31
        ("88.30499", "B", "Baik"),  # 88.30
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.605", "B", "Baik"),  # 76.61
        ("76.60499", "C", "Kurang Baik"),  # 76.60
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.995", "C", "Kurang Baik"),  # 65.00
        ("64.99", "D", "Tidak Baik"),
        ("64.994", "D", "Tidak Baik"),
        ("25", "D", "Tidak Baik"),
    ],
)
def test_mutu_bands_at_their_boundaries(ikm: str, mutu: str, kinerja: str) -> None:
    assert mutu_for(Fraction(ikm)) == (mutu, kinerja)


def test_an_unsur_nobody_answered_is_an_error_naming_it() -> None:
    table = [[4, 4, 3, 4, 3, 3, 4, None, 4], [3, 4, 3, 4, 3, 4, 4, None, 3]]
    with pytest.raises(SkmError, match="U8: no respondent answered this unsur"):
        skm_score(rows(table))


def test_rows_with_no_answer_are_not_respondents() -> None:
    result = skm_score([*rows(SURVEY), dict.fromkeys(CODES), {}])
    assert result.respondents == 4


@pytest.mark.parametrize("bad", [0, 5, True, "4", 3.5])
def test_scoring_refuses_answers_outside_1_to_4(bad: object) -> None:
    table = rows(SURVEY)
    table[1]["U2"] = bad  # type: ignore[assignment]
    with pytest.raises(SkmError, match="respondent 2, U2"):
        skm_score(table)


def test_no_respondent_at_all_is_an_error() -> None:
    with pytest.raises(SkmError, match="no respondent"):
        skm_score([])


def write(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "skm.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_it_reads_a_semicolon_export_with_bom_odd_headers_and_other_columns(tmp_path: Path) -> None:
    text = (
        "Tanggal; u1 ;U2;U3;u4;U5;U6;U7;U9;U8 ;Saran\r\n"
        "2024-01-02;4;4;3;4;3;3;4;4;3;Bagus, cepat\r\n"
        '2024-01-02;3;4;;4;3;4;4;3;3;"Antre; lama"\r\n'
    )
    path = write(tmp_path, "\ufeff" + text)

    table = read_skm_csv(path)

    assert table == [
        {"U1": 4, "U2": 4, "U3": 3, "U4": 4, "U5": 3, "U6": 3, "U7": 4, "U8": 3, "U9": 4},
        {"U1": 3, "U2": 4, "U3": None, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 3},
    ]
    assert list(table[0]) == list(CODES)  # by code, whatever the column order


def test_it_reads_a_comma_file_from_windows_excel(tmp_path: Path) -> None:
    text = "Nama,U1,U2,U3,U4,U5,U6,U7,U8,U9\nJosé,4,4,3,4,3,3,4,3,4\n\n,,,,,,,,,\n"
    table = read_skm_csv(write(tmp_path, text, encoding="cp1252"))
    assert table == [dict(zip(CODES, [4, 4, 3, 4, 3, 3, 4, 3, 4], strict=True))]


def test_whole_numbers_as_spreadsheets_export_them_are_answers(tmp_path: Path) -> None:
    text = "U1;U2;U3;U4;U5;U6;U7;U8;U9\n4,0;3.0;2,00;1;4;4;4;4;4\n"
    table = read_skm_csv(write(tmp_path, text))
    assert [table[0][c] for c in ("U1", "U2", "U3", "U4")] == [4, 3, 2, 1]


@pytest.mark.parametrize("bad", ["5", "x", "3.5", "0", "4,5", "5.0"])
def test_a_bad_answer_names_file_row_and_column(tmp_path: Path, bad: str) -> None:
    text = f"U1;U2;U3;U4;U5;U6;U7;U8;U9\n4;4;4;4;4;4;4;4;4\n4;{bad};4;4;4;4;4;4;4\n"
    path = write(tmp_path, text, name="gerai-dukcapil.csv")
    with pytest.raises(SkmError) as err:
        read_skm_csv(path)
    message = str(err.value)
    assert "gerai-dukcapil.csv" in message
    assert "row 3, column U2 (B)" in message  # header = row 1
    assert repr(bad) in message
    assert isinstance(err.value, RaporInputError)


def test_a_missing_unsur_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "U1,U2,U3,U4,U5,U6,U7,U8,Saran\n4,4,4,4,4,4,4,4,ok\n")
    with pytest.raises(SkmError, match=r"skm\.csv: row 1: missing column\(s\) U9"):
        read_skm_csv(path)


def test_a_duplicate_unsur_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "U1,U2,U3,U4,U5,U6,U7,U8,U9,u1\n")
    with pytest.raises(SkmError, match="row 1, column J: column U1 appears twice"):
        read_skm_csv(path)


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SkmError, match="empty"):
        read_skm_csv(write(tmp_path, ""))


def krejcie_morgan(population: int) -> Decimal:
    """The formula of public-service.md, written out independently with Decimal."""
    chi, p, d = Decimal("3.841"), Decimal("0.5"), Decimal("0.05")
    return chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))


@pytest.mark.parametrize(
    ("population", "size"),
    [(0, 0), (1, 1), (10, 10), (100, 80), (200, 132), (1000, 278), (10_000, 370)],
)
def test_krejcie_morgan_sample_sizes(population: int, size: int) -> None:
    assert sample_size(population) == size
    assert size - 1 < krejcie_morgan(population) <= size


@given(st.integers(1, 10**7))
def test_the_sample_never_exceeds_the_population_and_grows_with_it(population: int) -> None:
    size = sample_size(population)
    assert 1 <= size <= population
    assert size <= sample_size(population + 1) <= 385


@pytest.mark.parametrize("bad", [-1, 2.5, True])
def test_sample_size_refuses_a_non_count(bad: object) -> None:
    with pytest.raises(ValueError):
        sample_size(bad)  # type: ignore[arg-type]


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=9, max_size=9),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["exact", "0.111"]),
)
def test_totals_from_a_database_score_exactly_as_the_rows_do(
    table: list[list[int | None]], weight: Literal["exact", "0.111"]
) -> None:
    table = [[1] * 9, *table]
    sums = {c: sum(r[i] or 0 for r in table) for i, c in enumerate(CODES)}
    counts = {c: sum(r[i] is not None for r in table) for i, c in enumerate(CODES)}
    respondents = sum(any(a is not None for a in r) for r in table)
    assert skm_from_totals(sums, counts, respondents, weight=weight) == skm_score(
        rows(table), weight=weight
    )


def test_totals_that_answers_of_1_to_4_cannot_give_are_refused() -> None:
    counts = dict.fromkeys(CODES, 2)
    sums = {**dict.fromkeys(CODES, 6), "U5": 9}  # two answers cannot add up to 9
    with pytest.raises(SkmError, match="U5"):
        skm_from_totals(sums, counts, 2)


def test_the_weakest_unsur_are_all_those_with_the_lowest_nrr() -> None:
    nrr = {c: Fraction(3) for c in CODES} | {"U3": Fraction(5, 2), "U8": Fraction(5, 2)}
    assert weakest_unsur(nrr) == ["U3", "U8"]
    assert weakest_unsur({}) == []
