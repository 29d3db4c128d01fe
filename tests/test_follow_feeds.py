"""CONTENT_FORMAT.md, "Published URLs, version 1.1": activities/ID/feed.xml and changes/themes/THEME.xml.

Each is a part of the change log: the same entries (ids, titles, links) as changes/feed.xml, read by a real
feed parser, linked from the activity page (and its <head>, for that page only) and from the theme filter.
"""

from __future__ import annotations

import re

import feedparser
import pytest

from kits.sitekit import build, build_and_warnings, page, write_site

LIBRARY = """\
title: Library opening hours
summary: When the libraries open.
approach: consulting
status: completed
started: 2024-01-10
ended: 2024-06-30
themes: [Opening hours]
updates:
  - {date: 2024-03-01, note: Survey closed.}
feedback:
  - id: open-late
    said: Open until 8pm on Thursdays.
    date: 2024-01-20
    themes: [Opening Hours, "Café & Wellbeing"]
    response:
      status: done
      did: Open until 8pm on Thursdays since April.
      communicated: 2024-05-02
      updates:
        - {date: 2024-02-01, status: considering}
        - {date: 2024-04-01, status: done}
  - id: cafe-prices
    said: The café is too dear.
    date: 2024-01-25
    themes: [café & wellbeing]
    response:
      status: not-doing
      reason: The café is run by another company.
      updates:
        - {date: 2024-03-15, status: not-doing}
  - id: no-theme
    said: More chairs.
    date: 2024-01-26
"""

BUSES = """\
title: Bus routes
summary: Which buses people need.
approach: engaging
status: in-progress
started: 2024-02-01
feedback:
  - id: bus-evening
    said: An evening bus to the library.
    date: 2024-02-03
    themes: [Transport, opening hours]
    response:
      status: planned
      did: Talking to the bus company.
      updates:
        - {date: 2024-04-10, status: planned}
  - id: bus-awaiting
    said: Buses are always late.
    date: 2024-02-04
    themes: [Transport]
"""


def _site(tmp_path, **kw):
    return build(write_site(tmp_path, activities={"2024-library.yml": LIBRARY, "2024-buses.yml": BUSES}, **kw))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site above, built once for the tests that only read it."""
    return _site(tmp_path_factory.mktemp("feeds"))


def _feed(site, path):
    parsed = feedparser.parse((site / path).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_each_activity_has_a_feed_of_its_own_changes_with_the_change_logs_entries(built):
    site = built
    log = {e.id: e for e in _feed(site, "changes/feed.xml").entries}
    library = _feed(site, "activities/2024-library/feed.xml")
    assert library.feed.title == "Library opening hours: changes (Tŷ Cymunedol — Test Community Trust)"
    assert library.feed.link == "https://example.org/report/activities/2024-library/"
    assert [(e.updated[:10], e.title) for e in library.entries] == [
        ("2024-06-30", "Completed: Library opening hours"),
        ("2024-05-02", "Reported back: “Open until 8pm on Thursdays.”"),
        ("2024-04-01", "“Open until 8pm on Thursdays.”: Considering → Done"),
        ("2024-03-15", "“The café is too dear.”: No response → Not doing"),
        ("2024-03-01", "Update: Library opening hours"),
        ("2024-02-01", "“Open until 8pm on Thursdays.”: No response → Considering"),
        ("2024-01-10", "Started: Library opening hours"),
    ]
    for entry in library.entries:  # the same entry as the change log's: id, title, link, summary
        same = log[entry.id]
        assert (entry.title, entry.link, entry.summary) == (same.title, same.link, same.summary)
    buses = _feed(site, "activities/2024-buses/feed.xml")
    assert [e.title for e in buses.entries] == ["“An evening bus to the library.”: No response → Planned",
                                                "Started: Bus routes"]
    assert {e.id for e in library.entries} | {e.id for e in buses.entries} == set(log)


def test_each_theme_has_a_feed_of_the_changes_to_its_items(built):
    site = built
    log_ids = {e.id for e in _feed(site, "changes/feed.xml").entries}
    themes = sorted(p.name for p in (site / "changes" / "themes").iterdir())
    # Lower case, accents dropped, each run of other characters one "-"; themes compared without case.
    assert themes == ["cafe-wellbeing.xml", "opening-hours.xml", "transport.xml"]
    hours = _feed(site, "changes/themes/opening-hours.xml")
    # A theme is shown as first written on the site (newest activity first: "opening hours" on Bus routes).
    assert hours.feed.title == "opening hours: you said, we did (Tŷ Cymunedol — Test Community Trust)"
    assert hours.feed.link == "https://example.org/report/you-said-we-did/?theme=opening-hours"
    assert [e.link.rsplit("#", 1)[1] for e in hours.entries] == [
        "open-late", "bus-evening", "open-late", "open-late"]  # reported back, planned, done, considering
    assert {e.id for e in hours.entries} <= log_ids
    cafe = _feed(site, "changes/themes/cafe-wellbeing.xml")
    assert [e.title for e in cafe.entries] == [
        "Reported back: “Open until 8pm on Thursdays.”", "“Open until 8pm on Thursdays.”: Considering → Done",
        "“The café is too dear.”: No response → Not doing",
        "“Open until 8pm on Thursdays.”: No response → Considering"]
    transport = _feed(site, "changes/themes/transport.xml")
    assert [e.title for e in transport.entries] == ["“An evening bus to the library.”: No response → Planned"]


def test_activity_page_links_its_feed_in_the_page_and_in_its_head_only(built):
    site = built
    html = page(site, "activities/2024-library/")
    head = html[: html.index("</head>")]
    own = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">', head)
    assert ("Library opening hours: changes", "../../activities/2024-library/feed.xml") in own
    body = html[html.index("</head>"):]
    link = re.search(r'<a href="([^"]*)" type="application/atom\+xml">Follow this activity</a>', body)
    assert link and link.group(1) in ("feed.xml", "../../activities/2024-library/feed.xml", "../2024-library/feed.xml")
    assert "New to news feeds?" in body and "feed reader" in body
    for other in ("activities/2024-buses/", "activities/", "you-said-we-did/", ""):
        assert "2024-library/feed.xml" not in page(site, other).split("</head>")[0], other


def test_theme_filter_lists_the_theme_feeds_with_an_explanation(built):
    site = built
    html = page(site, "you-said-we-did/")
    follow = html[html.index("Follow a theme"):]
    follow = follow[: follow.index("</details>")]
    assert re.findall(r'<a href="([^"]*)" type="application/atom\+xml">([^<]*)</a>', follow) == [
        ("../changes/themes/cafe-wellbeing.xml", "Café &amp; Wellbeing"),
        ("../changes/themes/opening-hours.xml", "opening hours"),
        ("../changes/themes/transport.xml", "Transport"),
    ]
    assert "New to news feeds?" in follow


def test_without_site_url_no_feeds_no_links_one_warning(tmp_path):
    site, warnings = build_and_warnings(write_site(
        tmp_path, activities={"2024-library.yml": LIBRARY, "2024-buses.yml": BUSES}, mkdocs={"site_url": None}))
    about_feeds = [m for m in warnings if "feed" in m]
    assert len(about_feeds) == 1
    assert "activities/ID/feed.xml" in about_feeds[0] and "changes/themes/THEME.xml" in about_feeds[0]
    assert not (site / "activities/2024-library/feed.xml").exists()
    assert not (site / "changes/themes").exists()
    assert "application/atom+xml" not in page(site, "activities/2024-library/")
    assert "Follow a theme" not in page(site, "you-said-we-did/")


def test_feeds_are_byte_identical_on_rebuild(tmp_path, built):
    one, two = built, _site(tmp_path / "b")
    for path in ("activities/2024-library/feed.xml", "changes/themes/opening-hours.xml"):
        assert (one / path).read_bytes() == (two / path).read_bytes()
