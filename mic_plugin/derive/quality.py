"""Feature: the quality checklist, per activity and across the organisation, and its badges: the figures.

The page and files are planned in :mod:`mic_plugin.site.quality`. What it publishes (``CONTENT_FORMAT.md``, "Published URLs"):

- ``quality/``: every activity against every actor and stage of the framework in one table (cells
  ``MET of APPLICABLE met``, an organisation-wide totals row, a "lowest" column per activity), the stages
  ranked from least to most met, the organisation badge, and every marker explained, with the framework's
  source credited;
- ``badges/ID.svg`` and ``badges/ID.json`` per activity, ``badges/organisation.svg`` and
  ``badges/organisation.json`` for the whole organisation (drawn by :mod:`mic_plugin.render.badges`).

The activity page's checklist section (``mic/partials/activity-checklist.html``) reads
:meth:`QualityView.checklist` through ``quality`` in the page context (:func:`view` makes the view once per
build).

Scores come from :mod:`mic_plugin.derive.scoring` only, so the page, the badge, the endpoint JSON and the
quality page cannot disagree. Figures beside data-backed markers (a marker's ``figure``) are computed from
the content by :func:`figure_text`, in plain words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import quote

from ..render.badges import badge_endpoint, badge_svg
from ..model.framework import Actor, Framework, Marker, Stage
from ..model.records import Activity, Answer
from .report import Report
from .scoring import Score, activity_score, answer_of, badge_color, band, marker_score, organisation_score
from ..model.vocab import ANSWERS, DATA_TYPES, NOT_ASSESSED, NOT_ASSESSED_LABEL
from ..render.words import percent
from ..render.i18n import N_, Words
from ..render.xml import escape

LABEL = N_("quality markers")
"""The badge label: the badge reads ``quality markers: 12 of 29 met``."""

ORGANISATION_BADGE = "organisation"
"""Badge file name of the organisation-wide badge (the activity id ``organisation`` is reserved)."""

ICONS = {
    "met": "\u2713",  # ✓
    "partly": "\u25d0",  # ◐
    "not-met": "\u2717",  # ✗
    "not-applicable": "\u2014",  # —
    NOT_ASSESSED: "?",
}
"""A symbol for each answer, always shown with the answer's words (never colour or symbol alone)."""

ANSWER_ORDER = ("met", "partly", "not-met", "not-applicable", NOT_ASSESSED)


def answer_label(answer: str, words=None) -> str:
    """``met`` -> ``Met``; ``not-assessed`` -> ``Not assessed`` (in ``words``' language, English without)."""
    label = NOT_ASSESSED_LABEL if answer == NOT_ASSESSED else ANSWERS[answer]
    return words.gettext(label) if words is not None else label


def score_message(score: Score, words=None) -> str:
    """``12 of 29 met`` (the badge's message), in ``words``' language; :attr:`Score.message` in English."""
    if words is None:
        return score.message
    return words.gettext("%(met)s of %(applicable)s met", met=words.number(score.met),
                         applicable=words.number(score.applicable))


def score_text(score: Score, words=None) -> str:
    """``12 of 29 met (41%)``; ``0 of 0 met`` stays as it is, with no percentage."""
    share = score.percent
    message = score_message(score, words)
    if share is None:
        return message
    return f"{message} ({words.percent(share) if words is not None else f'{share}%'})"


def short(score: Score, words=None) -> str:
    """``12 of 29``: a score in a table whose caption says "met of applicable"."""
    if words is None:
        return f"{score.met} of {score.applicable}"
    return words.gettext("%(met)s of %(applicable)s", met=words.number(score.met),
                         applicable=words.number(score.applicable))


# --- figures beside data-backed markers ------------------------------------------------------------------


def _figure_invited(activity: Activity, w: Words) -> str:
    p = activity.participation
    if p.invited is None and p.volunteered is None:
        return w.gettext("invited and volunteered not recorded")
    if p.invited is None:
        return w.gettext("%(n)s volunteered; invited not recorded", n=w.number(p.volunteered))
    if p.volunteered is None:
        return w.gettext("%(n)s invited; volunteered not recorded", n=w.number(p.invited))
    share = percent(p.invited, p.invited + p.volunteered)
    values = {"invited": w.number(p.invited), "volunteered": w.number(p.volunteered)}
    if share is None:
        return w.gettext("%(invited)s invited, %(volunteered)s volunteered", **values)
    return w.gettext("%(invited)s invited, %(volunteered)s volunteered (%(share)s invited)", share=w.percent(share),
                     **values)


def _figure_reported_back(activity: Activity, w: Words) -> str:
    items = activity.feedback
    if not items:
        return w.gettext("no feedback recorded")
    back = sum(1 for f in items if f.response is not None and f.response.communicated)
    return w.ngettext("%(back)s of %(num)s feedback item reported back to the people who gave it (%(share)s)",
                      "%(back)s of %(num)s feedback items reported back to the people who gave it (%(share)s)",
                      len(items), back=w.number(back), share=w.percent(percent(back, len(items))))


def _figure_responses(activity: Activity, w: Words) -> str:
    items = activity.feedback
    if not items:
        return w.gettext("no feedback recorded")
    answered = sum(1 for f in items if f.response is not None)
    text = w.ngettext("%(answered)s of %(num)s feedback item have a response (%(share)s)",
                      "%(answered)s of %(num)s feedback items have a response (%(share)s)", len(items),
                      answered=w.number(answered), share=w.percent(percent(answered, len(items))))
    awaiting = len(items) - answered
    return text + (w.ngettext(", %(num)s awaiting one", ", %(num)s awaiting one", awaiting) if awaiting else "")


def _figure_accessibility(activity: Activity, w: Words) -> str:
    provisions = activity.participation.accessibility
    if not provisions:
        return w.gettext("no accessibility provisions listed")
    return w.ngettext("%(num)s accessibility provision listed: %(list)s",
                      "%(num)s accessibility provisions listed: %(list)s", len(provisions),
                      list=", ".join(p.strip() for p in provisions))


def _figure_compensation(activity: Activity, w: Words) -> str:
    text = activity.participation.compensation.strip()
    return w.gettext("compensation: %(text)s", text=text) if text else w.gettext("no compensation recorded")


def _figure_measures(activity: Activity, w: Words) -> str:
    measures = activity.outcomes
    if not measures:
        return w.gettext("no measures recorded")
    counts = {t: sum(1 for m in measures if m.type == t) for t in DATA_TYPES}
    # In English the type ids are plain words; another language names them with its word for the type.
    kinds = ", ".join(f"{w.number(n)} {t if w.complete else w.gettext(DATA_TYPES[t]).lower()}"
                      for t, n in counts.items() if n)
    return w.ngettext("%(num)s measure recorded (%(kinds)s)", "%(num)s measures recorded (%(kinds)s)",
                      len(measures), kinds=kinds)


def _figure_decision_date(activity: Activity, w: Words) -> str:
    decision = activity.purpose.decision_date
    if decision is None:
        return w.gettext("no decision date recorded")
    gap = (decision - activity.started).days
    if gap > 0:
        relation = w.ngettext("%(num)s day after the start", "%(num)s days after the start", gap)
    elif gap < 0:
        relation = w.ngettext("%(num)s day before the start", "%(num)s days before the start", -gap)
    else:
        relation = w.gettext("the day it started")
    return w.gettext("started %(started)s, decision date %(decision)s (%(relation)s)", started=w.date(activity.started),
                     decision=w.date(decision), relation=relation)


FIGURE_NAMES = {
    "invited-vs-volunteered": N_("how many people were invited and how many volunteered"),
    "reported-back": N_("the share of feedback reported back to the people who gave it"),
    "responses": N_("the share of feedback with a response"),
    "accessibility": N_("the accessibility provisions listed"),
    "compensation": N_("the compensation offered"),
    "measures": N_("the number of outcome measures recorded"),
    "decision-date": N_("the decision date against the date the activity started"),
}
"""What each figure shows, in words, for the quality page (translated where shown)."""

FIGURE_TEXT: dict[str, Callable[[Activity, Words], str]] = {
    "invited-vs-volunteered": _figure_invited,
    "reported-back": _figure_reported_back,
    "responses": _figure_responses,
    "accessibility": _figure_accessibility,
    "compensation": _figure_compensation,
    "measures": _figure_measures,
    "decision-date": _figure_decision_date,
}
"""One function per figure name in :data:`mic_plugin.load.framework.FIGURES`."""


def figure_text(w: Words, activity: Activity, marker: Marker) -> str:
    """``Figures: 14 invited, 6 volunteered (70% invited)`` for a data-backed marker, else ``''``."""
    compute = FIGURE_TEXT.get(marker.figure)
    if compute is None:
        return ""
    return w.gettext("Figures: %(figures)s", figures=compute(activity, w))


# --- badges ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    """One badge: its score, where its files are published and what it says."""

    name: str  # the activity id, or "organisation"
    score: Score
    svg_path: str  # site-relative, prefix included
    json_path: str
    page: str  # site-relative URL of the page the badge links to
    words: Any = field(default=None, compare=False)  # the language it is written in (English without)

    @property
    def label(self) -> str:
        return self.words.gettext(LABEL) if self.words is not None else LABEL

    @property
    def message(self) -> str:
        return score_message(self.score, self.words)

    @property
    def color(self) -> str:
        return badge_color(self.score.met, self.score.applicable)

    @property
    def alt(self) -> str:
        """What the badge says, as its ``aria-label`` and ``<title>`` do: ``LABEL: MESSAGE``."""
        return f"{self.label}: {self.message}"

    def svg(self) -> str:
        return badge_svg(self.label, self.message, self.color)

    def endpoint_json(self) -> str:
        """The shields.io endpoint JSON, byte for byte the same for the same score."""
        data = badge_endpoint(self.label, self.message, self.color)
        return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")) + "\n"


@dataclass(frozen=True)
class Embed:
    """Copyable snippets that show a badge elsewhere (a README, a partner's site)."""

    image: str  # the address of the SVG in the snippet
    link: str  # the page the badge links to
    endpoint: str  # the address of the JSON
    absolute: bool  # False when the site has no site_url: the addresses are relative to the site root
    markdown: str
    html: str
    shields: str  # a shields.io URL that restyles the badge from its endpoint, or '' without site_url


def embed(badge: Badge, site_url: str) -> Embed:
    """Snippets in Markdown and HTML, with the badge's words as alt text; absolute with ``site_url``."""
    base = site_url if site_url else ""
    image, link, endpoint = base + badge.svg_path, base + badge.page, base + badge.json_path
    alt_md = badge.alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    markdown = f"[![{alt_md}]({image})]({link})"
    html = f'<a href="{escape(link)}"><img src="{escape(image)}" alt="{escape(badge.alt)}"></a>'
    shields = f"https://img.shields.io/endpoint?url={quote(endpoint, safe='')}" if site_url else ""
    return Embed(image, link, endpoint, bool(site_url), markdown, html, shields)


# --- one activity's checklist ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkerLine:
    """A marker with an activity's answer to it."""

    marker: Marker
    answer: str  # met, partly, not-met, not-applicable or not-assessed
    evidence: str  # markdown
    url: str
    figures: str  # plain text, '' when the marker has no figure

    words: Any = field(default=None, compare=False)

    @property
    def label(self) -> str:
        return answer_label(self.answer, self.words)


@dataclass(frozen=True)
class StageBlock:
    stage: Stage
    score: Score
    lines: list[MarkerLine]


@dataclass(frozen=True)
class ActorBlock:
    actor: Actor
    score: Score
    stages: list[StageBlock]


@dataclass(frozen=True)
class ActivityChecklist:
    """Everything the checklist section of an activity page shows."""

    activity: Activity
    score: Score
    actors: list[ActorBlock]
    stage_totals: list[tuple[Stage, Score]]  # each stage over every actor
    counts: dict[str, int]  # answers by kind, over all markers
    badge: Badge
    embed: Embed


# --- the organisation-wide view --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One actor x stage column of the quality table."""

    actor: Actor
    stage: Stage
    markers: int  # how many markers the framework has there
    total: Score  # over all activities

    @property
    def name(self) -> str:
        return f"{self.actor.name} \u00b7 {self.stage.name}"


@dataclass(frozen=True)
class Row:
    activity: Activity
    cells: list[Score]  # in column order
    score: Score
    lowest: list[Column]  # the columns with the lowest share met (ties all listed); [] when nothing applies
    lowest_share: int | None
    words: Any = field(default=None, compare=False)

    @property
    def lowest_text(self) -> str:
        """``Person · Follow-up (0%)``; two ties named; more: ``7 tied at 0%, including Person · Planning``."""
        w = self.words
        if w is None:
            from ..render.i18n import words_for
            w = words_for("en")
        if not self.lowest:
            return w.gettext("Nothing applicable")
        share = w.percent(self.lowest_share)
        if len(self.lowest) > 2:
            return w.gettext("%(count)s tied at %(share)s, including %(name)s", count=w.number(len(self.lowest)),
                             share=share, name=self.lowest[0].name)
        return "; ".join(c.name for c in self.lowest) + f" ({share})"


@dataclass(frozen=True)
class MarkerStat:
    """How one marker was answered across all activities."""

    marker: Marker
    counts: dict[str, int]  # answer -> number of activities
    score: Score  # met of applicable, over activities

    @property
    def share(self) -> int | None:
        return self.score.percent


class QualityView:
    """The checklist, scores and badges of one report. Get it with :func:`view`."""

    def __init__(self, report: Report):
        self.report = report
        self.framework: Framework = report.site.framework
        self.words = report.words
        self.label = self.words.gettext(LABEL)
        self.icons = ICONS
        self.figure_names = FIGURE_NAMES
        self._checklists: dict[str, ActivityChecklist] = {}

    # words for templates (one source of truth), in the report's language
    band = staticmethod(band)

    def score_text(self, score: Score) -> str:
        return score_text(score, self.words)

    def short(self, score: Score) -> str:
        return short(score, self.words)

    def answer_label(self, answer: str) -> str:
        return answer_label(answer, self.words)

    def message(self, score: Score) -> str:
        return score_message(score, self.words)

    def framework_summary(self) -> str:
        """``Co-production quality markers, from NPC, ...: 29 markers, 19 for the organisation and 10 for the
        person.``"""
        fw, w = self.framework, self.words
        parts = [w.gettext("%(count)s for the %(actor)s", count=w.number(len(fw.markers_for(a.id))),
                           actor=a.name.lower()) for a in fw.actors]
        split = parts[0] if len(parts) == 1 else w.gettext("%(first)s and %(last)s", first=", ".join(parts[:-1]),
                                                           last=parts[-1])
        markers = w.ngettext("%(num)s marker", "%(num)s markers", len(fw.markers))
        if fw.source:
            return w.gettext("%(title)s, from %(source)s: %(markers)s, %(split)s.", title=fw.title,
                             source=fw.source, markers=markers, split=split)
        return w.gettext("%(title)s: %(markers)s, %(split)s.", title=fw.title, markers=markers, split=split)

    # badges
    def badge(self, activity: Activity) -> Badge:
        urls = self.report.urls
        return Badge(activity.id, activity_score(self.framework, activity),
                     urls.file(f"badges/{activity.id}.svg"), urls.file(f"badges/{activity.id}.json"),
                     urls.activity(activity.id) + "#mic_checklist", self.words)

    @property
    def organisation_badge(self) -> Badge:
        urls = self.report.urls
        return Badge(ORGANISATION_BADGE, self.score, urls.file(f"badges/{ORGANISATION_BADGE}.svg"),
                     urls.file(f"badges/{ORGANISATION_BADGE}.json"), urls.page("quality"), self.words)

    def embed(self, badge: Badge) -> Embed:
        return embed(badge, self.report.options.site_url)

    # scores
    @property
    def score(self) -> Score:
        return organisation_score(self.framework, self.report.activities)

    def checklist(self, activity: Activity) -> ActivityChecklist:
        """The checklist section of one activity page (cached)."""
        cached = self._checklists.get(activity.id)
        if cached is not None:
            return cached
        fw = self.framework
        actors = []
        counts = {a: 0 for a in ANSWER_ORDER}
        for actor in fw.actors:
            stages = []
            for stage in fw.stages:
                lines = []
                for marker in fw.markers_for(actor.id, stage.id):
                    answer = answer_of(activity, marker)
                    given: Answer | None = activity.checklist.get(marker.id)
                    counts[answer] += 1
                    lines.append(MarkerLine(marker, answer, given.evidence if given else "",
                                            given.url if given else "",
                                            figure_text(self.words, activity, marker), self.words))
                stages.append(StageBlock(stage, activity_score(fw, activity, actor.id, stage.id), lines))
            actors.append(ActorBlock(actor, activity_score(fw, activity, actor.id), stages))
        stage_totals = [(s, activity_score(fw, activity, None, s.id)) for s in fw.stages]
        badge = self.badge(activity)
        result = ActivityChecklist(activity, activity_score(fw, activity), actors, stage_totals, counts, badge,
                                   self.embed(badge))
        self._checklists[activity.id] = result
        return result

    def columns(self) -> list[Column]:
        fw = self.framework
        return [Column(a, s, len(fw.markers_for(a.id, s.id)),
                       organisation_score(fw, self.report.activities, a.id, s.id))
                for a in fw.actors for s in fw.stages]

    def rows(self, columns: list[Column]) -> list[Row]:
        fw = self.framework
        out = []
        for activity in self.report.activities:
            cells = [activity_score(fw, activity, c.actor.id, c.stage.id) for c in columns]
            lowest, share = _lowest(columns, cells)
            out.append(Row(activity, cells, activity_score(fw, activity), lowest, share, self.words))
        return out

    def ranked(self, columns: list[Column]) -> list[Column]:
        """Columns from the least met share to the most; columns with nothing applicable last."""
        scored = [c for c in columns if c.total.applicable]
        scored.sort(key=lambda c: (c.total.met / c.total.applicable, -c.total.applicable))
        return scored + [c for c in columns if not c.total.applicable]

    def marker_stats(self) -> list[MarkerStat]:
        fw = self.framework
        out = []
        for marker in fw.markers:
            counts = {a: 0 for a in ANSWER_ORDER}
            for activity in self.report.activities:
                counts[answer_of(activity, marker)] += 1
            out.append(MarkerStat(marker, counts, marker_score(marker, self.report.activities)))
        return out

    def quality_context(self) -> dict:
        columns = self.columns()
        stats = self.marker_stats()
        by_marker = {s.marker.id: s for s in stats}
        scored = [s for s in stats if s.score.applicable]
        lowest_markers = []
        if scored:
            low = min(s.score.met / s.score.applicable for s in scored)
            lowest_markers = [s for s in scored if s.score.met / s.score.applicable == low]
        badge = self.organisation_badge
        return {
            "quality": self, "framework": self.framework, "columns": columns, "rows": self.rows(columns),
            "ranked": self.ranked(columns), "total": self.score, "badge": badge, "embed": self.embed(badge),
            "marker_stats": by_marker, "lowest_markers": lowest_markers,
            "actor_totals": [(a, organisation_score(self.framework, self.report.activities, a.id))
                             for a in self.framework.actors],
        }


def _lowest(columns: list[Column], cells: list[Score]) -> tuple[list[Column], int | None]:
    """The columns whose share met is lowest in a row (exact fractions, ties all kept)."""
    scored = [(s, c) for s, c in zip(cells, columns) if s.applicable]
    if not scored:
        return [], None
    # a/b < c/d  <=>  a*d < c*b (whole numbers, no rounding)
    low = scored[0][0]
    for s, _ in scored[1:]:
        if s.met * low.applicable < low.met * s.applicable:
            low = s
    lowest = [c for s, c in scored if s.met * low.applicable == low.met * s.applicable]
    return lowest, low.percent


def view(report: Report) -> QualityView:
    """The report's :class:`QualityView`, made once per build (templates get it as ``quality``)."""
    return report.derived(QualityView)
