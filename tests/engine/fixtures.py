"""Small framework files written as YAML text, shared by the engine tests."""

from __future__ import annotations

import textwrap

from rapor.engine import Framework, load_framework_text

SCALES = """
scales:
  Y/T: {kind: choice, options: {Ya: 1, Tidak: 0}, aliases: {Y: Ya, T: Tidak}}
  A/B/C: {kind: choice, options: {A: 1, B: 0.5, C: 0}}
  A/B/C/D: {kind: choice, options: {A: 1, B: 0.67, C: 0.33, D: 0}}
  0-4: {kind: number, min: 0, max: 4}
  0-100: {kind: number, min: 0, max: 100}
  opini: {kind: choice, options: {WTP: 1, WTP-DPP: 5/6, WDP: 2/3, TMP: 1/2, TW: 1/3, TIDAK-ADA-LK: 0},
          aliases: {Wajar Tanpa Pengecualian: WTP, Wajar Dengan Pengecualian: WDP}}
"""

GRADES_ABOVE = """
grades:
  compare: above
  round_first: true
  bands:
    - {code: AA, min: 90, label: Sangat Memuaskan}
    - {code: A, min: 80, label: Memuaskan}
    - {code: BB, min: 70, label: Sangat Baik}
    - {code: B, min: 60, label: Baik}
    - {code: CC, min: 50, label: Cukup}
    - {code: C, min: 30, label: Kurang}
    - {code: D, min: 0, label: Sangat Kurang}
"""


def framework_text(
    nodes: str, *, max_score: str = "100", extra: str = "", grades: str = GRADES_ABOVE
) -> str:
    head = f"""
format: rapor.framework/1
id: test
version: "1"
name: Test framework
status: official
max_score: {max_score}
decimals: 2
{extra}
"""
    return (
        textwrap.dedent(head)
        + textwrap.dedent(SCALES)
        + textwrap.dedent(grades)
        + "nodes:\n"
        + textwrap.indent(textwrap.dedent(nodes), "  ")
    )


def framework(nodes: str, **kwargs: str) -> Framework:
    return load_framework_text(framework_text(nodes, **kwargs), source="test.yaml")


# One area of weight 1 with three A/B/C/D questions, and an external 0-4 input of weight 7: the
# worked checks of framework-format.md section 2, padded to 100 with a Y/T leaf.
WORKED = """
- code: P
  name: Proses
  weight: 1
  children:
    - code: P1
      name: Indikator
      weight: 1
      questions:
        - {code: P1.a, text: a, scale: A/B/C/D}
        - {code: P1.b, text: b, scale: A/B/C/D}
        - {code: P1.c, text: c, scale: A/B/C/D}
- code: H
  name: Hasil
  weight: 7
  scale: 0-4
  source: external
- code: X
  name: Sisa
  weight: 92
  questions:
    - {code: X.a, text: x, scale: Y/T}
"""
