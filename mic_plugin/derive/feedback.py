"""Feedback views shared by every page that shows feedback items (the "you said, we did" lists and the activity
pages): each item's status, labels and links, its first words, and the Markdown rendered once per build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from ..load.spec import slug
from ..model import vocab
from ..model.records import Feedback
from ..render.i18n import N_
from .report import Report, Stats, theme_key


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
        self._rows: dict[tuple[str, str], Markup] = {}
        self._facts: dict[str, ItemFacts] = {}
        self._stats: dict[str, Stats] = {}
        self.themes = report.themes  # key -> as first written
        self.theme_slugs = theme_slugs(self.themes)

    def stats(self, listing) -> Stats:
        """Headline figures of a listing (a :class:`mic_plugin.site.feedback.Listing`), worked out once for all its
        pages."""
        if listing.base not in self._stats:
            self._stats[listing.base] = self.report.stats(listing.items)
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
                waiting=self.report.awaiting_days(item), overdue=self.report.overdue_days(item),
                late=self.report.late_by(item))
        return out

    def row(self, item: Feedback, root: str, macro: Callable[[Feedback], str]) -> Markup:
        """An item's row in a list, rendered by ``macro`` once per ``root`` (its links depend only on it)."""
        key = (item.id, root)
        out = self._rows.get(key)
        if out is None:
            out = self._rows[key] = Markup(macro(item))
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
