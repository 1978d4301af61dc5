"""Accounts in a real browser: the account page, turning on the second factor with the QR code
page, signing in with a code, a missing page, and the lock-out message."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.accounts.test_two_factor import totp

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_tim_rb_member_turns_on_the_second_factor_and_signs_in_with_a_code(people, shots):
    shots.n = 30
    page = people.login("timrb")
    page.get_by_role("link", name="Akun saya").click()
    expect(page.locator("h1")).to_have_text("Akun saya")
    shots(page, "account")
    page.get_by_role("link", name="Aktifkan verifikasi dua langkah").click()
    page.get_by_role("button", name="Mulai").click()
    expect(page.locator(".qr-code svg")).to_be_visible()
    shots(page, "two-factor-qr-code")
    secret = page.locator("#secret").inner_text()
    page.get_by_label("Kode").fill(totp(secret))
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    shots(page, "two-factor-recovery-codes")

    again = people.page()
    again.goto("/masuk/")
    again.get_by_label("Nama pengguna").fill("timrb")
    again.get_by_label("Kata sandi").fill(PASSWORD)
    again.get_by_role("button", name="Masuk", exact=True).click()
    expect(again.locator("h1")).to_have_text("Kode verifikasi")
    shots(again, "sign-in-code")
    again.get_by_label("Kode").fill(totp(secret, time.time() + 30))  # not the enrolment's code
    again.get_by_role("button", name="Masuk", exact=True).click()
    expect(again.locator("h1")).to_have_text("Beranda")

    again.goto("/tidak-ada/")
    expect(again.locator("h1")).to_have_text("Halaman tidak ditemukan")
    expect(again.locator("#sidemenu")).to_be_attached()
    shots(again, "not-found")


def test_repeated_wrong_passwords_lock_the_login_with_a_time_to_try_again(people, shots):
    shots.n = 37
    page = people.page()
    page.goto("/masuk/")
    for n in range(5):
        page.get_by_label("Nama pengguna").fill("pimpinan")
        page.get_by_label("Kata sandi").fill(f"salah-{n}")
        page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.locator("#locked")).to_contain_text(re.compile(r"Coba lagi pukul \d\d\.\d\d"))
    shots(page, "locked-out")
