"""Every generated page type passes axe-core (WCAG 2.0/2.1/2.2 A and AA: no serious or critical violation)
in light and dark schemes at 1280 and 360 px, and every HTML page of the site passes the W3C Nu checker.

Sites (built once per test process by ``tests/test_structure.py``'s :func:`built_site`):

* ``demo-browser``: the repository's demo (mkdocs.yml + content/) with a light/dark palette that follows
  the reader's system and 20 items per list page, so the dark scheme and later list pages exist;
* ``demo``: the demo exactly as shipped (Nu checker only: the browser pages above are the same markup);
* ``messy``: content nobody tuned for the pages (long texts, Welsh, £ and em dashes, Markdown lists, empty
  optional sections, an activity with no checklist, 130 items over several pages, awaiting and overdue
  items), with instant navigation.

Each site is served on loopback under the path of its ``site_url`` (``/involvement/``, ``/report/``), so
404.html, whose links are absolute, gets its styles as it would when published.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import pytest

from kits.browserkit import format_violations, serve_directory

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared site builder
from test_structure import BuiltSite, built_site  # noqa: E402

#: axe-core rule tags: WCAG 2.0, 2.1 and 2.2, levels A and AA (as the conftest's axe_violations fixture).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING = {"serious", "critical"}

VIEWPORTS = {"1280": (1280, 800), "360": (360, 740)}
SCHEMES = ["light", "dark"]

#: Every generated page type, on each site. Keys name the type (test ids), values are site-relative URLs.
PAGES = {
    "demo-browser": {
        "home": "",
        "activities-index": "activities/",
        "activity-most-items": "activities/2024-carers-pathway/",
        "activity-forum": "activities/2024-carers-forum/",
        "activity-no-feedback": "activities/2026-carers-strategy-refresh/",
        "poster": "activities/2024-carers-pathway/poster/",
        "ysw-first": "you-said-we-did/",
        "ysw-page-2": "you-said-we-did/page/2/",
        "ysw-filtered": "you-said-we-did/?status=awaiting&theme=transport",  # mic.js lists the matches
        "quality": "quality/",
        "outcomes": "outcomes/",
        "outcomes-user": "outcomes/user/",
        "changes": "changes/",
        "changes-page-2": "changes/page/2/",
        "data": "data/",
        "organisation": "organisation/",
        "reports-index": "reports/",
        "report-2024-25": "reports/2024-25/",
        "report-2025-26": "reports/2025-26/",
        "404": "404.html",
        # The same pages in Welsh (the demo publishes in English and Welsh): cy/ under the same paths.
        "cy-activities-index": "cy/activities/",
        "cy-activity-forum": "cy/activities/2024-carers-forum/",
        "cy-activity-most-items": "cy/activities/2024-carers-pathway/",
        "cy-ysw-first": "cy/you-said-we-did/",
        "cy-ysw-filtered": "cy/you-said-we-did/?status=awaiting&theme=trafnidiaeth",
        "cy-quality": "cy/quality/",
        "cy-outcomes": "cy/outcomes/",
        "cy-changes": "cy/changes/",
        "cy-data": "cy/data/",
        "cy-organisation": "cy/organisation/",
        "cy-reports-index": "cy/reports/",
        "cy-report-2024-25": "cy/reports/2024-25/",
    },
    "messy": {
        "home": "",
        "activities-index": "activities/",
        "activity-welsh-long": "activities/2025-llais/",
        "activity-no-checklist": "activities/2024-bare/",
        "activity-planned": "activities/2026-planned/",
        "activity-130-items": "activities/2024-survey/",
        "activity-feedback-page-3": "activities/2024-survey/feedback/page/3/",
        "poster-welsh-long": "activities/2025-llais/poster/",
        "ysw-first": "you-said-we-did/",
        "ysw-page-3": "you-said-we-did/page/3/",
        "quality": "quality/",
        "outcomes": "outcomes/",
        "changes": "changes/",
        "data": "data/",
        "organisation": "organisation/",
        "reports-index": "reports/",
        "report-welsh-long": "reports/2025-26/",
        "report-current": "reports/2026-27/",
        "404": "404.html",
    },
}


@contextlib.contextmanager
def serve_site(site: BuiltSite):
    """Serve the site on 127.0.0.1 under its published path; yield the URL of its root."""
    with tempfile.TemporaryDirectory(prefix="mic-serve-") as holder:
        root = Path(holder)
        if site.url_path:
            mount = root / site.url_path.strip("/")
            mount.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(site.site_dir, mount, target_is_directory=True)
        else:
            root = site.site_dir
        with serve_directory(root) as base:
            yield base + site.url_path


@pytest.fixture(scope="session")
def site_url(browser_tools):
    """``site_url(name) -> base URL``: each site built once and served for the whole session."""
    urls: dict[str, str] = {}
    with contextlib.ExitStack() as stack:

        def get(name: str) -> str:
            if name not in urls:
                urls[name] = stack.enter_context(serve_site(built_site(name)))
            return urls[name]

        yield get


@pytest.fixture(scope="session")
def screen(browser):
    """``screen(viewport, scheme) -> page``: one page per screen size and scheme, reused across URLs."""
    pages = {}
    contexts = []
    try:

        def get(viewport: str, scheme: str):
            if (viewport, scheme) not in pages:
                width, height = VIEWPORTS[viewport]
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                contexts.append(context)
                pages[viewport, scheme] = context.new_page()
            return pages[viewport, scheme]

        yield get
    finally:
        for context in contexts:
            context.close()


def settle(page, url: str) -> None:
    """Open ``url`` and let Material's and our scripts finish (load, then two animation frames)."""
    page.goto(url, wait_until="load")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def axe(page, axe_js: Path) -> list[dict]:
    """axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(axe_js))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [v for v in result["violations"] if v.get("impact") in FAILING]


CASES = [(site, kind) for site, pages in PAGES.items() for kind in pages]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("site", "kind"), CASES, ids=[f"{s}:{k}" for s, k in CASES])
def test_no_serious_axe_violation(site_url, screen, browser_tools, site, kind, viewport, scheme):
    page = screen(viewport, scheme)
    settle(page, site_url(site) + PAGES[site][kind])
    own_layout = kind.startswith("poster")  # a page of its own layout (no theme frame): black on white always
    if scheme == "dark" and not own_layout:  # the palette follows the system: the dark scheme must really be on
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    # the page rendered (not a directory listing or error)
    assert page.locator("main h1" if own_layout else "article h1").count() == 1
    violations = axe(page, browser_tools.axe_js)
    assert violations == [], format_violations(violations)
    if viewport == "360":
        assert sideways_problems(page) == []


#: At 360 px only scroll regions (wide tables) may be wider than the screen, never the page, and every
#: region that scrolls can take keyboard focus and has a name (WCAG 1.4.10, 2.1.1).
SIDEWAYS = """() => {
    const W = document.documentElement.clientWidth, out = [];
    if (document.documentElement.scrollWidth > W) out.push('the page is ' + document.documentElement.scrollWidth + 'px wide');
    for (const el of document.querySelectorAll('.md-content *')) {
        const s = getComputedStyle(el);
        if (!['auto', 'scroll'].includes(s.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
        if (el.tabIndex < 0 || !el.getAttribute('aria-label'))
            out.push('scrolling ' + el.tagName.toLowerCase() + '.' + el.className + ' cannot take focus or has no name');
    }
    return out;
}"""


def sideways_problems(page) -> list[str]:
    return page.evaluate(SIDEWAYS)


def test_checklist_summary_on_a_phone_scrolls_by_keyboard_with_its_row_headers_in_view(site_url, screen):
    """The actor-by-stage summary of an activity's checklist is compact at 360 px. Where it still does not
    fit, it scrolls inside a region named by its caption that Tab reaches and the arrow keys scroll, and
    the actor column stays in view while it scrolls."""
    page = screen("360", "light")
    for site, path in [("demo-browser", "activities/2024-carers-forum/"), ("messy", "activities/2025-llais/")]:
        settle(page, site_url(site) + path)
        table = page.locator(".mic-q-summary table")
        width = table.evaluate("t => t.getBoundingClientRect().width")
        column = page.evaluate("() => document.querySelector('.md-content__inner').clientWidth")
        assert width < 1.4 * column, f"{site}: summary {width}px wide in a {column}px column: not compact"
        if width <= column:
            continue
        region = page.locator(".mic-q-summary .md-typeset__scrollwrap")
        page.wait_for_function(
            "() => document.querySelector('.mic-q-summary .md-typeset__scrollwrap').getAttribute('tabindex') === '0'")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label") == table.locator("caption").inner_text().strip()
        region.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.mic-q-summary .md-typeset__scrollwrap').scrollLeft > 0")
        first, box = page.evaluate(
            """() => { const w = document.querySelector('.mic-q-summary .md-typeset__scrollwrap');
                       const th = w.querySelector('tbody th');
                       return [th.getBoundingClientRect().left, w.getBoundingClientRect().left]; }""")
        assert first >= box - 1, f"{site}: the actor column scrolled out of view"


@pytest.mark.parametrize("name", ["demo", "demo-browser", "messy"])
def test_every_page_is_valid_html(vnu_errors, browser_tools, name):
    site = built_site(name)
    pages = site.html_files()
    assert "404.html" in {site.rel(p) for p in pages}
    assert len(site.generated_pages()) >= 14
    assert vnu_errors(pages) == []
