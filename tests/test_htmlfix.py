"""mic_plugin.mkdocs.htmlfix: the Nu checker errors in Material's markup are removed, nothing else changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mic_plugin.mkdocs.htmlfix import AUTOCOMPLETE_INPUT_TYPES, fix_page, fix_start_tag

# The lines Material for MkDocs 9.x writes (base.html; partials/nav-item.html with navigation.sections).
DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
SEARCH = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
SECTION = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
QUERY = (
    '<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search"'
    ' autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required>'
)

PAGE = f"""<!doctype html>
<html lang="en">
  <head><title>Site &lt;input type="checkbox" autocomplete="off"&gt;</title></head>
  <body dir="ltr">
    {DRAWER}
    {SEARCH}
    <label class="md-overlay" for="__drawer"></label>
    <form class="md-search__form" name="search">{QUERY}</form>
    <nav>{SECTION}Section</label></nav>
    <label class="md-nav__link" for="__nav_3" tabindex="0">Expandable</label>
    <!-- <input type="checkbox" autocomplete="off"> kept in a comment -->
    <script>const tpl = '<input type="checkbox" autocomplete="off">';</script>
    <pre><code>&lt;input type="checkbox" autocomplete="off"&gt;</code></pre>
  </body>
</html>
"""


def test_material_toggles_lose_autocomplete_and_nothing_else():
    fixed = fix_page(PAGE)
    assert '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' in fixed
    assert '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">' in fixed
    assert DRAWER not in fixed and SEARCH not in fixed
    assert fixed == PAGE.replace(' autocomplete="off">', ">", 2).replace(' tabindex=""', "")


def test_text_inputs_keep_autocomplete():
    assert QUERY in fix_page(PAGE)


def test_empty_tabindex_removed_but_real_tabindex_kept():
    fixed = fix_page(PAGE)
    assert '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">Section' in fixed
    assert '<label class="md-nav__link" for="__nav_3" tabindex="0">Expandable' in fixed


def test_comments_scripts_titles_and_code_are_left_alone():
    fixed = fix_page(PAGE)
    assert "<!-- <input type=\"checkbox\" autocomplete=\"off\"> kept in a comment -->" in fixed
    assert "const tpl = '<input type=\"checkbox\" autocomplete=\"off\">';" in fixed
    assert '<title>Site &lt;input type="checkbox" autocomplete="off"&gt;</title>' in fixed
    assert '<code>&lt;input type="checkbox" autocomplete="off"&gt;</code>' in fixed


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("<INPUT TYPE=CHECKBOX AUTOCOMPLETE=OFF>", "<INPUT TYPE=CHECKBOX>"),
        ("<input type='radio' autocomplete='off' name=x>", "<input type='radio' name=x>"),
        ("<input autocomplete=\"off\" type=\"checkbox\"/>", '<input type="checkbox"/>'),
        ("<input\n  type=\"checkbox\"\n  autocomplete=\"off\"\n>", '<input\n  type="checkbox"\n>'),
        ('<input type="checkbox" data-x="a>b" autocomplete="off">', '<input type="checkbox" data-x="a>b">'),
        ('<input type="submit" autocomplete>', '<input type="submit">'),
        ('<input autocomplete="off">', '<input autocomplete="off">'),  # no type: a text input
        ('<input type=" Email " autocomplete="email">', '<input type=" Email " autocomplete="email">'),
        ('<div tabindex=" ">', "<div>"),
        ("<div tabindex>", "<div>"),
        ('<div tabindex="-1">', '<div tabindex="-1">'),
        ('<select autocomplete="off">', '<select autocomplete="off">'),  # allowed on select
        ('<a href="?tabindex=">', '<a href="?tabindex=">'),  # the word inside a value is not an attribute
    ],
)
def test_fix_start_tag(tag, expected):
    assert fix_start_tag(tag) == expected


@pytest.mark.parametrize("input_type", sorted(AUTOCOMPLETE_INPUT_TYPES))
def test_every_text_like_type_keeps_autocomplete(input_type):
    tag = f'<input type="{input_type}" autocomplete="off">'
    assert fix_start_tag(tag) == tag


def test_real_material_page_shape_is_fixed_once_and_stays_fixed():
    once = fix_page(PAGE)
    assert fix_page(once) == once


TOC_LABEL = '<label class="md-nav__title" for="__toc">Table of contents</label>'


@pytest.mark.parametrize("toggle", [
    '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">',
    "<input type=checkbox id=__toc>",
    "<input type='checkbox' ID='__toc'>",
])
def test_toc_label_kept_when_the_page_has_its_toggle(toggle):
    page = f"<nav>{toggle}{TOC_LABEL}</nav>"
    assert fix_page(page) == page


@pytest.mark.parametrize("elsewhere", [
    "",
    '<a href="#x" title="see id=__toc">a link title written by the public</a>',
    '<p data-note=\'id="__toc"\'>text</p>',
    "<!-- <input id=__toc> -->",
])
def test_toc_label_loses_its_for_when_no_element_has_the_id(elsewhere):
    fixed = fix_page(f"<nav>{TOC_LABEL}</nav>{elsewhere}")
    assert fixed == f'<nav><label class="md-nav__title">Table of contents</label></nav>{elsewhere}'


_TOKENS = [
    "<input", "<label", "<div", " type=", "checkbox", "text", '"', "'", " autocomplete", "=off", " tabindex",
    '=""', "=0", ">", "/>", "<!--", "-->", "<script>", "</script>", "<title>", "</title>", " ", "\n", "x",
]
_html_text = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)


@given(_html_text)
def test_never_adds_text_and_is_idempotent(html):
    fixed = fix_page(html)
    assert len(fixed) <= len(html)
    assert fix_page(fixed) == fixed


@given(_html_text)
def test_pages_without_the_trigger_words_come_back_unchanged(html):
    if "autocomplete" not in html.lower() and "tabindex" not in html.lower():
        assert fix_page(html) == html
