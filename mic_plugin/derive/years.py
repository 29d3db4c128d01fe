"""Reporting years and when a response *reached* its status (``CONTENT_FORMAT.md``, "Reporting years").

The plugin option ``year_starts`` (``MM-DD``, default ``04-01``: the UK public sector's financial year)
divides time into reporting years. The year starting on 1 April 2024 is named ``2024-25`` (it ends on
31 March 2025); with ``year_starts: 01-01`` it is the calendar year, named ``2024``.

A response **reached** its current status on the date of the first update of the last run of updates that
have that status (updates ``planned, done, in-progress, done`` reached ``done`` on the fourth update's
date); without such an update, on its ``communicated`` date; otherwise on the feedback's ``date``.

Pure functions: no MkDocs, no HTML.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Iterable

DEFAULT_YEAR_STARTS = "04-01"

_MM_DD = re.compile(r"(\d{2})-(\d{2})")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # a start must exist in every year
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True, order=True)
class YearStart:
    """The day and month every reporting year starts on."""

    month: int = 4
    day: int = 1

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


def parse_year_starts(value: object) -> YearStart:
    """``'04-01'`` -> ``YearStart(4, 1)``. Raises ``ValueError`` with a message for a reader, which the
    caller prefixes with where the option is written (``mkdocs.yml: plugins.make-it-count.year_starts: ...``).

    The day must exist in every year, so ``02-29`` is refused (a year starting on 29 February would start on
    a different day three years in four)."""
    if isinstance(value, YearStart):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a day written as MM-DD in quotes, e.g. '04-01' for 1 April")
    text = value.strip()
    match = _MM_DD.fullmatch(text)
    if not match:
        raise ValueError(f"'{value}' is not a day written as MM-DD, e.g. '04-01' for 1 April")
    month, day = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"'{value}': there is no month {month} (MM-DD: the month comes first, 01 to 12)")
    if month == 2 and day == 29:
        raise ValueError(f"'{value}': 29 February is not in every year; start the year on 02-28 or 03-01")
    if not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        raise ValueError(f"'{value}': {_MONTHS[month - 1]} has no day {day}")
    return YearStart(month, day)


@dataclass(frozen=True, order=True)
class ReportingYear:
    """One reporting year: from ``start`` to ``end``, both included. Ordered by start."""

    start: _dt.date
    end: _dt.date  # the last day, included

    @property
    def name(self) -> str:
        """``2024-25`` for a year across two calendar years; ``2024`` for a calendar year."""
        if self.start.month == 1 and self.start.day == 1:
            return str(self.start.year)
        return f"{self.start.year}-{(self.start.year + 1) % 100:02d}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.name

    def next(self) -> "ReportingYear":
        return _year_from(self.end + _dt.timedelta(days=1))

    def previous(self) -> "ReportingYear":
        return _year_from(self.start.replace(year=self.start.year - 1))


def _start_on(year: int, starts: YearStart) -> _dt.date:
    return _dt.date(year, starts.month, starts.day)


def _year_from(start: _dt.date) -> ReportingYear:
    try:
        following = start.replace(year=start.year + 1)
    except ValueError:  # not reachable with a valid YearStart (never 29 February)
        following = start.replace(year=start.year + 1, day=28)
    return ReportingYear(start, following - _dt.timedelta(days=1))


def year_of(day: _dt.date, starts: YearStart | str = DEFAULT_YEAR_STARTS) -> ReportingYear:
    """The reporting year ``day`` falls in: with the default, 31 March 2025 is in ``2024-25`` and 1 April 2025
    starts ``2025-26``."""
    starts = parse_year_starts(starts)
    start = _start_on(day.year, starts)
    return _year_from(start if day >= start else _start_on(day.year - 1, starts))


def year_named(name: str, starts: YearStart | str = DEFAULT_YEAR_STARTS) -> ReportingYear | None:
    """The year with this name (``2024-25``, or ``2024`` for calendar years), or None if no year is named so."""
    starts = parse_year_starts(starts)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", name)
    if not match:
        return None
    year = _year_from(_start_on(int(match.group(1)), starts))
    return year if year.name == name else None


def years_between(first: ReportingYear, last: ReportingYear) -> list[ReportingYear]:
    """Every reporting year from ``first`` to ``last``, both included, oldest first."""
    out, year = [], first
    while year.start <= last.start:
        out.append(year)
        year = year.next()
    return out


def years_of(days: Iterable[_dt.date], starts: YearStart | str = DEFAULT_YEAR_STARTS) -> list[ReportingYear]:
    """The reporting years holding at least one of ``days``, newest first, each once."""
    starts = parse_year_starts(starts)
    return sorted({year_of(d, starts) for d in days if d is not None}, reverse=True)


# --- "reached" ------------------------------------------------------------------------------------------------

def reached(item) -> _dt.date | None:
    """When the item's response reached its current status (see the module text); None without a response.

    ``item`` is a :class:`~mic_plugin.model.records.Feedback` (anything with ``date`` and ``response``)."""
    response = item.response
    if response is None:
        return None
    first_of_run = None
    for update in reversed(response.updates):  # the last run; valid content ends with it (the last update's
        if update.status == response.status:    # status is the response's), but any last run counts
            first_of_run = update.date
        elif first_of_run is not None:
            break
    if first_of_run is not None:
        return first_of_run
    return response.communicated or item.date


def reached_in(item, year: ReportingYear, statuses: Iterable[str]) -> bool:
    """Whether the item's response has one of ``statuses`` and reached it during ``year``."""
    response = item.response
    return response is not None and response.status in tuple(statuses) and reached(item) in year


__all__ = ["DEFAULT_YEAR_STARTS", "YearStart", "ReportingYear", "parse_year_starts", "year_of", "year_named",
           "years_between", "years_of", "reached", "reached_in"]
