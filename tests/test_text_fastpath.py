"""The plain-prose fast path of MarkdownRenderer: the same HTML as the full Markdown path, or not taken."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension

from mic_plugin.render import text as text_module
from mic_plugin.render.text import MarkdownRenderer, plain_text, plain_text_of_html

EXTENSION_SETS = {
    "default": None,
    "mkdocs": (["toc", "tables", "fenced_code"], {}),
    "demo": (["toc", "tables", "fenced_code", "attr_list", "admonition"], {"toc": {"permalink": True}}),
    "material": ([
        "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
        "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details", "pymdownx.emoji",
        "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark", "pymdownx.superfences",
        "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde", "pymdownx.saneheaders",
    ], {"toc": {"permalink": "#", "toc_depth": 3}, "pymdownx.tasklist": {"custom_checkbox": True}}),
}


def renderer_for(name: str) -> MarkdownRenderer:
    spec = EXTENSION_SETS[name]
    return MarkdownRenderer() if spec is None else MarkdownRenderer(*spec)


RENDERERS = {name: renderer_for(name) for name in EXTENSION_SETS}

PLAIN_WORDS = st.sampled_from([
    "carers", "said", "Gofal", "â", "Chymraeg", "ŵyr", "£20", "10%", "2024", "Mr.", "we'd", "“quoted”", "(note)",
    "and/or", "co-production", "—", "–", "…", "Note:", "It's", "‘single’", "\"double\"", "why?", "yes!", "€5",
    "*em*", "**strong**", "*two words*", "**don't**", "(*aside*)", "*x*.", "*last*,", "**Note**:", "*co-op*",
    "🙂", "🙂.", "❤️", "👍🏽", "✓", "[the leaflet](https://example.org/leaflets/71)", "[x](http://a.b/c-d/)",
    "([notes](https://example.org))", "[Gofal â 2](https://e.org/a/b.html),",
])
SPECIAL_WORDS = st.sampled_from([
    "1.", "http://x.org", ":smile:", "*em*", "**strong**", "_u_", "a&b", "&amp;", "<b>", "#tag", "[link](x)",
    "`code`", "~~s~~", "==m==", "^^c^^", "++ctrl++", "{: #id}", "!!!", "???", "-", "+", "=", ">", "|", "\\",
    "$x$", "\t", "\u00a0", "\u200b", "e\u0301", "x\x00", "---", "===", "    ", ":", "-a", "(c)", "-->",
    "***both***", "*unclosed", "a*b*c", "* spaced *", "*trailing *", "**mixed*", "*a**", "2 * 3", "*_x_*",
    "[*x*](https://a.b)", "![x](https://a.b)", '[x](https://a.b "t")', "[x](https://a_b.c)", "[x](/local/)",
    "[a](https://a.b)[b](https://c.d)", "*see [x](https://a.b)*", "[x](https://a.b)*", "x[y](https://a.b)",
    "[x](https://a.b))", "[x](https://a.b)y", "[x]: https://a.b", "[x] (https://a.b)", "[x](ftp://a.b)",
    "[x](https://a.b/(c))", "\u200d", "🙂\u200d🙂", ":🙂", "[🙂](https://a.b)",
])
WORDS = st.one_of(*[PLAIN_WORDS] * 8, SPECIAL_WORDS)
SEPARATORS = st.one_of(*[st.just(" ")] * 6, st.sampled_from(["\n", "\n\n", "\n\n\n", ", ", ". "]),
                       st.sampled_from(["  \n", " \n", "\n ", "\n    ", "\n\n    ", "\n- ", "\n1. "]))


@st.composite
def prose_like(draw) -> str:
    """Texts near the border of plain prose: mostly words, with separators and now and then a special."""
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    out = words[0]
    for word in words[1:]:
        out += draw(SEPARATORS) + word
    edges = st.one_of(*[st.just("")] * 4, st.sampled_from(["\n", " ", "\n\n"]))
    return draw(edges) + out + draw(st.one_of(edges, st.just("\n")))


@st.composite
def pure_prose(draw) -> str:
    """Words and clean separators only: the texts the fast path is for (some still start with a digit)."""
    words = draw(st.lists(PLAIN_WORDS, min_size=1, max_size=12))
    out = words[0]
    for word in words[1:]:
        out += draw(st.sampled_from([" ", " ", " ", "\n", "\n\n", "\n\n\n", ", ", "; ", "\n- ", "\n\n- "])) + word
    if draw(st.booleans()):
        out = "- " + out
    return out + draw(st.sampled_from(["", "", "\n", "\n\n"]))


@pytest.mark.parametrize("name", sorted(EXTENSION_SETS))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(pure_prose(), prose_like(), st.text(max_size=40)))
@example(text="Carers said: the bus is late.\n\nWe asked the council.\n")
@example(text="It’s “too far” (about 3 miles) – and costs £5… or more!\nSecond line.")
def test_fast_path_gives_what_the_full_path_gives(name, text):
    renderer = RENDERERS[name]
    paragraphs = renderer.prose_blocks(text)
    full = renderer._render_markdown(text)
    if paragraphs is not None:
        assert "\n".join(paragraphs) == str(full), text
    assert renderer.render(text) == full


@pytest.mark.parametrize("text", [
    "Plain words.", "Two lines\nof one paragraph.", "One.\n\nTwo.\n", "Welsh: Gofal â Chymraeg, £20 – 10%.",
    "“Quoted” and it's fine (really)!", "Questions? Yes; answers/notes too…", "We *did* it, **twice** (*really*).",
    "We heard:\n\n- long waits\n- *high* costs (£4)\n\nThank you.",
    "Thanks 🙂. See [the leaflet](https://example.org/leaflets/71).", "- [one](https://a.org/x) ❤️\n- two",
])
def test_plain_prose_takes_the_fast_path(text):
    for name, renderer in RENDERERS.items():
        assert renderer.prose_blocks(text) is not None, name


@pytest.mark.parametrize("text", [
    "1. a list", "- a list\nand more", "- a\n  - nested", "-a", "- 1 item", "text\n- a", "# heading", "Title\n===", "a*em*", "*em*b", "* em *", "***em***", "a_b_c", "x & y", "<b>x</b>", "see http://x.org",
    ":smile:", "Note:smile:", "a  \nb", " indented", "    code", "> quote", "a | b", "term\n: definition",
    "!!! note", "??? note", "==mark==", "++ctrl++", "~~del~~", "^^ins^^", "{++add++}", "[TOC]", "$x$", "a\tb",
    "non\u00a0breaking", "zero\u200bwidth", "a\r\nb", "", "\n\n", "Line ends \nwith a space",
])
def test_anything_else_takes_the_full_path(text):
    for name, renderer in RENDERERS.items():
        assert renderer.prose_blocks(text) is None, (name, text)


@pytest.mark.parametrize("extensions, configs", [
    (["smarty"], {}),  # quotes and dashes become typographic
    (["nl2br"], {}),  # line breaks become <br>
    (["meta"], {}),  # "Key: value" on the first line is taken away
    (["pymdownx.magiclink"], {}),  # bare addresses become links
    (["pymdownx.smartsymbols"], {}),  # (c), 1/2, --> become symbols
    (["toc"], {"toc": {"marker": "Contents"}}),  # a paragraph "Contents" becomes the table of contents
    (["abbr"], {"abbr": {"glossary": {"NHS": "National Health Service"}}}),  # plain words get <abbr>
    (["extra"], {"extra": {"footnotes": {"PLACE_MARKER": "Notes"}}}),
    ([TocExtension()], {}),  # an extension object: unknown, so not trusted
])
def test_extensions_that_change_prose_turn_the_fast_path_off(extensions, configs):
    renderer = MarkdownRenderer(extensions, configs)
    assert renderer.prose_blocks("Contents") is None
    assert renderer.prose_blocks("Plain words.") is None


def test_options_of_an_extension_not_in_use_do_not_matter():
    renderer = MarkdownRenderer(["toc"], {"smarty": {"smart_quotes": True}, "toc": {"permalink": True}})
    assert renderer.prose_blocks("Plain words.") == ["<p>Plain words.</p>"]


def test_fast_path_results_are_cached_like_any_other():
    renderer = MarkdownRenderer()
    first = renderer.render("Plain words.")
    assert renderer.render("Plain words.") is first
    assert first == "<p>Plain words.</p>"
    assert renderer.render("A *few* **words**.") == "<p>A <em>few</em> <strong>words</strong>.</p>"


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(pure_prose(), prose_like(), st.text(max_size=60)), limit=st.one_of(st.none(), st.integers(1, 50)))
def test_plain_text_of_rendered_html_matches_plain_text(text, limit):
    renderer = RENDERERS["default"]
    assert plain_text_of_html(renderer.render(text), limit) == plain_text(text, limit)


MARKDOWNISH = st.sampled_from([
    "*em*", "**strong**", "`code`", "[a link](https://example.org/x?a=1&b=2)", "<b>raw</b>", "&amp;", "&copy;",
    "a & b", "x < y > z", "\n\n- one\n- two\n\n", "\n\n1. one\n2. two\n\n", "\n\n> quoted\n\n", "\n\n# Heading\n\n",
    "![alt text](pic.png)", "text[^1]\n\n[^1]: a note\n\n", "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n", "<br>", "line  \nbreak",
    "*[HTML]: Hyper Text\n\nHTML", "Term\n: Definition\n\n", "\n\n```\ncode <b>\n```\n\n", "{: .cls }", "\u00a0", "£",
])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(MARKDOWNISH, PLAIN_WORDS, st.text(max_size=8)), min_size=1, max_size=10))
def test_words_of_html_without_a_parser_are_the_parsers_words(parts):
    """The regex path of plain text gives exactly the words the HTML parser gives, on real renderer output."""
    for name in ("default", "material"):
        html = str(RENDERERS[name].render(" ".join(parts)))
        assert text_module._words_of_html(html) == text_module._parsed_words_of_html(html), html
