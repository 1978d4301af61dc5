"""The frame around every page, in a real browser: the demo badge and the language switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import open_menu

pytestmark = pytest.mark.browser


def test_the_demo_badge_and_demo_logins_show_on_the_login_page_and_every_page(people, shots):
    shots.n = 80
    page = people.page()
    page.goto("/masuk/")
    expect(page.get_by_text("DATA CONTOH (DEMO)").first).to_be_visible()
    for username in ("timrb", "diskominfo", "inspektorat", "pimpinan", "evaluator", "admin"):
        expect(page.locator("code", has_text=username).first).to_be_visible()
    shots(page, "login-with-demo-logins")
    page = people.login("pimpinan")
    expect(page.locator("header .badge", has_text="DATA CONTOH (DEMO)")).to_be_visible()
    expect(page.locator("header")).to_contain_text("Kota Pangkalpinang")
    shots(page, "home-pimpinan-demo-badge")


def test_the_language_switch_turns_the_interface_to_english_and_back(people, shots):
    shots.n = 85
    page = people.login("diskominfo")
    expect(page.locator("h1")).to_have_text("Beranda")
    page.locator("header").get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("h1")).to_have_text("Home")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    open_menu(page, "My work")
    expect(page.locator("h1")).to_have_text("My work")
    expect(page.get_by_role("link", name="Late")).to_be_visible()
    shots(page, "my-work-in-english")
    page.locator("header").get_by_role("button", name="ID", exact=True).click()
    expect(page.locator("h1")).to_have_text("Tugas Saya")


# The left menu of each demo login (what the role may do somewhere).
MENUS = {
    "pimpinan": ["Beranda", "Lembar Kerja", "Peringkat", "Simulasi", "Siklus", "SKM / MPP"],
    "timrb": [
        "Beranda",
        "Tugas Saya",
        "Lembar Kerja",
        "Bukti Dukung",
        "Penugasan",
        "Reviu / Verifikasi",
        "Peringkat",
        "Rencana",
        "Simulasi",
        "Siklus",
        "SKM / MPP",
    ],
    "diskominfo": [
        "Beranda",
        "Tugas Saya",
        "Lembar Kerja",
        "Bukti Dukung",
        "Peringkat",
        "Siklus",
        "SKM / MPP",
    ],
    "inspektorat": [
        "Beranda",
        "Lembar Kerja",
        "Reviu / Verifikasi",
        "Dasbor",
        "Peringkat",
        "Siklus",
        "SKM / MPP",
    ],
    "evaluator": ["Beranda", "Lembar Kerja", "Peringkat", "Siklus", "SKM / MPP"],
    "admin": [
        "Beranda",
        "Lembar Kerja",
        "Dasbor",
        "Peringkat",
        "Siklus",
        "SKM / MPP",
        "Kerangka",
        "Organisasi & Pengguna",
    ],
}
# Whose Beranda is the leadership dashboard (the others see their work counters).
DASHBOARD_HOMES = {"pimpinan", "timrb"}


def test_each_demo_login_lands_on_beranda_with_the_menu_of_its_role(people, shots):
    shots.n = 90
    for username, menu in MENUS.items():
        page = people.login(username)
        labels = [t.strip() for t in page.locator("#sidemenu a.nav-link").all_text_contents()]
        assert labels == menu, username
        index = "#dash-index" if username in DASHBOARD_HOMES else "#home-index"
        expect(page.locator(index)).to_have_text(re.compile(r"^\d+,\d\d$"))
        if username == "evaluator":  # sees the closed 2023 cycle: no countdown, nothing late
            expect(page.locator("main")).not_to_contain_text("lewat")
            shots(page, "home-evaluator")
