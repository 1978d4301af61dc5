"""sakip-2021: Evaluasi SAKIP (PermenPANRB 88/2021), from sources/sakip-2021-questions.yaml.

The four components and their weights are confirmed; the split of each into Pemenuhan, Kualitas
and Pemanfaatan and the questions are provisional (docs/frameworks.md).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .common import ALL_AGENCIES, RB_GRADES, SCALES, fail, finish, header, load_source, unpack
from .output import Block, num

SOURCE = "sakip-2021-questions.yaml"
QUESTION_SCALES = ("Y/T", "A/B/C/D")
NOTES = (
    "Confirmed: the four components (Perencanaan Kinerja 30, Pengukuran Kinerja 30,\n"
    "Pelaporan Kinerja 15, Evaluasi Akuntabilitas Kinerja Internal 25) and the grade bands.\n"
    "Provisional: the split of each component into Pemenuhan 20 %, Kualitas 30 % and\n"
    "Pemanfaatan 50 %, and the questions, which are a condensed set written by the Rapor team,\n"
    "not the official LKE AKIP criteria. Replace by importing the official workbook.\n"
)
NOTES_ID = (
    "Terkonfirmasi: empat komponen (Perencanaan Kinerja 30, Pengukuran Kinerja 30,\n"
    "Pelaporan Kinerja 15, Evaluasi Akuntabilitas Kinerja Internal 25) dan rentang predikat.\n"
    "Sementara: pembagian setiap komponen menjadi Pemenuhan 20 %, Kualitas 30 % dan\n"
    "Pemanfaatan 50 %, serta pertanyaannya, yang merupakan ringkasan tulisan tim Rapor,\n"
    "bukan kriteria LKE AKIP resmi. Ganti dengan mengimpor LKE resmi.\n"
)


def sakip_questions(code: str, items: Any, answers: dict[str, str]) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not 2 <= len(items) <= 4:
        fail(f"sakip {code} needs 2 to 4 questions")
    questions = []
    for i, item in enumerate(items, start=1):
        qcode = f"{code}.{i}"
        scale, text = unpack(item, qcode, scale=str, text=str)
        if scale not in QUESTION_SCALES:
            fail(f"{qcode}: scale {scale!r} is not one of {', '.join(QUESTION_SCALES)}")
        q: dict[str, Any] = {"code": qcode, "text": text, "scale": scale}
        if scale == "A/B/C/D":
            q["options_text"] = dict(answers)
        q["source"] = "self"
        questions.append(q)
    return questions


def build_sakip() -> dict[str, Any]:
    answers, parts, components = unpack(
        load_source(SOURCE), SOURCE, options_text=dict, parts=list, components=list
    )
    if list(answers) != list(SCALES["A/B/C/D"]["options"]):
        fail(f"{SOURCE}: options_text must give A, B, C, D in this order")
    splits = [unpack(p, f"{SOURCE} parts", code=str, name=str, share=str) for p in parts]
    if sum(Fraction(share) for _, _, share in splits) != 1:
        fail(f"{SOURCE}: the shares of the parts must add up to 1")
    nodes = []
    for entry in components:
        code, name, weight, by_part = unpack(
            entry, f"{SOURCE} components", code=str, name=str, weight=str, questions=dict
        )
        if sorted(by_part) != sorted(part for part, _, _ in splits):
            fail(f"{SOURCE} {code}: needs questions for the parts {[p for p, _, _ in splits]}")
        children = [
            {
                "code": f"{code}.{part}",
                "name": part_name,
                "weight": num(Fraction(weight) * Fraction(share)),
                "questions": sakip_questions(f"{code}.{part}", by_part[part], answers),
            }
            for part, part_name, share in splits
        ]
        nodes.append({"code": code, "name": name, "weight": num(weight), "children": children})
    head = header(
        id="sakip-2021",
        version="2021",
        name="Evaluasi SAKIP (PermenPANRB 88/2021)",
        basis="PermenPANRB No. 88 Tahun 2021",
        status="provisional",
        notes=Block(NOTES),
        notes_id=Block(NOTES_ID),
        applies_to=ALL_AGENCIES,
    )
    return finish(head, RB_GRADES, nodes)
