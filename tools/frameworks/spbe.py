"""spbe-2020: Evaluasi SPBE (PermenPANRB 59/2020), from sources/spbe-2020-indicators.yaml.

47 indicators numbered I1 … I47 through the file, each a leaf with one question answered with a
maturity level 1 … 5 (scale tingkat-spbe); the index is the weighted mean level (docs/frameworks.md).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .common import (
    ALL_AGENCIES,
    SPBE_LEVEL_NAMES,
    fail,
    finish,
    header,
    load_source,
    text_list,
    unpack,
)
from .output import Block, Exact, Flow, num, plain

SOURCE = "spbe-2020-indicators.yaml"
INDICATORS = 47
NOTES = (
    "47 indicators answered with a maturity level 1-5; level n is worth n/5 and the index is\n"
    "total x 5 / 100, i.e. the weighted mean level (0-5). An unanswered indicator counts 0.\n"
    "Provisional: the per-indicator weights per aspect (Kebijakan Internal 10 x 1.30;\n"
    "Perencanaan Strategis 4 x 2.50, TIK 4 x 2.50, Penyelenggara 2 x 2.50; Penerapan\n"
    "Manajemen 8 x 1.50, Audit TIK 3 x 1.50; Layanan Administrasi 10 x 2.75, Layanan Publik\n"
    "6 x 3.00), the predikat bands, and the indicator names: domains 1-3 follow the 2020\n"
    "evaluation guide as remembered by the Rapor team; the names of domain 4 (aspects 7 and 8)\n"
    "are plausible but unverified. The level descriptions are generic, not the official\n"
    "per-indicator criteria. Replace by importing the official instrument.\n"
)
NOTES_ID = (
    "47 indikator dijawab dengan tingkat kematangan 1-5; tingkat n bernilai n/5 dan indeksnya\n"
    "total x 5 / 100, yaitu rata-rata tertimbang tingkat (0-5). Indikator tanpa jawaban bernilai 0.\n"
    "Sementara: bobot per indikator setiap aspek (Kebijakan Internal 10 x 1,30;\n"
    "Perencanaan Strategis 4 x 2,50, TIK 4 x 2,50, Penyelenggara 2 x 2,50; Penerapan\n"
    "Manajemen 8 x 1,50, Audit TIK 3 x 1,50; Layanan Administrasi 10 x 2,75, Layanan Publik\n"
    "6 x 3,00), rentang predikat, dan nama indikator: domain 1-3 mengikuti pedoman evaluasi\n"
    "2020 sebagaimana diingat tim Rapor; nama domain 4 (aspek 7 dan 8) masuk akal tetapi belum\n"
    "diverifikasi. Uraian tingkat bersifat umum, bukan kriteria resmi per indikator. Ganti\n"
    "dengan mengimpor instrumen resmi.\n"
)
GRADES = {
    "compare": "at_least",
    "round_first": True,
    "bands": [
        Flow({"code": code, "min": plain(low), "label": label})
        for code, low, label in [
            ("M", "4.2", "Memuaskan"),
            ("SB", "3.5", "Sangat Baik"),
            ("B", "2.6", "Baik"),
            ("C", "1.8", "Cukup"),
            ("K", "0", "Kurang"),
        ]
    ],
}


def build_spbe() -> dict[str, Any]:
    ladders, domains = unpack(load_source(SOURCE), SOURCE, level_texts=dict, domains=list)
    for key, ladder in ladders.items():
        if len(text_list(ladder, f"{SOURCE} level_texts {key}")) != len(SPBE_LEVEL_NAMES):
            fail(f"{SOURCE} level_texts {key}: needs one text per level 1 … 5")
    nodes, count = [], 0
    for domain in domains:
        dcode, dname, which, aspects = unpack(
            domain, f"{SOURCE} domains", code=str, name=str, level_texts=str, aspects=list
        )
        if which not in ladders:
            fail(f"{SOURCE} {dcode}: unknown level_texts {which!r}")
        ladder = ladders[which]
        aspect_nodes = []
        for aspect in aspects:
            acode, aname, per, names = unpack(
                aspect,
                f"{SOURCE} {dcode}",
                code=str,
                name=str,
                weight_per_indicator=str,
                indicators=list,
            )
            leaves = []
            for name in text_list(names, f"{SOURCE} {acode}"):
                count += 1
                question = {
                    "code": f"I{count}.a",
                    "text": f"Tingkat kematangan {name}",
                    "scale": "tingkat-spbe",
                    "options_text": {
                        Exact(str(n)): f"{SPBE_LEVEL_NAMES[n - 1]} – {ladder[n - 1]}"
                        for n in range(1, 6)
                    },
                    "source": "self",
                }
                leaves.append(
                    {"code": f"I{count}", "name": name, "weight": num(per), "questions": [question]}
                )
            aspect_nodes.append(
                {
                    "code": acode,
                    "name": aname,
                    "weight": num(Fraction(per) * len(names)),
                    "children": leaves,
                }
            )
        total = sum(Fraction(a["weight"]) for a in aspect_nodes)
        nodes.append({"code": dcode, "name": dname, "weight": num(total), "children": aspect_nodes})
    if count != INDICATORS:
        fail(f"spbe-2020: expected {INDICATORS} indicators, built {count}")
    head = header(
        id="spbe-2020",
        version="2020",
        name="Evaluasi SPBE (PermenPANRB 59/2020)",
        basis="PermenPANRB No. 59 Tahun 2020",
        status="provisional",
        notes=Block(NOTES),
        notes_id=Block(NOTES_ID),
        applies_to=ALL_AGENCIES,
        max_score=100,
        index_scale=5,
    )
    return finish(head, GRADES, nodes)
