"""The whole loop in Chromium, as the demo's people would do it, at a desktop and a phone size.

Everyone signs in through the login page with a demo login and moves through the menus:
Tim RB assigns two untouched indicators of the city's own work (a Tematik action plan and its
output) to Diskominfo with a due date; Diskominfo's member finds them in Tugas Saya, answers them
in the workspace (the indicator and total scores visibly move with each value, down and up
again), uploads a PDF as evidence and sends both (Kirim); Tim RB moves the cycle to the review
stage, returns the plan with a note and accepts the output; the OPD sees the note in Tugas Saya,
fixes the value (the score moves) and sends it again; Tim RB accepts it, moves the cycle to
verification, and the Inspektorat verifies both. Screenshots of every step go to
test-artifacts/screenshots/<viewport>/.
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

from .conftest import node_id, open_from_my_work, open_menu, press

pytestmark = pytest.mark.browser


def number(locator: Locator) -> str:
    """The first number shown in an element ("12,50 / 25,00" → "12,50")."""
    text = locator.inner_text()
    found = re.search(r"\d+(?:,\d+)?", text)
    assert found, text
    return found.group(0)


def demo_cycle() -> Cycle:
    return Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)


# The values the OPD gives: (best, a lower one to change its mind, the fix after the return).
VALUES = {"plan": ("0,4", "0,2", "0,3"), "output": ("100", "50", "80")}


def untouched_pair(cycle: Cycle) -> tuple[str, str]:
    """A Tematik action plan and its output, of another OPD, with nothing answered yet."""
    answered = set(Answer.objects.filter(cycle=cycle).values_list("question_code", flat=True))
    for theme in "KISPF":
        plan, output = f"T.A.R.{theme}", f"T.A.O.{theme}"
        owner = cycle.assignments.get(indicator_code=plan).opd.short_name
        if owner != "Diskominfo" and not {plan, output} & answered:
            return plan, output
    raise AssertionError("the demo has no untouched Tematik pair of another OPD")


def assign_to_diskominfo(page: Page, shots: Any, code: str, due: dt.date) -> None:
    open_menu(page, "Penugasan")
    expect(page.locator("h1")).to_contain_text("Penugasan")
    row = page.locator(f"#asg-{node_id(code)}")
    row.scroll_into_view_if_needed()
    press(page, row.get_by_role("button", name="Ubah"))
    form = page.locator(f"#asg-{node_id(code)} form")
    agency = form.get_by_label("OPD")
    # the form was just swapped in: let htmx wire its agency list first (a machine that
    # chooses faster than htmx processes new content would otherwise miss the reload)
    agency.evaluate(
        "e => new Promise(r => (function w() { e['htmx-internal-data'] ? r() : setTimeout(w, 20) })())"
    )
    agency.select_option(label="Dinas Komunikasi dan Informatika")
    # the person list narrows to the agency chosen, and names each person's agency
    person = form.get_by_label("Penanggung jawab")
    expect(person.locator("option", has_text="Agus Salim · Diskominfo")).to_have_count(1)
    expect(person.locator("option")).to_have_count(2)  # "---------" and Diskominfo's one
    person.select_option(label="Agus Salim · Diskominfo")
    form.get_by_label("Tenggat").fill(due.isoformat())
    shots(page, f"tim-rb-assigns-{code}")
    press(page, form.get_by_role("button", name="Simpan"))
    # the saved row replaces the form (whose options also name Diskominfo and Agus Salim)
    expect(row.locator("form")).to_have_count(0)
    expect(row).to_contain_text("Diskominfo")
    expect(row).to_contain_text("Agus Salim")


def type_value(page: Page, code: str, value: str) -> None:
    """Type a number and leave the field: the answer is saved (htmx, on change)."""
    field = page.locator(f"#v-{node_id(code)}")
    field.scroll_into_view_if_needed()
    field.fill(value)
    field.press("Tab")
    expect(page.locator(f"#v-{node_id(code)}")).to_have_value(value)
    expect(page.locator(f"#q-{node_id(code)} .saved-flash")).to_be_visible()


def answer_indicator(page: Page, shots: Any, code: str, values: tuple[str, str, str]) -> None:
    """Give the indicator its value; its score, its section's (in the side menu, which a phone
    does not show) and the total must move, down with a lower value and up again."""
    card = page.locator(f"#ind-{node_id(code)}")
    head, total = card.locator("header"), page.locator("#score-total")
    area = page.locator("#section-nav .list-group-item.active .num")
    expect(card).to_be_visible()
    before = (number(head.locator(".num").first), number(total.locator(".fs-4")))
    area_before = number(area) if area.is_visible() else None
    best, lower, _ = values
    type_value(page, code, best)
    after = (number(head.locator(".num").first), number(total.locator(".fs-4")))
    assert after[0] != before[0] and after[1] != before[1], (code, before, after)
    if area_before is not None:
        assert number(area) != area_before, (code, area_before)
    shots(page, f"opd-answers-{code}")
    shown = re.compile(rf"^\s*{re.escape(after[0])}\s")  # the score, before " / weight"
    type_value(page, code, lower)  # a change of mind: the scores go down …
    expect(head.locator(".num").first).not_to_have_text(shown)
    assert number(total.locator(".fs-4")) != after[1]
    type_value(page, code, best)  # … and up again
    expect(head.locator(".num").first).to_have_text(shown)
    assert number(total.locator(".fs-4")) == after[1]


def upload_evidence(page: Page, shots: Any, code: str, pdf: Path) -> str:
    """Upload a PDF as evidence of question ``code``; return its preview address."""
    block = page.locator(f"#q-{node_id(code)}")
    block.scroll_into_view_if_needed()
    press(page, block.get_by_role("link", name="Unggah / tautkan bukti"))
    panel = block.locator(".evidence-panel form.evidence-file-form")
    expect(panel).to_be_visible()
    panel.get_by_label("Berkas").set_input_files(str(pdf))
    panel.get_by_label("Judul").fill("Rencana Aksi RB Tematik 2024")
    panel.get_by_label("Tanggal dokumen").fill("2024-03-01")
    shots(page, "opd-uploads-a-pdf")
    press(page, panel.get_by_role("button", name="Unggah", exact=True))
    link = block.get_by_role("link", name="Rencana Aksi RB Tematik 2024", exact=True)
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
    press(page, page.get_by_role("button", name="Simpan", exact=True))
    expect(page.get_by_role("alert").filter(has_text="Pengaturan siklus disimpan")).to_be_visible()
    shots(page, step)


def queue_item(page: Page, code: str) -> Locator:
    open_menu(page, "Reviu / Verifikasi")
    item = page.locator(f"#rq-{node_id(code)}")
    expect(item).to_be_visible()
    item.scroll_into_view_if_needed()
    return item


def states(cycle: Cycle, codes: list[str]) -> dict[str, str]:
    return dict(
        AnswerStatus.objects.filter(cycle=cycle, question_code__in=codes).values_list(
            "question_code", "state"
        )
    )


def test_the_whole_loop(people, shots, viewport, tmp_path):
    cycle = demo_cycle()
    plan, output = untouched_pair(cycle)
    codes = [plan, output]
    due = timezone.localdate() + dt.timedelta(days=14)

    # Tim RB assigns the two indicators to Diskominfo with a due date
    rb = people.login("timrb")
    shots(rb, "tim-rb-home")
    for code in codes:
        assign_to_diskominfo(rb, shots, code, due)
        a = Assignment.objects.get(cycle=cycle, indicator_code=code)
        assert (a.opd.short_name, a.person.username, a.due_date) == (
            "Diskominfo",
            "diskominfo",
            due,
        )

    # Diskominfo finds them in Tugas Saya, opens each in the workspace and gives its value
    opd = people.login("diskominfo")
    shots(opd, "opd-home")
    open_menu(opd, "Tugas Saya")
    expect(opd.locator(f"tr.work-item[data-indicator='{plan}']")).to_be_visible()
    shots(opd, "opd-my-work")
    open_from_my_work(opd, plan)
    shots(opd, "opd-workspace")
    answer_indicator(opd, shots, plan, VALUES["plan"])
    # … uploads a PDF as evidence of the plan, which the browser can open, and sends it
    pdf = tmp_path / "rencana-aksi-tematik.pdf"
    pdf.write_bytes(tiny_pdf("Rencana Aksi RB Tematik 2024"))
    preview = opd.request.get(upload_evidence(opd, shots, plan, pdf))
    assert preview.ok and preview.headers["content-type"] == "application/pdf"
    assert preview.body().startswith(b"%PDF-")
    assert EvidenceLink.objects.filter(cycle=cycle, question_code=plan).exists()
    send(opd, plan)
    open_from_my_work(opd, output)
    answer_indicator(opd, shots, output, VALUES["output"])
    send(opd, output)
    shots(opd, "opd-sent-both")
    stored = dict(
        Answer.objects.filter(cycle=cycle, question_code__in=codes, level="self").values_list(
            "question_code", "value"
        )
    )
    assert stored == {plan: "0.4", output: "100"}
    assert set(states(cycle, codes).values()) == {"submitted"}

    # Tim RB opens the review stage, returns the plan with a note, accepts the output
    set_stage(rb, shots, "Reviu Tim RB", "tim-rb-opens-the-review-stage")
    item = queue_item(rb, plan)
    shots(rb, "tim-rb-review-queue")
    note = "Lampirkan rencana aksi yang sudah ditandatangani Wali Kota."
    press(rb, item.get_by_text("Kembalikan", exact=True))
    item.get_by_label("Catatan untuk OPD").fill(note)
    shots(rb, "tim-rb-writes-a-return-note")
    press(rb, item.get_by_role("button", name="Kembalikan dengan catatan"))
    expect(rb.locator(f"#rq-{node_id(plan)}")).to_contain_text("Dikembalikan ke OPD")
    other = rb.locator(f"#rq-{node_id(output)}")
    other.scroll_into_view_if_needed()
    press(rb, other.get_by_role("button", name="Terima"))
    expect(other).to_contain_text("Diterima")
    shots(rb, "tim-rb-returned-one-accepted-the-other")
    assert states(cycle, codes) == {plan: "returned", output: "accepted"}

    # the OPD sees the note in Tugas Saya, fixes the value (the score moves) and sends again
    open_menu(opd, "Tugas Saya")
    row = opd.locator(f"tr.work-item[data-indicator='{plan}']")
    expect(row.locator(".return-note")).to_contain_text(note)
    shots(opd, "opd-sees-the-return-note")
    press(opd, row.get_by_role("link", name=f"Perbaiki {plan}"))
    expect(opd.locator(f"#q-{node_id(plan)}")).to_contain_text(note)
    total = opd.locator("#score-total .fs-4")
    before = number(total)
    type_value(opd, plan, VALUES["plan"][2])
    expect(total).not_to_have_text(before)
    shots(opd, "opd-fixed-the-returned-answer")
    send(opd, plan)
    assert states(cycle, codes)[plan] == "submitted"

    # Tim RB accepts the fixed answer, then opens the verification stage
    item = queue_item(rb, plan)
    expect(item).to_contain_text("dikirim ulang")
    press(rb, item.get_by_role("button", name="Terima"))
    expect(item).to_contain_text("Diterima")
    shots(rb, "tim-rb-accepts-the-fix")
    set_stage(rb, shots, "Verifikasi Inspektorat", "tim-rb-opens-the-verification-stage")

    # the Inspektorat verifies both at once
    insp = people.login("inspektorat")
    open_menu(insp, "Reviu / Verifikasi")
    expect(insp.locator("h1")).to_contain_text("Verifikasi")
    for code in codes:
        insp.get_by_label(f"Pilih {code}").check()
    shots(insp, "inspektorat-verification-queue")
    press(insp, insp.get_by_role("button", name="Verifikasi yang dipilih"))
    expect(insp.get_by_role("alert").filter(has_text="Diverifikasi")).to_be_visible()
    shots(insp, "inspektorat-verified")
    assert set(states(cycle, codes).values()) == {"verified"}
