"""Tests for mic_plugin.render.charts: the trend sentence and the inline SVG line chart of a series."""

from __future__ import annotations

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mic_plugin.render.charts import (
    _nice_ticks,
    format_value,
    series_svg,
    trend_sentence,
)
from mic_plugin.render.words import format_number, human_date

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date

LISTENED = [
    (D(2024, 3, 3), 42.0),
    (D(2024, 9, 1), 50.0),
    (D(2025, 2, 1), 55.0),
    (D(2025, 10, 1), 68.0),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def chart(points=LISTENED, **kwargs) -> ET.Element:
    kwargs.setdefault("measure", "Carers who feel listened to")
    kwargs.setdefault("chart_id", "listened")
    return parse(series_svg(points, **kwargs))


def markers(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}circle[@class='mic-chart-point']")


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def title(root: ET.Element) -> str:
    return root.find(f"{SVG}title").text


def tick_labels(root: ET.Element) -> list[str]:
    axis = root.find(f"{SVG}g[@class='mic-chart-axis']")
    return [t.text for t in axis.findall(f"{SVG}text") if t.get("text-anchor") == "end" and t.get("dy")]


# --- the sentence ---------------------------------------------------------------------------------


def test_sentence_rose_matches_the_issue_example():
    assert trend_sentence(LISTENED, measure="Carers who feel listened to", unit="%") == (
        "Carers who feel listened to rose from 42% on 3 March 2024 to 68% on 1 October 2025 (4 values)."
    )


def test_sentence_fell_with_unit_after_a_space():
    points = [(D(2024, 1, 5), 45), (D(2024, 6, 5), 30)]
    assert trend_sentence(points, measure="Average wait", unit="days") == (
        "Average wait fell from 45 days on 5 January 2024 to 30 days on 5 June 2024 (2 values)."
    )


def test_sentence_stayed_the_same_when_every_value_is_equal():
    points = [(D(2024, 1, 1), 12.5), (D(2024, 2, 1), 12.5), (D(2024, 3, 1), 12.5)]
    sentence = trend_sentence(points, measure="Sessions a month")
    assert sentence == "Sessions a month stayed the same, at 12.5, from 1 January 2024 to 1 March 2024 (3 values)."


def test_sentence_does_not_call_a_dip_and_recovery_the_same():
    points = [(D(2024, 1, 1), 40), (D(2024, 2, 1), 25), (D(2024, 3, 1), 60), (D(2024, 4, 1), 40)]
    sentence = trend_sentence(points, measure="Attendance", unit="people")
    assert "stayed the same" not in sentence
    assert sentence == (
        "Attendance was 40 people on 1 January 2024 and 40 people again on 1 April 2024, "
        "between a low of 25 people and a high of 60 people (4 values)."
    )


def test_sentence_mentions_extremes_beyond_the_ends():
    points = [(D(2024, 1, 1), 40), (D(2024, 2, 1), 90), (D(2024, 3, 1), 50)]
    sentence = trend_sentence(points, measure="Replies", unit="%")
    assert sentence.startswith("Replies rose from 40% on 1 January 2024 to 50% on 1 March 2024")
    assert "a high of 90%" in sentence
    assert "low" not in sentence


def test_sentence_single_value():
    assert trend_sentence([(D(2025, 7, 9), 7)], measure="Peer mentors", unit="people") == (
        "Peer mentors: 7 people on 9 July 2025 (a single value)."
    )


def test_sentence_with_out_of_gives_value_total_and_whole_percent():
    points = [(D(2024, 3, 3), 21), (D(2025, 3, 3), 34)]
    assert trend_sentence(points, measure="Carers who felt heard", out_of=50) == (
        "Carers who felt heard rose from 21 of 50 (42%) on 3 March 2024 to 34 of 50 (68%) on 3 March 2025 (2 values)."
    )


def test_sentence_sorts_points_defensively():
    shuffled = [LISTENED[2], LISTENED[0], LISTENED[3], LISTENED[1]]
    assert trend_sentence(shuffled, measure="m", unit="%") == trend_sentence(LISTENED, measure="m", unit="%")


def test_sentence_large_values_use_thousands_separators():
    points = [(D(2023, 4, 1), 980000), (D(2024, 4, 1), 1250000)]
    sentence = trend_sentence(points, measure="Spend on peer support", unit="GBP")
    assert "from 980,000 GBP on 1 April 2023 to 1,250,000 GBP on 1 April 2024" in sentence


@pytest.mark.parametrize(
    "value, text",
    [
        (12, "12"),
        (12.0, "12"),
        (12.5, "12.5"),
        (12.50001, "12.5"),
        (12.345, "12.35"),
        (0.125, "0.13"),
        (1250, "1,250"),
        (1250000, "1,250,000"),
        (-1250.75, "-1,250.75"),
        (-0.001, "0"),
        (0, "0"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_format_value_percent_rounds_half_up_to_a_whole_number():
    assert format_value(1, out_of=8) == "1 of 8 (13%)"  # 12.5% → 13%, not banker's 12%
    assert format_value(21, out_of=50, unit="people") == "21 of 50 (42%) people"
    assert format_value(42, unit="%", out_of=100) == "42%"


def test_format_date_has_no_leading_zero():
    assert human_date(D(2024, 3, 3)) == "3 March 2024"
    assert human_date(D(2025, 10, 1)) == "1 October 2025"


@pytest.mark.parametrize("bad", [[], [(D(2024, 1, 1), float("nan"))], [(D(2024, 1, 1), float("inf"))]])
def test_sentence_rejects_empty_or_non_finite_series(bad):
    with pytest.raises(ValueError):
        trend_sentence(bad, measure="m")


# --- the chart: accessibility ---------------------------------------------------------------------


def test_chart_is_an_image_named_by_its_title_which_states_the_trend():
    root = chart(unit="%")
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "listened-title"
    first = list(root)[0]
    assert first.tag == f"{SVG}title" and first.get("id") == "listened-title"
    assert first.text == trend_sentence(LISTENED, measure="Carers who feel listened to", unit="%")
    assert " rose from 42% " in first.text


def test_chart_title_says_fell():
    root = chart([(D(2024, 1, 1), 9), (D(2024, 5, 1), 4)], measure="Complaints")
    assert title(root).startswith("Complaints fell from 9 on 1 January 2024 to 4 on 1 May 2024")


def test_all_drawn_text_is_hidden_from_screen_readers():
    root = chart(target=80, baseline=40, unit="%")
    drawn = list(root.iter(f"{SVG}text"))
    assert len(drawn) >= 8  # ticks, two dates, two values, target and baseline labels
    assert all(t.get("aria-hidden") == "true" for t in drawn)


def test_chart_scales_to_its_container():
    root = chart()
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox"))
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert "max-width:" in root.get("style")


def test_series_is_drawn_in_current_colour_so_it_follows_the_theme():
    root = chart()
    line = root.find(f".//{SVG}polyline")
    assert line.get("stroke") == "currentColor"
    assert root.get("fill") == "currentColor"


@pytest.mark.parametrize("bad", ["", "Has Space", "UPPER", "a_b", 'x"onload="y', "-leading", "é"])
def test_unsafe_chart_id_is_refused(bad):
    with pytest.raises(ValueError):
        series_svg(LISTENED, measure="m", chart_id=bad)


def test_chart_ids_keep_two_charts_on_one_page_apart():
    a = chart(chart_id="activity-a-listened")
    b = chart(chart_id="activity-b-listened")
    assert a.find(f"{SVG}title").get("id") == "activity-a-listened-title"
    assert b.find(f"{SVG}title").get("id") == "activity-b-listened-title"


# --- the chart: drawing ---------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_one_marker_per_point(n):
    points = [(D(2024, 1, 1) + dt.timedelta(days=30 * i), float(i * i)) for i in range(n)]
    root = chart(points)
    assert len(markers(root)) == n
    polyline = root.find(f".//{SVG}polyline")
    if n == 1:
        assert polyline is None
    else:
        assert len(polyline.get("points").split()) == n


def test_x_axis_is_spaced_by_real_time():
    points = [(D(2024, 1, 1), 1), (D(2024, 1, 11), 2), (D(2024, 4, 10), 3)]  # 10 days, then 90 days
    xs = [float(c.get("cx")) for c in markers(chart(points))]
    assert (xs[2] - xs[1]) / (xs[1] - xs[0]) == pytest.approx(9, rel=0.01)


def test_first_and_last_dates_label_the_x_axis():
    drawn = texts(chart())
    assert "3 March 2024" in drawn and "1 October 2025" in drawn
    assert "1 September 2024" not in drawn


def test_higher_values_are_drawn_higher():
    points = [(D(2024, 1, 1), 10), (D(2024, 2, 1), 30), (D(2024, 3, 1), 20)]
    ys = [float(c.get("cy")) for c in markers(chart(points))]
    assert ys[1] < ys[2] < ys[0]


def test_y_axis_starts_at_zero_and_reaches_out_of():
    root = chart([(D(2024, 3, 3), 21), (D(2025, 3, 3), 34)], out_of=50)
    ticks = tick_labels(root)
    assert ticks[0] == "0"
    assert float(ticks[-1].replace(",", "")) >= 50
    assert len(ticks) >= 3


def test_y_axis_reaches_the_target():
    root = chart([(D(2024, 3, 3), 20), (D(2025, 3, 3), 30)], target=95)
    assert float(tick_labels(root)[-1]) >= 95


def test_whole_number_measures_get_whole_number_ticks():
    ticks = tick_labels(chart([(D(2024, 1, 1), 0), (D(2024, 2, 1), 2), (D(2024, 3, 1), 1)]))
    assert ticks == ["0", "1", "2"]
    assert tick_labels(chart([(D(2024, 1, 1), 0), (D(2024, 2, 1), 0)])) == ["0", "1", "2"]
    assert tick_labels(chart([(D(2024, 1, 1), 0), (D(2024, 2, 1), 0.02)])) == ["0", "0.01", "0.02"]


def test_percent_ticks_carry_the_sign():
    assert all(t.endswith("%") for t in tick_labels(chart(unit="%")))


def test_target_and_baseline_lines_only_when_given():
    plain = chart()
    assert plain.find(f".//{SVG}g[@class='mic-chart-target']") is None
    assert plain.find(f".//{SVG}g[@class='mic-chart-baseline']") is None
    assert plain.find(f"{SVG}desc") is None
    assert not any(t.startswith(("Target", "Baseline")) for t in texts(plain))

    only_target = chart(target=80)
    assert only_target.find(f".//{SVG}g[@class='mic-chart-target']") is not None
    assert only_target.find(f".//{SVG}g[@class='mic-chart-baseline']") is None

    both = chart(target=80, baseline=40)
    target = both.find(f".//{SVG}g[@class='mic-chart-target']")
    baseline = both.find(f".//{SVG}g[@class='mic-chart-baseline']")
    assert target.find(f"{SVG}text").text == "Target 80"
    assert baseline.find(f"{SVG}text").text == "Baseline 40"
    # Told apart by dash pattern and words, never by colour alone.
    target_dash = target.find(f"{SVG}line").get("stroke-dasharray")
    baseline_dash = baseline.find(f"{SVG}line").get("stroke-dasharray")
    assert target_dash and baseline_dash and target_dash != baseline_dash
    assert both.get("aria-describedby") == "listened-desc"
    assert both.find(f"{SVG}desc").text == "Target 80. Baseline 40."


def test_target_line_sits_at_its_value():
    root = chart([(D(2024, 1, 1), 80), (D(2024, 2, 1), 10)], target=80)
    line = root.find(f".//{SVG}g[@class='mic-chart-target']/{SVG}line")
    assert line.get("y1") == line.get("y2") == markers(root)[0].get("cy")


def test_script_in_measure_name_is_escaped_not_markup():
    svg = series_svg(LISTENED, measure='<script>alert("x")</script> & co', chart_id="x")
    assert "<script>" not in svg
    root = parse(svg)
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert title(root).startswith('<script>alert("x")</script> & co rose')


def test_characters_xml_forbids_are_dropped():
    root = parse(series_svg(LISTENED, measure="Bell\x07 ring\ud800ers", chart_id="x"))
    assert title(root).startswith("Bell ringers rose")


def test_welsh_text_survives_intact():
    measure = "Gofalwyr sy'n teimlo bod rhywun yn gwrando arnyn nhw – ŵ ŷ â"
    root = chart(measure=measure, unit="%")
    assert title(root).startswith(measure + " rose from 42%")


def test_single_point_is_a_valid_chart():
    root = chart([(D(2025, 7, 9), 7)], measure="Peer mentors")
    assert len(markers(root)) == 1
    assert "a single value" in title(root)
    assert texts(root).count("9 July 2025") == 1
    grid = root.find(f"{SVG}g[@class='mic-chart-grid']/{SVG}line")
    middle = (float(grid.get("x1")) + float(grid.get("x2"))) / 2
    assert float(markers(root)[0].get("cx")) == pytest.approx(middle, abs=0.01)


def test_equal_values_draw_a_flat_line():
    points = [(D(2024, 1, 1), 5), (D(2024, 6, 1), 5), (D(2025, 1, 1), 5)]
    root = chart(points)
    assert len({c.get("cy") for c in markers(root)}) == 1
    assert "stayed the same" in title(root)


def test_negative_values_extend_the_axis_below_zero():
    points = [(D(2024, 1, 1), -30), (D(2024, 6, 1), 10), (D(2025, 1, 1), -5)]
    root = chart(points, measure="Net change in volunteers")
    ticks = tick_labels(root)
    assert ticks[0].startswith("-") and float(ticks[0]) <= -30
    assert "0" in ticks
    grid = root.find(f"{SVG}g[@class='mic-chart-grid']").findall(f"{SVG}line")
    zero_y = float(grid[ticks.index("0")].get("y1"))
    ys = [float(c.get("cy")) for c in markers(root)]
    assert ys[0] > zero_y and ys[2] > zero_y and ys[1] < zero_y
    top, bottom = float(grid[-1].get("y1")), float(grid[0].get("y1"))
    assert all(top <= y <= bottom for y in ys)


def test_large_values_are_formatted_with_separators():
    points = [(D(2023, 4, 1), 400000), (D(2024, 4, 1), 1250000)]
    root = chart(points, measure="Spend", target=1500000)
    assert "1,250,000" in title(root)
    assert "1,250,000" in texts(root)  # the last value, written by its marker
    assert "Target 1,500,000" in texts(root)
    assert any("," in t for t in tick_labels(root))


def test_numbers_are_rounded_to_two_decimals():
    points = [(D(2024, 1, 1), 1 / 3), (D(2024, 1, 8), 2 / 3), (D(2024, 2, 9), 0.1)]
    svg = series_svg(points, measure="m", baseline=0.05, target=0.9, chart_id="x")
    numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|r)="([^"]*)"', svg)
    numbers += " ".join(re.findall(r'points="([^"]*)"', svg)).replace(",", " ").split()
    assert numbers
    assert all(re.fullmatch(r"-?\d+(\.\d{1,2})?", n) for n in numbers), numbers


def test_output_is_deterministic_and_independent_of_input_order():
    kwargs = dict(measure="m", unit="%", target=80, baseline=40, chart_id="x")
    first = series_svg(LISTENED, **kwargs)
    shuffled = LISTENED[:]
    random.Random(4).shuffle(shuffled)
    assert shuffled != LISTENED
    assert series_svg(shuffled, **kwargs) == first
    assert series_svg(list(LISTENED), **kwargs) == first


def test_bad_points_are_refused():
    with pytest.raises(ValueError):
        series_svg([], measure="m", chart_id="x")
    with pytest.raises(TypeError):
        series_svg([("2024-01-01", 3)], measure="m", chart_id="x")
    with pytest.raises(ValueError):
        series_svg(LISTENED, measure="m", out_of=0, chart_id="x")
    with pytest.raises(ValueError, match="too large to chart"):
        series_svg([(D(2024, 1, 1), 1e300)], measure="m", chart_id="x")


# --- properties -----------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    lo=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    width=st.floats(min_value=1e-3, max_value=1e9, allow_nan=False),
    min_step=st.sampled_from([0.01, 1]),
)
def test_ticks_cover_the_range_with_three_to_six_even_steps(lo, width, min_step):
    hi = lo + width
    ticks = _nice_ticks(lo, hi, min_step)
    assert 3 <= len(ticks) <= 6
    tol = 1e-9 * max(1, abs(lo), abs(hi))  # float resolution at this magnitude
    step = ticks[1] - ticks[0]
    assert step >= min_step - tol
    assert ticks[0] <= lo + tol and ticks[-1] >= hi - tol
    assert all(b - a == pytest.approx(step, abs=tol) for a, b in zip(ticks, ticks[1:]))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)),
            st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda p: p[0],
    ),
    st.one_of(st.none(), st.floats(min_value=-1e7, max_value=1e7)),
)
def test_any_series_makes_a_parseable_chart_with_points_inside_the_drawing(points, target):
    root = parse(series_svg(points, measure="m", target=target, chart_id="p"))
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    circles = markers(root)
    assert len(circles) == len(points)
    for c in circles:
        assert 0 <= float(c.get("cx")) <= width and 0 <= float(c.get("cy")) <= height
