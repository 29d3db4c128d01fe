"""What a reporting year holds (derive/reports.py), as pure functions over records made here: which dates
make a year, which years are missing, which activities ran, and the figures of items said in a year."""

from __future__ import annotations

import datetime as dt

from mic_plugin.derive.reports import Years, dated_records, figures, ran_during
from mic_plugin.derive.years import YearStart, year_of
from mic_plugin.load.framework import load_framework
from mic_plugin.model.records import (Activity, Feedback, Measure, Organisation, OutcomeEntry, Purpose, Response,
                                      Site, Update)

D = dt.date


def activity(id="a", started=D(2024, 5, 1), ended=None, feedback=(), outcomes=(), updates=(), decision_date=None):
    return Activity(id=id, title=id, summary="s", approach="consulting", status="completed" if ended else "open",
                    started=started, ended=ended, feedback=list(feedback), outcomes=list(outcomes),
                    updates=list(updates), purpose=Purpose(decision_date=decision_date))


def item(id, said, status=None, due=None, communicated=None, count=1):
    response = Response(status=status, did="d", reason="r", due=due, communicated=communicated) if status else None
    return Feedback(id=id, said="x", date=said, activity="a", count=count, response=response)


def site(*activities, outcomes=()):
    return Site(Organisation(name="o", purpose="p"), list(activities), list(outcomes), load_framework())


def test_plans_make_no_year_but_every_record_does():
    s = site(activity(started=D(2024, 5, 1), decision_date=D(2030, 1, 1),
                      feedback=[item("i", D(2024, 6, 1), "planned", due=D(2029, 6, 1), communicated=D(2026, 4, 2))],
                      updates=[Update(D(2027, 4, 1), "n")]),
             outcomes=[Measure("m", "m", "user", "organisation", entries=[OutcomeEntry(1, D(2019, 1, 1))])])
    dates = set(dated_records(s))
    assert D(2029, 6, 1) not in dates and D(2030, 1, 1) not in dates
    years = Years(s, YearStart(), as_of=D(2026, 9, 1))
    assert [y.name for y in years.years] == ["2027-28", "2026-27", "2024-25", "2018-19"]
    assert [y.name for y in years.gaps()] == ["2025-26", "2023-24", "2022-23", "2021-22", "2020-21", "2019-20"]
    future = years.report(years.years[0])
    assert future.not_begun and not future.so_far and future.runs_to == D(2028, 3, 31)
    current = years.report(years.years[1])
    assert current.so_far and current.runs_to == D(2026, 9, 1)
    assert [a.item.id for a in current.reported_back] == ["i"]


def test_a_site_with_nothing_dated_but_its_activities_has_their_years_only():
    years = Years(site(activity(started=D(2024, 3, 31))), YearStart(1, 1), as_of=D(2025, 1, 1))
    assert [y.name for y in years.years] == ["2024"] and years.gaps() == []
    assert Years(site(), YearStart(), as_of=D(2025, 1, 1)).years == []


def test_an_activity_ran_from_its_start_to_its_end_both_days_included():
    year = year_of(D(2024, 6, 1))  # 2024-25
    assert ran_during(activity(started=D(2025, 3, 31)), year)
    assert not ran_during(activity(started=D(2025, 4, 1)), year)
    assert ran_during(activity(started=D(2020, 1, 1), ended=D(2024, 4, 1)), year)
    assert not ran_during(activity(started=D(2020, 1, 1), ended=D(2024, 3, 31)), year)
    assert ran_during(activity(started=D(2020, 1, 1)), year)  # never ended


def test_figures_count_people_and_every_status_and_late_only_with_a_promise():
    items = [item("a", D(2024, 5, 1), count=3), item("b", D(2024, 5, 2), "done", count=2),
             item("c", D(2024, 5, 3), "partly-done"), item("d", D(2024, 5, 4), "not-doing"),
             item("e", D(2024, 5, 5), "considering"), item("f", D(2024, 5, 6))]
    f = figures(items)
    assert (f.items, f.people, f.answered, f.changed, f.not_doing, f.awaiting, f.late) == (6, 9, 4, 2, 1, 2, None)
    assert f.by_status == (("considering", 1), ("done", 1), ("partly-done", 1), ("not-doing", 1), ("awaiting", 2))
    late = figures(items, is_late=lambda i: i.id == "a" or i.id == "b")  # only items without a response count
    assert late.late == 1
