"""The quality checklist's page (``quality/``) and its badge files (``badges/ID.svg``, ``badges/ID.json``).

What the page shows is derived in :mod:`mic_plugin.derive.quality`; it is drawn by ``mic/quality.html``.
"""

from __future__ import annotations

from ..derive.quality import view
from ..derive.report import Report
from ..render.i18n import N_
from .paging import Pager, paginate
from .specs import FileSpec, Heading, PageSpec


PAGE_HEADINGS = (
    ("mic_quality_overall", N_("Across the organisation")),
    ("mic_quality_gaps", N_("Where the gaps are")),
    ("mic_quality_activities", N_("Every activity by actor and stage")),
    ("mic_quality_markers", N_("The markers explained")),
)


ROW_BYTES = 100
"""HTML of a row of the table of activities besides its title, id and cells (header cell, link)."""
CELL_BYTES = 60
"""HTML of one cell of that table (``<td class="mic-q-cell mic-q-cell--BAND">2/5</td>``, about 50 bytes), or
of the lowest column's."""
TABLE_BYTES = 230_000
"""Estimated HTML of the table's rows on quality/, at most: with the rest of the page (about 40 KB with the
default framework's markers explained), under 300 KiB; 200 activities with long titles fit on one page."""
MORE_TABLE_BYTES = 250_000
"""The same on each further page (quality/page/N/), which holds only the table."""


def row_bytes(activity, cells: int) -> int:
    """A generous estimate of a row's HTML: the title (two bytes a letter for Welsh and escapes), the link to
    the activity's checklist and a cell per actor and stage, the whole and the lowest."""
    return ROW_BYTES + 2 * len(activity.title) + 2 * len(activity.id) + CELL_BYTES * (cells + 2)


def pages(report: Report) -> list[PageSpec]:
    """``quality/``, and for a site with hundreds of activities ``quality/page/N/`` continuing its table."""
    quality = view(report)
    fw = quality.framework
    _ = report.words.gettext
    cells = len(fw.actors) * len(fw.stages)
    weights = [row_bytes(a, cells) for a in report.activities]
    first = paginate(weights, max(1, len(weights)), TABLE_BYTES)[0][1]
    bounds = [(0, first), *((s + first, e + first) for s, e in paginate(weights[first:], max(1, len(weights)),
                                                                        MORE_TABLE_BYTES) if e > s)]
    made: dict = {}

    def context(number: int, start: int, end: int):
        def build() -> dict:
            if not made:
                made.update(quality.quality_context())
            pager = Pager("quality", number, len(bounds), len(weights), start + 1 if weights else 0, end)
            return {**made, "shown_rows": made["rows"][start:end], "pager": pager}
        return build

    out = [PageSpec(
        "quality", _("Quality checklist"), "mic/quality.html", nav=True,
        context=context(1, *bounds[0]),
        headings=[Heading(2, anchor, _(title)) for anchor, title in PAGE_HEADINGS],
        description=_("How well each involvement activity of %(name)s was run, marker by marker, against "
                      "%(framework)s: %(score)s across all activities.", name=report.site.organisation.name,
                      framework=fw.title, score=quality.message(quality.score)),
    )]
    for number, (start, end) in enumerate(bounds[1:], start=2):
        out.append(PageSpec(
            f"quality/page/{number}", _("%(title)s (page %(number)s of %(count)s)", title=_("Quality checklist"),
                                        number=report.words.number(number), count=report.words.number(len(bounds))),
            "mic/quality-page.html", context=context(number, start, end),
            headings=[Heading(2, "mic_quality_activities", _("Every activity by actor and stage"))],
            description=_("How well each involvement activity of %(name)s was run, by actor and stage.",
                          name=report.site.organisation.name)))
    return out


def files(report: Report) -> list[FileSpec]:
    quality = view(report)
    badges = [quality.badge(a) for a in report.activities] + [quality.organisation_badge]
    out = []
    for badge in badges:
        out.append(FileSpec(badge.svg_path, badge.svg(), "image/svg+xml"))
        out.append(FileSpec(badge.json_path, badge.endpoint_json(), "application/json"))
    return out
