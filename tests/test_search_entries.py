"""Search: each feedback item is one entry of the site's search index, at its permalink, with its words;
the rest of an activity page is indexed by the search plugin as before."""

from __future__ import annotations

import html
import json
import re

import pytest

from mic_plugin.mkdocs.search import ITEMS_END, ITEMS_START, without_items
from kits.sitekit import ACTIVITY, build, page, write_site

WELSH = """\
title: Llais — a Welsh forum
summary: Sesiynau yn Gymraeg.
approach: engaging
status: completed
started: 2024-02-01
ended: 2024-05-01
feedback:
  - id: dim-digon
    said: "Dim digon o wybodaeth yn Gymraeg — <script>alert(1)</script> & **more** please."
    date: 2024-02-10
    count: 1
    response:
      status: not-doing
      reason: "We cannot *afford* it this year: £3,000."
      owner: Board
      updates:
        - {date: 2024-03-01, status: considering, note: "Asked the translators — *costly*."}
        - {date: 2024-04-01, status: not-doing}
  - id: llai
    said: Less paperwork.
    date: 2024-02-11
"""


def items_of(doc: str) -> list[str]:
    return re.findall(r'<article class="mic-item" id="([^"]+)"', doc)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    config = write_site(root, activities={"2024-bus-passes.yml": ACTIVITY, "2024-llais.yml": WELSH},
                        plugin={"page_size": 1})
    out = build(config, strict=True)
    docs = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return out, docs


def test_every_item_is_an_entry_at_its_permalink_with_its_words(site):
    out, docs = site
    by_location = {d["location"]: d for d in docs}
    # page_size 1: the second item of each activity is in full on the activity's feedback page 2
    expected = {"activities/2024-bus-passes/#bus-too-late", "activities/2024-bus-passes/feedback/page/2/#parking-costs",
                "activities/2024-llais/#dim-digon", "activities/2024-llais/feedback/page/2/#llai"}
    assert expected <= set(by_location)
    for location in expected:  # each item's element is where its entry points
        path, _, fragment = location.partition("#")
        assert fragment in items_of(page(out, path))
    welsh = by_location["activities/2024-llais/#dim-digon"]
    assert welsh["title"] == "Not doing: you said, 10 February 2024"
    words = html.unescape(re.sub(r"<[^>]+>", " ", welsh["text"]))
    for expected_words in ("Dim digon o wybodaeth yn Gymraeg — <script>alert(1)</script> & more please.",
                           "We cannot afford it this year: £3,000.", "Owner: Board", "Asked the translators — costly.",
                           "Said by 1 person"):
        assert expected_words in words
    assert "<script>" not in welsh["text"] and "&lt;script&gt;" in welsh["text"]  # text, never markup
    assert re.fullmatch(r"(<p>[^<>]*</p>)+", welsh["text"])
    bus = by_location["activities/2024-bus-passes/#bus-too-late"]
    assert "We moved evening clinics to finish by 17:30." in bus["text"] and "Said by 12 people · survey" in bus["text"]


def test_items_are_indexed_once_and_the_rest_of_the_page_as_before(site):
    out, docs = site
    assert [d["location"] for d in docs].count("activities/2024-bus-passes/#bus-too-late") == 1
    sections = {d["location"] for d in docs}
    assert {"activities/2024-bus-passes/", "activities/2024-bus-passes/#mic_purpose",
            "activities/2024-bus-passes/#mic_participation", "activities/2024-bus-passes/#mic_timeline"} <= sections
    feedback = next(d for d in docs if d["location"] == "activities/2024-bus-passes/#mic_feedback")
    assert "2 items, said by" in feedback["text"] and "evening appointments" not in feedback["text"]
    # the published page still has every item in full
    doc = page(out, "activities/2024-bus-passes/")
    assert "The last bus leaves before evening appointments end." in doc and "We moved evening clinics" in doc


def test_without_items_cuts_only_the_marked_parts():
    body = f"<h2>A</h2>{ITEMS_START}<p>x</p>{ITEMS_END}<p>kept</p>{ITEMS_START}<p>y</p>{ITEMS_END}!"
    assert without_items(body) == "<h2>A</h2><p>kept</p>!"
    assert without_items("<p>no markers</p>") is None
    assert without_items(f"{ITEMS_START}<p>unclosed</p>") is None


def test_sites_without_a_search_plugin_build_and_keep_every_item(tmp_path):
    config = write_site(tmp_path, mkdocs={"plugins": [{"make-it-count": {"as_of": "2024-09-01", "git": False}}]})
    out = build(config)
    assert not (out / "search").exists()
    assert items_of(page(out, "activities/2024-bus-passes/")) == ["bus-too-late", "parking-costs"]


def test_search_sections_divide_at_headings_with_an_id_and_give_escaped_words():
    from mic_plugin.mkdocs.search import search_sections

    body = ('<h1>Bus &amp; rail</h1><p>Intro <em>words</em>.</p><script>var x = "<h2 id=\\"no\\">";</script>'
            '<h2 id="mic_a">Why <a class="headerlink" href="#mic_a">¶</a></h2><ul><li>one</li><li>two &lt;b&gt;</li></ul>'
            '<h3>No id: stays in its section</h3><p>more</p><!-- <h2 id="x">hidden</h2> -->'
            '<h2 class="c" id="mic_b" title="a > b">Last</h2>')
    assert search_sections(body) == [
        ("", "", "Bus &amp; rail Intro words."),
        ("mic_a", "Why", "one two &lt;b&gt; No id: stays in its section more"),
        ("mic_b", "Last", ""),
    ]
