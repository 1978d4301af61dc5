"""Steering in a real browser, at a desktop and a phone size: the mayor's Beranda (the
leadership dashboard), a plan for "B and top three" made in the web by the Tim RB, applied in the
what-if (it reaches the target), and turned into assignments that show in an agency's Tugas Saya.

Screenshots: test-artifacts/screenshots/<viewport>/4x-*.png and 5x-*.png (look at them)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from rapor.assessments.models import Assignment, Cycle
from rapor.engine import format_fixed
from rapor.orgs.models import Membership

from .conftest import open_menu

pytestmark = pytest.mark.browser


def demo_cycle() -> Cycle:
    """Pangkalpinang's open cycle in the demo."""
    return (
        Cycle.objects.filter(organisation__short_name="Pangkalpinang")
        .exclude(stage__in=["submitted", "closed"])
        .get()
    )


def shown(value) -> str:  # type: ignore[no-untyped-def]
    return format_fixed(value, 2, decimal_comma=True)


def test_the_mayor_sees_where_the_city_stands_in_one_screen(people, shots, viewport):
    from rapor.steering.pages.dashboard import dashboard_page

    shots.n = 40
    page = people.login("pimpinan")
    cycle = demo_cycle()
    boss = cycle.organisation.memberships.get(role="pimpinan").user
    d = dashboard_page(cycle=cycle, user=boss, today=timezone.localdate())
    expect(page.locator("#dash-index")).to_have_text(shown(d.now.index))
    expect(page.locator("#dash-verified")).to_contain_text(shown(d.verified.index))
    for gap, where, words in (
        (d.grade_gap, "#gap-grade", "ke {}"),
        (d.rank_gap, "#gap-rank", "ke peringkat {}"),
    ):
        if gap.met:
            expect(page.locator(where)).to_contain_text("tercapai")
        else:
            text = f"+{shown(gap.points)} " + words.format(gap.label)
            expect(page.locator(where)).to_contain_text(text)
    # where the story started: 57,83 CC in 2023, last of seven, +2,18 to B, +17,32 to third
    expect(page.locator("#last-index")).to_have_text("57,83")
    expect(page.locator("#last-rank")).to_contain_text("peringkat 7 dari 7")
    expect(page.locator("#last-rank")).to_contain_text("terakhir")
    expect(page.locator("#last-gaps")).to_contain_text("+2,18 ke B")
    expect(page.locator("#last-gaps")).to_contain_text("+17,32 ke peringkat 3")
    expect(page.locator("#dash-rank")).to_contain_text(f"peringkat {d.rank} dari {d.regions}")
    expect(page.locator("#days-left")).to_contain_text("hari")
    expect(page.locator("#late .late-agency").first).to_be_visible()
    expect(page.locator("#priorities .priority").first).to_be_visible()
    expect(page.locator("canvas#chart-bars")).to_be_visible()
    # Chart.js drew on the canvas (the data island was read; no inline script is needed)
    page.wait_for_function(
        "() => !!window.Chart && Chart.getChart(document.getElementById('chart-trend'))"
    )
    # drawn at once, so the screenshot (and a projector) shows the final lines, not a rising one
    assert (
        page.evaluate(
            "() => Chart.getChart(document.getElementById('chart-trend')).options.animation"
        )
        is False
    )
    shots(page, "dashboard-of-the-mayor")
    # on a phone the buttons and links of the screen are big enough to tap
    if viewport == "phone":
        for locator in (
            "header .bell",
            "#late .late-agency a",
            "header button[type=submit]",
            "#priorities .priority a",
            ".agency-name a",
            "#leadership-report button",
        ):
            box = page.locator(locator).first.bounding_box()
            assert box is not None and box["height"] >= 44, (locator, box)
    # the same screen on paper: the leadership report, made at once and downloaded
    with page.expect_download() as download:
        page.locator("#leadership-report button").click()
    assert download.value.suggested_filename == "laporan-pimpinan-Pangkalpinang-2024.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    # and on Ekspor & Impor, beside the other reports
    page.goto(reverse("exchange:home", args=[cycle.pk]))
    expect(page.locator("#leadership-report button")).to_be_visible()
    shots(page, "exchange-page-of-the-mayor")


def test_a_plan_for_b_and_top_three_is_made_tried_and_assigned(people, shots, viewport):
    shots.n = 43
    rb = people.login("timrb")
    open_menu(rb, "Rencana")
    expect(rb.locator("h1")).to_contain_text("Rencana menuju target")
    rb.get_by_label("Predikat target").select_option("B")
    rb.get_by_label("Peringkat di provinsi").fill("3")
    due = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    rb.get_by_label("Tanggal target").fill(due)
    rb.get_by_role("button", name="Simpan target").click()
    expect(rb.locator("#target-text")).to_contain_text("predikat B dan peringkat 3 besar")
    shots(rb, "planner-target")
    rb.get_by_role("button", name="Buat rencana").click()
    expect(rb.locator("#plan-summary")).to_contain_text("Target dapat dicapai")
    expect(rb.locator(".plan-group").first).to_be_visible()
    shots(rb, "plan-by-agency")
    # the plan applied in the what-if reaches the target; nothing real changes
    rb.get_by_role("button", name="Coba di simulasi").click()
    expect(rb.locator("#target-met")).to_contain_text("target tercapai")
    shots(rb, "whatif-with-the-plan")
    rb.go_back()
    rb.reload()
    rb.get_by_label("Tenggat penugasan").fill(due)
    rb.get_by_role("button", name="Tugaskan ke OPD").click()
    expect(rb.locator("main")).to_contain_text("Rencana dijadikan penugasan")
    shots(rb, "plan-assigned")
    # the agencies see it in Tugas Saya with the plan's due date
    due_date = dt.date.fromisoformat(due)
    dated = list(Assignment.objects.filter(due_date=due_date).select_related("opd"))
    assert dated, "the plan assigned nothing"
    first = dated[0]
    member = Membership.objects.filter(organisation=first.opd, role="tim_opd").first()
    assert member is not None, first.opd
    opd = people.login(member.user.username)
    open_menu(opd, "Tugas Saya")
    row = opd.locator(f'tr.work-item[data-indicator="{first.indicator_code}"]')
    expect(row).to_contain_text(re.compile(rf"{due_date.day} \w+ {due_date.year}"))
    shots(opd, "tugas-saya-after-the-plan")


def test_the_what_if_moves_index_and_grade_without_touching_the_answers(people, shots, viewport):
    from rapor.assessments.models import Answer

    shots.n = 48
    before = list(Answer.objects.order_by("pk").values_list("pk", "value", "version"))
    boss = people.login("pimpinan")
    open_menu(boss, "Simulasi")
    # the first question of the section: give it another value (a choice or a number)
    row = boss.locator(".whatif-row").first
    question = row.get_attribute("data-question")
    field = row.locator("select, input").first
    if field.evaluate("e => e.tagName") == "SELECT":
        values = [o.get_attribute("value") for o in field.locator("option").all()]
        field.select_option(next(v for v in reversed(values) if v != field.input_value()))
    else:
        top = field.get_attribute("placeholder").split("–")[-1]  # the scale's maximum
        field.fill(top if field.input_value() != top else "0")
        field.press("Tab")  # htmx posts on change
    expect(
        boss.locator(f'.whatif-row[data-question="{question}"] .badge', has_text="diubah")
    ).to_be_visible()
    expect(boss.locator("#whatif-score")).to_contain_text("1 jawaban diubah")
    shots(boss, "whatif-one-change")
    assert list(Answer.objects.order_by("pk").values_list("pk", "value", "version")) == before


@pytest.mark.parametrize("viewport", ["phone"])  # touch screens only
def test_on_a_phone_choices_buttons_and_menu_links_are_44_px_to_tap(people, shots, viewport):
    shots.n = 50
    opd = people.login("bakeuda")  # Opini BPK: a choice question (radios) of the 2023 method
    opd.goto("/lembar-kerja/?indicator=G.C.H.4")  # the shortcut keeps the query
    choice = opd.locator('.question[data-question="G.C.H.4"] .form-check').first
    expect(choice).to_be_visible()
    assert choice.bounding_box()["height"] >= 44
    radio = choice.locator("input").bounding_box()
    assert radio["height"] >= 24 and radio["width"] >= 24  # 13–15 px before
    for button in opd.locator("main .btn-sm").all()[:5]:
        if button.is_visible():
            assert button.bounding_box()["height"] >= 44
    shots(opd, "workspace-tap-targets")
    rb = people.login("timrb")
    open_menu(rb, "Reviu / Verifikasi")
    pick = rb.locator("label.tap-area").first
    if pick.count():
        box = pick.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    toggle = rb.get_by_role("button", name="Menu", exact=True)
    toggle.click()
    expect(rb.locator("#sidemenu.collapse.show")).to_be_visible()
    for link in rb.locator("#sidemenu a.nav-link").all():
        assert link.bounding_box()["height"] >= 44
    shots(rb, "menu-tap-targets")
    # the top bar's buttons stay on one row; Keluar, with no room there, is in the menu
    tops = {
        round(b.bounding_box()["y"])
        for b in rb.locator("header.topbar .btn").all()
        if b.is_visible()
    }
    assert len(tops) == 1, tops
    rb.locator("#sidemenu").get_by_role("button", name="Keluar").click()
    expect(rb).to_have_url(re.compile(r"/masuk/"))
