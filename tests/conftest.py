"""Fixtures shared by the whole suite.

``chromium``: one headless Chromium (driven by Playwright) for the whole test session. Playwright's sync API
allows one running instance per process, so every browser test, in ``tests/browser/`` or not, shares this
one. Skipped when Chromium or Playwright is missing, unless ``MIC_REQUIRE_BROWSER=1`` (set by ``.ci/run``),
where a missing browser fails instead of looking like a pass.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
HOW_TO_GET_A_BROWSER = ("install Chromium (apt-get install chromium) and the test extras "
                        "(pip install -e \".[test]\"), or run .ci/run")


def chromium_path() -> str | None:
    return os.environ.get("MIC_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """The session's headless Chromium (a Playwright ``Browser``)."""
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if path is None or sync_playwright is None:
        missing = "chromium" if path is None else "playwright"
        if os.environ.get("MIC_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MIC_REQUIRE_BROWSER=1 but {missing} is missing: {HOW_TO_GET_A_BROWSER}", pytrace=False)
        pytest.skip(f"{missing} is missing: {HOW_TO_GET_A_BROWSER}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
