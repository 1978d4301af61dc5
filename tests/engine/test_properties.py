"""Properties of the scoring rules over random frameworks and answers."""

from __future__ import annotations

import random

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rapor.engine import explain, load_framework_text, parse_answers, score
from tests.engine.strategies import frameworks_with_answers, option_lists

SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(frameworks_with_answers(), st.data())
def test_raising_any_answer_never_lowers_any_node(case, data):
    fw, _, raw = case
    before = score(fw, parse_answers(fw, raw))
    code = data.draw(st.sampled_from(sorted(fw.questions)))
    options = option_lists(fw)[code]
    scale = fw.questions[code].scale
    current = raw.get(code)
    current_value = 0 if current is None else scale.value(parse_answers(fw, {code: current})[code])
    higher = [
        o for o in options[1:] if scale.value(parse_answers(fw, {code: o})[code]) > current_value
    ]
    if not higher:
        return
    raised = {**raw, code: data.draw(st.sampled_from(higher))}
    after = score(fw, parse_answers(fw, raised))
    for node, ns in before.nodes.items():
        assert after.nodes[node].score >= ns.score, node
    assert after.total >= before.total


@SETTINGS
@given(frameworks_with_answers())
def test_no_node_exceeds_its_weight_and_children_add_up(case):
    fw, _, raw = case
    r = score(fw, parse_answers(fw, raw))
    for code, node in fw.nodes.items():
        assert 0 <= r.nodes[code].score <= node.weight
        if node.children:
            assert r.nodes[code].score == sum(r.nodes[c.code].score for c in node.children)
    assert r.total == sum(r.nodes[root.code].score for root in fw.roots)


@SETTINGS
@given(frameworks_with_answers(), st.randoms(use_true_random=False))
def test_question_and_node_order_in_the_file_changes_nothing(case, rnd: random.Random):
    fw, text, raw = case
    data = yaml.load(text, Loader=yaml.BaseLoader)

    def shuffle(nodes):
        rnd.shuffle(nodes)
        for node in nodes:
            if "children" in node:
                shuffle(node["children"])
            if "questions" in node:
                rnd.shuffle(node["questions"])

    shuffle(data["nodes"])
    other = load_framework_text(yaml.safe_dump(data, sort_keys=False), source="shuffled.yaml")
    a = score(fw, parse_answers(fw, raw))
    b = score(other, parse_answers(other, raw))
    assert a.total == b.total and a.grade == b.grade
    assert {c: n.score for c, n in a.nodes.items()} == {c: n.score for c, n in b.nodes.items()}


@SETTINGS
@given(frameworks_with_answers())
def test_each_gain_is_what_rescoring_with_the_best_answer_adds(case):
    fw, _, raw = case
    answers = parse_answers(fw, raw)
    result = score(fw, answers)
    _, questions = explain(fw, answers, result)
    for code, q in questions.items():
        raised = score(fw, {**answers, code: q.best}).total - result.total
        assert q.gain == max(raised, 0), code
        assert q.contribution <= fw.nodes[fw.questions[code].node].weight
