"""A small framework file generated to size: areas × indicators × questions (scale A/B/C)."""

from __future__ import annotations


def framework_text(
    areas: int = 2,
    indicators: int = 2,
    questions: int = 2,
    *,
    fid: str = "test-fw",
    version: str = "1",
    status: str = "official",
    koefisien: bool = False,
) -> str:
    lines = [
        "format: rapor.framework/1",
        f"id: {fid}",
        f'version: "{version}"',
        f"name: Kerangka uji {fid}",
        "basis: uji",
        f"status: {status}",
        "notes: generated for tests",
        "applies_to: [kota]",
        "max_score: 100",
        "decimals: 2",
        "scales:",
        "  A/B/C:",
        "    kind: choice",
        '    options: {A: "1", B: "0.5", C: "0"}',
        "  0-100:",
        "    kind: number",
        "    min: 0",
        "    max: 100",
        "grades:",
        "  compare: above",
        "  round_first: true",
        "  bands:",
        "    - {code: BB, min: 70, label: Sangat Baik}",
        "    - {code: B, min: 60, label: Baik}",
        "    - {code: C, min: 30, label: Kurang}",
        "    - {code: D, min: 0, label: Sangat Kurang}",
        *(
            ["corrections:", "  - {code: KOEF, name: Koefisien, root: P, min: -10, max: 1}"]
            if koefisien
            else []
        ),
        "nodes:",
        "  - code: P",
        "    name: Proses",
        "    weight: 100",
        "    children:",
    ]
    for a in range(1, areas + 1):
        lines += [
            f"      - code: A{a}",
            f"        name: Area {a}",
            f"        area: AR{a}",
            f"        weight: 100/{areas}",
            "        children:",
        ]
        for i in range(1, indicators + 1):
            lines += [
                f"          - code: A{a}.{i}",
                f"            name: Indikator {a}.{i}",
                f"            weight: 100/{areas * indicators}",
                "            questions:",
            ]
            for q in range(1, questions + 1):
                code = f"A{a}.{i}.{chr(96 + q)}"
                scale = "0-100" if (a, i, q) == (1, 1, questions) and questions > 1 else "A/B/C"
                lines += [
                    f"              - code: {code}",
                    f"                text: Pertanyaan {code}",
                    f"                scale: {scale}",
                    "                guidance: Petunjuk uji",
                    "                evidence: [SK uji]",
                ]
                if scale == "A/B/C":
                    lines.append(
                        '                options_text: {A: "Lengkap", B: "Sebagian", C: "Belum"}'
                    )
    return "\n".join(lines) + "\n"
