"""Pages: "you said, we did", every feedback item and its response, paginated, filterable in the browser.

Published pages and files (with the default empty prefix and directory URLs):

* ``you-said-we-did/`` and ``you-said-we-did/page/N/``: every item, newest first, ``list_page_size`` a page
  (compact rows: status, the first words of what was said and of the answer, a link to the full item).
* ``you-said-we-did/items.json``: a compact index (ids, status, themes, activity, date, count and the
  first words of what was said) that ``mic.js`` loads, once, when a reader first uses the filter form:
  it combines the status, theme and activity filters over *all* items in the browser and shows the
  matches in pages of 50. ``you-said-we-did/?theme=SLUG`` (also ``status=``, ``activity=``) opens the list
  with the filter set: an item's themes link there.

Why this shape: server-rendered pages keep every item reachable with JavaScript off (and each activity's
page is its items, filtered by activity), while each HTML page stays at ``list_page_size`` rows however
large the site grows; the JSON index grows by roughly 200 bytes per item (2 MB for 10,000 items, far less
compressed) and is only fetched on demand, so combined filters work at 10,000 items without building every
combination, or every single filter, as pages (pre-filtered pages for each status and theme would repeat
every item two or three times over).

Items are shared with the activity pages through :func:`views`, which renders each Markdown field once per
build (an index page and an activity page show the same text).
"""

from __future__ import annotations

import html as _html
import json
import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup

from . import vocab
from .model import Feedback
from .plan import FileSpec, Heading, PageSpec
from .report import Report, Stats, paginate, status_of, theme_key
from .spec import slug
from .text import truncate

SECTION = "you-said-we-did"
TITLE = "You said, we did"
JSON_NAME = "items.json"
SNIPPET_CHARS = 140
"""Characters of "said" kept in the JSON index for the browser filter."""

ROW_BYTES = 650
"""HTML of a list row besides its activity's title and id and its two snippets (status, date, links)."""
ROWS_BYTES = 300_000
"""Estimated HTML of the rows of one list page, at most: with the filter and the theme's frame, a page stays
well under 512 KiB whatever the titles."""

STATUS_ORDER = (vocab.AWAITING, *vocab.RESPONSE_STATUSES)


def status_label(status: str) -> str:
    return vocab.AWAITING_LABEL if status == vocab.AWAITING else vocab.RESPONSE_STATUSES[status]


# --- shared, per-build views ---------------------------------------------------------------------------------

DID_LABELS = {"done": "What we did", "partly-done": "What we did", "not-doing": "What we did",
              "referred": "Who we passed it to, and what happens next"}
"""The heading over a response's "did" text, by status (otherwise "What we are doing")."""


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


class Views:
    """Per-build caches shared by every page: rendered Markdown, theme slugs, item lists."""

    def __init__(self, report: Report):
        self.report = report
        self._rows: dict[tuple[str, str], Markup] = {}
        self._activity_options: Markup | None = None
        self._activity_links: dict[str, Markup] = {}
        self._facts: dict[str, ItemFacts] = {}
        self._snippets: dict[str, str] = {}
        self._stats: dict[str, Stats] = {}
        self.themes = report.themes  # key -> as first written
        self.theme_slugs = theme_slugs(self.themes)

    def stats(self, listing: "Listing") -> Stats:
        """Headline figures of a listing, worked out once for all its pages."""
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
            status = status_of(item)
            urls = self.report.urls
            out = self._facts[item.id] = ItemFacts(
                status=status, status_label=status_label(status),
                people="1 person" if item.count == 1 else f"{item.count:,} people",
                themes=[(f"{urls.page(SECTION)}?theme={slug}", label) for slug, label in self.item_themes(item)],
                did_label=DID_LABELS.get(r.status, "What we are doing") if r else "",
                reason_label=("Why we are not doing it" if r.status == "not-doing" else "Why") if r else "",
                waiting=self.report.awaiting_days(item), overdue=self.report.overdue_days(item))
        return out

    def row(self, item: Feedback, root: str, macro: Callable[[Feedback], str]) -> Markup:
        """An item's row in a list, rendered by ``macro`` once per ``root`` (its links depend only on it)."""
        key = (item.id, root)
        out = self._rows.get(key)
        if out is None:
            out = self._rows[key] = Markup(macro(item))
        return out

    def activity_options(self) -> Markup:
        """``<option>``s of the activity filter (the same on every page), built once."""
        if self._activity_options is None:
            self._activity_options = Markup("").join(
                Markup('<option value="{}">{} ({:,})</option>\n').format(a.id, a.title, len(a.feedback))
                for a in self.report.activities if a.feedback)
        return self._activity_options

    def activity_links(self, root: str) -> Markup:
        """``<li>``s linking to each activity's feedback (with its number of items), from ``root``; built
        once per page depth (the same on every list page)."""
        out = self._activity_links.get(root)
        if out is None:
            urls = self.report.urls
            out = self._activity_links[root] = Markup("").join(
                Markup('<li><a href="{}{}#mic_feedback">{}</a> ({})</li>').format(
                    root, urls.activity(a.id), a.title, f"{len(a.feedback):,}")
                for a in self.report.activities if a.feedback)
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
        out = self._snippets.get(text or "")
        if out is None:
            out = self._snippets[text or ""] = self._make_snippet(text)
        return out

    def _make_snippet(self, text: str | None) -> str:
        return truncate(" ".join(_html.unescape(_TAG.sub(" ", str(self.md(text)))).split()), SNIPPET_CHARS)


_TAG = re.compile(r"<[^>]*>")
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


# --- pagination ---------------------------------------------------------------------------------------------

@dataclass
class Pager:
    """Where one page sits among the pages of a list."""

    base: str  # logical page of the first page, e.g. "you-said-we-did"
    number: int
    count: int
    total_items: int
    first_item: int  # 1-based
    last_item: int

    def page_of(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}/page/{number}"

    def window(self, around: int = 2) -> list[int]:
        """Page numbers to link: first, last and a few around the current one (0 marks a gap)."""
        wanted = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.count)
        out: list[int] = []
        for n in numbers:
            if out and n - out[-1] > 1:
                out.append(0)
            out.append(n)
        return out


@dataclass
class Listing:
    """A list of items: the whole list (published), or one status or one theme (counted for the filter)."""

    base: str
    title: str
    kind: str  # "all", "status" or "theme"
    key: str = ""  # the status, or the theme slug
    label: str = ""
    items: list[Feedback] = field(default_factory=list)


def listings(report: Report) -> list[Listing]:
    v = views(report)
    everything = report.feedback
    out = [Listing(SECTION, TITLE, "all", items=everything)]
    by_status: dict[str, list[Feedback]] = {}
    by_theme: dict[str, list[Feedback]] = {}
    for item in everything:
        by_status.setdefault(status_of(item), []).append(item)
        for theme_slug, _ in v.item_themes(item):
            by_theme.setdefault(theme_slug, []).append(item)
    for status in STATUS_ORDER:
        if status in by_status:
            label = status_label(status)
            out.append(Listing(f"{SECTION}/status/{status}", f"{TITLE}: {label}", "status", status, label,
                               by_status[status]))
    for key, theme_slug in sorted(v.theme_slugs.items(), key=lambda kv: kv[1]):
        if theme_slug in by_theme:
            label = v.themes[key]
            out.append(Listing(f"{SECTION}/theme/{theme_slug}", f"{TITLE}: {label}", "theme", theme_slug, label,
                               by_theme[theme_slug]))
    return out


def pages(report: Report) -> list[PageSpec]:
    """The index pages; the first is the section's entry in the navigation."""
    size = report.options.list_page_size
    out: list[PageSpec] = []
    all_listings = listings(report)
    filters = _filter_links(report, all_listings)
    weight = {item.id: _row_bytes(report, item) for item in report.feedback}
    for listing in all_listings[:1]:  # the whole list; single filters are the browser's (see the module text)
        n_items = len(listing.items)
        bounds = paginate([weight[item.id] for item in listing.items], size, ROWS_BYTES)
        count = len(bounds)
        for number, (start, end) in enumerate(bounds, start=1):
            pager = Pager(listing.base, number, count, n_items, start + 1 if n_items else 0, end)
            title = listing.title + (f" (page {number} of {count})" if number > 1 else "")
            out.append(PageSpec(
                pager.page_of(number), title, "mic/you-said-we-did.html",
                context=_context(report, listing, pager, filters, start, end),
                nav=(listing.kind == "all" and number == 1),
                headings=[Heading(2, "mic_figures", "In numbers"), Heading(2, "mic_filter", "Filter"),
                          Heading(2, "mic_items", "What people said")],
                description=_description(report, listing)))
    return out


def _row_bytes(report: Report, item: Feedback) -> int:
    """A generous estimate of a row's HTML: its fixed markup, the activity's title and id (linked twice), and
    the two snippets at their longest."""
    return ROW_BYTES + len(report.activity_by_id[item.activity].title) + 2 * len(item.activity) + 2 * SNIPPET_CHARS


def _context(report, listing, pager, filters, start, end) -> Callable[[], dict]:
    def build() -> dict:
        v = views(report)
        return {"listing": listing, "pager": pager, "items": listing.items[start:end],
                "stats": v.stats(listing), "filters": filters, "views": v, "md": v.md,
                "status_label": status_label, "json_url": report.urls.file(f"{SECTION}/{JSON_NAME}")}
    return build


def _description(report: Report, listing: Listing) -> str:
    name = report.site.organisation.name
    if listing.kind == "all":
        return f"Everything people told {name}, and what happened next."
    return f"What people told {name} ({listing.label}), and what happened next."


@dataclass
class FilterLinks:
    """The filter's choices, with counts: each status and theme that has items, and each activity (whose own
    page is the way to filter by activity without JavaScript)."""

    statuses: list[tuple[str, str, int]]  # (status, label, items)
    themes: list[tuple[str, str, int]]  # (slug, label, items)
    activities: list[tuple[str, str, int]]  # (id, title, items)


def _filter_links(report: Report, all_listings: list[Listing]) -> FilterLinks:
    statuses = [(x.key, x.label, len(x.items)) for x in all_listings if x.kind == "status"]
    themes = sorted(((x.key, x.label, len(x.items)) for x in all_listings if x.kind == "theme"),
                    key=lambda t: (t[1].casefold(), t[0]))
    activities = [(a.id, a.title, len(a.feedback)) for a in report.activities if a.feedback]
    return FilterLinks(statuses, themes, activities)


# --- the browser filter's index --------------------------------------------------------------------------------

def files(report: Report) -> list[FileSpec]:
    return [FileSpec(report.urls.file(f"{SECTION}/{JSON_NAME}"), filter_index(report), "application/json")]


def filter_index(report: Report) -> str:
    """Compact JSON for ``mic.js``: lookup tables, then one array per item, newest first.

    ``items``: ``[feedback id, activity index, status index, [theme indexes], date, count, snippet]``.
    Links are written relative to the site root (``root`` is the prefix), so the script can resolve them
    from the JSON file's own URL.
    """
    v = views(report)
    activity_index = {a.id: i for i, a in enumerate(report.activities)}
    theme_keys = sorted(v.theme_slugs, key=lambda k: v.theme_slugs[k])
    theme_index = {v.theme_slugs[k]: i for i, k in enumerate(theme_keys)}
    status_index = {s: i for i, s in enumerate(STATUS_ORDER)}
    items = []
    for item in report.feedback:
        items.append([item.id, activity_index[item.activity], status_index[status_of(item)],
                      [theme_index[slug] for slug, _ in v.item_themes(item)], item.date.isoformat(), item.count,
                      v.snippet(item)])
    data = {
        "version": 1,
        "statuses": [[s, status_label(s)] for s in STATUS_ORDER],
        "themes": [[v.theme_slugs[k], v.themes[k]] for k in theme_keys],
        "activities": [[a.id, a.title, report.urls.activity(a.id)] for a in report.activities],
        "items": items,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
