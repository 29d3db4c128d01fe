"""Numbers, dates and shares as people read them, the same everywhere (core/words.py)."""

import datetime as dt

import pytest

from mic_plugin.render.words import format_number, human_date, month_year, percent, plural


@pytest.mark.parametrize("part, whole, shown", [(1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0), (5, 5, 100),
                                                (33.5, 50, 67), (1, 200, 1), (1, 400, 0)])
def test_percent_rounds_halves_up_for_counts_and_measures(part, whole, shown):
    assert percent(part, whole) == shown


def test_no_percentage_of_nothing():
    assert percent(0, 0) is None


def test_dates_and_months_in_words_without_leading_zero():
    assert human_date(dt.date(2024, 3, 5)) == "5 March 2024"
    assert human_date(None) == ""
    assert month_year(2026, 11) == "November 2026"


@pytest.mark.parametrize("value, shown", [(12, "12"), (12.0, "12"), (12.5, "12.5"), (12.345, "12.35"),
                                          (1250000, "1,250,000"), (-0.001, "0"), (None, "")])
def test_numbers_without_pointless_decimals(value, shown):
    assert format_number(value) == shown


def test_plural():
    assert plural(1, "item") == "1 item"
    assert plural(1250, "person", "people") == "1,250 people"
