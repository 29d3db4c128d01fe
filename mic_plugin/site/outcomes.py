"""The outcomes page (``outcomes/``): every measure, grouped by the five types of data.

The views are derived in :mod:`mic_plugin.derive.outcomes`; the page is drawn by ``mic/outcomes.html``.
"""

from __future__ import annotations

from ..derive.outcomes import outcome_views
from ..derive.report import Report
from .specs import Heading, PageSpec


def pages(report: Report) -> list[PageSpec]:
    views = outcome_views(report)
    groups = views.by_type()
    headings = []
    for group in groups:
        headings.append(Heading(2, group.anchor, f"{group.label} data"))
        headings.extend(Heading(3, v.anchor, v.measure.measure) for v in group.views)
    return [PageSpec(
        "outcomes", "Outcomes", "mic/outcomes.html", nav=True,
        context=lambda: {"groups": groups, "measure_count": len(views.views)},
        source="outcomes.yml" if report.site.outcomes else "",
        headings=headings,
        description=f"Every measure {report.site.organisation.name} publishes, grouped by the five types of "
                    "data: user, engagement, feedback, outcomes and impact.",
    )]
