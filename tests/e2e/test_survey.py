"""The SKM survey in a real browser: a citizen on a 360 px phone with JavaScript off and on, the
kiosk through a network drop, and the IKM moving from the survey into the RB workspace."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rapor.surveys.models import Kiosk, Mpp, Rejection, Response, Service

from .conftest import TIMEOUT_MS, VIEWPORTS, Shots

pytestmark = pytest.mark.browser

# A citizen's answers U1..U9, as the labels they tap.
ANSWERS_ID = [
    "Sangat sesuai",
    "Mudah",
    "Cepat",
    "Gratis",
    "Sesuai",
    "Kompeten",
    "Sangat sopan dan ramah",
    "Berfungsi kurang maksimal",
    "Baik",
]
WORST = [
    "Tidak sesuai",
    "Tidak mudah",
    "Tidak cepat",
    "Sangat mahal",
    "Tidak sesuai",
    "Tidak kompeten",
    "Tidak sopan dan ramah",
    "Tidak ada",
    "Buruk",
]
ANSWERS_EN = [
    "Appropriate",
    "Easy",
    "Not very fast",
    "Free",
    "Appropriate",
    "Competent",
    "Polite and friendly",
    "Well managed",
    "Good",
]


@pytest.fixture(autouse=True)
def _no_minimum_fill_time(settings: Any) -> None:
    # Playwright answers nine questions in a second; a person needs longer than the 5 s minimum
    # (which has tests of its own in tests/surveys).
    settings.RAPOR_SURVEY_MIN_SECONDS = 0


@pytest.fixture
def citizen(browser: Browser, demo: Any) -> Iterator[Callable[..., Page]]:
    """A citizen's browser (no login), closed before the live server stops."""
    contexts: list[BrowserContext] = []

    def open_page(*, javascript: bool, viewport: str = "phone") -> Page:
        context = browser.new_context(
            base_url=demo.url,
            locale="id-ID",
            timezone_id="Asia/Jakarta",
            java_script_enabled=javascript,
            **VIEWPORTS[viewport],
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def answer(page: Page, labels: list[str]) -> None:
    """Choose the answers U1..U9 by their labels (tapped on a touch screen, clicked elsewhere)."""
    touch = page.evaluate("navigator.maxTouchPoints > 0")
    for n, label in enumerate(labels, 1):
        option = page.locator(f"#f-u{n}").get_by_text(label, exact=True)
        option.tap() if touch else option.click()


def shots_at(request: pytest.FixtureRequest, viewport: str, start: int) -> Shots:
    return Shots(request.config.rootpath, viewport, start)


def test_a_citizen_on_a_phone_with_javascript_off_finishes_in_under_a_minute(
    citizen: Any, demo: Any, request: pytest.FixtureRequest
) -> None:
    shots = shots_at(request, "phone", 60)
    service = Service.objects.get(name="Perekaman dan pencetakan KTP-el")
    before = Response.objects.count()
    page = citizen(javascript=False)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    started = time.monotonic()
    page.goto(f"/skm/l/{service.token}/")
    expect(page.locator("h1")).to_have_text("Survei Kepuasan Masyarakat")
    expect(page.locator(".service")).to_contain_text("Perekaman dan pencetakan KTP-el")
    shots(page, "survey-form-no-javascript")
    for box in [*page.locator(".opt").all(), page.get_by_role("button", name="Kirim jawaban")]:
        assert box.bounding_box()["height"] >= 44  # large touch targets
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider
    answer(page, ANSWERS_ID)
    page.get_by_label("Umur").select_option("31-40")
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Saran untuk perbaikan layanan").fill("Antrean pagi terlalu panjang.")
    shots(page, "survey-answered")
    page.get_by_role("button", name="Kirim jawaban").tap()
    expect(page.locator("h1")).to_have_text("Terima kasih!")
    assert time.monotonic() - started < 60
    shots(page, "survey-thank-you")
    assert all(url.startswith(demo.url) for url in requested)  # no external request
    assert not any(url.endswith(".js") for url in requested)
    stored = Response.objects.order_by("-pk").first()
    assert Response.objects.count() == before + 1
    assert stored.answers() == dict(
        zip([f"U{i}" for i in range(1, 10)], [4, 3, 3, 4, 3, 3, 4, 3, 3], strict=True)
    )
    assert (stored.service, stored.age_group, stored.sex) == (service, "31-40", "P")


def test_a_citizen_with_javascript_on_chooses_english_and_the_service_at_the_counter(
    citizen: Any, demo: Any, request: pytest.FixtureRequest
) -> None:
    shots = shots_at(request, "phone", 64)
    counter = Service.objects.get(name="Akta kelahiran").counter
    before = Response.objects.count()
    page = citizen(javascript=True)
    started = time.monotonic()
    page.goto(f"/skm/g/{counter.token}/")
    page.get_by_role("link", name="English").tap()
    expect(page.locator("h1")).to_have_text("Citizen Satisfaction Survey")
    page.get_by_role("button", name="Send answers").tap()  # forgot everything: said, nothing lost
    expect(page.locator("#f-layanan .error")).to_have_text("Choose the service you received.")
    expect(page.locator("#errors")).to_contain_text("Answer at least one question.")
    page.locator("#f-layanan label.opt", has_text="Akta kelahiran").tap()
    answer(page, ANSWERS_EN)
    shots(page, "survey-english-counter")
    page.get_by_role("button", name="Send answers").tap()
    expect(page.locator("h1")).to_have_text("Thank you!")
    assert time.monotonic() - started < 60
    stored = Response.objects.order_by("-pk").first()
    assert Response.objects.count() == before + 1 and stored.service.name == "Akta kelahiran"
    assert stored.language == "en" and stored.u8 == 4 and stored.u3 == 2


def test_the_kiosk_keeps_answers_through_a_network_drop_and_stores_each_exactly_once(
    citizen: Any, demo: Any, request: pytest.FixtureRequest
) -> None:
    shots = shots_at(request, "desktop", 70)
    kiosk = Kiosk.objects.get(name="Kios lobi")
    before = Response.objects.count()
    page = citizen(javascript=True, viewport="desktop")
    page.goto(f"/skm/kios/{kiosk.token}/")
    status, thanks = page.locator("#kiosk-status"), page.locator("#kiosk-thanks")

    def respondent(service: str) -> None:
        page.locator("#f-layanan label.opt", has_text=service).click()
        answer(page, ANSWERS_ID)
        page.get_by_role("button", name="Kirim jawaban").click()
        expect(thanks).to_be_visible()
        expect(page.locator(".scale input:checked")).to_have_count(0)  # reset for the next one
        page.locator("#kiosk-thanks").evaluate("el => el.hidden = true")

    page.context.set_offline(True)
    respondent("Permohonan paspor")
    respondent("Pembukaan rekening tabungan")
    expect(status).to_contain_text("Menunggu jaringan: 2 jawaban tersimpan di kios ini")
    shots(page, "kiosk-offline-two-waiting")
    assert Response.objects.count() == before  # nothing reached the server
    page.context.set_offline(False)  # the browser's "online" event sends the queue
    expect(status).to_have_text("")
    assert Response.objects.count() == before + 2

    # A reply lost on the way back: the server stored it, the tablet never heard and sends again.
    def lose_reply(route: Any) -> None:
        route.fetch()
        route.abort()

    page.route("**/skm/kirim/", lose_reply, times=1)
    respondent("Permohonan paspor")
    expect(status).to_contain_text("Menunggu jaringan: 1")
    page.evaluate("window.dispatchEvent(new Event('online'))")  # try again now
    expect(status).to_have_text("")
    assert Response.objects.count() == before + 3  # stored once, not twice
    assert Rejection.objects.filter(reason="duplicate").exists()
    kiosk_rows = Response.objects.filter(kiosk=kiosk).order_by("-pk")[:3]
    assert {r.service.name for r in kiosk_rows} == {
        "Permohonan paspor",
        "Pembukaan rekening tabungan",
    }
    shots(page, "kiosk-back-online")


def test_the_manager_sees_the_ikm_move_and_the_tim_rb_sees_it_in_the_workspace(
    people: Any, shots: Shots, citizen: Any, viewport: str
) -> None:
    shots.n = 74
    mpp = Mpp.objects.get()
    year = str(time.localtime().tm_year)
    manager = people.login("dpmptsp")
    manager.goto(f"/mpp/{mpp.pk}/hasil/?periode={year}")
    ikm_before = manager.locator("#ikm").inner_text().strip()
    respondents_before = int(manager.locator("#respondents").inner_text())
    shots(manager, "manager-results-before")

    service = Service.objects.get(name="Pembayaran pajak kendaraan tahunan")
    phone = citizen(javascript=False)
    phone.goto(f"/skm/l/{service.token}/")
    answer(phone, WORST)
    phone.get_by_role("button", name="Kirim jawaban").tap()
    expect(phone.locator("h1")).to_have_text("Terima kasih!")

    manager.reload()
    expect(manager.locator("#respondents")).to_have_text(str(respondents_before + 1))
    ikm_after = manager.locator("#ikm").inner_text().strip()
    assert ikm_after != ikm_before and re.fullmatch(r"\d\d,\d\d", ikm_after)
    shots(manager, "manager-results-after-one-more")

    timrb = people.login("timrb")
    timrb.goto("/lembar-kerja/")
    timrb.goto(timrb.url.split("?")[0] + "?indicator=G.C.S.3")
    linked = timrb.locator(".linked-value")
    expect(linked).to_contain_text(f"Tahun {year}")
    expect(linked).to_contain_text(f"IKM {ikm_after}")
    expect(timrb.locator("#v-G_C_S_3")).to_have_value(ikm_after)
    shots(timrb, "tim-rb-workspace-ikm-from-skm")
