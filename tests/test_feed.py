"""The Atom writer on its own: valid Atom for a real feed parser, hostile text escaped, no clock read."""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET

import feedparser
import pytest

from mic_plugin.render.atom import ATOM_NS, Feed, FeedEntry, atom_date, atom_xml
from mic_plugin.render.xml import xml_text

A = f"{{{ATOM_NS}}}"

HOSTILE = 'Tom & Jerry said "<script>alert(1)</script>" — £4.50 </title><entry>'


def _feed(entries=None, **kw) -> Feed:
    if entries is None:
        entries = [
            FeedEntry("tag:example.org,2024-05-20:/report/changes/a/b/2024-05-20/done", HOSTILE,
                      _dt.date(2024, 5, 20), "https://example.org/report/activities/a/#b", "Summary & more <b>x</b>"),
            FeedEntry("tag:example.org,2024-03-01:/report/changes/a/started", "Started: Gofal — £ & ‘quotes’",
                      _dt.date(2024, 3, 1), "https://example.org/report/activities/a/"),
        ]
    values = {"id": "https://example.org/report/changes/", "title": "Tŷ & Co: change log",
              "updated": _dt.date(2024, 5, 20), "self_url": "https://example.org/report/changes/feed.xml",
              "alternate_url": "https://example.org/report/changes/", "author": "Tŷ <Cymunedol> & Co",
              "entries": entries}
    values.update(kw)
    return Feed(**values)


def test_a_real_feed_parser_reads_it_without_complaint():
    parsed = feedparser.parse(atom_xml(_feed()).encode("utf-8"))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Tŷ & Co: change log"
    assert parsed.feed.author_detail.name == "Tŷ <Cymunedol> & Co"
    assert [e.title for e in parsed.entries] == [HOSTILE, "Started: Gofal — £ & ‘quotes’"]
    assert parsed.entries[0].summary == "Summary & more <b>x</b>"
    assert parsed.entries[0].link == "https://example.org/report/activities/a/#b"
    assert parsed.entries[0].id == "tag:example.org,2024-05-20:/report/changes/a/b/2024-05-20/done"
    assert parsed.entries[0].updated_parsed[:3] == (2024, 5, 20)
    assert parsed.feed.updated_parsed[:3] == (2024, 5, 20)


def test_text_stays_text_the_markup_in_it_is_never_an_element():
    root = ET.fromstring(atom_xml(_feed()).encode("utf-8"))
    entries = root.findall(f"{A}entry")
    assert len(entries) == 2  # the "<entry>" in a title did not make a third
    title = entries[0].find(f"{A}title")
    assert title.get("type") == "text" and title.text == HOSTILE and len(title) == 0
    assert root.find(f"{A}author/{A}name").text == "Tŷ <Cymunedol> & Co"
    assert root.find(f"{A}link[@rel='self']").get("href") == "https://example.org/report/changes/feed.xml"


def test_characters_xml_cannot_carry_are_dropped_not_fatal():
    entry = FeedEntry("tag:x,2024-01-01:/a", "bell\x07 and\x00 nul\ufffe", _dt.date(2024, 1, 1), "https://x/",
                      'tab\tquote" newline\ncr\r')
    text = atom_xml(_feed([entry]))
    root = ET.fromstring(text.encode("utf-8"))  # would raise on an invalid character
    assert root.find(f"{A}entry/{A}title").text == "bell and nul"
    assert root.find(f"{A}entry/{A}summary").text == 'tab\tquote" newline\ncr\r'
    assert feedparser.parse(text.encode("utf-8")).bozo == 0


def test_xml_text_escapes_for_text_and_attributes():
    assert xml_text('a<b>&"c"') == "a&lt;b&gt;&amp;&quot;c&quot;"
    assert xml_text("&amp;") == "&amp;amp;"  # already-escaped text is text: escaped again


def test_dates_are_rfc3339_midnight_utc():
    assert atom_date(_dt.date(2024, 3, 5)) == "2024-03-05T00:00:00Z"
    assert atom_date(_dt.datetime(2024, 3, 5, 17, 30)) == "2024-03-05T00:00:00Z"


def test_same_feed_same_bytes_and_no_build_time():
    first = atom_xml(_feed())
    assert first == atom_xml(_feed())
    today = _dt.date.today().isoformat()
    assert today not in first
    assert first.count("<updated>") == 3
    assert "<updated>2024-05-20T00:00:00Z</updated>" in first


@pytest.mark.parametrize("lang", ["", "cy"])
def test_empty_feed_is_still_valid(lang):
    text = atom_xml(_feed([], language=lang))
    parsed = feedparser.parse(text.encode("utf-8"))
    assert parsed.bozo == 0 and parsed.entries == []
    assert (f'xml:lang="{lang}"' in text) == bool(lang)
