"""Feedback views shared by every page that shows feedback items (the "you said, we did" lists and the activity
pages): each item's status, labels and links, its first words, and the Markdown rendered once per build; the
headline figures of a set of items (:func:`stats`), and how long an item has waited (:func:`awaiting_days`,
:func:`overdue_days`; late: :mod:`mic_plugin.derive.promise`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from markupsafe import Markup

from ..load.spec import slug
from ..model import vocab
from ..model.records import Feedback
from ..model.vocab import CLOSED_RESPONSE_STATUSES
from ..render.i18n import N_
from .promise import Lateness, lateness
from .report import Report, theme_key


SECTION = "you-said-we-did"
SNIPPET_CHARS = 140
"""Characters of "said" kept in the JSON index for the browser filter."""

STATUS_ORDER = (vocab.AWAITING, *vocab.RESPONSE_STATUSES)


def status_label(status: str, words=None) -> str:
    """A response status (or awaiting) as readers see it, in ``words``' language (English without)."""
    label = vocab.AWAITING_LABEL if status == vocab.AWAITING else vocab.RESPONSE_STATUSES[status]
    return words.gettext(label) if words is not None else label


DID_LABELS = {"done": N_("What we did"), "partly-done": N_("What we did"), "not-doing": N_("What we did"),
              "referred": N_("Who we passed it to, and what happens next")}
DOING_LABEL = N_("What we are doing")
"""The heading over a response's "did" text, by status (otherwise :data:`DOING_LABEL`)."""


@dataclass
class Stats:
    """Headline figures for a set of feedback items."""

    items: int = 0
    people: int = 0  # sum of counts: how many said
    answered: int = 0  # has a response
    done: int = 0  # done or partly done
    reported_back: int = 0  # response communicated
    awaiting: int = 0
    late: int = 0  # awaiting, and past the organisation's response-time promise
    overdue: int = 0


def awaiting_days(item: Feedback, as_of: _dt.date) -> int | None:
    """Days since the item was said, when it has no response yet."""
    if item.response is not None:
        return None
    return max(0, (as_of - item.date).days)


def overdue_days(item: Feedback, as_of: _dt.date) -> int | None:
    """Days past the response's due date, when it is not done and not closed."""
    r = item.response
    if r is None or r.due is None or r.status in CLOSED_RESPONSE_STATUSES:
        return None
    days = (as_of - r.due).days
    return days if days > 0 else None


def stats(report: Report, items: list[Feedback] | None = None) -> Stats:
    """The figures of ``items`` (every item of the report by default) on the report's reading date."""
    items = report.feedback if items is None else items
    late = lateness(report)
    s = Stats(items=len(items))
    for f in items:
        s.people += f.count
        if f.response is None:
            s.awaiting += 1
            if late.is_late(f):
                s.late += 1
            continue
        s.answered += 1
        if f.response.status in ("done", "partly-done"):
            s.done += 1
        if f.response.communicated:
            s.reported_back += 1
        if overdue_days(f, report.as_of):
            s.overdue += 1
    return s


@dataclass(frozen=True)
class ItemFacts:
    """An item's status, labels and links as the templates show them (see :meth:`Views.facts`)."""

    status: str  # a response status, or "awaiting"
    status_label: str
    people: str  # "1 person", "1,250 people"
    themes: list[tuple[str, str]]  # (site-relative URL of the list filtered by the theme, theme as first written)
    did_label: str  # heading over "did" ('' without a response)
    reason_label: str  # heading over "reason"
    waiting: int | None  # days awaiting a response (None: answered)
    overdue: int | None  # days past due and not done
    late: int | None = None  # awaiting past the response-time promise: how long, in the promise's unit


class Views:
    """Per-build caches shared by every page: rendered Markdown, theme slugs, item lists."""

    def __init__(self, report: Report):
        self.report = report
        self._facts: dict[str, ItemFacts] = {}
        self._stats: dict[str, Stats] = {}
        self.themes = report.themes  # key -> as first written
        self.theme_slugs = theme_slugs(self.themes)
        self.lateness: Lateness = lateness(report)

    @property
    def promise(self):
        """The organisation's response-time promise, or None (for the "late" notes)."""
        return self.lateness.promise

    def stats(self, listing) -> Stats:
        """Headline figures of a listing (a :class:`mic_plugin.site.feedback.Listing`), worked out once for all its
        pages."""
        if listing.base not in self._stats:
            self._stats[listing.base] = stats(self.report, listing.items)
        return self._stats[listing.base]

    def md(self, text: str | None) -> Markup:
        """``report.markdown`` (which renders each text once per build)."""
        return self.report.markdown(text or "")

    def item_themes(self, item: Feedback) -> list[tuple[str, str]]:
        """(slug, theme as first written) for an item's themes, without repeats."""
        seen: dict[str, str] = {}
        for theme in item.themes:
            key = theme_key(theme)
            if key in self.theme_slugs:
                seen.setdefault(self.theme_slugs[key], self.themes[key])
        return list(seen.items())

    def facts(self, item: Feedback) -> "ItemFacts":
        """What the item templates show about an item besides its texts, worked out once per build."""
        out = self._facts.get(item.id)
        if out is None:
            r = item.response
            status = item.status
            urls = self.report.urls
            w = self.report.words
            out = self._facts[item.id] = ItemFacts(
                status=status, status_label=status_label(status, w),
                people=w.people(item.count),
                themes=[(f"{urls.page(SECTION)}?theme={slug}", label) for slug, label in self.item_themes(item)],
                did_label=w.gettext(DID_LABELS.get(r.status, DOING_LABEL)) if r else "",
                reason_label=(w.gettext("Why we are not doing it") if r.status == "not-doing" else w.gettext("Why"))
                if r else "",
                waiting=awaiting_days(item, self.report.as_of), overdue=overdue_days(item, self.report.as_of),
                late=self.lateness.late_by(item))
        return out

    def theme_labels(self, themes: list[str]) -> list[str]:
        """Themes without case-insensitive repeats, each shown as first written anywhere on the site."""
        out: dict[str, str] = {}
        for theme in themes:
            key = theme_key(theme)
            out.setdefault(key, self.themes.get(key, theme.strip()))
        return list(out.values())

    def snippet(self, item: Feedback) -> str:
        """The first words of what was said, as plain text (from the rendered, sanitised HTML)."""
        return self._snippet(item.said)

    def answer_snippet(self, item: Feedback) -> str:
        """The first words of what was done (or why not), as plain text; '' without a response."""
        r = item.response
        return self._snippet(r.did or r.reason) if r is not None else ""

    def _snippet(self, text: str | None) -> str:
        """The first words of a Markdown field as plain text, from the build's one rendering of it (text shown
        in another language says so: a Fallback)."""
        return self.report.excerpt(text, SNIPPET_CHARS)


def views(report: Report) -> Views:
    """The :class:`Views` of a report (one per build)."""
    return report.derived(Views)


def theme_slugs(themes: dict[str, str]) -> dict[str, str]:
    """Theme key -> a unique URL slug, deterministic (themes in sorted key order; clashes get -2, -3...)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key in sorted(themes):
        base = slug(key, 60) or "theme"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        out[key] = name
    return out
