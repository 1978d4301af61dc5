"""Hypothesis strategies: random small framework files (as YAML text) and answers for them."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from rapor.engine import Framework, format_exact, load_framework_text
from tests.engine.fixtures import SCALES

CHOICE_SCALES = {
    "Y/T": ["Ya", "Tidak"],
    "A/B/C": ["A", "B", "C"],
    "A/B/C/D": ["A", "B", "C", "D"],
}
ZERO_OPTION = {"Y/T": "Tidak", "A/B/C": "C", "A/B/C/D": "D"}
weights = st.fractions(min_value=Fraction(1, 4), max_value=10, max_denominator=12)


@st.composite
def framework_texts(draw: st.DrawFn, *, max_questions: int = 12, grades: str | None = None) -> str:
    """A random valid framework: 1-3 roots, leaves of 1-4 questions, random dependencies."""
    counter = iter(range(10_000))
    questions: list[tuple[str, str]] = []  # (code, scale) in creation order

    def question_yaml(indent: str) -> str:
        code = f"Q{next(counter)}"
        scale = draw(st.sampled_from([*CHOICE_SCALES, "0-4"]))
        line = f"{indent}- {{code: {code}, text: q, scale: {scale}"
        if draw(st.booleans()):
            line += f", weight: {format_exact(draw(weights))}"
        earlier = [(c, s) for c, s in questions if s in CHOICE_SCALES]
        if earlier and draw(st.integers(0, 2)) == 0:
            target, tscale = draw(st.sampled_from(earlier))
            if draw(st.booleans()):
                line += f", depends_on: {{question: {target}, zero_if: [{ZERO_OPTION[tscale]}]}}"
            else:
                line += f", depends_on: {{question: {target}, multiply: true}}"
        questions.append((code, scale))
        return line + "}\n"

    def node_yaml(indent: str, depth: int) -> tuple[str, Fraction]:
        code = f"N{next(counter)}"
        if depth >= 2 or len(questions) >= max_questions or draw(st.booleans()):
            weight = draw(weights)
            body = f"{indent}  questions:\n"
            for _ in range(draw(st.integers(1, 4))):
                body += question_yaml(indent + "    ")
        else:
            body = f"{indent}  children:\n"
            weight = Fraction(0)
            for _ in range(draw(st.integers(1, 3))):
                child, w = node_yaml(indent + "    ", depth + 1)
                body += child
                weight += w
        head = (
            f"{indent}- code: {code}\n{indent}  name: n\n{indent}  weight: {format_exact(weight)}\n"
        )
        return head + body, weight

    roots = ""
    total = Fraction(0)
    for _ in range(draw(st.integers(1, 3))):
        text, w = node_yaml("  ", 0)
        roots += text
        total += w
    compare = draw(st.sampled_from(["above", "at_least"]))
    round_first = draw(st.booleans())
    grade_text = grades or (
        f"grades:\n  compare: {compare}\n  round_first: {str(round_first).lower()}\n  bands:\n"
        f"    - {{code: A, min: {format_exact(total * 3 / 4)}, label: a}}\n"
        f"    - {{code: B, min: {format_exact(total / 2)}, label: b}}\n"
        "    - {code: C, min: 0, label: c}\n"
    )
    return (
        "format: rapor.framework/1\nid: random\nversion: '1'\nname: Random\nstatus: official\n"
        f"max_score: {format_exact(total)}\ndecimals: 2\n"
        + SCALES
        + grade_text
        + "nodes:\n"
        + roots
    )


def option_lists(fw: Framework) -> dict[str, list[object]]:
    """Every question's possible raw answers, lowest value first, None (unanswered) first of all."""
    out: dict[str, list[object]] = {}
    for code, q in fw.questions.items():
        if q.scale.kind == "choice":
            out[code] = [None, *[c for c, _ in q.scale.ordered_options()]]
        else:
            out[code] = [None, "0", "1", "2,5", "3.31", "4"]
    return out


@st.composite
def frameworks_with_answers(draw: st.DrawFn) -> tuple[Framework, str, dict[str, object]]:
    text = draw(framework_texts())
    fw = load_framework_text(text, source="random.yaml")
    answers = {code: draw(st.sampled_from(opts)) for code, opts in option_lists(fw).items()}
    return fw, text, {k: v for k, v in answers.items() if v is not None}
