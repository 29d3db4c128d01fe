"""The change log's pages (``changes/``, ``changes/page/N/``), its Atom feed (``changes/feed.xml``) and the feed's
``<link>`` in every page's head.

The log is derived in :mod:`mic_plugin.derive.changes`; it is cut into pages here (:class:`LogPages`, made once
per build by :func:`log_pages`; templates get it as ``log_pages``), and its pages are drawn by
``mic/changes.html``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape

from ..derive.changes import FEED_PATH, Change, attach
from ..derive.report import Report, View
from ..render.atom import MEDIA_TYPE, atom_xml
from .paging import paginate, window
from .specs import FileSpec, Heading, PageSpec


MISSING_SITE_URL = (
    f"The news feeds ({FEED_PATH}, activities/ID/feed.xml, changes/themes/THEME.xml) are not "
    "written: an Atom feed needs absolute links, and site_url is not set. "
    "Set site_url in mkdocs.yml to the address the site is published at (e.g. site_url: "
    "https://example.org/involvement/) to publish the feed.")


ENTRY_BYTES = 600  # HTML of a change log entry besides its note (date, labels, links, quotation)
PAGE_BYTES = 240_000  # estimated HTML of the entries on one change log page, at most (notes can be long):
# with the theme's frame and the pager, a page stays under 300 KiB


@dataclass
class Month:
    """A month heading of a change log page and the entries under it."""

    year: int
    month: int
    entries: list[Change]
    continued: bool = False  # the month began on the page before
    words: Any = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        return self.words.month_year(self.year, self.month)

    @property
    def anchor(self) -> str:
        return month_anchor(self.year, self.month)


@dataclass
class LogPage:
    """One page of the change log."""

    number: int  # 1-based
    count: int  # how many pages
    entries: list[Change]
    first: int  # 1-based index of the first entry on this page
    months: list[Month]

    @property
    def page(self) -> str:
        return page_name(self.number)

    @property
    def last(self) -> int:
        return self.first + len(self.entries) - 1

    def window(self, around: int = 2) -> list[int]:
        """Page numbers to link from this page (see :func:`mic_plugin.site.paging.window`)."""
        return window(self.number, self.count, around)


def month_anchor(year: int, month: int) -> str:
    """The id of a month's heading on the change log pages."""
    return f"mic_{year:04d}-{month:02d}"


def page_name(number: int) -> str:
    """The logical page of the change log's page ``number``: ``changes``, ``changes/page/2``..."""
    return "changes" if number == 1 else f"changes/page/{number}"


def group_by_month(entries: list[Change], words, continued_from: tuple[int, int] | None = None) -> list[Month]:
    months: list[Month] = []
    for change in entries:
        if not months or (months[-1].year, months[-1].month) != change.month:
            months.append(Month(change.date.year, change.date.month, [],
                                continued=not months and change.month == continued_from, words=words))
        months[-1].entries.append(change)
    return months


class LogPages(View):
    """The change log cut into pages, once per build (:func:`log_pages`): ``list_page_size`` entries a page,
    fewer when long notes would make a page heavy (estimated bytes)."""

    @functools.cached_property
    def entries(self) -> list[Change]:
        return attach(self.report).entries

    @functools.cached_property
    def pages(self) -> list[LogPage]:
        entries, words = self.entries, self.report.words
        weights = [ENTRY_BYTES + 2 * len(c.note) + len(c.activity.title) for c in entries]
        bounds = paginate(weights, self.report.options.list_page_size, PAGE_BYTES)
        out = []
        for number, (start, end) in enumerate(bounds, start=1):
            chunk = entries[start:end]
            before = entries[start - 1].month if start else None
            out.append(LogPage(number, len(bounds), chunk, start + 1, group_by_month(chunk, words, before)))
        return out

    @functools.cached_property
    def _page_of(self) -> dict[str, int]:
        return {change.key: page.number for page in self.pages for change in page.entries}

    def url_of(self, change: Change) -> str:
        """Site-relative URL of the change log page and month heading that list ``change``."""
        return f"{self.report.urls.page(page_name(self._page_of[change.key]))}#{month_anchor(*change.month)}"


def log_pages(report: Report) -> LogPages:
    """The report's :class:`LogPages` (``log_pages`` in the change log's and activity pages' contexts)."""
    return report.derived(LogPages)


def pages(report: Report) -> list[PageSpec]:
    """``changes/`` and, for long logs, ``changes/page/N/``."""
    change_log = attach(report)
    paged = log_pages(report)
    name = report.site.organisation.name
    _ = report.words.gettext
    out = []
    for log_page in paged.pages:
        title = _("Change log") if log_page.number == 1 else _("Change log, page %(number)s",
                                                              number=report.words.number(log_page.number))
        out.append(PageSpec(
            log_page.page, title, "mic/changes.html", nav=log_page.number == 1,
            context=(lambda p=log_page: {"change_log": change_log, "log_pages": paged, "log_page": p}),
            headings=[Heading(2, m.anchor, m.label + (" " + _("(continued)") if m.continued else ""))
                      for m in log_page.months],
            description=_("What changed in %(name)s's involvement work, newest first.", name=name)))
    return out


def files(report: Report) -> list[FileSpec]:
    """``changes/feed.xml``, when ``site_url`` is set (a feed needs absolute links); otherwise a warning."""
    change_log = attach(report)
    if not change_log.has_feed:
        report.warn(MISSING_SITE_URL)
        return []
    return [FileSpec(change_log.feed_url(), atom_xml(change_log.feed()).encode("utf-8"), MEDIA_TYPE)]


def head(report: Report) -> list[str]:
    """The feed's ``<link rel="alternate">`` for every page, so feed readers find it."""
    change_log = attach(report)
    if not change_log.has_feed:
        return []
    title = str(escape(report.words.gettext("%(name)s: change log", name=report.site.organisation.name)))
    title = title.replace("{", "&#123;")  # keep {base} ours
    href = escape(change_log.feed_url())
    return [f'<link rel="alternate" type="{MEDIA_TYPE}" title="{title}" href="{{base}}{href}">']
