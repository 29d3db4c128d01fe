"""``mic digest``: what changed between two dates, grouped by activity, ready for a newsletter.

"What changed" is the change log's own definition (:func:`mic_plugin.derive.changes.changes_of`: activities
starting and ending, their updates, each step of a response, answers reported back), plus the feedback that
was said in the window. Both edges are inclusive: a change dated ``since`` or ``until`` is in; a day outside
is not. Pure: no files, no clock, no HTML (the templates ``mic/digest.*`` write it out).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .changes import _RANK, Change, attach

SAID = "said"
"""The kind of a new feedback item (the change log's own kinds are its other kinds)."""


@dataclass(frozen=True)
class DigestEntry:
    """One line of the digest: a change from the log, or a feedback item said in the window."""

    date: _dt.date
    kind: str  # said, or a change log kind: started, update, response, reported-back, ended
    link: str  # site-relative: the feedback item's permalink, or the activity page
    feedback: object = None  # the feedback item concerned, if any
    change: Change | None = None  # the change log's entry (None for new feedback)
    order: tuple = ()


@dataclass
class DigestGroup:
    activity: object
    link: str  # site-relative address of the activity page
    entries: list[DigestEntry] = field(default_factory=list)


@dataclass
class Digest:
    since: _dt.date
    until: _dt.date
    groups: list[DigestGroup]

    @property
    def count(self) -> int:
        return sum(len(g.entries) for g in self.groups)

    @property
    def empty(self) -> bool:
        return not self.groups


def digest(report, since: _dt.date, until: _dt.date) -> Digest:
    """Every change dated from ``since`` to ``until`` (both included), grouped by activity in the site's order
    (newest started first), oldest first within each (on one day: new feedback, then the change log's order)."""
    urls = report.urls
    by_activity: dict[str, list[DigestEntry]] = {}
    for change in attach(report).entries:
        if since <= change.date <= until:
            by_activity.setdefault(change.activity.id, []).append(DigestEntry(
                change.date, change.kind, change.target(report), change.feedback, change,
                (change.date, 1 + _RANK[change.kind], change.position, change.seq)))
    for activity in report.activities:
        for position, item in enumerate(activity.feedback):
            if since <= item.date <= until:
                by_activity.setdefault(activity.id, []).append(DigestEntry(
                    item.date, SAID, urls.feedback(activity.id, item.id), item, None, (item.date, 0, position, 0)))
    groups = []
    for activity in report.activities:
        entries = by_activity.get(activity.id)
        if entries:
            entries.sort(key=lambda e: e.order)
            groups.append(DigestGroup(activity, urls.activity(activity.id), entries))
    return Digest(since, until, groups)


__all__ = ["SAID", "Digest", "DigestEntry", "DigestGroup", "digest"]
