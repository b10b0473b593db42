"""Playwright fixtures: one Debian Chromium per session, a fresh context per test, a live server with data.

Every test's context records the requests its pages make; a request to any
host but this machine fails the test (the app must work offline: no CDN, no
remote fonts). Screenshots go to test-artifacts/screenshots/ at the repo root.
"""

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import Error, expect, sync_playwright
except ImportError:  # the `browser` fixture skips (or fails in CI) with a clear message
    Error = expect = sync_playwright = None

# Playwright's sync API runs an event loop in the test's thread; Django would
# otherwise refuse database access from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "000_62c14ce66077f5ca.txt"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    # Without these Chromium phones home for updates, sync and field trials.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
# How long one step may wait for the page; the live server answers in milliseconds.
TIMEOUT_MS = 15_000

EDITOR = {"username": "editor", "password": "a-long-test-password-42"}


def unavailable(reason: str) -> None:
    """Skip on a laptop without the browser; fail in CI, where a skipped browser test would hide a break."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if sync_playwright is None:
        unavailable("Playwright for Python is not installed: pip install -r requirements-dev.txt")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        unavailable(f"No Chromium at {CHROMIUM}: apt-get install chromium (as .ci/run does)")
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        unavailable(f"Chromium at {CHROMIUM} did not start: {error.message.splitlines()[0]}")
    yield browser
    browser.close()
    playwright.stop()


@dataclass
class Traffic:
    """What the pages of one test asked for and what went wrong in them."""

    requests: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    page_errors: list[str] = field(default_factory=list)

    def remote(self) -> list[str]:
        return [
            url for url in self.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss") and not is_local(url)
        ]

    def status_of(self, path: str) -> int | None:
        """The HTTP status of the last response to `path` on this machine, None if it was never asked for."""
        found = [status for url, status in self.statuses.items() if urlsplit(url).path == path]
        return found[-1] if found else None


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in LOCAL_HOSTS or host.startswith("127.")


@pytest.fixture
def traffic() -> Traffic:
    return Traffic()


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live server's address, with an empty database the test fills."""
    return live_server.url


@pytest.fixture
def demo(site) -> str:
    """The live server's address, with the demo data loaded (xAI, Mistral AI, OpenAI…)."""
    from tracker.funding.demo import load_demo

    load_demo()
    return site


@pytest.fixture
def context(browser, live_server, traffic) -> Iterator:
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="en-US", accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.on("request", lambda request: traffic.requests.append(request.url))
    context.on("response", lambda response: traffic.statuses.__setitem__(response.url, response.status))
    yield context
    context.close()


@pytest.fixture
def page(context, traffic, request) -> Iterator:
    page = context.new_page()
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    yield page
    if not page.is_closed():
        save_screenshot(page, f"{request.node.name}-last")
    assert not traffic.remote(), f"the pages asked hosts other than this machine for: {traffic.remote()}"
    assert not traffic.page_errors, f"scripts failed in the page: {traffic.page_errors}"


def artifact_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


def save_screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{artifact_name(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def screenshots_at_both_sizes(page, name: str) -> None:
    """Save the page as a desktop and a phone show it, and leave the desktop size set."""
    page.set_viewport_size(DESKTOP)
    save_screenshot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    save_screenshot(page, f"{name}-phone")
    page.set_viewport_size(DESKTOP)


def horizontal_overflow(page) -> int:
    """How many pixels the document is wider than the window (0 when nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture
def editor(site, django_user_model):
    """A superuser for the admin tests."""
    return django_user_model.objects.create_superuser(email="editor@example.com", **EDITOR)


def log_in(page, path: str = "/admin/") -> None:
    """Sign in through the admin's login form, as an editor would, and land on `path`."""
    page.goto(f"/admin/login/?next={path}")
    page.get_by_label("Username").fill(EDITOR["username"])
    page.get_by_label("Password").fill(EDITOR["password"])
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{path}")
