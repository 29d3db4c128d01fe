"""Browser and HTML-validity test tools: headless Chromium + axe-core, and the W3C Nu HTML checker.

Every test in ``tests/browser/`` is marked ``browser``. The tools come from outside Python:

* Chromium: ``apt-get install chromium`` (found on PATH, or set ``MIC_CHROMIUM``), driven by the
  ``playwright`` Python package (``pip install -e ".[test]"``; no ``playwright install`` needed);
* axe-core and vnu.jar: ``npm ci`` at the repository root (``node_modules/``), plus ``java`` for vnu.

When a tool is missing the tests are skipped with instructions, unless ``MIC_REQUIRE_BROWSER=1`` (set
by ``.ci/run``), in which case they fail: in CI a missing browser must never look like a pass.

Fixtures for tests:

* ``build_site(docs, config, name=...) -> Path``: build a MkDocs site in tmp_path, return its site dir;
* ``serve(site_dir) -> str``: serve a directory on 127.0.0.1 (free port), return the base URL;
* ``page``: a fresh Playwright page (1280x800) in the shared headless Chromium;
* ``axe_violations(url, viewport=(1280, 800), color_scheme="light") -> list[dict]``: serious and
  critical WCAG 2.2 A/AA violations found by axe-core;
* ``vnu_errors(paths) -> list[str]``: Nu checker errors as ``file:line: message``.

Plain helpers (readable assertion messages, colour contrast, building and serving outside a test)
live in ``tests/kits/browserkit.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from kits.browserkit import build_mkdocs_site, serve_directory

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Chromium flags: no sandbox (root in containers), and no background traffic (only loopback exists).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: axe-core rule tags: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_FAILING_IMPACTS = frozenset({"serious", "critical"})

HOW_TO_INSTALL = (
    "Browser tests need headless Chromium, axe-core, vnu.jar and Java. To run them: "
    "apt-get update && apt-get install -y chromium default-jre-headless; "
    "npm ci  (at the repository root: installs axe-core and vnu-jar into node_modules/); "
    'pip install -e ".[test]"  (Playwright for Python; do not run `playwright install`). '
    "Or run .ci/run, which does all of this."
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected below this folder with ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@dataclasses.dataclass(frozen=True)
class BrowserTools:
    """Where the external tools live."""

    chromium: Path
    axe_js: Path
    vnu_jar: Path
    java: Path


def _node_modules() -> Path:
    return Path(os.environ.get("MIC_NODE_MODULES", REPO_ROOT / "node_modules"))


def _find_chromium() -> Path | None:
    explicit = os.environ.get("MIC_CHROMIUM")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def find_tools() -> tuple[BrowserTools | None, list[str]]:
    """Locate the tools; return them, or None and a list of what is missing."""
    missing: list[str] = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package")
    chromium = _find_chromium()
    if chromium is None:
        missing.append("chromium (not on PATH and MIC_CHROMIUM not set)")
    axe_js = _node_modules() / "axe-core" / "axe.min.js"
    if not axe_js.is_file():
        missing.append(str(axe_js))
    vnu_jar = _node_modules() / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not vnu_jar.is_file():
        missing.append(str(vnu_jar))
    java = shutil.which("java")
    if java is None:
        missing.append("java")
    if missing:
        return None, missing
    return BrowserTools(chromium, axe_js, vnu_jar, Path(java)), []


@pytest.fixture(scope="session")
def browser_tools() -> BrowserTools:
    """The located tools; skips (or fails under MIC_REQUIRE_BROWSER=1) when any is missing."""
    tools, missing = find_tools()
    if tools is None:
        message = "missing: " + "; ".join(missing) + ". " + HOW_TO_INSTALL
        if os.environ.get("MIC_REQUIRE_BROWSER") == "1":
            pytest.fail("MIC_REQUIRE_BROWSER=1 but " + message, pytrace=False)
        pytest.skip(message)
    return tools


@pytest.fixture(scope="session")
def browser(browser_tools: BrowserTools, chromium) -> object:
    """One headless Chromium for the whole session (the suite-wide one from tests/conftest.py)."""
    return chromium


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh page (own context: no shared storage or focus state), desktop-sized."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield context.new_page()
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------
# Building and serving sites


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Path]:
    """Return ``build(docs, config, name="project", files=None) -> site_dir`` (see
    :func:`kits.browserkit.build_mkdocs_site`), building below ``tmp_path``."""

    def _build(docs: dict[str, str], config: dict, name: str = "project", files: dict | None = None) -> Path:
        return build_mkdocs_site(tmp_path / name, docs, config, files)

    return _build


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Return ``serve(directory) -> "http://127.0.0.1:PORT/"``; every server stops after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda directory: stack.enter_context(serve_directory(directory))


# ---------------------------------------------------------------------------------------------------
# axe-core


def load_settled(page, url: str) -> None:
    """Open ``url`` and wait until Material's script has finished with the page (two frames after
    the network went quiet: ResizeObserver callbacks and requestAnimationFrame work have run)."""
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def run_axe(page, axe_js: Path) -> dict:
    """Run axe-core on the page as loaded, restricted to WCAG 2.2 A/AA rules; return axe's result."""
    page.add_script_tag(path=str(axe_js))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )


@pytest.fixture
def axe_violations(browser, browser_tools: BrowserTools) -> Callable[..., list[dict]]:
    """Return ``check(url, viewport=(1280, 800), color_scheme="light") -> violations``: the axe-core
    violations of impact serious or critical, on the page as a reader with that screen would get it."""

    def _check(url: str, viewport: tuple[int, int] = (1280, 800), color_scheme: str = "light") -> list[dict]:
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=color_scheme
        )
        try:
            page = context.new_page()
            load_settled(page, url)
            result = run_axe(page, browser_tools.axe_js)
        finally:
            context.close()
        return [v for v in result["violations"] if v.get("impact") in AXE_FAILING_IMPACTS]

    return _check


# ---------------------------------------------------------------------------------------------------
# W3C Nu HTML checker


@pytest.fixture
def vnu_errors(browser_tools: BrowserTools) -> Callable[[Iterable[Path]], list[str]]:
    """Return ``check(paths) -> ["file:line: message", ...]`` (errors only, one JVM for all files)."""

    def _check(paths: Iterable[Path]) -> list[str]:
        files = [Path(p).resolve() for p in paths]
        if not files:
            raise ValueError("vnu_errors: no files to check")
        absent = [str(p) for p in files if not p.is_file()]
        if absent:  # vnu silently ignores missing files; a typo must not pass as "valid"
            raise FileNotFoundError(", ".join(absent))
        completed = subprocess.run(
            [str(browser_tools.java), "-jar", str(browser_tools.vnu_jar), "--errors-only", "--format", "json",
             *map(str, files)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        try:
            report = json.loads(completed.stderr or completed.stdout)
        except json.JSONDecodeError as error:
            raise RuntimeError(f"vnu did not report JSON (exit {completed.returncode}): {completed.stderr}") from error
        errors = []
        common = Path(os.path.commonpath([str(p.parent) for p in files]))
        for message in report.get("messages", []):
            if message.get("type") not in ("error", "non-document-error"):
                continue
            url = message.get("url", "")
            name = url.removeprefix("file:")
            try:
                name = str(Path(name).relative_to(common))
            except ValueError:
                pass
            errors.append(f"{name}:{message.get('lastLine', '?')}: {message.get('message', '')}")
        if completed.returncode != 0 and not errors:
            raise RuntimeError(f"vnu failed (exit {completed.returncode}): {completed.stderr[-2000:]}")
        return errors

    return _check
