"""Quality badges: what a reader (and a screen reader) gets from the SVG and the endpoint JSON."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mic_plugin.derive.scoring import Score, badge_color
from mic_plugin.render import badges
from mic_plugin.render.badges import (
    badge_endpoint,
    badge_svg,
    char_width,
    text_width,
)

SVG = "{http://www.w3.org/2000/svg}"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def drawn_texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def visible_texts(root: ET.Element) -> list[str]:
    """The texts drawn in front (not the shadow copies), left to right."""
    return [t.text for t in drawn_texts(root) if t.get("fill-opacity") is None]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, computed independently of the module under test."""

    def luminance(color: str) -> float:
        digits = color.lstrip("#")
        if len(digits) == 3:
            digits = "".join(d + d for d in digits)
        values = []
        for i in (0, 2, 4):
            c = int(digits[i : i + 2], 16) / 255
            values.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --- message --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("met", "applicable"), [(-1, 3), (4, 3), (0, -1), (1, 0)])
def test_impossible_scores_are_refused(met, applicable):
    with pytest.raises(ValueError, match="impossible score"):
        badge_color(met, applicable)


def test_score_must_be_whole_numbers():
    with pytest.raises(TypeError):
        badge_color(1.5, 3)
    with pytest.raises(TypeError):
        badge_color(True, 3)


# --- colour ---------------------------------------------------------------------------------------

GREY, RED, ORANGE, YELLOW, YELLOWGREEN, GREEN = (
    "#767676",
    "#c13f2e",
    "#a9510f",
    "#8b6800",
    "#5f7000",
    "#2e7d1f",
)


@pytest.mark.parametrize(
    ("met", "applicable", "expected"),
    [
        (0, 0, GREY),
        (0, 1, RED),
        (0, 29, RED),
        (24, 100, RED),
        (25, 100, ORANGE),
        (1, 4, ORANGE),
        (49, 100, ORANGE),
        (50, 100, YELLOW),
        (1, 2, YELLOW),
        (74, 100, YELLOW),
        (75, 100, YELLOWGREEN),
        (3, 4, YELLOWGREEN),
        (99, 100, YELLOWGREEN),
        (28, 29, YELLOWGREEN),
        (100, 100, GREEN),
        (1, 1, GREEN),
    ],
)
def test_colour_bands_and_their_edges(met, applicable, expected):
    assert badge_color(met, applicable) == expected


def test_colour_is_documented_for_every_band():
    doc = badge_color.__doc__
    for colour in (GREY, RED, ORANGE, YELLOW, YELLOWGREEN, GREEN):
        assert colour in doc


def test_colour_never_gets_better_as_fewer_are_met():
    order = [GREY, RED, ORANGE, YELLOW, YELLOWGREEN, GREEN]
    ranks = [order.index(badge_color(met, 40)) for met in range(41)]
    assert ranks == sorted(ranks)
    assert set(ranks) == {1, 2, 3, 4, 5}


@pytest.mark.parametrize("score", [(0, 0), (0, 4), (1, 4), (2, 4), (3, 4), (4, 4)])
def test_message_text_is_white_and_readable_on_every_score_colour(score):
    colour = badge_color(*score)
    assert contrast(colour, "#fff") >= 4.5
    message = Score(*score).message
    root = parse(badge_svg("quality", message, colour))
    message_text = [t for t in drawn_texts(root) if t.text == message]
    assert [t.get("fill") for t in message_text if t.get("fill-opacity") is None] == ["#fff"]


def test_light_custom_colour_gets_dark_text():
    root = parse(badge_svg("quality", "ok", "#ffff00"))
    front = [t for t in drawn_texts(root) if t.text == "ok" and t.get("fill-opacity") is None]
    assert front[0].get("fill") == "#333"


# --- structure and accessibility ------------------------------------------------------------------


def test_svg_is_an_accessible_image():
    root = parse(badge_svg("quality", "12 of 27 met", badge_color(12, 27)))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "quality: 12 of 27 met"
    assert root.get("height") == "20"
    title = root[0]
    assert title.tag == f"{SVG}title"
    assert title.text == "quality: 12 of 27 met"


def test_drawn_text_is_hidden_from_screen_readers():
    root = parse(badge_svg("quality", "12 of 27 met", badge_color(12, 27)))
    hidden = [g for g in root.iter(f"{SVG}g") if g.get("aria-hidden") == "true"]
    assert len(hidden) == 1
    inside = set(map(id, hidden[0].iter(f"{SVG}text")))
    assert inside == set(map(id, drawn_texts(root)))
    assert visible_texts(root) == ["quality", "12 of 27 met"]


def test_flat_style_shape():
    colour = badge_color(27, 27)
    root = parse(badge_svg("quality", "27 of 27 met", colour))
    width = int(root.get("width"))
    clip = root.find(f"{SVG}clipPath")
    assert clip.find(f"{SVG}rect").get("rx") == "3"
    assert clip.find(f"{SVG}rect").get("width") == str(width)
    gradient = root.find(f"{SVG}linearGradient")
    assert len(gradient.findall(f"{SVG}stop")) == 2
    background = root.find(f"{SVG}g")
    assert background.get("clip-path") == f"url(#{clip.get('id')})"
    left, right, smoothing = background.findall(f"{SVG}rect")
    assert left.get("fill") == "#555"
    assert right.get("fill") == colour
    assert smoothing.get("fill") == f"url(#{gradient.get('id')})"
    assert int(left.get("width")) + int(right.get("width")) == width
    assert right.get("x") == left.get("width")
    text_group = root.findall(f"{SVG}g")[1]
    assert text_group.get("font-family") == "Verdana,Geneva,DejaVu Sans,sans-serif"
    assert text_group.get("font-size") == "110"
    for text in drawn_texts(root):
        assert text.get("transform") == "scale(.1)"
    shadows = [t for t in drawn_texts(root) if t.get("fill-opacity") == ".3"]
    fronts = [t for t in drawn_texts(root) if t.get("fill-opacity") is None]
    assert [s.text for s in shadows] == [f.text for f in fronts] == ["quality", "27 of 27 met"]
    for shadow, front in zip(shadows, fronts):
        assert int(shadow.get("y")) == int(front.get("y")) + 10  # one pixel lower
        assert shadow.get("x") == front.get("x")


def test_text_fits_inside_its_half():
    label, message = "user involvement quality", "12 of 27 met"
    root = parse(badge_svg(label, message, badge_color(12, 27)))
    left, right = root.find(f"{SVG}g").findall(f"{SVG}rect")[:2]
    fronts = [t for t in drawn_texts(root) if t.get("fill-opacity") is None]
    for text, rect_start, rect in ((fronts[0], 0, left), (fronts[1], int(right.get("x")), right)):
        length = int(text.get("textLength")) / 10
        centre = int(text.get("x")) / 10
        assert length >= text_width(text.text)
        assert rect_start <= centre - length / 2
        assert centre + length / 2 <= rect_start + int(rect.get("width"))


def test_empty_label_gives_a_one_part_badge():
    root = parse(badge_svg("", "3 of 4 met", badge_color(3, 4)))
    assert root.get("aria-label") == "3 of 4 met"
    assert root[0].text == "3 of 4 met"
    assert visible_texts(root) == ["3 of 4 met"]


# --- measuring ------------------------------------------------------------------------------------


def test_build_measures_like_shields_verdana():
    # shields.io's own "build | passing" badge reserves 27px for "build" in 11px Verdana.
    assert 26 <= text_width("build") <= 28


def test_widths_grow_with_text():
    widths = [text_width("quality" * n) for n in range(1, 6)]
    assert widths == sorted(widths) and len(set(widths)) == 5
    assert text_width("WWW") > text_width("iii")
    badge_widths = [int(parse(badge_svg("quality", m, "#555")).get("width")) for m in ("1", "12 of 27 met", "12 of 27 met, and more")]
    assert badge_widths == sorted(badge_widths) and len(set(badge_widths)) == 3


def test_welsh_letters_measure_like_their_base_letters():
    assert text_width("ŵ") == pytest.approx(text_width("w"))
    assert text_width("ŷ") == pytest.approx(text_width("y"))
    assert text_width("w\u0302") == pytest.approx(text_width("w"))  # decomposed: the accent takes no room
    root = parse(badge_svg("ansawdd", "Llais y bobl: ŵ ŷ", "#2e7d1f"))
    assert root.get("aria-label") == "ansawdd: Llais y bobl: ŵ ŷ"
    assert visible_texts(root)[1] == "Llais y bobl: ŵ ŷ"


def test_wide_scripts_and_emoji_take_room():
    assert text_width("漢字") == pytest.approx(22.0)
    assert text_width("漢字") > text_width("ab")
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"
    assert text_width(family) == pytest.approx(char_width("\U0001f469"))  # one glyph, not three
    assert text_width("\U0001f44d\U0001f3fd") == pytest.approx(char_width("\U0001f44d"))
    assert text_width("\U0001f1ec\U0001f1e7") > text_width("a")
    root = parse(badge_svg("quality \U0001f389", family + " 漢字 \U0001f1ec\U0001f1e7", "#2e7d1f"))
    assert visible_texts(root) == ["quality \U0001f389", family + " 漢字 \U0001f1ec\U0001f1e7"]


def test_zero_width_characters_take_no_room():
    assert text_width("ab\u200b\u200e\ufe0f") == pytest.approx(text_width("ab"))


def test_char_width_takes_one_character():
    with pytest.raises(ValueError):
        char_width("ab")


def test_width_table_is_well_formed():
    data = json.loads(badges.WIDTHS_FILE.read_text(encoding="utf-8"))
    assert data["size_px"] == 11
    previous_end = -1
    for first, last, advance in data["ranges"]:
        assert previous_end < first <= last
        assert advance >= 0
        previous_end = last
    covered = {cp for first, last, _ in data["ranges"] for cp in range(first, last + 1)}
    assert all(ord(c) in covered for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ŵŷâêîôû")


def test_width_table_is_what_the_font_gives():
    pytest.importorskip("fontTools")
    if not DEJAVU.exists():
        pytest.skip("DejaVu Sans not installed")
    regenerated = badges._dump_width_table(badges.build_width_table(DEJAVU))
    assert regenerated == badges.WIDTHS_FILE.read_text(encoding="utf-8")


# --- escaping -------------------------------------------------------------------------------------

ALLOWED_TAGS = {f"{SVG}{t}" for t in ("svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text")}
ALLOWED_ATTRS = {
    "width", "height", "role", "aria-label", "id", "x2", "y2", "offset", "stop-color", "stop-opacity",
    "rx", "fill", "clip-path", "x", "aria-hidden", "text-anchor", "font-family", "text-rendering",
    "font-size", "y", "fill-opacity", "transform", "textLength",
}  # fmt: skip


def assert_only_badge_markup(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag in ALLOWED_TAGS, element.tag
        assert set(element.attrib) <= ALLOWED_ATTRS, element.attrib


def test_script_in_label_stays_text():
    label = "<script>alert('x')</script>"
    svg = badge_svg(label, "1 of 2 met", badge_color(1, 2))
    assert "<script" not in svg
    root = parse(svg)
    assert_only_badge_markup(root)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert root.get("aria-label") == f"{label}: 1 of 2 met"
    assert root[0].text == f"{label}: 1 of 2 met"
    assert visible_texts(root)[0] == label


def test_quotes_cannot_open_an_attribute():
    label = "\" onload=\"alert(1)\" x='"
    message = "' onmouseover='alert(2)"
    root = parse(badge_svg(label, message, "#2e7d1f"))
    assert_only_badge_markup(root)
    assert root.get("aria-label") == f"{label}: {message}"
    assert visible_texts(root) == [label, message]


def test_ampersands_and_entities_are_shown_literally():
    label = "R&D &amp; &#60;b&#62;"
    root = parse(badge_svg(label, "1 of 1 met", "#2e7d1f"))
    assert visible_texts(root)[0] == label


def test_colour_must_be_hex():
    for bad in ('red" onload="x', "url(#x)", "#12345", "", "#ggg"):
        with pytest.raises(ValueError):
            badge_svg("quality", "1 of 2 met", bad)
        with pytest.raises(ValueError):
            badge_endpoint("quality", "1 of 2 met", bad)
    assert parse(badge_svg("q", "m", "4C1")).find(f"{SVG}g")[1].get("fill") == "#4c1"


def test_characters_xml_cannot_hold_are_replaced():
    root = parse(badge_svg("qual\x00ity\x1b", "1 of\x0b 2 met", "#2e7d1f"))
    assert root.get("aria-label") == "qual\ufffdity\ufffd: 1 of\ufffd 2 met"


def test_whitespace_is_collapsed_as_svg_draws_it():
    root = parse(badge_svg("  user\n\tinvolvement  ", "1  of 2 met", "#2e7d1f"))
    assert root.get("aria-label") == "user involvement: 1 of 2 met"
    assert visible_texts(root) == ["user involvement", "1 of 2 met"]


@settings(max_examples=300, deadline=None)
@given(label=st.text(), message=st.text())
def test_any_text_gives_a_valid_badge_that_says_it(label, message):
    root = parse(badge_svg(label, message, "#a9510f"))
    assert_only_badge_markup(root)
    shown_label = re.sub(r"\s+", " ", re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", label)).strip()
    shown_message = re.sub(r"\s+", " ", re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", message)).strip()
    accessible = f"{shown_label}: {shown_message}" if shown_label else shown_message
    assert root.get("aria-label") == accessible
    assert (root[0].text or "") == accessible
    assert int(root.get("width")) >= 10


# --- determinism ----------------------------------------------------------------------------------


def test_same_arguments_give_the_same_bytes():
    first = badge_svg("quality", "12 of 27 met", badge_color(12, 27))
    assert badge_svg("quality", "12 of 27 met", badge_color(12, 27)) == first


def test_different_badges_do_not_share_ids():
    ids = [
        {e.get("id") for e in parse(badge_svg("quality", m, badge_color(n, 4))).iter() if e.get("id")}
        for n, m in ((1, "1 of 4 met"), (2, "2 of 4 met"))
    ]
    assert len(ids[0]) == 2 and not ids[0] & ids[1]


# --- endpoint JSON --------------------------------------------------------------------------------


def test_endpoint_json_shape():
    data = badge_endpoint("quality", "12 of 27 met", badge_color(12, 27))
    assert data == {"schemaVersion": 1, "label": "quality", "message": "12 of 27 met", "color": "a9510f"}
    assert json.loads(json.dumps(data, sort_keys=True)) == data


def test_endpoint_says_what_the_svg_says():
    label, message = "  quality <b>\n", "0 of 0 met"
    data = badge_endpoint(label, message, badge_color(0, 0))
    root = parse(badge_svg(label, message, badge_color(0, 0)))
    assert root.get("aria-label") == f"{data['label']}: {data['message']}"
    assert "#" + data["color"] == badge_color(0, 0)


def test_pages_and_badges_band_every_score_the_same_way():
    """One banding (derive/scoring.py band): the quality tables' cell class and the badge colour agree."""
    from mic_plugin.derive.quality import QualityView
    from mic_plugin.derive.scoring import BANDS, Score, band

    colours = {"none": "#767676", "low": "#c13f2e", "fair": "#a9510f", "mid": "#8b6800", "high": "#5f7000",
               "full": "#2e7d1f"}
    assert set(colours) == set(BANDS)
    seen = set()
    for applicable in range(0, 13):
        for met in range(applicable + 1):
            score = Score(met, applicable)
            assert QualityView.band(score) == band(score)
            assert badge_color(met, applicable) == colours[band(score)]
            seen.add(band(score))
    assert seen == set(BANDS)
    assert [band(Score(m, 4)) for m in range(5)] == ["low", "fair", "mid", "high", "full"]
    assert band(Score(1, 5)) == "low" and band(Score(0, 0)) == "none"
