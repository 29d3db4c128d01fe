"""Search in the reader's language, in a real browser: typing a Welsh word in the search box of a Welsh page
lists Welsh pages only (cy/search/search_index.json), an English page lists English pages only, and a reader
who follows the language switch searches the language they switched to."""

from __future__ import annotations

import random

import pytest

from kits.browserkit import serve_directory
from kits.sitekit import build, write_site
from test_languages_site import BUS, ORG, PARKING


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The bilingual site of test_languages_site, built and served."""
    root = tmp_path_factory.mktemp("search")
    config = write_site(root, organisation=ORG, activities={"2024-bus.yml": BUS, "2024-parking.yml": PARKING},
                        mkdocs={"theme": {"name": "material", "language": "en"}})
    with serve_directory(build(config)) as base:
        yield base


READY = "() => { const m = document.querySelector('.md-search-result__meta'); return m && /^(Type to|Teipiwch)/.test(m.textContent) }"
ANSWERED = "() => { const m = document.querySelector('.md-search-result__meta'); return m && /[0-9]|No matching|Dim dogfennau/.test(m.textContent) }"


def search(tab, query: str) -> tuple[str, list[str]]:
    """What the search box says for ``query``, typed as a reader types, and the addresses it lists."""
    tab.fill("input.md-search__input", "")
    tab.focus("input.md-search__input")
    tab.wait_for_function(READY, polling=100, timeout=20000)  # the search has read its index
    tab.keyboard.type(query)
    tab.wait_for_function(ANSWERED, polling=100, timeout=20000)
    said = tab.inner_text(".md-search-result__meta")
    found = tab.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    tab.keyboard.press("Escape")  # close the search again
    return said, found


def results(tab, query: str) -> list[str]:
    return search(tab, query)[1]


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_welsh_word_on_a_welsh_page_finds_welsh_pages_only(served, tab):
    tab.goto(served + "cy/activities/")
    said, found = search(tab, "ofalwyr")
    assert found and all(href.startswith(served + "cy/") for href in found), found
    assert any(href.startswith(served + "cy/activities/2024-bus/") for href in found), found
    assert "sy'n cyfateb" in said, said  # the theme's Welsh words for the results
    assert search(tab, "carers") == ("Dim dogfennau sy'n cyfateb", [])  # the English text of the same pages is not in the Welsh index


def test_an_english_page_finds_english_pages_only(served, tab):
    tab.goto(served + "activities/2024-bus/")
    found = results(tab, "carers")
    assert found and not any(href.startswith(served + "cy/") for href in found), found
    assert results(tab, "ofalwyr") == []


def test_the_language_switch_leads_to_the_search_of_that_language(served, tab):
    tab.goto(served + "activities/2024-bus/")
    tab.click('nav.mic-languages a[hreflang="cy"]')
    tab.wait_for_url(served + "cy/activities/2024-bus/")
    found = results(tab, "seddi")  # "Does dim seddi yn yr arhosfan."
    assert found and all(href.startswith(served + "cy/") for href in found), found
    assert served + "cy/activities/2024-bus/#no-seats" in found
    tab.click('nav.mic-languages a[hreflang="en"]')
    tab.wait_for_url(served + "activities/2024-bus/")
    found = results(tab, "seats")
    assert found and not any(href.startswith(served + "cy/") for href in found), found


@pytest.fixture(scope="module")
def served_on_port_80(tmp_path_factory):
    """The bilingual site with Material's instant navigation, served at the root of a loopback address on port
    80: instant navigation matches the sitemap's addresses by host and path only (not by port), so it works
    only there. Skipped where port 80 cannot be had."""
    root = tmp_path_factory.mktemp("search-instant")
    config = write_site(root, organisation=ORG, activities={"2024-bus.yml": BUS, "2024-parking.yml": PARKING},
                        mkdocs={"theme": {"name": "material", "language": "en", "features": ["navigation.instant"]},
                                "site_url": "https://example.org/"})
    site = build(config)
    host = f"127.{random.randint(1, 250)}.{random.randint(1, 250)}.{random.randint(2, 250)}"
    try:
        with serve_directory(site, host, 80) as base:
            yield base
    except OSError as exc:
        pytest.skip(f"port 80 of {host} cannot be had here ({exc})")


def test_with_instant_navigation_each_language_keeps_its_own_search(served_on_port_80, tab):
    """Instant navigation swaps pages in without reloading the search: within Welsh pages it stays instant
    (cy/sitemap.xml) and Welsh; a link into the other language loads that page in full, with its search."""
    served = served_on_port_80
    tab.goto(served + "activities/2024-bus/")
    tab.evaluate("window.micSameDocument = 'en'")
    tab.click('nav.md-nav--primary a[href$="quality/"]')
    tab.wait_for_url(served + "quality/")
    assert tab.evaluate("window.micSameDocument") == "en"  # instant: the same document
    tab.click('nav.mic-languages a[hreflang="cy"]')
    tab.wait_for_url(served + "cy/quality/")
    assert tab.evaluate("window.micSameDocument") is None  # another language: loaded in full
    tab.evaluate("window.micSameDocument = 'cy'")
    tab.click('nav.md-nav--primary a[href$="activities/"]')
    tab.wait_for_url(served + "cy/activities/")
    assert tab.evaluate("window.micSameDocument") == "cy"  # instant among the Welsh pages
    found = results(tab, "seddi")
    assert found and all(href.startswith(served + "cy/") for href in found), found
    tab.click('nav.mic-languages a[hreflang="en"]')
    tab.wait_for_url(served + "activities/")
    found = results(tab, "seats")
    assert found and not any(href.startswith(served + "cy/") for href in found), found
