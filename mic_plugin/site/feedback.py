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

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..derive.feedback import SECTION, SNIPPET_CHARS, STATUS_ORDER, status_label, views
from ..derive.promise import lateness
from ..derive.report import Report
from ..model.records import Feedback
from .feeds import feeds
from .paging import Pager, paginate
from ..render.i18n import N_
from .specs import FileSpec, Heading, PageSpec

TITLE = N_("You said, we did")
JSON_NAME = "items.json"

ROW_BYTES = 560
"""HTML of a list row besides its activity's title and id and its two snippets (status, date, links): about
440 bytes measured at 10,000 items, with room for longer status labels and dates."""
PAGE_BYTES = 280_000
"""Estimated HTML of one list page, at most (under the 300 KiB a phone reader should have to fetch): the
theme's frame and the page's own parts (:func:`fixed_bytes`: the filter's choices and the list of activities)
and as many rows as fit besides."""
FRAME_BYTES = 25_000
"""HTML of a list page besides its rows, filter choices and activity list (theme frame, nav, figures)."""
ROWS_BYTES_MIN = 60_000
"""Rows of one list page at least, however long the filter's choices."""
ACTIVITY_CHOICES_BYTES = 120_000
"""The activity choices (an option and a link to its items each) every list page carries, at most; past it
the pages link to the activities' own index and the script fills the choices (:class:`FilterLinks`)."""

# --- the lists ----------------------------------------------------------------------------------------------

@dataclass
class Listing:
    """The list of every item, published in pages (filters by status, theme and activity are the browser's)."""

    base: str
    title: str
    items: list[Feedback] = field(default_factory=list)


def pages(report: Report) -> list[PageSpec]:
    """The index pages; the first is the section's entry in the navigation."""
    w = report.words
    size = report.options.list_page_size
    out: list[PageSpec] = []
    listing = Listing(SECTION, w.gettext(TITLE), report.feedback)
    filters = _filter_links(report)
    rows_bytes = max(ROWS_BYTES_MIN, PAGE_BYTES - fixed_bytes(filters))
    n_items = len(listing.items)
    bounds = paginate([_row_bytes(report, item) for item in listing.items], size, rows_bytes)
    count = len(bounds)
    description = w.gettext("Everything people told %(name)s, and what happened next.",
                            name=report.site.organisation.name)
    for number, (start, end) in enumerate(bounds, start=1):
        pager = Pager(listing.base, number, count, n_items, start + 1 if n_items else 0, end)
        title = listing.title if number == 1 else w.gettext(
            "%(title)s (page %(number)s of %(count)s)", title=listing.title,
            number=w.number(number), count=w.number(count))
        out.append(PageSpec(
            pager.page_of(number), title, "mic/you-said-we-did.html",
            context=_context(report, listing, pager, filters, start, end),
            nav=number == 1,
            headings=[Heading(2, "mic_figures", w.gettext("In numbers")),
                      Heading(2, "mic_filter", w.gettext("Filter")),
                      Heading(2, "mic_items", w.gettext("What people said"))],
            description=description))
    return out


def fixed_bytes(filters: "FilterLinks") -> int:
    """A generous estimate of a list page's HTML besides its rows: the frame, an ``<option>`` per status, theme
    and activity, and the link to each activity's items (an activity's title is written twice; the factor
    leaves room for escaping and two-byte letters)."""
    themes = sum(50 + 3 * len(label) + len(key) for key, label, _ in filters.themes)
    activities = activity_choices_bytes(filters.activities) if filters.activities_in_page else 300
    return FRAME_BYTES + 60 * len(filters.statuses) + themes + activities


def activity_choices_bytes(activities: list[tuple[str, str, int]]) -> int:
    """A generous estimate of the activity choices' HTML: an ``<option>`` and a link to its items each."""
    return sum(120 + 3 * len(title) + 2 * len(key) for key, title, _ in activities)


def _row_bytes(report: Report, item: Feedback) -> int:
    """A generous estimate of a row's HTML: its fixed markup, the activity's title and id (linked twice), and
    the two snippets at their longest."""
    return ROW_BYTES + len(report.activity_by_id[item.activity].title) + 2 * len(item.activity) + 2 * SNIPPET_CHARS


def _context(report, listing, pager, filters, start, end) -> Callable[[], dict]:
    def build() -> dict:
        v = views(report)
        return {"listing": listing, "pager": pager, "items": listing.items[start:end],
                "stats": v.stats(listing), "filters": filters, "views": v, "md": v.md,
                "status_label": lambda s: status_label(s, report.words),
                "json_url": report.urls.file(f"{SECTION}/{JSON_NAME}"), "filter_words": filter_words(report.words),
                "feeds": feeds(report)}
    return build


@dataclass
class FilterLinks:
    """The filter's choices, with counts: each status and theme that has items, and each activity (whose own
    page is the way to filter by activity without JavaScript)."""

    statuses: list[tuple[str, str, int]]  # (status, label, items)
    themes: list[tuple[str, str, int]]  # (slug, label, items)
    activities: list[tuple[str, str, int]]  # (id, title, items)

    @functools.cached_property
    def activities_in_page(self) -> bool:
        """False when the activities are too many for every list page to carry them (past about 400 with long
        titles): the pages link to the activities' own index instead, and mic.js fills the activity filter's
        choices from the compact index it loads anyway."""
        return activity_choices_bytes(self.activities) <= ACTIVITY_CHOICES_BYTES


def _filter_links(report: Report) -> FilterLinks:
    v, w = views(report), report.words
    by_status: Counter[str] = Counter()
    by_theme: Counter[str] = Counter()
    for item in report.feedback:
        by_status[item.status] += 1
        by_theme.update(theme_slug for theme_slug, _ in v.item_themes(item))
    statuses = [(status, status_label(status, w), by_status[status]) for status in STATUS_ORDER if by_status[status]]
    labels = {theme_slug: v.themes[key] for key, theme_slug in v.theme_slugs.items()}
    themes = sorted(((theme_slug, labels[theme_slug], n) for theme_slug, n in by_theme.items()),
                    key=lambda t: (t[1].casefold(), t[0]))
    activities = [(a.id, a.title, len(a.feedback)) for a in report.activities if a.feedback]
    return FilterLinks(statuses, themes, activities)


def filter_words(w) -> str:
    """The words ``mic.js`` writes while filtering, in the page's language (JSON for a data attribute)."""
    words = {
        "lang": w.lang, "dates": w.date_patterns(),
        "people": w.script_forms(w.people),
        "matches": w.plural_forms("%(num)s item matches these filters", "%(num)s items match these filters"),
        "more": w.plural_forms("Show %(num)s more", "Show %(num)s more"),
        "first": w.plural_forms("; showing the first %(num)s.", "; showing the first %(num)s."),
        "read": w.gettext("Read it in full, with the response"),
        "item": w.gettext("(item %(id)s)", id="{id}"),
        "again": w.gettext("Showing this page's list again."),
        "loading": w.gettext("Loading…"),
        "none": w.gettext("No items match these filters."),
        "failed": w.gettext("The filter could not load its data. The lists on this page still show every item."),
    }
    return json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- the browser filter's index --------------------------------------------------------------------------------

def files(report: Report) -> list[FileSpec]:
    return [FileSpec(report.urls.file(f"{SECTION}/{JSON_NAME}"), filter_index(report), "application/json")]


def filter_index(report: Report) -> str:
    """Compact JSON for ``mic.js``: lookup tables, then one array per item, newest first.

    ``items``: ``[feedback id, activity index, status index, [theme indexes], date, count, snippet]``, and a
    final ``1`` for an item that is late (awaiting past the response-time promise).
    Links are written relative to the site root (``root`` is the prefix), so the script can resolve them
    from the JSON file's own URL.
    """
    v = views(report)
    activity_index = {a.id: i for i, a in enumerate(report.activities)}
    theme_keys = sorted(v.theme_slugs, key=lambda k: v.theme_slugs[k])
    theme_index = {v.theme_slugs[k]: i for i, k in enumerate(theme_keys)}
    status_index = {s: i for i, s in enumerate(STATUS_ORDER)}
    late = lateness(report)
    items = []
    for item in report.feedback:
        row = [item.id, activity_index[item.activity], status_index[item.status],
               [theme_index[slug] for slug, _ in v.item_themes(item)], item.date.isoformat(), item.count,
               v.snippet(item)]
        if late.is_late(item):
            row.append(1)
        items.append(row)
    data = {
        "version": 1,
        "statuses": [[s, status_label(s, report.words)] for s in STATUS_ORDER],
        "themes": [[v.theme_slugs[k], v.themes[k]] for k in theme_keys],
        "activities": [[a.id, a.title, report.urls.activity(a.id)] for a in report.activities],
        "items": items,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
