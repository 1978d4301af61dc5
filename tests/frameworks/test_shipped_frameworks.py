"""The shipped framework files: reproducible from tools/build_frameworks.py, exact, complete."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK_DIR = ROOT / "src" / "rapor" / "frameworks"
BUILDER = ROOT / "tools" / "build_frameworks.py"
SHIPPED = [
    "rb-2014.yaml",
    "rb-2020-pemda.yaml",
    "sakip-2021.yaml",
    "spbe-2020.yaml",
    "rb-2023-kabkota.yaml",
    "rb-2023-provinsi.yaml",
]
AREAS = {"MP", "DK", "OR", "TL", "SDM", "AK", "PW", "PP"}


def load(name: str) -> dict:
    # BaseLoader: every scalar is the text as written, the way the engine reads the file
    return yaml.load((FRAMEWORK_DIR / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from walk(node.get("children", []))


def questions(fw: dict) -> list[dict]:
    out = []
    for node in walk(fw["nodes"]):
        out.extend(node.get("questions", []))
        if "scale" in node:
            out.append(node)
    return out


def test_the_builder_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(BUILDER), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(SHIPPED)
    for name in SHIPPED:
        assert (tmp_path / name).read_bytes() == (FRAMEWORK_DIR / name).read_bytes(), name


def test_rb_2014_holds_the_whole_instrument() -> None:
    fw = load("rb-2014.yaml")
    nodes = list(walk(fw["nodes"]))
    areas = [n for n in nodes if "area" in n]
    indicators = [n for n in nodes if "questions" in n]
    inputs = [n for n in nodes if "scale" in n]
    assert [n["code"] for n in fw["nodes"]] == ["P", "H"]
    assert len(areas) == 8
    assert len(indicators) == 33
    assert sum(len(n["questions"]) for n in indicators) == 146
    assert len(inputs) == 5
    assert all(n["source"] == "external" for n in inputs)
    assert [n["area"] for n in areas] == ["MP", "DK", "OR", "TL", "SDM", "AK", "PW", "PP"]
    assert [n["weight"] for n in areas] == ["5", "5", "6", "5", "15", "6", "12", "6"]


def test_rb_2014_keeps_the_workbooks_dependency_rules() -> None:
    deps = {
        q["code"]: q["depends_on"] for q in questions(load("rb-2014.yaml")) if "depends_on" in q
    }
    assert deps["P1.2.d"] == {"question": "P1.2.a", "zero_if": ["Tidak"]}
    assert deps["P5.4.e"] == {"question": "P5.4.d", "multiply": "true"}
    assert len(deps) == 7


def test_every_area_node_of_rb_2020_pemda_has_an_area_code() -> None:
    fw = load("rb-2020-pemda.yaml")
    pengungkit = fw["nodes"][0]
    assert [c["code"] for c in pengungkit["children"]] == ["P.PM", "P.HA", "P.RF"]
    for component in pengungkit["children"]:
        tags = [area["area"] for area in component["children"]]
        assert tags == ["MP", "DK", "OR", "TL", "SDM", "AK", "PW", "PP"], component["code"]
    assert all(n["area"] in AREAS for n in walk(fw["nodes"]) if "area" in n)


@pytest.mark.parametrize("name", SHIPPED)
def test_weights_add_up_exactly_at_every_node(name: str) -> None:
    fw = load(name)
    for node in walk(fw["nodes"]):
        if "children" in node:
            total = sum(Fraction(c["weight"]) for c in node["children"])
            assert total == Fraction(node["weight"]), node["code"]
    assert sum(Fraction(n["weight"]) for n in fw["nodes"]) == Fraction(fw["max_score"])


@pytest.mark.parametrize("name", SHIPPED)
def test_weights_and_option_values_are_quoted_text(name: str) -> None:
    fw = yaml.safe_load((FRAMEWORK_DIR / name).read_text(encoding="utf-8"))
    assert all(isinstance(n["weight"], str) for n in walk(fw["nodes"]))
    for scale in fw["scales"].values():
        assert all(isinstance(v, str) for v in scale.get("options", {}).values())


@pytest.mark.parametrize("name", SHIPPED)
def test_the_engine_loads_every_shipped_file(name: str) -> None:
    from rapor.engine import load_framework

    fw = load_framework(FRAMEWORK_DIR / name)
    assert fw.id == name.removesuffix(".yaml")


def test_the_spbe_index_is_the_weighted_mean_level() -> None:
    from rapor.engine import load_framework, parse_answers, score

    fw = load_framework(FRAMEWORK_DIR / "spbe-2020.yaml")
    all_three = parse_answers(fw, {code: "3" for code in fw.questions})
    result = score(fw, all_three)
    assert result.index == 3
    assert result.grade.code == "B"


@pytest.mark.parametrize("name", SHIPPED)
def test_the_best_answers_everywhere_score_the_maximum(name: str) -> None:
    from rapor.engine import load_framework, parse_answers, score

    fw = load_framework(FRAMEWORK_DIR / name)
    best = {
        code: (
            str(q.scale.max)
            if q.scale.kind == "number"
            else max(q.scale.options, key=lambda o: o[1])[0]
        )
        for code, q in fw.questions.items()
    }
    result = score(fw, parse_answers(fw, best))
    assert result.total == fw.max_score
    assert result.index == fw.index_scale
    assert result.grade.code == fw.grading.bands[0].code
