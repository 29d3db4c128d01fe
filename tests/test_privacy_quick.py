"""The privacy rule's quick test (issue 14: `mic validate` speed) never hides a finding the rendered text shows.

With the default renderer, ``PrivacyRule.find`` does not render a Markdown text that
:func:`~mic_plugin.load.privacy.rendering_adds_nothing` passes. These tests compare, on hand-picked and
generated Markdown, the findings with the quick test and with every text rendered: they must be the same.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mic_plugin.load.privacy import PrivacyRule, rendering_adds_nothing
from mic_plugin.render.text import DEFAULT_EXTENSIONS, _renderer


def _both(text: str, country: str = "GB"):
    rendered = PrivacyRule(country=country, render=_renderer().render)  # every Markdown text rendered
    quick = PrivacyRule(country=country)  # the default renderer, with the quick test
    return rendered.find(text, markdown=True), quick.find(text, markdown=True)


def test_the_quick_test_models_the_default_extensions():
    # rendering_adds_nothing describes what Markdown with these extensions can do to a text; another set
    # (smarty, pymdownx...) needs the model reviewed before this line changes.
    assert DEFAULT_EXTENSIONS == ("extra", "sane_lists")


# Texts whose rendering shows a number or address the text as written does not: never passed.
HIDDEN = [
    "Ring 07700 *900123* after six",
    "Ring 0770*0* 900 123",
    "Ring 07700 **900** 123",
    "Ring [07700](https://example.org) 900123",
    "Ring 07700 ![900](pic.png)123",
    "Ring 07700 `900123`",
    "Ring 07700\\-900123",
    "Ring 07700 90&#48;123",
    "Ring 07700 [x](y \"900123\")",
    "Write to jo&#64;example.org",
    "[mail](mailto:jo)",
    "Write to [jo](https://example.org/%40x)",
    "Ring 07700[^1] 900123\n\n[^1]: 9",
    "Ring 07700 {: title=\"900123\"}",
    "Ring 07700 <b>900123</b>",
    "Call ww*w.x* 07700 900123",
    "# 07700\n\n> 900123",
    "07700\n: 900123",
    "| 07700 | 900123 |\n|---|---|\n| a | b |",
    "    07700 [x](900123)",
]


def test_renderings_that_show_more_are_never_passed():
    for text in HIDDEN:
        assert not rendering_adds_nothing(text), text
        rendered, quick = _both(text)
        assert rendered == quick, text


# Texts like the benchmark's: many digits, none that the markup joins into a number.
PLAIN = [
    "Bus **fares** (£330) went up — see [the leaflet](https://example.org/leaflets/10). Village *ramp* (£99).",
    "Pharmacy school staff *money* hearing.\n\n- Neighbour benefit (£141)\n- Loop ignored 2019 waiting 2020",
    "Teulu plant cludiant meddyg â teulu apwyntiad **bws** (£330) ŵy, ![ramp](https://example.org/1.png) 12",
    "Ring 07700 900123 (written out: found as written, with or without the quick test)",
]


def test_texts_like_the_benchmarks_pass_and_find_the_same():
    for text in PLAIN:
        assert rendering_adds_nothing(text) or "07700" in text, text
        rendered, quick = _both(text)
        assert rendered == quick, text


PIECES = st.sampled_from([
    "0", "07", "077", "0770", "07700", "900", "9001", "90012", "900123", "+44", "(0)", "20", "7946", "0958",
    " ", " ", " ", "\n", "\n\n", "\n- ", "\n1. ", "\n> ", "\n# ", "\n: ", "\n    ", "\t",
    "a", "ring", "Bus", "ŵy", "ｗ", "０７", "\u200b", "\u00a0", "—", "·",
    "*", "**", "_", "#", ">", "+", "=", "-", ":", ".", ",", "/", "(", ")", "!", "[", "]", "](", "`", "~~~", "\\",
    "&", "&#48;", "%", "%40", "@", "＠", "mailto:", "www.", "http://", "https://x.org/", "{", "}", "|", "<", "[^1]",
    "[x](y)", "[07700](https://e.org/9)", "![pic](p.png)", "![900](9.png)", "[a](b \"123\")", "*[HTML]: 900",
])
TEXTS = st.lists(PIECES, min_size=1, max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(TEXTS, st.sampled_from(["GB", "US", "DE"]))
def test_generated_markdown_finds_the_same_with_the_quick_test(text, country):
    rendered, quick = _both(text, country)
    assert rendered == quick


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 ().-/+a٣²\n"), max_size=40))
def test_seven_digits_in_a_run_is_what_the_digit_runs_count(text):
    from mic_plugin.load.privacy import _DIGIT_RUN, _MIN_DIGITS, _SEVEN_IN_A_RUN, _digits

    counted = any(_digits(m.group(0)) >= _MIN_DIGITS for m in _DIGIT_RUN.finditer(text))
    assert counted == (_SEVEN_IN_A_RUN.search(text) is not None)
