"""Browser tests: Playwright drives Debian's Chromium against a live server on the test database.

How this works: pytest-playwright's launch fixture is overridden to start the Chromium installed
by the system (``/usr/bin/chromium``, or ``RAPOR_CHROMIUM``); no browser is downloaded. Each test
gets pytest-django's ``live_server`` (a real HTTP server in a thread, on the test database, data
flushed after each test), loads the demo data and drives one browser context per person, at a
desktop or a phone viewport. ``Shots`` saves full-page screenshots to
``test-artifacts/screenshots/<viewport>/<nn>-<step>.png`` (git-ignored) for people to look at;
when a test fails, each person's page at that moment goes to ``test-artifacts/failures/<test>/``.
Every test module here sets ``pytestmark = pytest.mark.browser`` (``-m "not browser"`` leaves them out).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

CHROMIUM = os.environ.get("RAPOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in CI containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True},
}
PASSWORD = "demo12345"
TIMEOUT_MS = 15_000  # generous: CI runs two test processes on two cores
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session", autouse=True)
def _orm_beside_playwright() -> Iterator[None]:
    """Allow the ORM in the test's thread while Playwright's event loop runs there.

    Playwright's sync API keeps an asyncio loop running in the main thread for the whole session;
    Django then refuses synchronous ORM calls from that thread (SynchronousOnlyOperation), although
    nothing here is async. Django's documented switch for this is DJANGO_ALLOW_ASYNC_UNSAFE; it is
    set from the first browser test to the end of the session (the loop lives that long).
    """
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, with the system's Chromium."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `apt-get install chromium` "
            "(scripts/install-system-packages) or set RAPOR_CHROMIUM"
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": browser_type_launch_args.get("headless", True),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def demo(transactional_db: None, live_server: Any, settings: Any) -> Any:
    """The demo data (Pangkalpinang's 2024 cycle mid self-assessment) behind a live server, in a
    demo installation (the login page lists the demo logins)."""
    from rapor.demo import load_demo

    settings.RAPOR_DEMO = True
    load_demo()
    return live_server


class Shots:
    """Numbered full-page screenshots of one test at one viewport."""

    def __init__(self, root: Path, viewport: str, start: int = 0) -> None:
        self.folder = root / "test-artifacts" / "screenshots" / viewport
        self.folder.mkdir(parents=True, exist_ok=True)
        self.n = start

    def __call__(self, page: Page, step: str) -> Path:
        self.n += 1
        name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{self.n:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


# Says on the console what the Content-Security-Policy blocked, and on which element.
REPORT_BLOCKED = """
document.addEventListener("securitypolicyviolation", (e) => {
  const el = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 160) : "";
  console.log(`CSP blocked ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${el}`);
});
"""


class People:
    """One browser context per person (their own cookies), all at the same viewport."""

    def __init__(self, browser: Browser, base_url: str, viewport: str) -> None:
        self.browser, self.base_url, self.viewport = browser, base_url, viewport
        self.contexts: list[BrowserContext] = []
        # What the Content-Security-Policy blocked on any page (Chromium says so on the console):
        # an inline script, style or handler that slipped into a template or a swap.
        self.blocked: list[str] = []

    def page(self) -> Page:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="id-ID",  # an Indonesian office browser (navigator.language, Accept-Language)
            timezone_id="Asia/Jakarta",
            **VIEWPORTS[self.viewport],
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        context.add_init_script(REPORT_BLOCKED)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                self.blocked.append(f"{page.url}: {message.text}")
                if message.text.startswith("CSP blocked")
                else None
            ),
        )
        return page

    def login(self, username: str, password: str = PASSWORD) -> Page:
        """A new person signs in through the login page, as anyone would."""
        page = self.page()
        page.goto("/")
        expect(page).to_have_url(re.compile(r"/masuk/"))
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk", exact=True).click()
        expect(page.locator("h1")).to_have_text("Beranda")
        return page

    def close(self, failed_folder: Path | None = None) -> None:
        """Close every context; after a failure, first keep a screenshot of each page."""
        for n, context in enumerate(self.contexts, 1):
            if failed_folder is not None:
                failed_folder.mkdir(parents=True, exist_ok=True)
                for page in context.pages:
                    page.screenshot(path=str(failed_folder / f"person-{n}.png"), full_page=True)
            context.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


@pytest.fixture
def people(
    request: pytest.FixtureRequest, browser: Browser, demo: Any, viewport: str
) -> Iterator[People]:
    crowd = People(browser, demo.url, viewport)
    yield crowd
    failed = request.node.stash.get(FAILED, False)
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", request.node.name)
    crowd.close(request.config.rootpath / "test-artifacts" / "failures" / name if failed else None)
    assert not crowd.blocked, "the Content-Security-Policy blocked:\n" + "\n".join(crowd.blocked)


@pytest.fixture
def shots(request: pytest.FixtureRequest, viewport: str) -> Shots:
    """Screenshots numbered from 01; a test other than the whole loop starts at its own number
    (``@pytest.mark.parametrize`` is not needed: ``shots.n = 80``)."""
    return Shots(request.config.rootpath, viewport)


def open_menu(page: Page, label: str) -> None:
    """Follow a link of the left menu (on a phone, open the menu first) to a new page."""
    toggle = page.get_by_role("button", name="Menu", exact=True)
    if toggle.is_visible():
        toggle.click()
        expect(page.locator("#sidemenu.collapse.show")).to_be_visible()  # fully open
    page.evaluate("document.documentElement.dataset.left = 'yes'")
    page.locator("#sidemenu").get_by_role("link", name=label).click()
    expect(page.locator("html[data-left]")).to_have_count(0)  # a new page has loaded


def node_id(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", code)


def press(page: Page, target: Locator) -> None:
    """Tap on a phone, click elsewhere."""
    if page.viewport_size and page.viewport_size["width"] < 576:
        target.tap()
    else:
        target.click()


def open_from_my_work(page: Page, code: str) -> None:
    open_menu(page, "Tugas Saya")
    item = page.locator(f"tr.work-item[data-indicator='{code}']")
    expect(item).to_be_visible()
    press(page, item.get_by_role("link").first)
    expect(page).to_have_url(re.compile(rf"indicator={re.escape(code)}"))
