"""The whole loop in Chromium, as the demo's people would do it, at a desktop and a phone size.

Tim RB signs in and assigns an indicator to Disdukcapil with a due date; Disdukcapil's member
finds it in Tugas Saya, answers its questions in the workspace (the indicator, area and total
scores visibly move with each answer) …
Screenshots of every step go to test-artifacts/screenshots/<viewport>/.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from rapor.assessments.models import Answer, Assignment, Cycle

from .conftest import open_menu

pytestmark = pytest.mark.browser


def node_id(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", code)


def press(page: Page, target: Locator) -> None:
    """Tap on a touch screen, click elsewhere."""
    if page.context.pages and page.viewport_size and page.viewport_size["width"] < 576:
        target.tap()
    else:
        target.click()


def number(locator: Locator) -> str:
    """The first number shown in an element ("12,50 / 25,00" → "12,50")."""
    text = locator.inner_text()
    found = re.search(r"\d+(?:,\d+)?", text)
    assert found, text
    return found.group(0)


def demo_cycle() -> Cycle:
    return Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)


def untouched_indicator(cycle: Cycle) -> tuple[str, list[Any]]:
    """An indicator of another OPD with choice questions only and nothing answered yet."""
    fw = cycle.framework.framework()
    answered = set(Answer.objects.filter(cycle=cycle).values_list("question_code", flat=True))
    candidates = [
        a.indicator_code
        for a in cycle.assignments.exclude(opd__short_name="Disdukcapil")
        if all(q.scale.kind == "choice" for q in fw.nodes[a.indicator_code].questions)
        and not any(q.code in answered for q in fw.nodes[a.indicator_code].questions)
        and len(fw.nodes[a.indicator_code].questions) >= 2
    ]
    assert candidates, "the demo has no untouched indicator of another OPD"
    code = min(candidates, key=lambda c: (len(fw.nodes[c].questions), c))
    return code, list(fw.nodes[code].questions)


def assign_to_disdukcapil(page: Page, shots: Any, code: str, due: dt.date) -> None:
    open_menu(page, "Penugasan")
    expect(page.locator("h1")).to_contain_text("Penugasan")
    row = page.locator(f"#asg-{node_id(code)}")
    row.scroll_into_view_if_needed()
    press(page, row.get_by_role("button", name="Ubah"))
    form = page.locator(f"#asg-{node_id(code)} form")
    form.get_by_label("OPD").select_option(label="Dinas Kependudukan dan Pencatatan Sipil")
    form.get_by_label("Penanggung jawab").select_option(label="Andi Pratama")
    form.get_by_label("Tenggat").fill(due.isoformat())
    shots(page, "tim-rb-assigns-an-indicator")
    press(page, form.get_by_role("button", name="Simpan"))
    expect(row).to_contain_text("Disdukcapil")
    expect(row).to_contain_text("Andi Pratama")
    shots(page, "tim-rb-assigned")


def answer_questions(page: Page, shots: Any, code: str, questions: list[Any]) -> None:
    """Answer every question; after each answer the indicator and total scores must move."""
    card = page.locator(f"#ind-{node_id(code)}")
    head, total = card.locator("header"), page.locator("#score-total")
    expect(card).to_be_visible()
    for i, q in enumerate(questions):
        block = page.locator(f"#q-{node_id(q.code)}")
        before = (number(head.locator(".num").first), number(total.locator(".fs-4")))
        options = [c for c, _ in q.scale.ordered_options()]
        best = block.locator(f"input[type=radio][value='{options[-1]}']")
        block.scroll_into_view_if_needed()
        press(page, block.locator(f"label[for='{best.get_attribute('id')}']"))
        expect(block.locator(".saved-flash")).to_be_visible()
        expect(block.locator(f"input[type=radio][value='{options[-1]}']")).to_be_checked()
        after = (number(head.locator(".num").first), number(total.locator(".fs-4")))
        assert after[0] != before[0] and after[1] != before[1], (q.code, before, after)
        if i == 0:
            shots(page, "opd-answers-the-first-question")
            # change the mind: a worse option moves the scores back down
            worst = block.locator(f"input[type=radio][value='{options[0]}']")
            press(page, block.locator(f"label[for='{worst.get_attribute('id')}']"))
            expect(block.locator(f"input[type=radio][value='{options[0]}']")).to_be_checked()
            expect(head.locator(".num").first).not_to_have_text(re.compile(after[0]))
            lowered = number(head.locator(".num").first)
            assert lowered != after[0]
            press(page, block.locator(f"label[for='{best.get_attribute('id')}']"))
            expect(head.locator(".num").first).to_contain_text(after[0])
    shots(page, "opd-answered-the-indicator")


def test_the_whole_loop(people, shots, viewport):
    cycle = demo_cycle()
    code, questions = untouched_indicator(cycle)
    due = timezone.localdate() + dt.timedelta(days=14)

    # Tim RB assigns the indicator to Disdukcapil with a due date
    rb = people.login("timrb")
    shots(rb, "tim-rb-home")
    assign_to_disdukcapil(rb, shots, code, due)
    a = Assignment.objects.get(cycle=cycle, indicator_code=code)
    assert (a.opd.short_name, a.person.username, a.due_date) == ("Disdukcapil", "disdukcapil", due)

    # Disdukcapil finds it in Tugas Saya and opens the workspace at the indicator
    opd = people.login("disdukcapil")
    shots(opd, "opd-home")
    open_menu(opd, "Tugas Saya")
    item = opd.locator(f"tr.work-item[data-indicator='{code}']")
    expect(item).to_be_visible()
    shots(opd, "opd-my-work")
    press(opd, item.get_by_role("link").first)
    expect(opd).to_have_url(re.compile(rf"indicator={re.escape(code)}"))
    shots(opd, "opd-workspace")
    answer_questions(opd, shots, code, questions)
    stored = dict(
        Answer.objects.filter(
            cycle=cycle, question_code__in=[q.code for q in questions], level="self"
        ).values_list("question_code", "value")
    )
    assert stored == {q.code: [c for c, _ in q.scale.ordered_options()][-1] for q in questions}
