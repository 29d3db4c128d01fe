"""The one escaper for XML and HTML written as strings (badges, charts, the feed, embed snippets)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from mic_plugin.render.xml import clean, escape, xml_text


class _Attrs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append(dict(attrs))


@given(st.text())
def test_any_text_survives_as_xml_text_and_attribute(text):
    kept = clean(text)
    root = ET.fromstring(f'<a title="{xml_text(text)}">{xml_text(text)}</a>')
    assert root.get("title") == kept.replace("\n", " ").replace("\t", " ")  # XML normalises attribute whitespace
    assert (root.text or "") == kept


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))))
def test_html_attributes_read_back_as_written(text):
    parser = _Attrs()
    parser.feed(f'<img alt="{escape(text)}">')
    assert parser.found == [{"alt": text}]


def test_clean_removes_or_replaces_what_xml_cannot_carry():
    assert clean("a\x00b\x1fc\ufffe") == "abc"
    assert clean("a\x00b", "\ufffd") == "a\ufffdb"
    assert escape('<a href="x">&amp;</a>\r') == "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;&#13;"
