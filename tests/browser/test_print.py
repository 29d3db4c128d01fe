"""An activity page and the pages of the report print as clean documents (Chromium's print media emulation
and its PDF output): the site's header, navigation, search, footer and on-screen controls are left off,
feedback items are not split across pages, histories print open, the address of every external link is
written after it, and nothing is cut off at the edge of an A4 page.
"""

from __future__ import annotations

import re

import pytest

from test_generated_pages import screen, settle, site_url  # noqa: F401 - fixtures shared with that module

#: A4 (210 mm) less Material's 25 mm page margins, in CSS pixels: the width a printed page lays out in.
PAPER_WIDTH = round((210 - 2 * 25) / 25.4 * 96)

PRINTED = [
    ("messy", "activities/2025-llais/"),
    ("messy", "activities/2024-survey/"),
    ("messy", "you-said-we-did/"),
    ("messy", "quality/"),
    ("messy", "outcomes/"),
    ("messy", "changes/"),
    ("messy", "organisation/"),
    ("demo-browser", "activities/2024-carers-forum/"),
    ("demo-browser", "quality/"),
    ("demo-browser", "you-said-we-did/page/2/"),
    ("messy", "reports/2025-26/"),
    ("demo-browser", "reports/2024-25/"),
]

#: What a printed page leaves off: the site's furniture and controls that only work on a screen.
NOT_PRINTED = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
               ".md-footer", ".md-top", ".md-content__button", ".headerlink", ".mic-filter", ".mic-pager",
               ".mic-browse", ".mic-suggest", ".mic-follow"]


@pytest.fixture
def paper(browser):
    """A page as wide as an A4 sheet's printable area."""
    context = browser.new_context(viewport={"width": PAPER_WIDTH, "height": 1100})
    try:
        yield context.new_page()
    finally:
        context.close()


def printed(page, url: str) -> None:
    settle(page, url)
    page.emulate_media(media="print")


@pytest.mark.parametrize(("site", "path"), PRINTED, ids=[f"{s}:{p}" for s, p in PRINTED])
def test_prints_the_content_only_and_nothing_is_cut_off(site_url, paper, site, path):
    printed(paper, site_url(site) + path)
    shown = paper.evaluate(
        "selectors => selectors.flatMap(s => [...document.querySelectorAll(s)]"
        ".filter(e => e.checkVisibility()).map(e => s))",
        NOT_PRINTED,
    )
    assert shown == [], f"printed although only useful on screen: {sorted(set(shown))}"
    assert paper.locator("article h1").is_visible()
    cut = paper.evaluate(
        """() => { const W = document.documentElement.clientWidth;
                   return [...document.querySelectorAll('article *')]
                     .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > W + 1; })
                     .map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 5); }"""
    )
    assert cut == [], f"wider than the paper: {cut}"
    splittable = paper.evaluate(
        """() => [...document.querySelectorAll('.mic-item, .mic-row, .mic-card, article tr')]
                   .filter(e => getComputedStyle(e).breakInside !== 'avoid').length"""
    )
    assert splittable == 0


def test_external_links_print_their_address_and_internal_ones_do_not(site_url, paper):
    printed(paper, site_url("messy") + "activities/2025-llais/")
    links = paper.evaluate(
        """() => [...document.querySelectorAll('article a[href]')].filter(a => a.checkVisibility())
                   .map(a => [a.getAttribute('href'), a.href, a.origin === location.origin,
                              getComputedStyle(a, '::after').content])"""
    )
    external = [(href, after) for href, _, same, after in links if not same]
    internal = [(href, after) for href, _, same, after in links if same]
    assert ("https://riverbank.example/llais/purpose", '" (https://riverbank.example/llais/purpose)"') in external
    assert all(after == f'" ({href})"' for href, after in external), external
    assert len(internal) >= 5
    assert all(after in ("none", "normal") for _, after in internal), internal


def test_update_histories_print_open(site_url, paper):
    printed(paper, site_url("messy") + "activities/2025-llais/")
    history = paper.locator("#llais-last-bus details.mic-history")
    assert history.evaluate("d => d.open") is False  # closed on screen, and not opened by script here
    assert history.locator("li").first.is_visible()
    assert "Four halls changed" in history.inner_text()


@pytest.mark.parametrize(("site", "path", "pages"), [
    ("messy", "activities/2024-survey/", 10),
    ("demo-browser", "quality/", 2),
])
def test_pdf_is_a_real_document(site_url, paper, site, path, pages):
    settle(paper, site_url(site) + path)
    pdf = paper.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF-")
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    assert count >= pages, f"{count} pages"
    assert len(pdf) > 20_000


def test_a_report_prints_as_a_document_with_a_title_page_page_numbers_and_addresses(site_url, paper):
    """The annual report on A4 from the browser: the title page alone on page 1 (no page number), numbered
    pages after it, and every link to the site followed by its full address."""
    import io

    import pypdf

    printed(paper, site_url("demo-browser") + "reports/2024-25/")
    after = paper.evaluate(
        """() => [...document.querySelectorAll('.mic-report a[data-mic-print]')]
                   .map(a => [a.dataset.micPrint, getComputedStyle(a, '::after').content])""")
    assert len(after) >= 5
    assert all(content == f'" ({address})"' and address.startswith("https://riversidecarers.example/involvement/")
               for address, content in after), after[:3]
    assert paper.locator(".mic-report__cover").evaluate("e => getComputedStyle(e).breakAfter") == "page"
    pdf = pypdf.PdfReader(io.BytesIO(paper.pdf(prefer_css_page_size=True, print_background=False)))
    pages = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert "Annual involvement report 2024-25" in pages[0] and "Page 1" not in pages[0]
    assert "Our purpose" not in pages[0] and "Our purpose" in pages[1]  # the cover is a page of its own
    assert f"Page 2 of {len(pages)}" in pages[1]
    assert "Riverside Carers' Network" in pages[0]


def test_the_welsh_report_prints_in_welsh_down_to_its_page_numbers(site_url, paper):
    """cy/reports/YEAR/ on A4 from the browser: the running footer is the page's language ("Tudalen 2 o 9"),
    the title page still has none."""
    import io

    import pypdf

    printed(paper, site_url("demo-browser") + "cy/reports/2024-25/")
    pdf = pypdf.PdfReader(io.BytesIO(paper.pdf(prefer_css_page_size=True, print_background=False)))
    pages = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
    assert "Adroddiad blynyddol ar gynnwys pobl 2024-25" in pages[0] and "Tudalen 1" not in pages[0]
    assert f"Tudalen 2 o {len(pages)}" in pages[1]
    assert not any(re.search(r"Page [0-9]+ of", p) for p in pages)
