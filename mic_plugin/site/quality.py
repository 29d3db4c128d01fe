"""The quality checklist's page (``quality/``) and its badge files (``badges/ID.svg``, ``badges/ID.json``).

What the page shows is derived in :mod:`mic_plugin.derive.quality`; it is drawn by ``mic/quality.html``.
"""

from __future__ import annotations

from ..derive.quality import view
from ..derive.report import Report
from .specs import FileSpec, Heading, PageSpec


PAGE_HEADINGS = (
    ("mic_quality_overall", "Across the organisation"),
    ("mic_quality_gaps", "Where the gaps are"),
    ("mic_quality_activities", "Every activity by actor and stage"),
    ("mic_quality_markers", "The markers explained"),
)


def pages(report: Report) -> list[PageSpec]:
    quality = view(report)
    fw = quality.framework
    return [PageSpec(
        "quality", "Quality checklist", "mic/quality.html", nav=True,
        context=quality.quality_context,
        headings=[Heading(2, anchor, title) for anchor, title in PAGE_HEADINGS],
        description=f"How well each involvement activity of {report.site.organisation.name} was run, "
                    f"marker by marker, against {fw.title}: {quality.score.message} across all activities.",
    )]


def files(report: Report) -> list[FileSpec]:
    quality = view(report)
    badges = [quality.badge(a) for a in report.activities] + [quality.organisation_badge]
    out = []
    for badge in badges:
        out.append(FileSpec(badge.svg_path, badge.svg(), "image/svg+xml"))
        out.append(FileSpec(badge.json_path, badge.endpoint_json(), "application/json"))
    return out
