"""Properties of the sanitising path that must hold for any text at all, hostile or not."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mic_plugin.render.text import MarkdownRenderer, csv_cell, plain_text

FORBIDDEN_TAGS = {"script", "iframe", "style", "object", "embed", "form", "base", "meta", "link", "svg", "math"}
SAFE_SCHEMES = {"http", "https", "mailto"}
FORMULA_START = set("=+-@\t\r\n＝＋－＠")

#: Pieces of Markdown, HTML and URL syntax, so generated texts hit the parsers' interesting paths.
FRAGMENTS = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe", "<style>",
    "<a href=\"", "<form>", "<object", "<embed", "<base href=", "<meta ", "<!--", "-->", "<![CDATA[", "]]>",
    "javascript:", "JaVaScRiPt:", "vbscript:", "data:text/html,", "&#106;", "&#x6A;", "&#0000106", "&#9;",
    "&lt;", "&gt;", "&amp;", "&quot;", "[", "]", "(", ")", "](", "![", "]: ", "<", ">", "\"", "'", "`", "```",
    "{: ", "{ ", "}", " onclick=", " onerror=", " style=", " href=", " src=", " #", " .", ".md-header", "#id",
    "*", "_", "**", "# ", "## ", "###### ", "- ", "1. ", "> ", "| ", "|---|", "[^1]", "[^1]: ", "    ",
    "\n", "\n\n", "\t", " ", "x", "Croeso", "£", "—", "\u2028", "\x00", "\x02", "\x03", "https://e.org/",
    "mailto:a@e.org", "//e.org", "/\\e.org", "#frag", "../up/", "alert(1)",
]  # fmt: skip

SCHEMES = ["javascript:", "JaVaScRiPt:", " javascript:", "java\tscript:", "&#106;avascript:", "&#x6A;avascript:",
           "java&#9;script:", "vbscript:", "data:text/html,", "DATA:", "file:", "https://", "mailto:", "", "//"]
url = st.builds(
    lambda scheme, rest: scheme + rest, st.sampled_from(SCHEMES), st.sampled_from(["alert(1)", "e.org/x", "x"])
)
markdown_link = st.one_of(
    st.builds("[{}]({})".format, st.text(max_size=5), url),
    st.builds("![{}]({})".format, st.text(max_size=5), url),
    st.builds("[{0}][r]\n\n[r]: {1}".format, st.text(max_size=5), url),
    st.builds("<{}>".format, url),
    st.builds('[x](https://e.org){{: href="{}" }}'.format, url),
    st.builds('![x](https://e.org/i.png){{: src="{}" onerror="alert(1)" }}'.format, url),
)

hostile_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(markdown_link, st.sampled_from(FRAGMENTS)), max_size=20).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=30).map("".join),
)

RENDERERS = [
    MarkdownRenderer(),
    MarkdownRenderer(
        ["admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist", "pymdownx.magiclink",
         "attr_list", "md_in_html", "def_list", "footnotes", "tables", "abbr", "toc"],
        {"toc": {"permalink": True}},
    ),
]  # fmt: skip


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))


def browser_scheme(url: str) -> str | None:
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def check_sanitised(html: str) -> None:
    for tag, attrs in Elements(html).elements:
        assert tag not in FORBIDDEN_TAGS, html
        assert not re.fullmatch(r"h[1-3]", tag), html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name not in {"srcdoc", "formaction", "action", "name"}, html
            if name in {"href", "src"}:
                assert browser_scheme(value or "") in SAFE_SCHEMES | {None}, html
            if name == "style":
                assert re.fullmatch(r"text-align: (left|right|center);", value or ""), html


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text, which=st.sampled_from(range(len(RENDERERS))))
def test_rendered_markdown_never_carries_active_content(text, which):
    renderer = RENDERERS[which]
    check_sanitised(str(renderer.render(text)))


@settings(max_examples=300, deadline=None)
@given(text=hostile_text)
def test_rendering_is_deterministic(text):
    assert MarkdownRenderer().render(text) == RENDERERS[0].render(text)


@settings(max_examples=300, deadline=None)
@given(text=hostile_text, limit=st.one_of(st.none(), st.integers(min_value=1, max_value=80)))
def test_plain_text_respects_the_limit(text, limit):
    result = plain_text(text, limit)
    assert "\n" not in result and result == result.strip()
    if limit is not None:
        assert len(result) <= limit


@settings(max_examples=500)
@given(value=st.one_of(hostile_text, st.text()))
def test_csv_cell_never_starts_a_formula(value):
    cell = csv_cell(value)
    if cell:
        assert cell[0] not in FORMULA_START
        assert cell.startswith("'") or cell.lstrip()[:1] not in FORMULA_START
        assert cell in (value, "'" + value)  # the text itself is kept
