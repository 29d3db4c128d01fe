"""The change log: every dated change the content records, as pages, an Atom feed and activity timelines.

Entries come from the content only (never from the build): an activity starting and ending, each activity
update, each update of a response ("we did") with the status it moved from and to, and the day a response
was reported back to the people who gave the feedback. Each links to the record it concerns.

Order is total and stable: newest date first; on one day, later kinds of event first (ended, reported back,
response updates, activity updates, started); then activity id, the feedback item's place in its file, and
the later of two same-day updates first. The feed's ``updated`` is the newest entry's date, and entry ids are
tag URIs made from the site's host, the entry date and the records' ids, so a rebuild gives the same bytes.

Pages get the log as ``change_log`` in their context (made once per build by :func:`attach`), e.g.
``change_log.for_activity(activity.id)``. It is cut into pages, and its pages and feed are planned, in
:mod:`mic_plugin.site.changes`.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path
from urllib.parse import urlsplit

from ..load import gitinfo
from ..model import vocab
from ..render.atom import Feed, FeedEntry
from ..model.records import Activity, Feedback
from .report import Report, View
from ..render.i18n import N_


def _english():
    from ..render.i18n import words_for
    return words_for("en")

# The engine adapter's logger name (MkDocs shows it and ``--strict`` counts its warnings); plain logging only.

STARTED, UPDATE, RESPONSE, REPORTED_BACK, ENDED = "started", "update", "response", "reported-back", "ended"
_RANK = {STARTED: 0, UPDATE: 1, RESPONSE: 2, REPORTED_BACK: 3, ENDED: 4}
"""Order of kinds on one day, oldest first."""

NO_RESPONSE_LABEL = N_("No response")
FEED_PATH = "changes/feed.xml"
EXCERPT = 100  # characters of "you said" quoted in entry titles

@dataclass(frozen=True)
class Change:
    """One entry of the change log."""

    date: _dt.date
    kind: str  # started, update, response, reported-back, ended
    activity: Activity
    feedback: Feedback | None = None
    note: str = ""  # markdown, as written
    from_status: str | None = None  # response updates: the previous status (None: no response before)
    to_status: str | None = None  # response updates: the new status
    position: int = -1  # the feedback item's place in its activity file (-1: the activity itself)
    seq: int = 0  # place of the update in its list
    key: str = ""  # stable, unique: the records' ids, the date and kind (e.g. x/item/2024-04-01/done)
    words: Any = field(default=None, compare=False, repr=False)  # the language it is told in (None: English)

    @property
    def _w(self):
        return self.words if self.words is not None else _english()

    @property
    def sort_key(self) -> tuple:
        """Newest first; a total order (see the module docstring)."""
        return (-self.date.toordinal(), -_RANK[self.kind], self.activity.id, self.position, -self.seq)

    @property
    def month(self) -> tuple[int, int]:
        return (self.date.year, self.date.month)

    @property
    def from_label(self) -> str:
        return self._w.gettext(vocab.RESPONSE_STATUSES.get(self.from_status, NO_RESPONSE_LABEL) if self.from_status
                               else NO_RESPONSE_LABEL)

    @property
    def to_label(self) -> str:
        label = vocab.RESPONSE_STATUSES.get(self.to_status or "")
        return self._w.gettext(label) if label else (self.to_status or "")

    @property
    def label(self) -> str:
        """What happened, in a few words: 'Started', 'Update', 'Response updated', ..."""
        _ = self._w.gettext
        if self.kind == STARTED:
            return _("Planned to start") if self.activity.status == "planned" else _("Started")
        if self.kind == ENDED:
            label = {"completed": N_("Completed"), "cancelled": N_("Cancelled")}.get(self.activity.status, N_("Ended"))
            return _(label)
        if self.kind == UPDATE:
            return _("Update")
        if self.kind == REPORTED_BACK:
            return _("Reported back")
        return _("Response updated") if self.from_status else _("Response")

    def target(self, report: Report) -> str:
        """The site-relative URL of the record: the activity page, or the feedback item's permalink."""
        page = _activity_url(report.urls, self.activity.id)
        return f"{page}#{self.feedback.id}" if self.feedback is not None else page

    def activity_url(self, report: Report) -> str:
        """The site-relative URL of the activity's page."""
        return _activity_url(report.urls, self.activity.id)


@functools.lru_cache(maxsize=4096)
def _activity_url(urls, activity_id: str) -> str:
    return urls.activity(activity_id)


def changes_of(activity: Activity, words=None) -> list[Change]:
    """Every change one activity's file records, in no particular order (told in ``words``' language)."""
    out = [Change(activity.started, STARTED, activity, key=f"{activity.id}/started", words=words)]
    if activity.ended:
        out.append(Change(activity.ended, ENDED, activity, key=f"{activity.id}/ended", words=words))
    same_day: dict[str, int] = {}
    for seq, update in enumerate(activity.updates):
        key = _unique(f"{activity.id}/update/{update.date.isoformat()}", same_day)
        out.append(Change(update.date, UPDATE, activity, note=update.note, seq=seq, key=key, words=words))
    for position, item in enumerate(activity.feedback):
        response = item.response
        if response is None:
            continue
        previous: str | None = None
        for seq, update in enumerate(response.updates):
            key = _unique(f"{activity.id}/{item.id}/{update.date.isoformat()}/{update.status}", same_day)
            out.append(Change(update.date, RESPONSE, activity, item, note=update.note, from_status=previous,
                              to_status=update.status, position=position, seq=seq, key=key, words=words))
            previous = update.status
        if response.communicated:
            out.append(Change(response.communicated, REPORTED_BACK, activity, item, to_status=response.status,
                              position=position, seq=len(response.updates),
                              key=f"{activity.id}/{item.id}/reported-back", words=words))
    return out


def _unique(key: str, seen: dict[str, int]) -> str:
    """``key``, or ``key-2``, ``key-3``... for the second and later records that would share it."""
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}-{seen[key]}"


@dataclass(frozen=True)
class LastChanged:
    """When an activity's file last changed, from git, with links into the code host where it has them."""

    date: _dt.date
    commit: str
    short: str
    pull_request: str = ""  # "#12" or "!12": the number only (a commit subject is never published)
    commit_url: str = ""
    history_url: str = ""
    pull_request_url: str = ""


@dataclass
class MonthSummary:
    """An activity timeline's line for one month's steps on responses: how many and to which status (the change
    log lists them one by one, and each item also shows its own history where it is published)."""

    year: int
    month: int
    activity: Activity
    changes: list[Change]  # response updates and reports back in that month, oldest first
    words: Any = field(default=None, compare=False, repr=False)

    kind = "responses"

    @property
    def label(self) -> str:
        return (self.words or _english()).month_year(self.year, self.month)

    @property
    def datetime(self) -> str:
        """The month as HTML's ``<time datetime>`` writes one (``2024-05``)."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def newest(self) -> Change:
        """The newest of the month's steps, as the change log orders them (it links to where the log lists it)."""
        return min(self.changes, key=lambda c: c.sort_key)

    @property
    def responses(self) -> list[Change]:
        return [c for c in self.changes if c.kind == RESPONSE]

    @property
    def reported_back(self) -> list[Change]:
        return [c for c in self.changes if c.kind == REPORTED_BACK]

    @property
    def by_status(self) -> list[tuple[str, str, int]]:
        """(status, label, how many responses moved to it), in the vocabulary's order."""
        counts: dict[str, int] = {}
        for change in self.responses:
            counts[change.to_status or ""] = counts.get(change.to_status or "", 0) + 1
        order = list(vocab.RESPONSE_STATUSES)
        _ = (self.words or _english()).gettext
        return [(status, _(vocab.RESPONSE_STATUSES[status]) if status in vocab.RESPONSE_STATUSES else status,
                 counts[status])
                for status in sorted(counts, key=lambda x: (order.index(x) if x in order else len(order), x))]

    @property
    def items(self) -> list[Feedback]:
        """The feedback items concerned, without repeats, in the order of their first step."""
        seen: dict[str, Feedback] = {}
        for change in self.changes:
            seen.setdefault(change.feedback.id, change.feedback)
        return list(seen.values())


TimelineEntry = Change | MonthSummary


class ChangeLog(View):
    """The change log of one report, computed once."""

    @functools.cached_property
    def entries(self) -> list[Change]:
        """Every change, newest first."""
        words = self.report.words
        out = [c for activity in self.report.activities for c in changes_of(activity, words)]
        return sorted(out, key=lambda c: c.sort_key)

    @functools.cached_property
    def _by_activity(self) -> dict[str, list[Change]]:
        timelines: dict[str, list[Change]] = {}
        for change in self.entries:
            timelines.setdefault(change.activity.id, []).append(change)
        for timeline in timelines.values():
            timeline.sort(key=lambda c: (c.date, _RANK[c.kind], c.position, c.seq))
        return timelines

    def for_activity(self, activity_id: str) -> list[Change]:
        """One activity's timeline, oldest first (on one day: started, updates, responses in file order, ended)."""
        return self._by_activity.get(activity_id, [])

    def timeline(self, activity_id: str) -> list[TimelineEntry]:
        """An activity page's timeline, oldest first: the activity's own changes (started, updates, ended) as
        they are, and one :class:`MonthSummary` per month in which responses changed or were reported back
        (where the month's first such step falls), so the timeline stays short however many items the
        activity has; the change log lists every step, and each item shows its own history."""
        out: list[TimelineEntry] = []
        months: dict[tuple[int, int], MonthSummary] = {}
        for change in self.for_activity(activity_id):
            if change.feedback is None:
                out.append(change)
                continue
            summary = months.get(change.month)
            if summary is None:
                summary = months[change.month] = MonthSummary(*change.month, change.activity, [],
                                                              words=self.report.words)
                out.append(summary)
            summary.changes.append(change)
        return out

    def said(self, change: Change) -> str:
        """What people said, as a short plain-text quotation ('' when not about feedback), from the build's
        rendering of the text (no second Markdown pass)."""
        return self.report.excerpt(change.feedback.said, EXCERPT) if change.feedback is not None else ""

    def title(self, change: Change) -> str:
        """A plain-text title (feed entries)."""
        if change.feedback is not None:
            said = f"“{self.said(change)}”"
            if change.kind == RESPONSE:
                return f"{said}: {change.from_label} → {change.to_label}"
            return f"{change.label}: {said}"
        return f"{change.label}: {change.activity.title}"

    def summary(self, change: Change) -> str:
        """A plain-text summary (feed entries), its words from the build's rendering of each text."""
        a, _, excerpt = change.activity, self.report.words.gettext, self.report.excerpt
        note = excerpt(change.note)
        if change.kind == STARTED:
            return f"{a.title}. {excerpt(a.summary, 300)}"
        if change.kind == ENDED:
            status = vocab.ACTIVITY_STATUSES.get(a.status)
            return _("%(title)s ended on %(date)s (%(status)s).", title=a.title,
                     date=self.report.words.date(change.date), status=_(status) if status else a.status)
        if change.kind == UPDATE:
            return f"{a.title}: {note}"
        said = self.said(change)
        if change.kind == REPORTED_BACK:
            return _("%(title)s: the response (%(status)s) was reported back to the people who said “%(said)s”.",
                     title=a.title, status=change.to_label, said=said)
        text = _("%(title)s: response to “%(said)s” went from %(from)s to %(to)s.", title=a.title, said=said,
                 **{"from": change.from_label, "to": change.to_label})
        return f"{text} {note}" if note else text

    # --- feed ----------------------------------------------------------------------------------------------
    @property
    def site_url(self) -> str:
        url = self.report.options.site_url
        return url.rstrip("/") + "/" if url else ""

    @property
    def has_feed(self) -> bool:
        return bool(self.site_url)

    def feed_url(self) -> str:
        """The feed's site-relative URL (prefix included)."""
        return self.report.urls.file(FEED_PATH)

    def entry_id(self, change: Change) -> str:
        """A tag URI (RFC 4151) from the site's host and path, the entry's date and its key."""
        parts = urlsplit(self.site_url)
        host = (parts.hostname or "localhost").lower()
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return f"tag:{host},{change.date.isoformat()}:{path}changes/{change.key}"

    def feed(self) -> Feed:
        """The Atom feed of the newest ``feed_entries`` changes (needs ``site_url``)."""
        report = self.report
        name = report.site.organisation.name
        _ = report.words.gettext
        return self.feed_of(self.entries, feed_id=report.urls.file("changes/"), self_path=self.feed_url(),
                            alternate=report.urls.page("changes"), title=_("%(name)s: change log", name=name),
                            subtitle=_("What changed in %(name)s's involvement work: you said, we did.", name=name))

    def feed_of(self, entries: list[Change], *, feed_id: str, self_path: str, alternate: str, title: str,
                subtitle: str, updated: _dt.date | None = None) -> Feed:
        """An Atom feed of the newest ``feed_entries`` of ``entries`` (a part of the log, newest first) with the
        same entries (ids, titles, links, summaries) as the change log's own feed, so a reader following both
        sees each change once. Paths are site-relative; ``updated`` is the feed's date when it has no entry
        (default: the reading date)."""
        report = self.report
        organisation = report.site.organisation
        _ = report.words.gettext
        entries = entries[: max(1, report.options.feed_entries)]
        absolute = self.site_url
        return Feed(
            id=absolute + feed_id, title=title, subtitle=subtitle, language=report.language,
            updated=entries[0].date if entries else (updated or report.as_of),
            self_url=absolute + self_path,
            alternate_url=absolute + alternate,
            author=organisation.name,
            rights=_("Published under %(licence)s", licence=organisation.data_licence)
            if organisation.data_licence else "",
            entries=[FeedEntry(id=self.entry_id(c), title=self.title(c), updated=c.date,
                               link=absolute + c.target(report), summary=self.summary(c)) for c in entries],
        )

    # --- git -----------------------------------------------------------------------------------------------
    @functools.cached_property
    def git(self) -> dict[str, gitinfo.FileChange]:
        """Last change of each content file (empty when git is off, missing, or the content is outside git)."""
        if not self.report.options.git:
            return {}
        return gitinfo.last_changes(Path(self.report.site.root or self.report.site.content_dir))

    @functools.cached_property
    def host(self) -> gitinfo.Host | None:
        return gitinfo.host_of(self.report.options.repo_url)

    def last_changed(self, activity: Activity) -> LastChanged | None:
        """When the activity's file last changed, or None (no git, file not committed)."""
        change = self.git.get(activity.path) if activity.path else None
        if change is None:
            return None
        host = self.host
        return LastChanged(
            change.date, change.commit, change.short, change.pull_request,
            commit_url=host.commit_url(change.commit) if host else "",
            history_url=host.history_url(change.commit, change.repo_path) if host else "",
            pull_request_url=host.pull_request_url(change.pull_request) if host else "")


def attach(report: Report) -> ChangeLog:
    """The report's change log, made once per build (templates get it as ``change_log``)."""
    return report.derived(ChangeLog)


__all__ = ["Change", "ChangeLog", "MonthSummary", "LastChanged", "attach", "changes_of"]
