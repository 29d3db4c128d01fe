"""Issue 8, property-based: arbitrary text in the fields of a real site never crashes the build and never
publishes executable markup or a spreadsheet formula.

Hypothesis writes text (unicode, control characters, markup fragments, XSS payloads, template syntax) into
the organisation's name, an activity's title, summary and theme, a feedback item's said, source, did and
owner, and a measure's name and unit; the YAML is written with ``yaml.safe_dump`` so it is valid. Each
example is built with MkDocs and Material. The build either succeeds, or stops with the contract's
``file:line: field: message`` errors (an empty title, a phone number...), never with a traceback. When it
succeeds, every page, the feed, the badges and the open data are parsed, and nothing may run that a clean
build of the same site does not have.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml
from kits.hostilekit import (
    MARKDOWN_PAYLOADS,
    PAYLOADS,
    dump,
    harmless,
    json_strings,
    read_csv,
    scan_html,
    svg_features,
    visible_text,
)
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from kits.sitekit import workspace as site_workspace

#: Pieces of markup, Markdown and template syntax that random text is built from, with the payloads.
FRAGMENTS = PAYLOADS + MARKDOWN_PAYLOADS + (
    "<", ">", "&", "&amp;", "&lt;", "&#60;", "&#x3c;", '"', "'", "`", "javascript:", "JaVa\tScRiPt:", "data:",
    "[a](", "](", ")", "![", "*", "_", "**", "#", "# ", "- ", "1. ", "> ", "    ", "\n", "\n\n", "\r", "\r\n",
    "\t", "\x00", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\u202e", "{{", "}}", "{%", "%}", "]]>",
    "<!--", "-->", "<![CDATA[", "</", "/>", "=", "+", "-", "@", "|", ":--", "<a href=", "onerror=",
    "<scr<script>ipt>", "<svg><script>", "http://", "https://", "mailto:", "%3Cscript%3E", "\\u003c",
    "Tŷ", "£", "—", "ñ", "漢字", "😀", "\u0301",
)
PIECES = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(exclude_categories=("Cs",)), max_size=12)),
    max_size=6,
).map("".join)
#: Mostly text with some words in it (so most examples build), sometimes anything at all (blank included).
TEXT = st.one_of(
    st.tuples(PIECES, st.sampled_from([f for f in FRAGMENTS if f.strip()]), PIECES).map("".join),
    PIECES,
)
FIELDS = ("name", "title", "summary", "theme", "said", "source", "did", "owner", "measure", "unit")

CONTRACT_ERROR = re.compile(r"^make-it-count: content/(organisation\.yml|activities/2024-fuzz\.yml)(:\d+)?: \S")
SUMMARY = re.compile(r"^\d+ problems? in the content \(listed above\)")


def content(texts: dict[str, str]) -> tuple[str, str]:
    """(organisation.yml, activity YAML) carrying the generated texts."""
    organisation = {"name": texts["name"], "purpose": "Why we involve people.", "public_contacts": ["0300 123 4567"]}
    activity = {
        "title": texts["title"], "summary": texts["summary"], "approach": "consulting", "status": "open",
        "started": "2024-01-10", "themes": [texts["theme"]],
        "feedback": [
            {"id": "item-one", "said": texts["said"], "date": "2024-02-01", "source": texts["source"],
             "themes": [texts["theme"], "Transport"],
             "response": {"status": "done", "did": texts["did"], "owner": texts["owner"], "due": "2024-03-01",
                          "updates": [{"date": "2024-02-10", "status": "done", "note": texts["said"]}]}},
            {"id": "item-two", "said": "Plain words.", "date": "2024-02-02"},
        ],
        "outcomes": [{"id": "m", "measure": texts["measure"], "type": "outcome", "value": 3, "unit": texts["unit"],
                      "date": "2024-03-01", "method": texts["source"]}],
    }
    return dump(organisation), dump(activity)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    with site_workspace(tmp_path_factory.mktemp("fuzz")) as ws:
        yield ws


@pytest.fixture(scope="module")
def allowed(workspace) -> set:
    """Everything executable-looking the theme itself puts on the pages of a clean build."""
    site, errors = workspace.build(*content({field: f"Plain {field}" for field in FIELDS}))
    assert site is not None, errors
    features = set()
    for path in site.rglob("*.html"):
        features |= set(scan_html(path.read_text(encoding="utf-8")).features)
    return features


def _written(texts: dict[str, str]) -> bool:
    """True when the YAML written holds exactly the texts (YAML folds some characters, e.g. NEL, into spaces)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the loader the plugin uses
    try:
        organisation, activity = content(texts)
        return (yaml.load(organisation, Loader=loader)["name"], yaml.load(activity, Loader=loader)) == (
            texts["name"], yaml.safe_load(activity)) and _activity_texts(yaml.load(activity, Loader=loader)) == {
            field: texts[field] for field in FIELDS if field != "name"}
    except yaml.YAMLError:
        return False


def _activity_texts(activity: dict) -> dict[str, str]:
    item = activity["feedback"][0]
    return {"title": activity["title"], "summary": activity["summary"], "theme": activity["themes"][0],
            "said": item["said"], "source": item["source"], "did": item["response"]["did"],
            "owner": item["response"]["owner"], "measure": activity["outcomes"][0]["measure"],
            "unit": activity["outcomes"][0]["unit"]}


def check_site(site: Path, allowed: set, texts: dict[str, str]) -> None:
    """Nothing executable, nothing formula-like, titles inert, the data as written."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        extra = [f for f in scan_html(html).features if f not in allowed and not harmless(f)]
        assert extra == [], (path.relative_to(site).as_posix(), extra)
        for title in re.findall(r"<title>(.*?)</title>", html, re.DOTALL):
            assert "<" not in title, title
    feed = (site / "changes/feed.xml").read_bytes()
    ET.fromstring(feed)
    parsed = feedparser.parse(feed)
    assert not parsed.bozo, parsed.get("bozo_exception")
    for svg in (site / "badges").glob("*.svg"):
        assert svg_features(svg) == [], svg.name
    report = json.loads((site / "data/report.json").read_text(encoding="utf-8"))
    published = set(json_strings(report))
    for field in ("title", "summary", "said", "did", "owner", "source", "measure"):
        assert texts[field] in published, field  # open data carries the text as written
    for row in read_csv(site / "data/feedback.csv"):
        for name, cell in row.items():
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), (name, cell)
            assert cell.lstrip()[:1] not in ("=", "+", "-", "@"), (name, cell)
    for doc in json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]:
        assert not scan_html(doc["title"]).features and not scan_html(doc["text"]).features, doc["location"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.fixed_dictionaries({field: TEXT for field in FIELDS}))
def test_arbitrary_text_builds_safely_or_fails_with_contract_errors(workspace, allowed, texts):
    assume(_written(texts))
    site, errors = workspace.build(*content(texts))
    event("refused by the contract" if site is None else "built")
    if site is None:  # refused: only the contract's own messages, and nothing published
        assert errors, "the build stopped without saying why"
        for message in errors:
            assert CONTRACT_ERROR.match(message) or SUMMARY.match(message), message
        assert not (workspace.site / "activities").exists()
        return
    check_site(site, allowed, texts)
    page = visible_text((site / "activities/2024-fuzz/index.html").read_text(encoding="utf-8"))
    words = " ".join(texts["title"].split())
    if words and words.isprintable():  # the title shows its words (control characters aside)
        assert words in page


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads=st.lists(st.sampled_from(PAYLOADS), min_size=1, max_size=6), prefix=st.sampled_from(
    ["", "Q ", "=", "+", "-", "@", "\t", " =", "# ", "- ", "> "]))
def test_payload_combinations_are_shown_not_run(workspace, allowed, payloads, prefix):
    text = prefix + " ".join(payloads)
    texts = {field: f"{text} {field}" for field in FIELDS}
    texts["title"] = text + " title"
    texts["theme"] = texts["theme"].replace(";", ",")  # ';' separates themes: a theme holding one is refused
    site, errors = workspace.build(*content(texts))
    assert site is not None, errors  # valid content: it must build
    check_site(site, allowed, texts)
    page = visible_text((site / "activities/2024-fuzz/index.html").read_text(encoding="utf-8"))
    assert " ".join(texts["title"].split()) in page  # a plain-text field shows exactly what was written
