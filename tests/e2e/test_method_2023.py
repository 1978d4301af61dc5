"""The 2023 method in Chromium, at a desktop and a phone size: the pimpinan sees the real 2023
result (RB General 55,86 · RB Tematik 1,97 · Indeks 57,83 CC) beside the live 2024 index;
Diskominfo answers an indicator "tidak berlaku" and RB General is shown adjusted; the Tim RB
enters a koefisien, shown as provisional."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rapor.assessments.models import Answer, Cycle

from .conftest import node_id, open_from_my_work, open_menu, press

pytestmark = pytest.mark.browser


def test_the_2023_result_the_adjustment_and_the_koefisien(people, shots, viewport):
    shots.n = 60
    cycle = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2024)
    closed = Cycle.objects.get(organisation__name="Kota Pangkalpinang", year=2023)

    # the pimpinan: the live 2024 index, then the real 2023 result
    boss = people.login("pimpinan")  # the pimpinan's Beranda is the leadership dashboard
    expect(boss.locator("#dash-index")).to_have_text(re.compile(r"^\d+,\d\d$"))
    expect(boss.locator(".instrument-year")).to_contain_text("instrumen versi 2023")
    shots(boss, "pimpinan-beranda-2024")
    open_menu(boss, "Siklus")
    old = boss.locator(f"tr.cycle-row[data-cycle='{closed.pk}']")
    for text in ("RB General", "55,86", "RB Tematik", "1,97", "57,83", "CC · Cukup", "Ditutup"):
        expect(old).to_contain_text(text)
    shots(boss, "siklus-with-general-tematik-and-index")
    press(boss, old.get_by_role("link", name="Lembar kerja"))
    expect(boss.locator("#score-total")).to_contain_text("57,83")
    open_menu(boss, "Beranda")
    expect(boss.locator("#dash-index")).to_have_text("57,83")
    expect(boss.locator("main")).to_contain_text("CC · Cukup")
    shots(boss, "pimpinan-beranda-2023-real-result")

    # Diskominfo: the LAPOR follow-up index does not apply (the ministry excluded it)
    opd = people.login("diskominfo")
    open_from_my_work(opd, "G.B.H.8")
    block = opd.locator(f"#q-{node_id('G.B.H.8')}")
    expect(block).to_contain_text("Diukur oleh: KemenPANRB")
    expect(block).to_contain_text("Pemilik lazim: Dinas Komunikasi dan Informatika")
    block.scroll_into_view_if_needed()
    press(opd, block.get_by_text("Tidak berlaku", exact=True))
    expect(opd.locator(f"#q-{node_id('G.B.H.8')} .saved-flash")).to_be_visible()
    expect(opd.locator(f"#v-{node_id('G.B.H.8')}")).to_be_disabled()
    total = opd.locator("#score-total")
    expect(total).to_contain_text("RB General disesuaikan = RB General / bobot penyesuaian × 100")
    expect(total).to_contain_text("/ 97,50 × 100")
    shots(opd, "opd-answers-tidak-berlaku")
    row = Answer.objects.get(cycle=cycle, question_code="G.B.H.8", level="self")
    assert row.value == "n/a"

    # the Tim RB enters the koefisien on the cycle's settings
    rb = people.login("timrb")
    open_menu(rb, "Siklus")
    current = rb.locator(f"tr.cycle-row[data-cycle='{cycle.pk}']")
    press(rb, current.get_by_role("link", name="Pengaturan"))
    rb.get_by_label("Nilai", exact=True).fill("-1")
    press(rb, rb.get_by_role("button", name="Simpan koefisien"))
    expect(rb.get_by_role("alert").filter(has_text="Koefisien disimpan")).to_be_visible()
    main = rb.locator("main")
    expect(main).to_contain_text("(RB General + koefisien) / bobot penyesuaian × 100")
    expect(main.locator(".provisional-notice")).to_contain_text("Koefisien")
    shots(rb, "tim-rb-enters-the-koefisien")
