"""CONTENT_FORMAT.md, "Response-time promise": respond_within, holidays, working days and late items."""

from __future__ import annotations

import datetime as _dt
import json
import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kits.contractkit import ORG, check, clean, lines, only
from mic_plugin.derive.promise import Promise, WorkingDays, calendar, is_late, promise_of
from mic_plugin.load.promise import parse_respond_within
from kits.sitekit import build, page, write_site

D = _dt.date
F = "content/organisation.yml"


def awaiting(said: D):
    return SimpleNamespace(date=said, response=None)


def late_from(promise: Promise, said: D, *, search_days: int = 80) -> D:
    """The first reading date on which an item said on ``said`` is late (by asking is_late day by day)."""
    for n in range(search_days):
        day = said + _dt.timedelta(days=n)
        if promise.is_late(awaiting(said), day):
            return day
    raise AssertionError("never late")


# --- the boundary, worked out by hand from the published calendars -------------------------------------------

FRIDAY_BEFORE_CHRISTMAS = D(2024, 12, 20)


@pytest.mark.parametrize("code, first_late, reason", [
    # After Friday 20 Dec 2024: 23, 24 Dec (2); 25, 26 Dec holidays; 27 (3); 30, 31 (5); 1 Jan holiday;
    # 2, 3 Jan (7); 6-10 (12); 13-17 (17); 20, 21, 22 (20): the 20th working day is Wed 22 Jan 2025.
    ("GB-ENG", D(2025, 1, 23), "Christmas Day, Boxing Day, New Year's Day"),
    ("GB-WLS", D(2025, 1, 23), "the same holidays as England"),
    ("GB-NIR", D(2025, 1, 23), "the same holidays as England at Christmas"),
    ("GB-SCT", D(2025, 1, 24), "2 January is a holiday in Scotland too"),
    ("", D(2025, 1, 20), "weekends only: 20 weekdays end on Fri 17 Jan; Sat and Sun add none"),
])
def test_twenty_working_days_across_christmas(code, first_late, reason):
    promise = Promise(20, True, code)
    said = FRIDAY_BEFORE_CHRISTMAS
    assert said.weekday() == 4
    day_before = first_late - _dt.timedelta(days=1)
    assert not promise.is_late(awaiting(said), day_before), reason
    assert promise.is_late(awaiting(said), first_late), reason
    assert promise.elapsed(said, first_late) == 21
    assert late_from(promise, said) == first_late


@pytest.mark.parametrize("code, said, first_late", [
    # Fri 3 May 2024: 6 May (Early May bank holiday) and 27 May (Spring bank holiday) are not working days:
    # 7-10 (4), 13-17 (9), 20-24 (14), 28-31 (18), 3, 4 Jun (20): late on Wed 5 Jun.
    ("GB-ENG", D(2024, 5, 3), D(2024, 6, 5)),
    ("GB-SCT", D(2024, 5, 3), D(2024, 6, 5)),
    # Fri 14 Mar 2025: 17 March (St Patrick's Day) is a holiday only in Northern Ireland.
    ("GB-ENG", D(2025, 3, 14), D(2025, 4, 14)),
    ("GB-NIR", D(2025, 3, 14), D(2025, 4, 15)),
    # Fri 14 Nov 2025: St Andrew's Day falls on Sunday 30 Nov; Scotland has Monday 1 Dec off instead.
    ("GB-ENG", D(2025, 11, 14), D(2025, 12, 15)),
    ("GB-SCT", D(2025, 11, 14), D(2025, 12, 16)),
])
def test_bank_holidays_differ_between_nations(code, said, first_late):
    promise = Promise(20, True, code)
    assert not promise.is_late(awaiting(said), first_late - _dt.timedelta(days=1))
    assert promise.is_late(awaiting(said), first_late)


@pytest.mark.parametrize("code, first_late", [("GB-SCT", D(2025, 8, 5)), ("GB-WLS", D(2025, 8, 4)),
                                              ("GB-ENG", D(2025, 8, 4)), ("GB-NIR", D(2025, 8, 4))])
def test_summer_bank_holiday_is_early_in_scotland(code, first_late):
    # 5 working days from Fri 25 Jul 2025: Scotland's summer bank holiday is Mon 4 Aug (England, Wales and
    # Northern Ireland: 25 Aug), so the 6th working day is 5 Aug there and 4 Aug elsewhere.
    promise = Promise(5, True, code)
    assert late_from(promise, D(2025, 7, 25)) == first_late
    assert not promise.is_late(awaiting(D(2025, 7, 25)), first_late - _dt.timedelta(days=1))


def test_said_at_a_weekend_or_on_a_holiday_counts_the_working_days_after_it():
    promise = Promise(1, True, "GB-ENG")
    # Said on Christmas Day 2024 (Wednesday): the first working day after it is Friday 27 December.
    assert not promise.is_late(awaiting(D(2024, 12, 25)), D(2024, 12, 27))
    assert promise.is_late(awaiting(D(2024, 12, 25)), D(2024, 12, 30))
    # Said on a Saturday: Monday is the first working day after it.
    assert not promise.is_late(awaiting(D(2024, 6, 1)), D(2024, 6, 3))
    assert promise.is_late(awaiting(D(2024, 6, 1)), D(2024, 6, 4))


def test_calendar_days_and_the_reading_date():
    promise = Promise(30, False)
    said = D(2024, 1, 1)
    assert not promise.is_late(awaiting(said), D(2024, 1, 31))  # 30 days have passed: not more than 30
    assert promise.is_late(awaiting(said), D(2024, 2, 1))
    assert promise.waited(awaiting(said), D(2024, 2, 14)) == 44
    assert not promise.is_late(awaiting(said), D(2023, 12, 1))  # read before it was said
    answered = SimpleNamespace(date=said, response=SimpleNamespace(status="considering"))
    assert not promise.is_late(answered, D(2025, 1, 1))  # any response, even "considering", is an answer
    assert promise.waited(answered, D(2025, 1, 1)) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(D(2019, 1, 1), D(2027, 12, 31)), st.integers(0, 500),
       st.sampled_from(["", "GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"]))
def test_counting_is_the_same_as_walking_day_by_day(start, length, code):
    import holidays
    end = start + _dt.timedelta(days=length)
    days = holidays.country_holidays("GB", subdiv=code[3:], years=range(start.year, end.year + 1)) if code else {}
    walked = sum(1 for n in range(1, length + 1)
                 if (d := start + _dt.timedelta(days=n)).weekday() < 5 and d not in days)
    assert calendar(code).between(start, end) == walked
    assert WorkingDays(code).between(start, end) == walked  # a fresh calendar, loading years as it goes


# --- reading the fields -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parsed", [
    ("20 working days", (20, True)), ("10 days", (10, False)), ("1 day", (1, False)),
    ("1 working day", (1, True)), ("  28   Working   Days ", (28, True)),
])
def test_parse(text, parsed):
    assert parse_respond_within(text) == parsed


@pytest.mark.parametrize("text", ["20", "twenty days", "0 days", "20 working", "3 weeks", "20 business days",
                                  "-5 days", "20 days or so", ""])
def test_parse_refuses(text):
    assert parse_respond_within(text) is None


def test_promise_fields_are_read(tmp_path):
    result = check(tmp_path, organisation=ORG + "respond_within: 20 working days\nholidays: GB-SCT\n")
    clean(result)
    org = result.site.organisation
    assert (org.respond_within, org.holidays) == ("20 working days", "GB-SCT")
    assert promise_of(org) == Promise(20, True, "GB-SCT")
    assert is_late(org, awaiting(FRIDAY_BEFORE_CHRISTMAS), D(2025, 1, 24))
    assert not is_late(org, awaiting(FRIDAY_BEFORE_CHRISTMAS), D(2025, 1, 23))


def test_without_a_promise_nothing_is_late(tmp_path):
    org = check(tmp_path).site.organisation
    assert promise_of(org) is None
    assert not is_late(org, awaiting(D(2000, 1, 1)), D(2025, 1, 1))


@pytest.mark.parametrize("value, message", [
    ("20", "respond_within: 20 what? write N days or N working days, e.g. '20 working days'"),
    ("three weeks", "respond_within: 'three weeks' is not a promise this tool can read; write N days or N working "
                    "days, e.g. '20 working days'"),
    ("0 days", "respond_within: '0 days' is not a promise this tool can read"),
    ("yes", "respond_within: must be text, but YAML reads yes as true"),
])
def test_bad_respond_within(tmp_path, value, message):
    text = ORG + f"respond_within: {value}\n"
    assert only(check(tmp_path, organisation=text)).startswith(f"{F}:4: {message}")


@pytest.mark.parametrize("value, words", [
    ("GB-EN", ["'GB-EN' is not a part of GB", "did you mean GB-ENG?"]),
    ("GB", ["differ between the nations of the UK", "GB-ENG, GB-WLS, GB-SCT, GB-NIR"]),
    ("UK-SCT", ["the ISO code of the United Kingdom is GB", "GB-SCT"]),
    ("gb-wls", ["not a region code", "did you mean GB-WLS?"]),
    ("England", ["not a region code", "GB-ENG"]),
    ("ZZ-ABC", ["public holidays of ZZ are not known"]),
])
def test_bad_holidays(tmp_path, value, words):
    text = ORG + f"respond_within: 20 working days\nholidays: {value}\n"
    message = only(check(tmp_path, organisation=text))
    assert message.startswith(f"{F}:5: holidays: ")
    for word in words:
        assert word in message


def test_every_problem_in_one_run(tmp_path):
    text = ORG + "respond_within: a fortnight\nholidays: GB-XYZ\n"
    assert [line.split(": ")[0:2] for line in lines(check(tmp_path, organisation=text))] == [
        [f"{F}:4", "respond_within"], [f"{F}:5", "holidays"]]


def test_schema_describes_both_fields():
    from mic_plugin.load.formats import ORGANISATION
    schema = ORGANISATION.schema()["properties"]
    pattern = re.compile(schema["respond_within"]["pattern"])
    assert pattern.match("20 working days") and pattern.match("5 Days") and not pattern.match("20")
    assert re.match(schema["holidays"]["pattern"], "GB-NIR") and not re.match(schema["holidays"]["pattern"], "gb")


# --- what a reader sees --------------------------------------------------------------------------------------------

PROMISED_ORG = """\
name: Riverside Carers
purpose: We ask carers what should change.
respond_within: 20 working days
holidays: GB-ENG
"""

ACTIVITY = """\
title: Respite review
summary: What carers need from short breaks.
approach: consulting
status: in-progress
started: 2024-06-01
feedback:
  - id: late-one
    said: Breaks are booked up months ahead.
    date: 2024-07-26
  - id: in-time
    said: The booking form is too long.
    date: 2024-08-05
  - id: answered-one
    said: Staff were kind.
    date: 2024-03-01
    response: {status: considering}
"""


def test_late_items_on_pages_figures_and_open_data(tmp_path):
    # As of Sun 1 Sep 2024: after Fri 26 Jul, 24 working days have passed (26 Aug is a bank holiday): late.
    # After Mon 5 Aug, 18 have: not late. An answered item is never late.
    site = build(write_site(tmp_path, organisation=PROMISED_ORG, activities={"2024-respite.yml": ACTIVITY}))
    html = page(site, "activities/2024-respite/")
    notes = re.findall(r'<p class="mic-note mic-note--late">(.*?)</p>', html)
    assert notes == ["<strong>Late:</strong> no answer after 24 working days; we aim to answer within 20."]
    assert html.index("late-one") < html.index("no answer after 24") < html.index('id="in-time"')
    assert "Awaiting a response for 27 days." in html  # the item still within the promise
    assert ", 2 awaiting a response, 1 late" in html
    listing = page(site, "you-said-we-did/")
    assert "no answer after 24 working days; we aim to answer within 20." in listing
    assert "2 awaiting a response, 1 of them late" in listing
    assert ", 1 late" in page(site, "activities/")
    data = json.loads((site / "data/report.json").read_text(encoding="utf-8"))
    late = {f["id"]: f["late"] for a in data["activities"] for f in a["feedback"]}
    assert late == {"late-one": True, "in-time": False, "answered-one": False}
    assert data["organisation"]["respond_within"] == "20 working days"


def test_no_promise_no_late_anywhere(tmp_path):
    site = build(write_site(tmp_path, activities={"2024-respite.yml": ACTIVITY}))
    assert "mic-note--late" not in page(site, "activities/2024-respite/")
    data = json.loads((site / "data/report.json").read_text(encoding="utf-8"))
    assert [f["late"] for a in data["activities"] for f in a["feedback"]] == [False, False, False]
    assert data["organisation"]["respond_within"] is None


def test_late_items_listed_in_short_on_an_activity_page_say_so_too(tmp_path):
    # page_size 1: the first item is shown in full, the others listed in short with their status.
    first, rest = ACTIVITY.split("  - id: late-one\n")
    late, others = rest.split("  - id: in-time\n")
    swapped = first + "  - id: in-time\n" + others.rstrip("\n") + "\n  - id: late-one\n" + late
    site = build(write_site(tmp_path, organisation=PROMISED_ORG, activities={"2024-respite.yml": swapped},
                            plugin={"page_size": 1}))
    html = page(site, "activities/2024-respite/")
    moved = re.search(r'<li id="late-one"[^>]*><a [^>]*>(.*?)</a></li>', html).group(1)
    assert '<span class="mic-status mic-status--late">Late</span>' in moved
    answered = re.search(r'<li id="answered-one"[^>]*><a [^>]*>(.*?)</a></li>', html).group(1)
    assert "mic-status--late" not in answered
    assert "no answer after 24 working days" in page(site, "activities/2024-respite/feedback/page/3/")


def test_the_filter_index_marks_late_items_for_the_browser(tmp_path):
    site = build(write_site(tmp_path, organisation=PROMISED_ORG, activities={"2024-respite.yml": ACTIVITY}))
    index = json.loads((site / "you-said-we-did/items.json").read_text(encoding="utf-8"))
    assert {row[0]: row[7:] for row in index["items"]} == {"late-one": [1], "in-time": [], "answered-one": []}


@pytest.mark.browser
def test_the_browser_filter_says_late_too(tmp_path, chromium):
    import functools
    import http.server
    import threading

    site = build(write_site(tmp_path, organisation=PROMISED_ORG, activities={"2024-respite.yml": ACTIVITY}))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tab = chromium.new_page()
    try:
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/you-said-we-did/")
        tab.get_by_label("Status").select_option("awaiting")
        tab.locator("[data-mic-count]").filter(has_text="match").wait_for()
        rows = tab.locator("[data-mic-results] .mic-row")
        said = rows.evaluate_all("els => els.map(e => [e.querySelector('.mic-row__more a').hash, "
                                 "!!e.querySelector('.mic-status--late')])")
        assert sorted(said) == [["#in-time", False], ["#late-one", True]]
    finally:
        tab.close()
        server.shutdown()
