"""The outcomes pages: a light index (``outcomes/``) and, for each type of data, its measures in full.

* ``outcomes/``: the five types of data in the seed's order, each with the questions it answers and a list of
  its measures by name, each linking to the measure in full. The list item carries the measure's anchor, so a
  permalink ``outcomes/#measure_SCOPE_ID`` (written before the measures had pages of their own, and still
  what ``data/report.json`` gives) lands on the measure's name, one tap from its chart; ``mic.js`` goes on
  to the chart by itself. A site with so many measures that even their names would make the index heavy
  keeps only their anchors there, grouped under a link to the page that holds them.
* ``outcomes/TYPE/`` and ``outcomes/TYPE/page/N/``: the measures of one type in full (latest figure, facts,
  chart and figures table), as many a page as keep it light (estimated bytes, at most
  :data:`PAGE_MEASURES`). A type without measures has no page; the index says so.

Each activity page also shows its own measures in full (``partials/activity-outcomes.html``), so a reader
who comes from an activity never needs the outcomes pages. Why this shape: the inline SVG chart of a series
weighs about 3 KB, so 600 measures on one page made 2.6 MB of HTML; a phone reader scans the index, opens
one type, and pages through charts of comparable data.

The views are derived in :mod:`mic_plugin.derive.outcomes`; pages are drawn by ``mic/outcomes.html`` and
``mic/outcomes-type.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.outcomes import MeasureView, TypeGroup, outcome_views
from ..derive.report import Report
from .paging import MAP_NAME, Pager, pages_map, paginate
from .specs import FileSpec, Heading, PageSpec

SECTION = "outcomes"

PAGE_MEASURES = 50
"""Measures on one type page, at most."""
PAGE_BYTES = 200_000
"""Estimated HTML of the measures on one type page, at most (with the theme's frame, well under 300 KiB)."""
MEASURE_BYTES = 1_100
"""HTML of a measure in full besides its texts, chart and figures (section, facts list, table frame)."""
ROW_BYTES = 190
"""HTML of one dated value in the figures table."""
INDEX_ROW_BYTES = 120
"""HTML of a measure's line in the index besides its name and page address."""
INDEX_BYTES = 180_000
"""Estimated HTML of the index's measure lines, at most; beyond it the index keeps only their anchors."""
ANCHOR_BYTES = 11
"""HTML of a measure's bare anchor on a compact index besides its id (``<i id=""></i>``)."""
ANCHORS_BYTES_MAX = 150_000
"""Bare anchors on a compact index, at most (some 3,000 measures). A site with more keeps anchors for the first
measures of each type in turn, and publishes which page holds each of the others in ``outcomes/pages.json``
(``{"version": 1, "items": {ANCHOR: "TYPE/page/N/"}}``, addresses relative to the file), which ``mic.js``
reads to take a permalink ``outcomes/#ANCHOR`` on to its measure; without JavaScript the link to each type's
pages still leads to every measure."""


def type_page(data_type: str, number: int = 1) -> str:
    """The logical page of a type of data's page ``number``: ``outcomes/user``, ``outcomes/user/page/2``."""
    base = f"{SECTION}/{data_type}"
    return base if number == 1 else f"{base}/page/{number}"


def measure_bytes(view: MeasureView) -> int:
    """A generous estimate of a measure's HTML in full (names and texts may be escaped, hence the factor)."""
    texts = (view.measure.measure, view.latest, view.baseline, view.target, view.method, view.trend,
             view.activity.title if view.activity else "")
    return (MEASURE_BYTES + 2 * sum(len(t) for t in texts) + len(view.measure.measure)
            + len(view.chart or "") + ROW_BYTES * len(view.rows))


@dataclass
class TypePage:
    """One page of a type of data's measures."""

    number: int
    page: str  # logical page
    views: list[MeasureView]


@dataclass
class TypeListing:
    """A type of data with its measures split into pages (no pages when it has no measures)."""

    group: TypeGroup
    pages: list[TypePage]


class MeasurePages:
    """The five types of data, each with its pages, and the page that shows each measure in full (made once
    per build: ``measure_pages(report)``)."""

    def __init__(self, report: Report):
        self.listings: list[TypeListing] = []
        for group in outcome_views(report).by_type():
            pages = []
            if group.views:
                bounds = paginate([measure_bytes(v) for v in group.views], PAGE_MEASURES, PAGE_BYTES)
                for number, (start, end) in enumerate(bounds, start=1):
                    pages.append(TypePage(number, type_page(group.type, number), group.views[start:end]))
            self.listings.append(TypeListing(group, pages))
        self.where = {v.anchor: report.urls.page(p.page) for t in self.listings for p in t.pages for v in p.views}
        """Measure anchor -> site-relative URL of the type page showing it in full."""
        names = sum(INDEX_ROW_BYTES + 2 * len(v.measure.measure) + len(url) for v, url in
                    ((v, self.where[v.anchor]) for t in self.listings for v in t.group.views))
        self.compact = names > INDEX_BYTES
        """Whether the index lists bare anchors under a link to each page instead of every measure by name."""
        self.anchored = self._anchored() if self.compact else set(self.where)
        """The anchors the index keeps (all of them, unless even bare anchors would make it heavy)."""

    def _anchored(self) -> set[str]:
        """As many anchors as :data:`ANCHORS_BYTES_MAX` allows, taking each type's measures in turn, so every
        type keeps its first ones."""
        queues = [[v.anchor for p in t.pages for v in p.views] for t in self.listings]
        kept: set[str] = set()
        used, depth = 0, 0
        while any(depth < len(q) for q in queues):
            for q in queues:
                if depth < len(q):
                    used += ANCHOR_BYTES + len(q[depth])
                    if used > ANCHORS_BYTES_MAX:
                        return kept
                    kept.add(q[depth])
            depth += 1
        return kept


def measure_pages(report: Report) -> MeasurePages:
    return report.derived(MeasurePages)


ACTIVITY_BYTES = 60_000
"""Estimated HTML of an activity's measures in full on its page, at most; an activity with more (dozens of
series) lists them by name there, each linking to its chart on its type's page."""


def in_full_on_activity(views: list[MeasureView]) -> bool:
    """Whether an activity page shows these measures in full (else by name, linked)."""
    return sum(measure_bytes(v) for v in views) <= ACTIVITY_BYTES


def files(report: Report) -> list[FileSpec]:
    """``outcomes/pages.json`` when the index cannot keep an anchor for every measure (see
    :data:`ANCHORS_BYTES_MAX`)."""
    measured = measure_pages(report)
    if len(measured.anchored) == len(measured.where):
        return []
    path = report.urls.file(map_path())
    return [pages_map(path, {anchor: report.urls.relative(url, path) for anchor, url in measured.where.items()
                             if anchor not in measured.anchored})]


def map_path() -> str:
    return f"{SECTION}/{MAP_NAME}"


def pages(report: Report) -> list[PageSpec]:
    measured = measure_pages(report)
    listings, where, compact, anchored = measured.listings, measured.where, measured.compact, measured.anchored
    views = outcome_views(report)
    map_url = report.urls.file(map_path()) if len(anchored) < len(where) else ""
    name = report.site.organisation.name
    _ = report.words.gettext
    out = [PageSpec(
        SECTION, _("Outcomes"), "mic/outcomes.html", nav=True,
        context=lambda: {"listings": listings, "where": where, "compact": compact, "anchored": anchored,
                         "pages_map": map_url, "measure_count": len(views.views)},
        source="outcomes.yml" if report.site.outcomes else "",
        headings=[Heading(2, t.group.anchor, _("%(type)s data", type=t.group.label)) for t in listings],
        description=_("Every measure %(name)s publishes, grouped by the five types of data: user, engagement, "
                      "feedback, outcomes and impact.", name=name),
    )]
    for listing in listings:
        group, count = listing.group, len(listing.pages)
        total = len(group.views)
        first = 1
        for p in listing.pages:
            pager = Pager(type_page(group.type), p.number, count, total, first, first + len(p.views) - 1)
            first += len(p.views)
            title = _("%(type)s data", type=group.label) if p.number == 1 else _(
                "%(type)s data (page %(number)s of %(count)s)", type=group.label,
                number=report.words.number(p.number), count=report.words.number(count))
            out.append(PageSpec(
                p.page, title, "mic/outcomes-type.html",
                context=(lambda g=group, p=p, pager=pager: {"group": g, "views": p.views, "pager": pager}),
                headings=[Heading(2, "mic_measures", _("Measures")),
                          *(Heading(3, v.anchor, v.measure.measure) for v in p.views)],
                description=_("%(type)s data: %(about)s. The measures %(name)s publishes, page %(number)s of "
                              "%(count)s.", type=group.label, about=group.about, name=name,
                              number=report.words.number(p.number), count=report.words.number(count))
                if count > 1 else _("%(type)s data: %(about)s. The measures %(name)s publishes.",
                                    type=group.label, about=group.about, name=name)))
    return out
