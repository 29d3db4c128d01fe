"""Pages: the activities index, one page per activity, and the organisation overview."""

from __future__ import annotations

from .plan import Heading, PageSpec
from .report import Report
from .text import plain_text

ACTIVITY_SECTIONS = (
    ("mic_purpose", "Why and what could change"),
    ("mic_participation", "Who took part"),
    ("mic_feedback", "You said, we did"),
    ("mic_checklist", "Quality checklist"),
    ("mic_outcomes", "Outcomes"),
    ("mic_timeline", "Timeline"),
)
"""Section anchors on an activity page. They contain '_' so they can never equal a feedback id."""


def pages(report: Report) -> list[PageSpec]:
    out = [PageSpec("activities", "Activities", "mic/activities.html", nav=True,
                    context=lambda: {"activities": report.activities},
                    description=f"Every involvement activity of {report.site.organisation.name}.")]
    for activity in report.activities:
        out.append(PageSpec(
            f"activities/{activity.id}", activity.title, "mic/activity.html",
            context=(lambda a=activity: {"activity": a}), source=activity.path,
            headings=[Heading(2, anchor, title) for anchor, title in ACTIVITY_SECTIONS],
            description=plain_text(activity.summary, limit=200)))
    return out
