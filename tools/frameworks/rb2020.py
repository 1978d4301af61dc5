"""rb-2020-pemda: the skeleton of PermenPANRB 26/2020 for provinces, kabupaten and kota.

Pemenuhan copies the questions of rb-2014 area by area; Hasil Antara, Reform and Hasil come from the
text tables sources/rb-2020-pemda-*.yaml. See docs/frameworks.md for the code scheme and weights.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .common import (
    AREA_NAMES_2020,
    AREA_WEIGHTS,
    AREAS,
    PEMDA,
    RB_GRADES,
    SCALES,
    fail,
    finish,
    header,
    load_source,
    same_keys,
    text_list,
    unpack,
)
from .output import Block, Flow, num

NOTES = (
    "Confirmed: the top level (Pengungkit 60 = Pemenuhan 20 + Hasil Antara 10 + Reform 30;\n"
    "Hasil 40 = four components of 10) and the grade bands.\n"
    "Provisional until the official 2020 workbook is imported:\n"
    "- the per-area split: Pemenuhan w/3, Hasil Antara w/6 and Reform w/2 of the 14/2014 area\n"
    "  weights w = 5, 5, 6, 5, 15, 6, 12, 6;\n"
    "- the Pemenuhan questions, copied from the same area of rb-2014 (P1.2.d becomes PM.MP.2.d),\n"
    "  with each 2014 indicator's weight divided by 3;\n"
    "- the Hasil Antara inputs (names, ranges; two inputs in one area share its weight equally);\n"
    "- the Reform questions, written by the Rapor team on an A-E maturity ladder;\n"
    "- the Hasil inputs and their split inside each component;\n"
    "- the evidence lists and guidance texts.\n"
)
NOTES_ID = (
    "Terkonfirmasi: tingkat teratas (Pengungkit 60 = Pemenuhan 20 + Hasil Antara 10 + Reform 30;\n"
    "Hasil 40 = empat komponen masing-masing 10) dan rentang predikat.\n"
    "Sementara, sampai LKE resmi 2020 diimpor:\n"
    "- pembagian per area: Pemenuhan w/3, Hasil Antara w/6 dan Reform w/2 dari bobot area 14/2014\n"
    "  w = 5, 5, 6, 5, 15, 6, 12, 6;\n"
    "- pertanyaan Pemenuhan, disalin dari area yang sama di rb-2014 (P1.2.d menjadi PM.MP.2.d),\n"
    "  dengan bobot setiap indikator 2014 dibagi 3;\n"
    "- masukan Hasil Antara (nama, rentang; dua masukan dalam satu area berbagi bobotnya sama rata);\n"
    "- pertanyaan Reform, ditulis tim Rapor dengan tangga kematangan A-E;\n"
    "- masukan Hasil dan pembagiannya di setiap komponen;\n"
    "- daftar bukti dukung dan teks petunjuk.\n"
)


def pemda_code(code_2014: str) -> str:
    """P1.2.d -> PM.MP.2.d: the Pemenuhan copy of a 2014 indicator or question."""
    area, rest = code_2014.split(".", 1)
    return f"PM.{AREAS[int(area[1:]) - 1]}.{rest}"


def pemenuhan_area(
    area_2014: dict[str, Any], area: str, evidence: dict[str, list[str]]
) -> dict[str, Any]:
    third = Fraction(1, 3)
    indicators = []
    for ind in area_2014["children"]:
        questions = []
        for q in ind["questions"]:
            copy: dict[str, Any] = {"code": pemda_code(q["code"])}
            copy.update({k: v for k, v in q.items() if k not in ("code", "source", "depends_on")})
            copy["evidence"] = evidence[ind["code"]]
            copy["source"] = "self"
            if "depends_on" in q:
                dep = dict(q["depends_on"])
                dep["question"] = pemda_code(dep["question"])
                copy["depends_on"] = Flow(dep)
            questions.append(copy)
        indicators.append(
            {
                "code": pemda_code(ind["code"]),
                "name": ind["name"],
                "weight": num(Fraction(ind["weight"]) * third),
                "questions": questions,
            }
        )
    return {
        "code": f"PM.{area}",
        "name": AREA_NAMES_2020[area],
        "area": area,
        "weight": num(AREA_WEIGHTS[area] * third),
        "children": indicators,
    }


def hasil_antara_area(area: str, inputs: list[Any]) -> dict[str, Any]:
    weight = Fraction(AREA_WEIGHTS[area], 6)
    children = []
    for i, item in enumerate(inputs, start=1):
        code = f"HA.{area}.{i}"
        name, scale, body, evidence = unpack(
            item, code, name=str, scale=str, body=str, evidence=list
        )
        if SCALES.get(scale, {}).get("kind") != "number":
            fail(f"{code}: {scale!r} is not a number scale")
        children.append(
            {
                "code": code,
                "name": name,
                "weight": num(weight / len(inputs)),
                "scale": scale,
                "source": "external",
                "guidance": f"Diisi dari hasil {body} (skala {scale.replace('-', '–')}).",
                "evidence": text_list(evidence, code),
            }
        )
    if not children:
        fail(f"HA.{area}: needs at least one input")
    return {
        "code": f"HA.{area}",
        "name": AREA_NAMES_2020[area],
        "area": area,
        "weight": num(weight),
        "children": children,
    }


def reform_area(area: str, items: list[Any], ladder: dict[str, str]) -> dict[str, Any]:
    if not 2 <= len(items) <= 4:
        fail(f"reform area {area} needs 2 to 4 questions")
    questions = []
    for letter, item in zip("abcd", items, strict=False):
        code = f"RF.{area}.{letter}"
        text, guidance, evidence = unpack(item, code, text=str, guidance=str, evidence=list)
        questions.append(
            {
                "code": code,
                "text": text,
                "scale": "A/B/C/D/E",
                "options_text": dict(ladder),
                "guidance": guidance,
                "evidence": text_list(evidence, code),
                "source": "self",
            }
        )
    return {
        "code": f"RF.{area}",
        "name": AREA_NAMES_2020[area],
        "area": area,
        "weight": num(Fraction(AREA_WEIGHTS[area], 2)),
        "questions": questions,
    }


def hasil_part(item: Any, where: str) -> dict[str, Any]:
    code, name, weight, inputs = unpack(item, where, code=str, name=str, weight=str, inputs=list)
    children = []
    for i, entry in enumerate(inputs, start=1):
        icode = f"{code}.{i}"
        iname, iweight, scale, guidance, evidence = unpack(
            entry, icode, name=str, weight=str, scale=str, guidance=str, evidence=list
        )
        if scale not in SCALES:
            fail(f"{icode}: unknown scale {scale!r}")
        children.append(
            {
                "code": icode,
                "name": iname,
                "weight": num(iweight),
                "scale": scale,
                "source": "external",
                "guidance": guidance,
                "evidence": text_list(evidence, icode),
            }
        )
    return {"code": code, "name": name, "weight": num(weight), "children": children}


def build_rb2020(rb2014: dict[str, Any]) -> dict[str, Any]:
    areas_2014 = {n["area"]: n for n in rb2014["nodes"][0]["children"]}
    evidence = load_source("rb-2020-pemda-evidence.yaml")
    indicators_2014 = [ind["code"] for a in areas_2014.values() for ind in a["children"]]
    same_keys(evidence, indicators_2014, "rb-2020-pemda-evidence.yaml")
    for code, documents in evidence.items():
        text_list(documents, f"rb-2020-pemda-evidence.yaml {code}")
    hasil_antara = load_source("rb-2020-pemda-hasil-antara.yaml")
    same_keys(hasil_antara, AREAS, "rb-2020-pemda-hasil-antara.yaml")
    ladder, reform = unpack(
        load_source("rb-2020-pemda-reform.yaml"),
        "rb-2020-pemda-reform.yaml",
        options_text=dict,
        areas=dict,
    )
    if list(ladder) != list(SCALES["A/B/C/D/E"]["options"]):
        fail("rb-2020-pemda-reform.yaml: options_text must give A, B, C, D, E in this order")
    same_keys(reform, AREAS, "rb-2020-pemda-reform.yaml areas")
    hasil_parts = load_source("rb-2020-pemda-hasil.yaml")
    if not isinstance(hasil_parts, list):
        fail("rb-2020-pemda-hasil.yaml: expected a list of Hasil parts")

    pengungkit = {
        "code": "P",
        "name": "Pengungkit",
        "weight": num(60),
        "children": [
            {
                "code": "P.PM",
                "name": "Pemenuhan",
                "weight": num(20),
                "children": [pemenuhan_area(areas_2014[a], a, evidence) for a in AREAS],
            },
            {
                "code": "P.HA",
                "name": "Hasil Antara",
                "weight": num(10),
                "children": [hasil_antara_area(a, hasil_antara[a]) for a in AREAS],
            },
            {
                "code": "P.RF",
                "name": "Reform",
                "weight": num(30),
                "children": [reform_area(a, reform[a], ladder) for a in AREAS],
            },
        ],
    }
    hasil = {
        "code": "H",
        "name": "Hasil",
        "weight": num(40),
        "children": [
            hasil_part(item, f"rb-2020-pemda-hasil.yaml [{i}]")
            for i, item in enumerate(hasil_parts, start=1)
        ],
    }
    head = header(
        id="rb-2020-pemda",
        version="2020",
        name="LKE Reformasi Birokrasi Pemerintah Daerah (PermenPANRB 26/2020)",
        basis="PermenPANRB No. 26 Tahun 2020",
        status="provisional",
        notes=Block(NOTES),
        notes_id=Block(NOTES_ID),
        applies_to=PEMDA,
    )
    return finish(head, RB_GRADES, [pengungkit, hasil])
