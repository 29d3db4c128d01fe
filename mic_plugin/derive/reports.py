"""The annual involvement report: what one reporting year holds (``CONTENT_FORMAT.md``, "Published URLs,
version 1.1"), as figures and lists; pure, no HTML and no MkDocs.

Which years have a report: every reporting year that holds a **dated record**: a feedback item's ``date``,
a response's ``communicated`` date and the dates of its updates, an activity's ``started`` and ``ended``
dates and the dates of its updates, and the date of every outcome value. ``due`` and ``decision_date`` are
plans, not records, and make no year. A year in which nothing is dated has no report, even between two that
do (an activity that ran through it without a dated record there is in the reports of its other years);
:meth:`Years.gaps` names such years so the index can say why they are missing.

A year's report, against the reading date ``as_of`` (:class:`YearReport`):

* the feedback said during the year (items and people, the sum of ``count``) and how those items stand now:
  answered (any response), done or partly done, not doing, awaiting a response, late (when the organisation
  makes a response-time promise), and every status with its number;
* every activity that ran during the year (started on or before its last day and not ended before its first
  day; an activity with no ``ended`` date has not ended), with its approach, status, the people who took
  part and its quality score;
* what changed because of what people said: each response that **reached** ``done`` or ``partly-done``
  during the year (:func:`~mic_plugin.derive.years.reached`), whenever it was said;
* what we could not do, and why: each response that reached ``not-doing`` during the year;
* the answers reported back during the year (``communicated`` in the year);
* every outcome measure with a value dated in the year, each such value beside the value before it, and the
  year's last value beside the last one before the year began;
* the organisation's purpose and power statement (the templates take them from the site).

The year holding ``as_of`` is the current year: its report reads "so far" and runs to ``as_of``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..model.records import Activity, Feedback, Measure, OutcomeEntry, Site
from ..model.vocab import AWAITING, DATA_TYPES, RESPONSE_STATUSES
from ..render.charts import format_value
from .scoring import Score, activity_score
from .years import ReportingYear, YearStart, reached, year_of, years_between, years_of

CHANGED = ("done", "partly-done")
"""Statuses that count as a change made because of what people said."""
NOT_DOING = "not-doing"


def dated_records(site: Site) -> Iterable[_dt.date]:
    """Every date that records something that happened (see the module text)."""
    for activity in site.activities:
        yield activity.started
        if activity.ended:
            yield activity.ended
        for update in activity.updates:
            yield update.date
        for item in activity.feedback:
            yield item.date
            r = item.response
            if r is not None:
                if r.communicated:
                    yield r.communicated
                for update in r.updates:
                    yield update.date
    for measure in site.all_measures():
        for entry in measure.entries:
            yield entry.date


@dataclass(frozen=True)
class Figures:
    """The feedback said during a year, and how it stands now."""

    items: int = 0
    people: int = 0  # the sum of count
    answered: int = 0  # has a response, whatever its status
    changed: int = 0  # done or partly done
    not_doing: int = 0
    awaiting: int = 0  # no response yet
    late: int | None = None  # awaiting past the promised time; None when there is no promise to be late for
    by_status: tuple[tuple[str, int], ...] = ()  # (status or "awaiting", items), in the vocabulary's order


def figures(items: list[Feedback], is_late: Callable[[Feedback], bool] | None = None) -> Figures:
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    order = (*RESPONSE_STATUSES, AWAITING)
    return Figures(
        items=len(items), people=sum(item.count for item in items),
        answered=sum(1 for item in items if item.response is not None),
        changed=sum(counts.get(s, 0) for s in CHANGED), not_doing=counts.get(NOT_DOING, 0),
        awaiting=counts.get(AWAITING, 0),
        late=None if is_late is None else sum(1 for item in items if item.response is None and is_late(item)),
        by_status=tuple((s, counts[s]) for s in order if counts.get(s)))


@dataclass(frozen=True)
class ActivityInYear:
    activity: Activity
    score: Score
    took_part: int | None  # None: not recorded
    said_in_year: int  # feedback items said during the year


@dataclass(frozen=True)
class Answer:
    """A feedback item in one of the report's lists, with the date that put it there."""

    item: Feedback
    activity: Activity
    on: _dt.date  # reached its status, or was reported back


@dataclass(frozen=True)
class Value:
    """One dated value of a measure, written as a reader sees it."""

    date: _dt.date
    text: str


@dataclass(frozen=True)
class MeasureInYear:
    measure: Measure
    activity: Activity | None  # None: organisation-wide
    type_label: str
    values: tuple[tuple[Value, Value | None], ...]  # each value dated in the year, beside the one before it
    before_year: Value | None  # the last value before the year began

    @property
    def last(self) -> Value:
        return self.values[-1][0]


def _value(measure: Measure, entry: OutcomeEntry, words=None) -> Value:
    return Value(entry.date, format_value(entry.value, unit=measure.unit, out_of=entry.out_of, words=words))


def measure_in_year(measure: Measure, activity: Activity | None, year: ReportingYear,
                    words=None) -> MeasureInYear | None:
    """The measure's values dated in ``year`` (None without one), written in ``words``' language (English
    without)."""
    entries = sorted(measure.entries, key=lambda e: e.date)
    values, last_before = [], None
    for i, entry in enumerate(entries):
        if entry.date < year.start:
            last_before = entry  # only the last is shown: written once, below
        elif entry.date in year:
            values.append((_value(measure, entry, words), _value(measure, entries[i - 1], words) if i else None))
    if not values:
        return None
    before_year = _value(measure, last_before, words) if last_before is not None else None
    return MeasureInYear(measure, activity, DATA_TYPES.get(measure.type, measure.type), tuple(values), before_year)


def ran_during(activity: Activity, year: ReportingYear) -> bool:
    """Started on or before the year's last day, and not ended before its first."""
    return activity.started <= year.end and (activity.ended is None or activity.ended >= year.start)


@dataclass
class YearReport:
    year: ReportingYear
    as_of: _dt.date
    figures: Figures
    activities: list[ActivityInYear]
    changed: list[Answer]  # reached done or partly done during the year, in the order they did
    not_doing: list[Answer]  # reached not-doing during the year
    reported_back: list[Answer]  # communicated during the year
    measures: list[MeasureInYear]
    reported_people: int = 0  # people whose words the answers reported back answered (sum of count)
    said_activities: list[tuple[Activity, Figures]] = field(default_factory=list)  # per activity, items said

    @property
    def name(self) -> str:
        return self.year.name

    @property
    def so_far(self) -> bool:
        """The year holding the reading date: its report is of the year so far."""
        return self.as_of in self.year

    @property
    def not_begun(self) -> bool:
        """A year that starts after the reading date (its records are dated in the future)."""
        return self.as_of < self.year.start

    @property
    def runs_to(self) -> _dt.date:
        """The last day the report covers: ``as_of`` in the current year, else the year's last day."""
        return self.as_of if self.so_far else self.year.end


def year_report(site: Site, year: ReportingYear, as_of: _dt.date,
                is_late: Callable[[Feedback], bool] | None = None, words=None) -> YearReport:
    """The report of ``year`` (see the module text); values of measures written in ``words``' language."""
    said = [f for a in site.activities for f in a.feedback if f.date in year]
    said.sort(key=lambda f: f.date)
    by_id = {a.id: a for a in site.activities}
    said_by_activity: dict[str, list[Feedback]] = {}
    for item in said:
        said_by_activity.setdefault(item.activity, []).append(item)
    framework = site.framework
    activities = [ActivityInYear(a, activity_score(framework, a), a.participation.took_part,
                                 len(said_by_activity.get(a.id, ())))
                  for a in site.activities if ran_during(a, year)]
    changed, not_doing, reported = [], [], []
    for activity in site.activities:
        for item in activity.feedback:
            r = item.response
            if r is None:
                continue
            on = reached(item)
            if on in year and r.status in CHANGED:
                changed.append(Answer(item, activity, on))
            elif on in year and r.status == NOT_DOING:
                not_doing.append(Answer(item, activity, on))
            if r.communicated in year:
                reported.append(Answer(item, activity, r.communicated))
    order = lambda a: (a.on, a.item.date)  # noqa: E731 - oldest first, as a year is told
    measures = [m for m in (measure_in_year(m, None, year, words) for m in site.outcomes) if m]
    for activity in site.activities:
        measures.extend(m for m in (measure_in_year(m, activity, year, words) for m in activity.outcomes) if m)
    return YearReport(
        year=year, as_of=as_of, figures=figures(said, is_late),
        activities=activities, changed=sorted(changed, key=order), not_doing=sorted(not_doing, key=order),
        reported_back=sorted(reported, key=order), measures=measures,
        reported_people=sum(a.item.count for a in reported),
        said_activities=[(by_id[aid], figures(items, is_late)) for aid, items in said_by_activity.items()])


class Years:
    """The reporting years of a site that have a report, newest first, and each year's report, made on
    first use."""

    def __init__(self, site: Site, starts: YearStart, as_of: _dt.date,
                 is_late: Callable[[Feedback], bool] | None = None, words=None):
        self.site = site
        self.words = words  # render.i18n.Words: the language values of measures are written in
        self.starts = starts
        self.as_of = as_of
        self.is_late = is_late
        self.years: list[ReportingYear] = years_of(dated_records(site), starts)
        self._reports: dict[ReportingYear, YearReport] = {}

    def report(self, year: ReportingYear) -> YearReport:
        out = self._reports.get(year)
        if out is None:
            out = self._reports[year] = year_report(self.site, year, self.as_of, self.is_late, self.words)
        return out

    def gaps(self) -> list[ReportingYear]:
        """Years between the oldest and the newest report in which nothing is dated, newest first."""
        if not self.years:
            return []
        have = set(self.years)
        return [y for y in reversed(years_between(self.years[-1], self.years[0])) if y not in have]

    @property
    def current(self) -> ReportingYear:
        """The year holding the reading date (it may have no report yet)."""
        return year_of(self.as_of, self.starts)


__all__ = ["Years", "YearReport", "Figures", "ActivityInYear", "Answer", "MeasureInYear", "Value", "figures",
           "year_report", "ran_during", "dated_records", "measure_in_year", "CHANGED", "NOT_DOING"]
