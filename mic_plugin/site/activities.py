"""Pages: the activities index, one page per activity, and the organisation overview.

The organisation's purpose, motives and power statement appear twice: on the generated page
``organisation/`` (in the navigation), and wherever a site's own Markdown page writes the include marker
``<!-- make-it-count:organisation -->`` on a line of its own (e.g. the home page, ``docs/index.md``);
:func:`expand_includes` replaces the marker with the same section, rendered from
``mic/partials/organisation-purpose.html``.
"""

from __future__ import annotations

import re
from typing import Callable

from ..derive import changes, outcomes, quality
from ..derive.feedback import stats, status_label, views
from ..derive.report import Report
from ..derive.scoring import activity_score
from . import feeds, posters
from . import outcomes as site_outcomes
from .changes import log_pages
from .paging import MAP_NAME, Pager, paginate, pages_map
from .specs import FileSpec, Heading, PageSpec
from ..render.i18n import N_

ACTIVITY_SECTIONS = (
    ("mic_purpose", N_("Why and what could change")),
    ("mic_participation", N_("Who took part")),
    ("mic_feedback", N_("You said, we did")),
    ("mic_checklist", N_("Quality checklist")),
    ("mic_outcomes", N_("Outcomes")),
    ("mic_timeline", N_("Timeline")),
)
"""Section anchors on an activity page. They contain '_' so they can never equal a feedback id."""

ORGANISATION_PAGE = "organisation"
INCLUDES = {"organisation": "mic/partials/organisation-purpose.html"}
"""Include markers a site's own pages may use: ``<!-- make-it-count:NAME -->`` -> template."""
INCLUDE_MARKER = re.compile(r"<!--\s*make-it-count:\s*([A-Za-z0-9_-]+)\s*-->")


def pages(report: Report) -> list[PageSpec]:
    org = report.site.organisation
    _ = report.words.gettext
    out = index_pages(report)
    out.append(PageSpec(ORGANISATION_PAGE, _("Why we involve people"), "mic/organisation.html", nav=True,
                        source="organisation.yml",
                        context=lambda: {"organisation": org, "md": views(report).md},
                        headings=[Heading(2, "mic_org_purpose", _("Our purpose")),  # only the sections shown
                                  *([Heading(2, "mic_org_why", _("Why we involve people"))] if org.why else []),
                                  *([Heading(2, "mic_org_power", _("Power"))] if org.power else [])],
                        description=report.excerpt(org.purpose, 200)))
    for activity in report.activities:
        out.append(PageSpec(
            f"activities/{activity.id}", activity.title, "mic/activity.html",
            context=(lambda a=activity: _activity_context(report, a)), source=activity.path,
            headings=[Heading(2, anchor, _(title)) for anchor, title in ACTIVITY_SECTIONS],
            description=report.excerpt(activity.summary, 200)))
        bounds = feedback_bounds(report, activity)
        count = len(bounds)
        for number, (start, end) in enumerate(bounds[1:], start=2):
            out.append(PageSpec(
                feedback_page(activity.id, number),
                _("%(title)s: feedback, page %(number)s of %(count)s", title=activity.title,
                  number=report.words.number(number), count=report.words.number(count)),
                "mic/activity-feedback-page.html", source=activity.path,
                context=(lambda a=activity, n=number, s=start, e=end: {
                    **_activity_context(report, a), "number": n, "count": count, "items": a.feedback[s:e]}),
                headings=[Heading(2, "mic_feedback", _("You said, we did"))],
                description=_("Feedback to %(title)s, page %(number)s of %(count)s.", title=activity.title,
                              number=report.words.number(number), count=report.words.number(count))))
    return out


CARD_BYTES = 700
"""HTML of an activity's card on the index besides its title and summary (status, dates, score, figures):
about 450 bytes measured."""
INDEX_BYTES = 220_000
"""Estimated HTML of the cards on one page of the activities index, at most: with the theme's frame (its
navigation, search and footer), well under 300 KiB. Past a few hundred activities the index is paged
(``activities/page/N/``: no activity's own pages can be there, as an activity's pages beneath its id have
fixed names, ``feedback/``, ``poster/``, ``feed.xml``)."""


def card_bytes(activity) -> int:
    """A generous estimate of an activity's card: fixed markup, the title twice over and the summary as HTML."""
    return CARD_BYTES + 3 * len(activity.title) + 2 * len(activity.id) + 2 * len(activity.summary or "")


def index_pages(report: Report) -> list[PageSpec]:
    """``activities/`` and, when the cards are many, ``activities/page/N/``: every activity, newest first."""
    _ = report.words.gettext
    every = report.activities
    bounds = paginate([card_bytes(a) for a in every], max(1, len(every)), INDEX_BYTES)
    out = []
    for number, (start, end) in enumerate(bounds, start=1):
        pager = Pager("activities", number, len(bounds), len(every), start + 1 if every else 0, end)
        title = _("Activities") if number == 1 else _(
            "%(title)s (page %(number)s of %(count)s)", title=_("Activities"),
            number=report.words.number(number), count=report.words.number(len(bounds)))
        out.append(PageSpec(pager.page_of(number), title, "mic/activities.html", nav=number == 1,
                            context=(lambda p=pager, s=start, e=end: {
                                "activities": every[s:e], "summaries": report.derived(_summaries), "pager": p}),
                            description=_("Every involvement activity of %(name)s.",
                                          name=report.site.organisation.name)))
    return out


ITEM_BYTES = 1_400
"""HTML of an item in full besides its texts (heading, status, meta lines, permalink, response frame)."""
UPDATE_BYTES = 160
"""HTML of one update in an item's history besides its note."""
ITEMS_BYTES = 130_000
"""Estimated HTML of the items shown in full on one page of an activity's feedback, at most (long texts give
fewer than ``page_size`` a page): with the rest of the activity page and the theme's frame, well under
300 KiB."""


ANCHOR_BYTES = 7
"""HTML of a further item's anchor on the activity page besides its id (``<p id=ID>``: a paragraph's end tag
may be left out before the next one, so an empty anchor needs no more); a short line with the first words
said (up to 120 further items) weighs :data:`MOVED_LINE_BYTES`."""
MOVED_LINE_BYTES = 400
"""HTML of a further item's short line on the activity page (status, date, the first words said)."""
FIRST_ITEMS_MIN = 20_000
"""Estimated HTML of the items in full on the activity page, at least, however many anchors it keeps."""
ANCHORS_BYTES_MAX = 170_000
"""Anchors of further items and links to the further pages on the activity page, at most: with the items in
full and the rest of the page, well under 300 KiB. An activity whose ids do not fit (10,000 items with ids
of 20 letters and more) keeps anchors for its first further items; every item is still a link away (the
links to its pages), and ``mic.js`` takes a permalink to any other item to its page through
``activities/ID/feedback/pages.json`` (see :func:`files`)."""
PAGE_LINK_BYTES = 200
"""HTML of the link to one further page on the activity page besides twice its address (an activity of 10,000
items with long texts has some 230 further pages, about 60 KB of links, which its anchors make room for)."""


def item_bytes(item) -> int:
    """A generous estimate of an item's HTML in full: its fixed markup and twice its texts (Markdown markup,
    escaping and two-byte letters)."""
    r = item.response
    texts = len(item.said) + sum(len(t) + 90 for t in item.themes)
    if r is not None:
        texts += len(r.did or "") + len(r.reason or "") + len(r.owner or "")
        texts += sum(len(u.note or "") for u in r.updates)
    return ITEM_BYTES + 2 * texts + (UPDATE_BYTES * len(r.updates) if r is not None else 0)


class FeedbackPaging:
    """Where each activity's feedback pages start and end, and how many further items keep an anchor on the
    activity page (made once per build: :func:`feedback_bounds`, :func:`anchored`)."""

    def __init__(self, report: Report):
        size = report.options.page_size
        self.bounds: dict[str, list[tuple[int, int]]] = {}
        self.anchored: dict[str, int] = {}
        for a in report.activities:
            link = PAGE_LINK_BYTES + 2 * len(report.urls.page(feedback_page(a.id, 10_000)))
            self.bounds[a.id], self.anchored[a.id] = self._split(a.feedback, size, link)

    @staticmethod
    def _split(items, size: int, link_bytes: int) -> tuple[list[tuple[int, int]], int]:
        weights = [item_bytes(f) for f in items]
        bounds = paginate(weights, size, ITEMS_BYTES)
        if len(bounds) == 1:
            return bounds, 0
        # The activity page also keeps an element for every further item it can, once the links to its further
        # pages have their room: its items in full get what is left.
        budget = max(0, ANCHORS_BYTES_MAX - link_bytes * len(bounds))
        if len(items) - bounds[0][1] > COMPACT_MOVED:
            anchors = min(budget, sum(ANCHOR_BYTES + len(f.id) for f in items))
        else:
            anchors = MOVED_LINE_BYTES * (len(items) - bounds[0][1])
        if anchors <= ITEMS_BYTES - FIRST_ITEMS_MIN:
            first = paginate(weights, size, ITEMS_BYTES - anchors)[0][1]
        else:
            first = paginate(weights, size, FIRST_ITEMS_MIN)[0][1]
        rest = paginate(weights[first:], size, ITEMS_BYTES)
        bounds = [(0, first), *((start + first, end + first) for start, end in rest)]
        further = len(items) - first
        if further <= COMPACT_MOVED:
            return bounds, further
        anchored, used = 0, 0
        for f in items[first:]:
            used += ANCHOR_BYTES + len(f.id)
            if used > budget:
                break
            anchored += 1
        return bounds, anchored


def feedback_bounds(report: Report, activity) -> list[tuple[int, int]]:
    """``(start, end)`` of the items on each page of an activity's feedback; the first is the activity page.
    At most ``page_size`` items a page, fewer when their texts are long."""
    return report.derived(FeedbackPaging).bounds[activity.id]


def anchored(report: Report, activity) -> int:
    """How many of an activity's further items (those after its first page) keep an anchor on its page."""
    return report.derived(FeedbackPaging).anchored[activity.id]


def files(report: Report) -> list[FileSpec]:
    """``activities/ID/feedback/pages.json`` for each activity whose page cannot keep an anchor for every
    item: ``{"version": 1, "items": {FEEDBACK-ID: page number}}`` for the items without one, which ``mic.js``
    reads to take a permalink on to the item's page."""
    out = []
    for activity in report.activities:
        bounds = feedback_bounds(report, activity)
        after = bounds[0][1] + anchored(report, activity)
        if after >= len(activity.feedback):
            continue
        items = {f.id: n for n, (start, end) in enumerate(bounds, start=1)
                 for f in activity.feedback[max(start, after):end]}
        out.append(pages_map(report.urls.file(map_path(activity.id)), items))
    return out


def map_path(activity_id: str) -> str:
    return f"activities/{activity_id}/feedback/{MAP_NAME}"


def feedback_page(activity_id: str, number: int) -> str:
    """The logical page holding an activity's feedback page ``number`` (1 is the activity page itself)."""
    return f"activities/{activity_id}" if number == 1 else f"activities/{activity_id}/feedback/page/{number}"


def _activity_context(report: Report, activity) -> dict:
    """An activity page shows its first ``page_size`` feedback items in full. Any further items keep an
    element with their id there (so ``activities/ID/#FEEDBACK-ID`` still finds them) that links to the page
    holding them in full; ``mic.js`` follows that link by itself. No page grows heavy."""
    v = views(report)
    bounds = feedback_bounds(report, activity)
    pages = [(n, report.urls.page(feedback_page(activity.id, n))) for n in range(1, len(bounds) + 1)]
    first_end = bounds[0][1]
    moved, moved_groups = [], []
    last_anchored = len(activity.feedback)
    if len(activity.feedback) - first_end > COMPACT_MOVED:
        # many items: only their anchors, grouped by the page that holds them, as many as the page can carry
        last_anchored = first_end + anchored(report, activity)
        for (n, target), (start, end) in zip(pages[1:], bounds[1:]):
            ids = [f.id for f in activity.feedback[start:min(end, last_anchored)]]
            moved_groups.append((n, target, start + 1, end, ids))
    else:
        moved = [(f, target) for (n, target), (start, end) in zip(pages[1:], bounds[1:])
                 for f in activity.feedback[start:end]]
    unanchored = last_anchored < len(activity.feedback)
    views_of = outcomes.outcome_views(report).for_activity(activity.id)
    return {"activity": activity, "md": v.md, "views": v, "status_label": lambda s: status_label(s, report.words),
            "stats": stats(report, activity.feedback), "items": activity.feedback[:first_end], "moved": moved,
            "moved_groups": moved_groups, "feedback_pages": pages,
            "pages_map": report.urls.file(map_path(activity.id)) if unanchored else "",
            "quality": quality.view(report), "change_log": changes.attach(report),
            "log_pages": log_pages(report),
            "outcome_views": outcomes.outcome_views(report), "measures": views_of,
            "measures_in_full": site_outcomes.in_full_on_activity(views_of),
            "measure_pages": site_outcomes.measure_pages(report).where,
            "feeds": feeds.feeds(report), "poster": posters.posters(report).of(activity)}


COMPACT_MOVED = 120
"""Beyond this many further items (each listed with the first words said, about 350 bytes), the activity page
keeps only their anchors (an empty element with the
item's id per item, grouped under a link to the page holding them), so even an activity with 10,000 items
keeps its page light while every permalink still works."""


def _summaries(report: Report) -> dict[str, dict]:
    """Per activity: its quality score message and feedback figures, for the index (made once per build
    through ``report.derived``, as the index may be several pages)."""
    framework = report.site.framework
    out = {}
    for a in report.activities:
        out[a.id] = {"score": quality.score_message(activity_score(framework, a), report.words),
                     "stats": stats(report, a.feedback)}
    return out


# --- includes in a site's own pages ------------------------------------------------------------------------

def include_spec(report: Report, name: str) -> PageSpec | None:
    """A renderable section for an include marker, or None for an unknown name."""
    template = INCLUDES.get(name)
    if template is None:
        return None
    org = report.site.organisation
    return PageSpec(f"include/{name}", org.name, template,
                    context=lambda: {"organisation": org, "md": views(report).md, "heading_level": 2})


def expand_includes(html: str, report: Report, render: Callable[[PageSpec], str]) -> tuple[str, list[str]]:
    """Replace ``<!-- make-it-count:NAME -->`` markers in a page's HTML; return it and unknown names.

    ``render`` renders a spec for the page being built (so its links are relative to that page). Markers
    with a name this plugin does not know are left as they are and reported, so a typo is never silent.
    """
    if "make-it-count:" not in html:
        return html, []
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        spec = include_spec(report, match.group(1))
        if spec is None:
            unknown.append(match.group(1))
            return match.group(0)
        return render(spec)

    return INCLUDE_MARKER.sub(replace, html), unknown


__all__ = ["pages", "files", "expand_includes", "include_spec", "INCLUDES", "ACTIVITY_SECTIONS"]
