"""The whole loop in Chromium, as the demo's people would do it, at a desktop and a phone size.

Everyone signs in through the login page with a demo login and moves through the menus:
Tim RB assigns an indicator to Disdukcapil with a due date; Disdukcapil's member finds it in
Tugas Saya, answers its questions in the workspace (the indicator and total scores visibly move
with each answer, down and up again), uploads a PDF as evidence and sends the indicator (Kirim);
Tim RB moves the cycle to the review stage, returns one question with a note and accepts the
rest; the OPD sees the note in Tugas Saya, fixes the answer (the score moves) and sends it again;
Tim RB accepts it, moves the cycle to verification, and the Inspektorat verifies the indicator.
Screenshots of every step go to test-artifacts/screenshots/<viewport>/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from rapor.assessments.models import Answer, AnswerStatus, Assignment, Cycle, EvidenceLink
from rapor.demo.pdf import tiny_pdf

from .conftest import open_menu

pytestmark = pytest.mark.browser


def node_id(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", code)


def press(page: Page, target: Locator) -> None:
    """Tap on a phone, click elsewhere."""
    if page.viewport_size and page.viewport_size["width"] < 576:
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
    """Answer every question; after each answer the indicator, area (in the side menu, which a
    phone does not show) and total scores must move."""
    card = page.locator(f"#ind-{node_id(code)}")
    head, total = card.locator("header"), page.locator("#score-total")
    area = page.locator("#section-nav .list-group-item.active .num")
    expect(card).to_be_visible()
    for i, q in enumerate(questions):
        block = page.locator(f"#q-{node_id(q.code)}")
        before = (number(head.locator(".num").first), number(total.locator(".fs-4")))
        area_before = number(area) if area.is_visible() else None
        options = [c for c, _ in q.scale.ordered_options()]
        best = block.locator(f"input[type=radio][value='{options[-1]}']")
        block.scroll_into_view_if_needed()
        press(page, block.locator(f"label[for='{best.get_attribute('id')}']"))
        expect(block.locator(".saved-flash")).to_be_visible()
        expect(block.locator(f"input[type=radio][value='{options[-1]}']")).to_be_checked()
        after = (number(head.locator(".num").first), number(total.locator(".fs-4")))
        assert after[0] != before[0] and after[1] != before[1], (q.code, before, after)
        if area_before is not None:
            assert number(area) != area_before, (q.code, area_before)
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


def upload_evidence(page: Page, shots: Any, code: str, pdf: Path) -> str:
    """Upload a PDF as evidence of question ``code``; return its preview address."""
    block = page.locator(f"#q-{node_id(code)}")
    block.scroll_into_view_if_needed()
    press(page, block.get_by_role("link", name="Unggah / tautkan bukti"))
    panel = block.locator(".evidence-panel form.evidence-file-form")
    expect(panel).to_be_visible()
    panel.get_by_label("Berkas").set_input_files(str(pdf))
    panel.get_by_label("Judul").fill("SK Tim Harmonisasi 2024")
    panel.get_by_label("Tanggal dokumen").fill("2024-03-01")
    shots(page, "opd-uploads-a-pdf")
    press(page, panel.get_by_role("button", name="Unggah", exact=True))
    link = block.get_by_role("link", name="SK Tim Harmonisasi 2024", exact=True)
    expect(link).to_be_visible()
    expect(block).to_contain_text("Tersimpan")
    shots(page, "opd-uploaded-the-pdf")
    return str(link.get_attribute("href"))


def send(page: Page, code: str) -> None:
    """Kirim: the indicator's answers go to the Tim RB."""
    head = page.locator(f"#head-{node_id(code)}")
    head.scroll_into_view_if_needed()
    press(page, head.get_by_role("button", name="Kirim"))
    expect(page.get_by_role("alert").filter(has_text="Terkirim")).to_be_visible()


def set_stage(page: Page, shots: Any, stage: str, step: str) -> None:
    """Tim RB moves Pangkalpinang's 2024 cycle to ``stage`` in Siklus."""
    open_menu(page, "Siklus")
    row = page.locator("tr", has_text="Kota Pangkalpinang").filter(has_text="2024")
    press(page, row.get_by_role("link", name="Pengaturan"))
    page.get_by_label("Tahap", exact=True).select_option(label=stage)
    press(page, page.get_by_role("button", name="Simpan"))
    expect(page.get_by_role("alert").filter(has_text="Pengaturan siklus disimpan")).to_be_visible()
    shots(page, step)


def queue_item(page: Page, code: str) -> Locator:
    open_menu(page, "Reviu / Verifikasi")
    item = page.locator(f"#rq-{node_id(code)}")
    expect(item).to_be_visible()
    item.scroll_into_view_if_needed()
    return item


def states(cycle: Cycle, questions: list[Any]) -> dict[str, str]:
    return dict(
        AnswerStatus.objects.filter(
            cycle=cycle, question_code__in=[q.code for q in questions]
        ).values_list("question_code", "state")
    )


def test_the_whole_loop(people, shots, viewport, tmp_path):
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

    # … uploads a PDF as evidence of the first question, which the browser can open …
    first = questions[0].code
    pdf = tmp_path / "sk-tim-harmonisasi.pdf"
    pdf.write_bytes(tiny_pdf("SK Tim Harmonisasi Peraturan Daerah 2024"))
    preview = opd.request.get(upload_evidence(opd, shots, first, pdf))
    assert preview.ok and preview.headers["content-type"] == "application/pdf"
    assert preview.body().startswith(b"%PDF-")
    assert EvidenceLink.objects.filter(cycle=cycle, question_code=first).exists()

    # … and sends the indicator to the Tim RB
    send(opd, code)
    shots(opd, "opd-sent-the-indicator")
    assert set(states(cycle, questions).values()) == {"submitted"}

    # Tim RB opens the review stage, returns the first question with a note, accepts the rest
    set_stage(rb, shots, "Reviu Tim RB", "tim-rb-opens-the-review-stage")
    item = queue_item(rb, first)
    shots(rb, "tim-rb-review-queue")
    note = "Lampirkan SK Tim Harmonisasi yang sudah ditandatangani Wali Kota."
    press(rb, item.get_by_text("Kembalikan", exact=True))
    item.get_by_label("Catatan untuk OPD").fill(note)
    shots(rb, "tim-rb-writes-a-return-note")
    press(rb, item.get_by_role("button", name="Kembalikan dengan catatan"))
    expect(rb.locator(f"#rq-{node_id(first)}")).to_contain_text("Dikembalikan ke OPD")
    for q in questions[1:]:
        other = rb.locator(f"#rq-{node_id(q.code)}")
        other.scroll_into_view_if_needed()
        press(rb, other.get_by_role("button", name="Terima"))
        expect(other).to_contain_text("Diterima")
    shots(rb, "tim-rb-returned-one-accepted-the-rest")
    assert states(cycle, questions) == {
        q.code: "returned" if q.code == first else "accepted" for q in questions
    }

    # the OPD sees the note in Tugas Saya, fixes the answer (the score moves) and sends again
    open_menu(opd, "Tugas Saya")
    row = opd.locator(f"tr.work-item[data-indicator='{code}']")
    expect(row.locator(".return-note")).to_contain_text(note)
    shots(opd, "opd-sees-the-return-note")
    press(opd, row.get_by_role("link", name=f"Perbaiki {first}"))
    block = opd.locator(f"#q-{node_id(first)}")
    expect(block).to_contain_text(note)
    total = opd.locator("#score-total .fs-4")
    before = number(total)
    options = [c for c, _ in questions[0].scale.ordered_options()]
    fixed = block.locator(f"input[type=radio][value='{options[0]}']")  # not the stored best
    press(opd, block.locator(f"label[for='{fixed.get_attribute('id')}']"))
    expect(opd.locator(f"#q-{node_id(first)} .saved-flash")).to_be_visible()
    assert number(total) != before
    shots(opd, "opd-fixed-the-returned-answer")
    send(opd, code)
    assert states(cycle, questions)[first] == "submitted"

    # Tim RB accepts the fixed answer, then opens the verification stage
    item = queue_item(rb, first)
    expect(item).to_contain_text("dikirim ulang")
    press(rb, item.get_by_role("button", name="Terima"))
    expect(item).to_contain_text("Diterima")
    shots(rb, "tim-rb-accepts-the-fix")
    set_stage(rb, shots, "Verifikasi Inspektorat", "tim-rb-opens-the-verification-stage")

    # the Inspektorat verifies the indicator's questions at once
    insp = people.login("inspektorat")
    open_menu(insp, "Reviu / Verifikasi")
    expect(insp.locator("h1")).to_contain_text("Verifikasi")
    for q in questions:
        insp.get_by_label(f"Pilih {q.code}").check()
    shots(insp, "inspektorat-verification-queue")
    press(insp, insp.get_by_role("button", name="Verifikasi yang dipilih"))
    expect(insp.get_by_role("alert").filter(has_text="Diverifikasi")).to_be_visible()
    shots(insp, "inspektorat-verified")
    assert set(states(cycle, questions).values()) == {"verified"}
