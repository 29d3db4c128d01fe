"""Reporting years and "reached" (CONTENT_FORMAT.md, "Reporting years"): pure functions, checked on the
boundaries a reader would check by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from mic_plugin.model.records import Feedback, Response, ResponseUpdate
from mic_plugin.derive.years import (ReportingYear, YearStart, parse_year_starts, reached, reached_in, year_named,
                                     year_of, years_between, years_of)

D = dt.date


# --- year_starts --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "start"), [
    ("04-01", YearStart(4, 1)), ("01-01", YearStart(1, 1)), ("10-01", YearStart(10, 1)),
    ("12-31", YearStart(12, 31)), ("02-28", YearStart(2, 28)), (" 09-15 ", YearStart(9, 15)),
])
def test_year_starts_accepts_a_day_that_exists_every_year(text, start):
    assert parse_year_starts(text) == start
    assert str(start) == text.strip()


@pytest.mark.parametrize(("value", "says"), [
    ("02-29", "29 February is not in every year"),
    ("04-31", "April has no day 31"),
    ("02-30", "February has no day 30"),
    ("13-01", "there is no month 13"),
    ("00-10", "there is no month 0"),
    ("04-00", "April has no day 0"),
    ("4-1", "not a day written as MM-DD"),
    ("2024-04-01", "not a day written as MM-DD"),
    ("April", "not a day written as MM-DD"),
    ("", "not a day written as MM-DD"),
    (401, "in quotes"),
    (None, "in quotes"),
])
def test_year_starts_refuses_what_is_not_a_day_of_every_year(value, says):
    with pytest.raises(ValueError, match=says):
        parse_year_starts(value)


# --- which year a day falls in, and its name ---------------------------------------------------------------

def test_31_march_and_1_april_fall_in_different_financial_years():
    march = year_of(D(2025, 3, 31))
    april = year_of(D(2025, 4, 1))
    assert march.name == "2024-25" and (march.start, march.end) == (D(2024, 4, 1), D(2025, 3, 31))
    assert april.name == "2025-26" and (april.start, april.end) == (D(2025, 4, 1), D(2026, 3, 31))
    assert D(2025, 3, 31) in march and D(2025, 3, 31) not in april
    assert D(2025, 4, 1) in april and D(2025, 4, 1) not in march
    assert march.next() == april and april.previous() == march


def test_a_year_starting_in_a_leap_february_ends_on_the_right_day():
    year = year_of(D(2024, 2, 29))
    assert year.name == "2023-24" and year.end == D(2024, 3, 31)
    assert (year.end - year.start).days + 1 == 366


def test_calendar_years_are_named_by_their_number():
    assert year_of(D(2024, 12, 31), "01-01").name == "2024"
    assert year_of(D(2025, 1, 1), "01-01").name == "2025"
    year = year_of(D(2024, 6, 1), "01-01")
    assert (year.start, year.end) == (D(2024, 1, 1), D(2024, 12, 31))


def test_an_autumn_start():
    assert year_of(D(2024, 9, 30), "10-01").name == "2023-24"
    assert year_of(D(2024, 10, 1), "10-01").name == "2024-25"
    assert year_of(D(2025, 1, 15), "10-01") == ReportingYear(D(2024, 10, 1), D(2025, 9, 30))


def test_a_year_starting_on_31_december_runs_to_30_december():
    year = year_of(D(2025, 1, 1), "12-31")
    assert (year.start, year.end, year.name) == (D(2024, 12, 31), D(2025, 12, 30), "2024-25")


def test_a_year_across_a_century_is_named_with_two_digits():
    assert year_of(D(2000, 1, 1)).name == "1999-00"


@pytest.mark.parametrize("starts", ["04-01", "01-01", "10-01", "02-28", "12-31"])
def test_every_day_falls_in_exactly_one_year_and_names_find_it_again(starts):
    day, last = D(2023, 1, 1), None
    while day < D(2026, 1, 1):
        year = year_of(day, starts)
        assert day in year
        if last is not None and year != last:
            assert year.start == day and last.end == day - dt.timedelta(days=1) and last.next() == year
        assert year_named(year.name, starts) == year
        last = year
        day += dt.timedelta(days=1)


def test_year_named_refuses_names_of_another_kind():
    assert year_named("2024", "04-01") is None
    assert year_named("2024-26", "04-01") is None
    assert year_named("2024-25", "01-01") is None
    assert year_named("../etc", "04-01") is None


def test_years_of_days_are_newest_first_each_once_and_skip_empty_years():
    days = [D(2022, 5, 1), D(2025, 3, 31), D(2024, 4, 1), D(2022, 6, 1), None]
    assert [y.name for y in years_of(days)] == ["2024-25", "2022-23"]
    assert [y.name for y in years_of(days, "01-01")] == ["2025", "2024", "2022"]
    assert years_of([]) == []
    span = years_between(year_of(D(2022, 5, 1)), year_of(D(2025, 3, 31)))
    assert [y.name for y in span] == ["2022-23", "2023-24", "2024-25"]


# --- reached ---------------------------------------------------------------------------------------------------

def item(status=None, updates=(), communicated=None, said=D(2024, 3, 5)):
    response = None if status is None else Response(
        status=status, did="x", reason="y", communicated=communicated,
        updates=[ResponseUpdate(date=d, status=s) for d, s in updates])
    return Feedback(id="x", said="s", date=said, activity="a", response=response)


def test_reached_is_the_first_update_of_the_last_run_with_the_status():
    runs = [(D(2024, 3, 10), "done"), (D(2024, 4, 2), "in-progress"), (D(2024, 5, 1), "done"),
            (D(2024, 6, 1), "done")]
    assert reached(item("done", runs, communicated=D(2024, 7, 1))) == D(2024, 5, 1)


def test_reached_after_a_b_a_is_the_second_a():
    runs = [(D(2024, 3, 10), "planned"), (D(2024, 3, 20), "in-progress"), (D(2024, 3, 30), "planned")]
    assert reached(item("planned", runs)) == D(2024, 3, 30)


def test_reached_with_one_run_is_its_first_update():
    runs = [(D(2024, 3, 10), "not-doing"), (D(2024, 4, 10), "not-doing")]
    assert reached(item("not-doing", runs, communicated=D(2024, 3, 12))) == D(2024, 3, 10)


def test_without_an_update_of_that_status_reached_is_the_communicated_date():
    assert reached(item("done", communicated=D(2024, 4, 9))) == D(2024, 4, 9)
    # updates of other statuses only (not valid content, but the rule still has an answer)
    assert reached(item("done", [(D(2024, 3, 6), "planned")], communicated=D(2024, 4, 9))) == D(2024, 4, 9)


def test_without_updates_or_communicated_reached_is_the_date_said():
    assert reached(item("partly-done", said=D(2025, 3, 31))) == D(2025, 3, 31)


def test_an_item_without_a_response_reached_nothing():
    assert reached(item(None)) is None
    assert not reached_in(item(None), year_of(D(2024, 3, 5)), ["done"])


def test_a_response_said_in_one_year_reached_its_status_in_the_next():
    said_march = item("done", [(D(2025, 3, 20), "in-progress"), (D(2025, 4, 1), "done")], said=D(2025, 3, 14))
    last_year, this_year = year_of(D(2025, 3, 31)), year_of(D(2025, 4, 1))
    assert D(2025, 3, 14) in last_year
    assert reached_in(said_march, this_year, ["done", "partly-done"])
    assert not reached_in(said_march, last_year, ["done", "partly-done"])
    assert not reached_in(said_march, this_year, ["not-doing"])
