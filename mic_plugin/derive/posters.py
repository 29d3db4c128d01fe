"""What an activity's noticeboard poster shows (``CONTENT_FORMAT.md``, "Published URLs, version 1.1").

Up to six answered items (items with a response): ``done`` and ``partly-done`` first, then the other
answers; within each, the most recently *reached* first (the day the response reached its current status,
:func:`mic_plugin.derive.years.reached`), then in file order. An activity with no answered item has no poster.
"""

from __future__ import annotations

from .years import reached

POSTER_ITEMS = 6
"""The most items a poster shows: with the code and the headings, six fit one A4 page in large print."""

FIRST = ("done", "partly-done")


def poster_items(activity, limit: int = POSTER_ITEMS) -> list:
    """The answered items an activity's poster shows, in the order it shows them."""
    answered = [(position, item) for position, item in enumerate(activity.feedback) if item.response is not None]
    answered.sort(key=lambda p: (p[1].response.status not in FIRST, -reached(p[1]).toordinal(), p[0]))
    return [item for _, item in answered[:limit]]


__all__ = ["POSTER_ITEMS", "poster_items"]
