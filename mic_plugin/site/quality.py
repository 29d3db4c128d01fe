"""The quality checklist's page (``quality/``) and its badge files (``badges/ID.svg``, ``badges/ID.json``).

What the page shows is derived in :mod:`mic_plugin.derive.quality`; it is drawn by ``mic/quality.html``.
"""

from __future__ import annotations

from ..derive.quality import view
from ..derive.report import Report
from ..render.i18n import N_
from .specs import FileSpec, Heading, PageSpec


PAGE_HEADINGS = (
    ("mic_quality_overall", N_("Across the organisation")),
    ("mic_quality_gaps", N_("Where the gaps are")),
    ("mic_quality_activities", N_("Every activity by actor and stage")),
    ("mic_quality_markers", N_("The markers explained")),
)


def pages(report: Report) -> list[PageSpec]:
    quality = view(report)
    fw = quality.framework
    _ = report.words.gettext
    return [PageSpec(
        "quality", _("Quality checklist"), "mic/quality.html", nav=True,
        context=quality.quality_context,
        headings=[Heading(2, anchor, _(title)) for anchor, title in PAGE_HEADINGS],
        description=_("How well each involvement activity of %(name)s was run, marker by marker, against "
                      "%(framework)s: %(score)s across all activities.", name=report.site.organisation.name,
                      framework=fw.title, score=quality.message(quality.score)),
    )]


def files(report: Report) -> list[FileSpec]:
    quality = view(report)
    badges = [quality.badge(a) for a in report.activities] + [quality.organisation_badge]
    out = []
    for badge in badges:
        out.append(FileSpec(badge.svg_path, badge.svg(), "image/svg+xml"))
        out.append(FileSpec(badge.json_path, badge.endpoint_json(), "application/json"))
    return out
