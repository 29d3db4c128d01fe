"""Open data: everything the site publishes, as files people can reuse, and the page that explains them.

- ``data/report.json``: every record as written (texts are the Markdown or plain text of the content files,
  never HTML), dates in ISO 8601, every key always present (``null`` or ``[]`` when not given), keys sorted,
  two-space indent, UTF-8. The same content and ``as_of`` give byte-identical bytes.
- ``data/feedback.csv``: one row per feedback item (:data:`CSV_COLUMNS`), RFC 4180 (CRLF line ends, quotes
  where needed), UTF-8 *with* a byte order mark: Excel reads a CSV without one in the computer's legacy code
  page and garbles Welsh letters, "£" and dashes; with it, Excel, LibreOffice, Google Sheets and
  ``pandas.read_csv`` all read the text right (Python's ``csv`` module: open with ``encoding="utf-8-sig"``).
  Every cell goes through :func:`~mic_plugin.render.text.csv_cell`, so text a spreadsheet would run as a
  formula (``=``, ``+``, ``-``, ``@``, a leading tab...) starts with an apostrophe instead.
- ``data/schema.json``: the JSON Schema of the content format, exactly what ``mic schema`` prints.

The ``data/`` page links the three files under the organisation's data licence and explains their columns
and keys (:data:`CSV_COLUMNS`, :data:`JSON_KEYS`).
"""

from __future__ import annotations

from typing import Any

from ..model.records import Activity, Feedback, Measure, Organisation
from ..render.text import csv_cell
from .outcomes import measure_anchor
from .promise import lateness
from ..render.i18n import N_
from .report import Report
from .scoring import Score, activity_score, answer_of, organisation_score

FORMAT_VERSION = 1
"""The shape of ``report.json``; raised when a key changes meaning or goes away (new keys do not raise it)."""

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("activity_id", N_("the activity's id (its file name), as in its address activities/ID/")),
    ("activity_title", N_("the activity's title")),
    ("feedback_id", N_("the feedback item's id, unique across the site")),
    ("date", N_("when it was said (YYYY-MM-DD)")),
    ("count", N_("how many people said it")),
    ("source", N_("where it was said, e.g. workshop or survey (empty if not given)")),
    ("themes", N_("its themes, joined with \"; \"")),
    ("said", N_("what people said (\"you said\"), as written (Markdown)")),
    ("status", N_("the response status (considering, planned, in-progress, done, partly-done, referred, "
                "not-doing), or awaiting when there is no response yet")),
    ("did", N_("what was done (\"we did\"), as written (Markdown)")),
    ("reason", N_("why not, when the answer is not-doing, as written (Markdown)")),
    ("owner", N_("the team or role that owns the response")),
    ("due", N_("when the response is due (YYYY-MM-DD)")),
    ("communicated", N_("when the answer was reported back to the people who said it (YYYY-MM-DD)")),
    ("permalink", N_("the item's address on this site")),
)
"""The columns of ``feedback.csv``, in order, with what each holds (shown on the data page)."""

JSON_KEYS: tuple[tuple[str, str], ...] = (
    ("format_version", N_("the version of this file's shape")),
    ("as_of", N_("the reading date of the report (YYYY-MM-DD)")),
    ("licence", N_("the data licence (an SPDX id); licence_url links to its text")),
    ("site_url", N_("the address of the published report (null when the site does not set one)")),
    ("organisation", N_("name, purpose, why, power, about, contact, public_contacts, data_licence, respond_within, "
                      "holidays")),
    ("framework", N_("the quality framework: id, title, source, actors, stages and markers (id, actor, stage, text)")),
    ("score", N_("the organisation-wide checklist score: met, applicable, percent (null for 0 of 0), message")),
    ("scores", N_("the organisation-wide score for each actor and stage")),
    ("outcomes", N_("organisation-wide measures (see measures below)")),
    ("activities", N_("every activity: id, url, title, summary, approach, status, started, ended, themes, purpose, "
                      "participation, checklist, score, scores, feedback, outcomes, updates")),
    ("activities[].checklist", N_("one answer per marker of the framework: actor, stage, marker, answer (met, "
                                "partly, not-met, not-applicable or not-assessed), evidence, url")),
    ("activities[].feedback", N_("each item: id, activity, url, date, said, count, source, themes, status, late "
                                 "(true when it has no response and the organisation's response-time promise has "
                                 "passed), response "
                                 "(null when awaiting; else status, did, reason, owner, due, communicated, updates)")),
    ("measures", N_("each measure (in outcomes and activities[].outcomes): id, scope (activity id or organisation), "
                  "url, measure, type, unit, entries (date, value, out_of, baseline, target, method; oldest first)")),
)
"""The keys of ``report.json``, with what each holds (shown on the data page)."""


# --- report.json ---------------------------------------------------------------------------------------------

def _text(value: str) -> str | None:
    """An optional text as written, or None when it was not given."""
    return value if value else None


def _absolute(report: Report, url: str) -> str:
    """A site-relative URL made absolute when the site's URL is known."""
    return report.options.site_url + url if report.options.site_url else url


def _score(score: Score) -> dict[str, Any]:
    return {"met": score.met, "applicable": score.applicable, "percent": score.percent, "message": score.message}


def _scores(report: Report, score_of) -> list[dict[str, Any]]:
    framework = report.site.framework
    out = []
    for actor in framework.actors:
        for stage in framework.stages:
            if framework.markers_for(actor.id, stage.id):
                out.append({"actor": actor.id, "stage": stage.id, **_score(score_of(actor.id, stage.id))})
    return out


def _organisation(org: Organisation) -> dict[str, Any]:
    return {"name": org.name, "purpose": org.purpose, "why": list(org.why), "power": _text(org.power),
            "about": _text(org.about), "contact": _text(org.contact), "public_contacts": list(org.public_contacts),
            "data_licence": org.data_licence, "respond_within": _text(org.respond_within),
            "holidays": _text(org.holidays)}


def _framework(report: Report) -> dict[str, Any]:
    f = report.site.framework
    return {"id": f.id, "title": f.title, "source": _text(f.source),
            "actors": [{"id": a.id, "name": a.name} for a in f.actors],
            "stages": [{"id": s.id, "name": s.name} for s in f.stages],
            "markers": [{"id": m.id, "actor": m.actor, "stage": m.stage, "text": m.text} for m in f.markers]}


def _measure(report: Report, m: Measure) -> dict[str, Any]:
    return {
        "id": m.id, "scope": m.scope, "measure": m.measure, "type": m.type, "unit": _text(m.unit),
        "url": _absolute(report, f"{report.urls.page('outcomes')}#{measure_anchor(m)}"),
        "entries": [{"date": e.date.isoformat(), "value": e.value, "out_of": e.out_of, "baseline": e.baseline,
                     "target": e.target, "method": _text(e.method)} for e in m.entries],
    }


def _feedback(report: Report, item: Feedback) -> dict[str, Any]:
    r = item.response
    response = None if r is None else {
        "status": r.status, "did": _text(r.did), "reason": _text(r.reason), "owner": _text(r.owner),
        "due": _iso(r.due), "communicated": _iso(r.communicated),
        "updates": [{"date": u.date.isoformat(), "status": u.status, "note": _text(u.note)} for u in r.updates],
    }
    return {"id": item.id, "activity": item.activity, "url": permalink(report, item), "date": item.date.isoformat(),
            "said": item.said, "count": item.count, "source": _text(item.source), "themes": list(item.themes),
            "status": item.status, "late": lateness(report).is_late(item), "response": response}


def _activity(report: Report, a: Activity) -> dict[str, Any]:
    framework = report.site.framework
    p, q = a.purpose, a.participation
    checklist = []
    for marker in framework.markers:
        answer = a.checklist.get(marker.id)
        checklist.append({"actor": marker.actor, "stage": marker.stage, "marker": marker.id,
                          "answer": answer_of(a, marker),
                          "evidence": _text(answer.evidence) if answer else None,
                          "url": _text(answer.url) if answer else None})
    return {
        "id": a.id, "url": _absolute(report, report.urls.activity(a.id)), "title": a.title, "summary": a.summary,
        "approach": a.approach, "status": a.status, "started": a.started.isoformat(), "ended": _iso(a.ended),
        "themes": list(a.themes),
        "purpose": {"why": list(p.why), "aims": list(p.aims), "can_influence": list(p.can_influence),
                    "cannot_influence": list(p.cannot_influence), "decision": _text(p.decision),
                    "decision_date": _iso(p.decision_date)},
        "participation": {"invited": q.invited, "volunteered": q.volunteered, "took_part": q.took_part,
                          "sessions": q.sessions, "hours": q.hours, "compensation": _text(q.compensation),
                          "accessibility": list(q.accessibility), "representation": _text(q.representation)},
        "checklist": checklist,
        "score": _score(activity_score(framework, a)),
        "scores": _scores(report, lambda actor, stage: activity_score(framework, a, actor, stage)),
        "feedback": [_feedback(report, f) for f in a.feedback],
        "outcomes": [_measure(report, m) for m in a.outcomes],
        "updates": [{"date": u.date.isoformat(), "note": u.note} for u in a.updates],
    }


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def permalink(report: Report, item: Feedback) -> str:
    """The item's permanent address: absolute when the site's URL is known, else site-relative."""
    return _absolute(report, report.urls.feedback(item.activity, item.id))


def licence_url(spdx_id: str) -> str:
    return f"https://spdx.org/licenses/{spdx_id}.html"


def report_data(report: Report) -> dict[str, Any]:
    """Everything published, as plain JSON-ready data."""
    site = report.site
    framework = site.framework
    return {
        "format_version": FORMAT_VERSION,
        "as_of": report.as_of.isoformat(),
        "licence": site.organisation.data_licence,
        "licence_url": licence_url(site.organisation.data_licence),
        "site_url": _text(report.options.site_url),
        "organisation": _organisation(site.organisation),
        "framework": _framework(report),
        "score": _score(organisation_score(framework, site.activities)),
        "scores": _scores(report, lambda actor, stage: organisation_score(framework, site.activities, actor, stage)),
        "outcomes": [_measure(report, m) for m in site.outcomes],
        "activities": [_activity(report, a) for a in site.activities],
    }


# --- feedback.csv --------------------------------------------------------------------------------------------

def feedback_rows(report: Report) -> list[list[str]]:
    """The CSV's rows (header first), every cell neutralised by ``csv_cell``; items newest first."""
    rows = [[name for name, _ in CSV_COLUMNS]]
    for item in report.feedback:
        activity = report.activity_by_id[item.activity]
        r = item.response
        values = [activity.id, activity.title, item.id, item.date, item.count, item.source, "; ".join(item.themes),
                  item.said, item.status, r.did if r else "", r.reason if r else "", r.owner if r else "",
                  r.due if r else None, r.communicated if r else None, permalink(report, item)]
        rows.append([csv_cell(v) for v in values])
    return rows
