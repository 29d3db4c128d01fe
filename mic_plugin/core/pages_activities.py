"""Pages: the activities index, one page per activity, and the organisation overview.

The organisation's purpose, motives and power statement appear twice: on the generated page
``organisation/`` (in the navigation), and wherever a site's own Markdown page writes the include marker
``<!-- make-it-count:organisation -->`` on a line of its own (e.g. the home page, ``docs/index.md``);
:func:`expand_includes` replaces the marker with the same section, rendered from
``mic/partials/organisation-purpose.html``.
"""

from __future__ import annotations

import html as _html
import re
from typing import Callable

from .pages_feedback import status_label, views
from .plan import Heading, PageSpec
from .report import Report, status_of
from .scoring import activity_score
from .text import plain_text
from .words import human_date

ACTIVITY_SECTIONS = (
    ("mic_purpose", "Why and what could change"),
    ("mic_participation", "Who took part"),
    ("mic_feedback", "You said, we did"),
    ("mic_checklist", "Quality checklist"),
    ("mic_outcomes", "Outcomes"),
    ("mic_timeline", "Timeline"),
)
"""Section anchors on an activity page. They contain '_' so they can never equal a feedback id."""

ORGANISATION_PAGE = "organisation"
INCLUDES = {"organisation": "mic/partials/organisation-purpose.html"}
"""Include markers a site's own pages may use: ``<!-- make-it-count:NAME -->`` -> template."""
INCLUDE_MARKER = re.compile(r"<!--\s*make-it-count:\s*([A-Za-z0-9_-]+)\s*-->")


def pages(report: Report) -> list[PageSpec]:
    org = report.site.organisation
    out = [PageSpec("activities", "Activities", "mic/activities.html", nav=True,
                    context=lambda: {"activities": report.activities, "summaries": _summaries(report)},
                    description=f"Every involvement activity of {org.name}.")]
    out.append(PageSpec(ORGANISATION_PAGE, "Why we involve people", "mic/organisation.html", nav=True,
                        source="organisation.yml",
                        context=lambda: {"organisation": org, "md": views(report).md},
                        headings=[Heading(2, "mic_org_purpose", "Our purpose"),
                                  Heading(2, "mic_org_why", "Why we involve people"),
                                  Heading(2, "mic_org_power", "Power")],
                        description=plain_text(org.purpose, limit=200)))
    size = report.options.page_size
    for activity in report.activities:
        out.append(PageSpec(
            f"activities/{activity.id}", activity.title, "mic/activity.html",
            context=(lambda a=activity: _activity_context(report, a)), source=activity.path,
            headings=[Heading(2, anchor, title) for anchor, title in ACTIVITY_SECTIONS],
            description=plain_text(activity.summary, limit=200)))
        count = feedback_pages(len(activity.feedback), size)
        for number in range(2, count + 1):
            start = (number - 1) * size
            out.append(PageSpec(
                feedback_page(activity.id, number), f"{activity.title}: feedback, page {number} of {count}",
                "mic/activity-feedback-page.html", source=activity.path,
                context=(lambda a=activity, n=number, s=start: {
                    **_activity_context(report, a), "number": n, "count": count,
                    "items": a.feedback[s:s + size]}),
                headings=[Heading(2, "mic_feedback", "You said, we did")],
                description=f"Feedback to {activity.title}, page {number} of {count}."))
    return out


def feedback_pages(items: int, size: int) -> int:
    """How many pages an activity's feedback takes: the activity page holds the first ``size`` in full."""
    return max(1, -(-items // size))


def feedback_page(activity_id: str, number: int) -> str:
    """The logical page holding an activity's feedback page ``number`` (1 is the activity page itself)."""
    return f"activities/{activity_id}" if number == 1 else f"activities/{activity_id}/feedback/page/{number}"


def _activity_context(report: Report, activity) -> dict:
    """An activity page shows its first ``page_size`` feedback items in full. Any further items keep an
    element with their id there (so ``activities/ID/#FEEDBACK-ID`` still finds them) that links to the page
    holding them in full; ``mic.js`` follows that link by itself. No page grows heavy."""
    v = views(report)
    size = report.options.page_size
    moved = [(f, report.urls.page(feedback_page(activity.id, 2 + i // size)))
             for i, f in enumerate(activity.feedback[size:])]
    pages = [(n, report.urls.page(feedback_page(activity.id, n)))
             for n in range(1, feedback_pages(len(activity.feedback), size) + 1)]
    moved_groups = []
    if len(moved) > COMPACT_MOVED:  # thousands of items: only their anchors, grouped by the page that holds them
        for n, target in pages[1:]:
            first = (n - 1) * size
            moved_groups.append((n, target, first + 1, min(first + size, len(activity.feedback)),
                                 [f.id for f in activity.feedback[first:first + size]]))
        moved = []
    return {"activity": activity, "md": v.md, "views": v, "status_label": status_label,
            "stats": report.stats(activity.feedback), "items": activity.feedback[:size], "moved": moved,
            "moved_groups": moved_groups, "feedback_pages": pages}


COMPACT_MOVED = 400
"""Beyond this many further items, the activity page keeps only their anchors (an empty element with the
item's id per item, grouped under a link to the page holding them), so even an activity with 10,000 items
keeps its page light while every permalink still works."""


def _summaries(report: Report) -> dict[str, dict]:
    """Per activity: its quality score message and feedback figures, for the index."""
    framework = report.site.framework
    out = {}
    for a in report.activities:
        stats = report.stats(a.feedback)
        out[a.id] = {"score": activity_score(framework, a).message, "stats": stats}
    return out


# --- search ------------------------------------------------------------------------------------------------

ITEMS_START = "<!-- mic:items -->"
ITEMS_END = "<!-- /mic:items -->"
"""Written around the feedback items of an activity page (and its further pages). The engine adapter may
give the site's search index one entry per item (:func:`search_entries`, at the item's permalink) instead of
having the search plugin parse the items' HTML (:func:`without_items`): the same words, found at the item
itself, for a fraction of the cost."""

_ACTIVITY_PAGE = re.compile(r"activities/([^/]+)(?:/feedback/page/([0-9]+))?")


def without_items(html: str) -> str | None:
    """``html`` without the marked feedback items (markers included), or None when it has no markers."""
    start = html.find(ITEMS_START)
    if start < 0:
        return None
    parts, position = [], 0
    while start >= 0:
        end = html.find(ITEMS_END, start)
        if end < 0:
            return None  # unbalanced: let the search plugin read the page as it is
        parts.append(html[position:start])
        position = end + len(ITEMS_END)
        start = html.find(ITEMS_START, position)
    parts.append(html[position:])
    return "".join(parts)


def items_on_page(report: Report, page: str) -> list:
    """The feedback items shown in full on an activity page or one of its further pages (logical ``page``)."""
    match = _ACTIVITY_PAGE.fullmatch(page)
    activity = report.activity_by_id.get(match.group(1)) if match else None
    if activity is None:
        return []
    size = report.options.page_size
    start = (int(match.group(2) or 1) - 1) * size
    return activity.feedback[start:start + size]


def search_entries(report: Report, page: str, page_url: str) -> list[dict[str, str]]:
    """One search entry per feedback item shown in full on ``page`` (at ``page_url``): its permalink, a title
    ("Done: you said, 5 March 2024") and, as escaped plain text in paragraphs, what was said, the answer,
    the owner and the notes of its history, the words the item shows."""
    out = []
    for item in items_on_page(report, page):
        r = item.response
        status = status_label(status_of(item))
        parts = [report.excerpt(item.said), f"Said by {item.count:,} {'person' if item.count == 1 else 'people'}" + (f" · {item.source}" if item.source else "")]
        if r is not None:
            parts += [report.excerpt(r.did), report.excerpt(r.reason), f"Owner: {r.owner}" if r.owner else ""]
            parts += [report.excerpt(u.note) for u in r.updates if u.note]
        text = "".join(f"<p>{_html.escape(part, quote=False)}</p>" for part in parts if part)
        out.append({"location": f"{page_url}#{item.id}",
                    "title": _html.escape(f"{status}: you said, {human_date(item.date)}", quote=False),
                    "text": text})
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


__all__ = ["pages", "expand_includes", "include_spec", "INCLUDES", "ACTIVITY_SECTIONS", "status_of", "ITEMS_START",
           "ITEMS_END", "without_items", "items_on_page", "search_entries"]
