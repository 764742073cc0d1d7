"""Pytest fixtures for a real headless browser: Debian's Chromium driven by Playwright.

Playwright's own browser download needs the internet, so we launch the system Chromium
(.ci/browser.sh installs it). Without Chromium or Playwright the browser tests skip with the
reason, except under CI (environment variable CI set), where a missing browser is a failure.

Use in a test module:  from browser import chromium, open_page  # noqa: F401 (fixtures)
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("AKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
SETTLE_TIMEOUT_MS = 120_000  # generous: the machine may be busy; the bench measures speed, not this


def unavailable(reason: str) -> None:
    """Skip, or fail under CI, where the browser tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run (CI is set, so this is a failure): {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: pip install playwright (see .ci/browser.sh)")
    if not Path(CHROMIUM).is_file():
        unavailable(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see .ci/browser.sh)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        except Error as exc:
            unavailable(f"Chromium at {CHROMIUM} did not start: {exc}")
        yield browser
        browser.close()


@dataclass
class OpenedPage:
    """A page plus what went wrong while it ran: console errors, uncaught exceptions, requests off the machine."""

    page: object  # playwright.sync_api.Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


def open_local(browser, path: Path, settle: bool = True) -> tuple[OpenedPage, object]:
    """Open a local page in a fresh context: (page, context). Requests other than file:// are blocked and recorded.

    settle=True waits until the page says its layout has settled (body[data-layout=settled]).
    """
    context = browser.new_context(viewport=VIEWPORT)
    opened = OpenedPage(context.new_page())
    context.route("**/*", lambda route: _local_only(route, opened))
    opened.page.on("console", lambda msg: msg.type == "error" and opened.errors.append(msg.text))
    opened.page.on("pageerror", lambda exc: opened.errors.append(f"uncaught: {exc}"))
    opened.page.goto(Path(path).resolve().as_uri())
    if settle:
        opened.page.wait_for_selector("body[data-layout=settled]", state="attached", timeout=SETTLE_TIMEOUT_MS)
    return opened, context


@pytest.fixture
def open_page(chromium):
    """open_page(path, settle=True) -> OpenedPage, closed after the test."""
    contexts = []

    def open_(path: Path, settle: bool = True) -> OpenedPage:
        opened, context = open_local(chromium, path, settle)
        contexts.append(context)
        return opened

    yield open_
    for context in contexts:
        context.close()


def _local_only(route, opened: OpenedPage) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    else:
        opened.requests.append(url)
        route.abort()
