"""The response-time promise (``CONTENT_FORMAT.md``, "Response-time promise"): working days and ``late``.

``organisation.yml`` may promise how soon every piece of feedback gets a response (``respond_within``:
``N days`` or ``N working days``) and name whose public holidays are not working days (``holidays``: an
ISO 3166-2 code such as ``GB-ENG``, ``GB-WLS``, ``GB-SCT``, ``GB-NIR``). Public holidays come from the
``holidays`` library (its UK subdivisions are the ISO codes ENG, WLS, SCT and NIR), not a hand-made calendar.

An item is **late** when it has no response and more than the promised time has passed from its ``date`` to
the reading date: the days counted are those *after* the day it was said, up to and including the reading
date. With ``20 working days``, an item said on a Friday is late once 21 working days have passed after
that Friday; with ``30 days``, once 31 days have.

Reading and checking the two fields is :mod:`mic_plugin.load.promise`'s (the loader checks them with it);
everything else asks :func:`promise_of` and :meth:`Promise.is_late`.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
from dataclasses import dataclass, field

from ..load.promise import _split, parse_respond_within
from .report import View


@dataclass(frozen=True)
class Promise:
    """How soon every item gets a response: ``days`` calendar days, or working days when ``working``."""

    days: int
    working: bool = False
    holidays: str = ""  # ISO code whose public holidays are not working days ('' : weekends only)
    _calendar: "WorkingDays | None" = field(default=None, compare=False, repr=False)

    def elapsed(self, said: _dt.date, as_of: _dt.date) -> int:
        """Days (working days, when the promise counts them) after ``said`` up to and including ``as_of``."""
        if as_of <= said:
            return 0
        if not self.working:
            return (as_of - said).days
        return calendar(self.holidays).between(said, as_of)

    def is_late(self, item, as_of: _dt.date) -> bool:
        """Whether a feedback item is late on ``as_of``: no response, and more than the promise has passed."""
        return item.response is None and self.elapsed(item.date, as_of) > self.days

    def waited(self, item, as_of: _dt.date) -> int | None:
        """How long an item without a response has waited, in the promise's unit (None when answered)."""
        return None if item.response is not None else self.elapsed(item.date, as_of)


def promise_of(organisation) -> Promise | None:
    """The organisation's promise, or None when it makes none (``respond_within`` absent)."""
    parsed = parse_respond_within(getattr(organisation, "respond_within", "") or "")
    if parsed is None:
        return None
    days, working = parsed
    return Promise(days, working, (getattr(organisation, "holidays", "") or "").strip())


class Lateness(View):
    """The promise applied to one report's reading date: which items are late, and by how much. Made once per
    build (:func:`lateness`); the feedback views hand it to templates (``views.promise``, an item's facts)."""

    @functools.cached_property
    def promise(self) -> Promise | None:
        """The organisation's response-time promise (``respond_within``), or None."""
        return promise_of(self.report.site.organisation)

    def is_late(self, item) -> bool:
        """No response, and more than the promised time has passed by the reading date."""
        return self.promise is not None and self.promise.is_late(item, self.report.as_of)

    def late_by(self, item) -> int | None:
        """How long a late item has waited, in the promise's unit (working days or days); None if not late."""
        return self.promise.waited(item, self.report.as_of) if self.is_late(item) else None


def lateness(report) -> Lateness:
    """The report's :class:`Lateness`, made once per build."""
    return report.derived(Lateness)


def is_late(organisation, item, as_of: _dt.date) -> bool:
    """:meth:`Promise.is_late` for the organisation's promise (False when there is none)."""
    promise = promise_of(organisation)
    return promise is not None and promise.is_late(item, as_of)


# --- public holidays --------------------------------------------------------------------------------------

class WorkingDays:
    """Monday to Friday, less the public holidays of ``code`` ('' : no holidays), counted quickly."""

    def __init__(self, code: str = ""):
        self.code = code
        self._years: set[int] = set()
        self._holidays: list[int] = []  # ordinals of the public holidays falling on weekdays, sorted

    def _cover(self, first: int, last: int) -> None:
        if not self.code:
            return
        wanted = set(range(first, last + 1)) - self._years
        if not wanted:
            return
        import holidays as _holidays
        country, part = _split(self.code)
        days = _holidays.country_holidays(country, subdiv=part or None, years=sorted(wanted))
        self._years |= wanted
        extra = {d.toordinal() for d in days if d.weekday() < 5 and d.year in wanted}
        self._holidays = sorted(set(self._holidays) | extra)

    def is_working(self, day: _dt.date) -> bool:
        if day.weekday() >= 5:
            return False
        self._cover(day.year, day.year)
        n = day.toordinal()
        i = bisect.bisect_left(self._holidays, n)
        return not (i < len(self._holidays) and self._holidays[i] == n)

    def between(self, start: _dt.date, end: _dt.date) -> int:
        """Working days ``d`` with ``start < d <= end`` (0 when ``end <= start``)."""
        if end <= start:
            return 0
        self._cover(start.year, end.year)
        weekdays = _weekdays_upto(end) - _weekdays_upto(start)
        holidays = (bisect.bisect_right(self._holidays, end.toordinal())
                    - bisect.bisect_right(self._holidays, start.toordinal()))
        return weekdays - holidays

    def add(self, start: _dt.date, n: int) -> _dt.date:
        """The day on which ``n`` working days have passed after ``start``."""
        day = start
        while n > 0:
            day += _dt.timedelta(days=1)
            if self.is_working(day):
                n -= 1
        return day


def _weekdays_upto(day: _dt.date) -> int:
    """Monday-to-Friday days from an arbitrary fixed Monday up to and including ``day``."""
    n = day.toordinal() - 1  # ordinal 1 (0001-01-01) is a Monday: n days after it
    weeks, rest = divmod(n, 7)
    return weeks * 5 + min(rest + 1, 5)


@functools.lru_cache(maxsize=16)
def calendar(code: str) -> WorkingDays:
    """The working-day calendar of a holidays code, shared by every caller in the process."""
    return WorkingDays(code)


__all__ = ["Lateness", "Promise", "WorkingDays", "calendar", "is_late", "lateness", "promise_of"]
