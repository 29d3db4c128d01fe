"""Issue 12, property-based: random content, hostile text included, never crashes a build, and no published
file holds a control character or a contact detail.

Hypothesis writes text built from pieces of telephone numbers and e-mail addresses (split by Markdown
emphasis, code, escapes, character references, invisible and look-alike characters, line breaks), control
characters, runs of Markdown punctuation and plain words into one field of any kind (an organisation's name, an
activity's title, summary and theme, a feedback item's id, said, source, did and owner, an update's note, a
measure), and hostile text without digits into all the others. Each example is validated and built. Either the build stops with the contract's one-line
``file:line: field: message`` errors (never a traceback), or every file it writes (pages, search index, feed,
badges, open data) is read as text: no control character other than tab and line breaks, and no telephone
number or e-mail address (character references decoded, look-alikes folded) other than the organisation's
public contacts.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from mic_plugin.load.privacy import PrivacyRule
from kits.sitekit import workspace as site_workspace

PUBLIC = ["0300 123 4567", "hello@trust.example"]
CONTACT_PIECES = (
    "07700", "900", "123", "900123", "01632", "960", "001", "020", "7946", "0959", "+44", "(0)", "0044",
    "jo", "@", "＠", "﹫", "example", ".org", "bücher.example", "&#64;", "&commat;", "&#48;", "mailto:",
    "ma&#105;lto:", "%40", "[me](", "](mailto:", ")", "<", ">", "*", "**", "`", "\\", "\\-", "-", "–", "—",
    "\u2212", ".", " ", "\u00a0", "\u200b", "\u00ad", "\u2060", "\u2800", "\u3164", "\n", "\n\n", "|",
    "０７７００", "９００１２３",
)
HOSTILE_PIECES = (
    "\x00", "\x07", "\x0b", "\x1b[31m", "\x7f", "\x85", "\ud7ff", "\ufeff", "\u202e", "::error::", "\r",
    "[" * 50, "![" * 20, "[x][" * 20, "[](" * 20, "*" * 30, "_" * 30, "> " * 8, "1. " * 8, "`" * 7,
    "<script>", "&#0;", "&#x1b;", "{{", "{%", "1:30", "012", "0x1F", ".nan",
)
WORDS = ("Carers", "said", "the bus", "is late", "Tŷ", "£5", "2024-03-05", "10:00-12:00", "ISBN 978-0-306-40615-7",
         "NT 25895 73340", "![logo](images/logo@2x.png)")
PIECE = st.one_of(st.sampled_from(CONTACT_PIECES), st.sampled_from(HOSTILE_PIECES), st.sampled_from(WORDS),
                  st.text(st.characters(exclude_categories=("Cs",)), max_size=6))
#: Hostile text without digits or '@', for the fields around the one holding contact pieces (so that no number
#: is made of two fields that a page happens to show side by side).
OTHER = st.lists(st.one_of(st.sampled_from([p for p in HOSTILE_PIECES if not re.search(r"[0-9]", p)]),
                           st.text(st.characters(exclude_categories=("Cs", "Nd", "No"), exclude_characters="@＠﹫&%"),
                                   max_size=6)), min_size=1, max_size=6).map("".join)
TEXT = st.lists(PIECE, min_size=1, max_size=10).map("".join)
FIELDS = ("name", "title", "summary", "theme", "id", "said", "source", "did", "owner", "note", "measure")
EXAMPLE = st.sampled_from(FIELDS).flatmap(lambda chosen: st.fixed_dictionaries(
    {field: TEXT if field == chosen else OTHER for field in FIELDS}))

CONTRACT_ERROR = re.compile(r"^make-it-count: content/(organisation\.yml|activities/2024-fuzz\.yml)(:\d+)?: \S")
SUMMARY = re.compile(r"^\d+ problems? in the content \(listed above\)")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TAGS = re.compile(r"<[^>]*>")
RULE = PrivacyRule(PUBLIC)


def content(texts: dict[str, str]) -> tuple[str, str]:
    organisation = {"name": texts["name"], "purpose": "Why we involve people.", "public_contacts": PUBLIC}
    activity = {
        "title": texts["title"], "summary": texts["summary"], "approach": "consulting", "status": "open",
        "started": "2024-01-10", "themes": [texts["theme"]],
        "feedback": [
            {"id": texts["id"], "said": texts["said"], "date": "2024-02-01", "source": texts["source"],
             "themes": [texts["theme"]],
             "response": {"status": "done", "did": texts["did"], "owner": texts["owner"],
                          "updates": [{"date": "2024-02-10", "status": "done", "note": texts["note"]}]}},
        ],
        "outcomes": [{"id": "m", "measure": texts["measure"], "type": "outcome", "value": 3, "date": "2024-03-01"}],
    }
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)  # noqa: E731
    return dump(organisation), dump(activity)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    with site_workspace(tmp_path_factory.mktemp("trustfuzz"), {"markdown_extensions": ["toc", "tables", "attr_list"]}) as ws:
        yield ws


INLINE = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>")


def _units(text: str, suffix: str) -> list[str]:
    """The pieces of a published file a reader reads as one run of text: each JSON string and CSV cell, and in
    markup each block (inline tags such as <em> joined, every other tag a break). Neighbouring fields shown
    in separate blocks are not one number."""
    if suffix == ".json":
        strings: list[str] = []
        def walk(value):
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, dict):
                for key, item in value.items():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(json.loads(text))
        return [unit for s in strings for unit in _units(s, ".html")]
    if suffix == ".csv":
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    return re.split(r"<[^>]*>", INLINE.sub("", text))


def _contacts(text: str, suffix: str) -> list[str]:
    """Contact details in a published file, read as a reader would (references decoded, look-alikes folded)."""
    return [f"{f.kind} {f.masked} in {unit[:80]!r}" for unit in _units(text, suffix) for f in RULE.find(unit)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=EXAMPLE)
def test_random_content_publishes_no_control_character_and_no_contact_detail(workspace, texts):
    try:
        organisation, activity = content(texts)
        yaml.safe_load(organisation), yaml.safe_load(activity)
    except yaml.YAMLError:
        assume(False)
    site, errors = workspace.build(*content(texts))
    event("refused by the contract" if site is None else "built")
    for message in errors:
        assert "Traceback" not in message and "\n" not in message, message
    if site is None:
        assert errors, "the build stopped without saying why"
        for message in errors:
            assert CONTRACT_ERROR.match(message) or SUMMARY.match(message), message
        return
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".xml", ".json", ".csv", ".svg", ".txt"):
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(site).as_posix()
        assert not CONTROL.search(text), (rel, CONTROL.search(text).group())
        assert _contacts(text, path.suffix) == [], rel
