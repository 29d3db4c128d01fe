"""Outcomes: every measure, grouped by the five types of data, with its figures and, for a series, a chart.

The seed asks organisations to decide which questions they want to answer with five types of data (user,
engagement, feedback, outcomes, impact) and to review progress using data. This module turns the measures of
``outcomes.yml`` and of every activity into *views*: what a reader sees of one measure (its latest value,
baseline, target, method and date, the activity it belongs to, and for a series of two or more dated values
an inline SVG chart with its figures in a table beside it). The ``outcomes/`` page and the activity page's
outcomes section both show these views, through the same template macro.

Baseline, target and method may be given on any entry of a series; a view shows the latest one given
(entries are in date order), so a target set on the first entry stays the target until a later entry
changes it.

Pages get the views as ``outcome_views`` in their context (an :class:`OutcomeViews`, made once per build by
:func:`outcome_views`): the activity page's outcomes partial uses it to show that activity's measures. The
outcomes page is planned in :mod:`mic_plugin.site.outcomes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..render.charts import format_value, series_svg, trend_sentence
from ..model.records import Activity, Measure
from .report import Report
from ..model.vocab import DATA_TYPE_QUESTIONS, DATA_TYPES
from ..render.words import percent


def measure_anchor(measure: Measure) -> str:
    """The measure's anchor: ``measure_SCOPE_ID``. It contains ``_``, so it never equals a feedback id."""
    return f"measure_{measure.scope}_{measure.id}"


def type_anchor(data_type: str) -> str:
    """The anchor of a type of data's section on the outcomes page, e.g. ``mic_data_user``."""
    return f"mic_data_{data_type}"


@dataclass
class Row:
    """One dated value of a measure, as the figures table shows it."""

    date: object  # datetime.date
    value: str


@dataclass
class MeasureView:
    """What a reader sees of one measure."""

    measure: Measure
    anchor: str
    type_label: str
    activity: Activity | None  # None for organisation-wide measures
    latest: str  # "21 of 50 people (42%)"
    date: object  # the latest entry's date
    baseline: str = ""
    target: str = ""
    method: str = ""
    rows: list[Row] = field(default_factory=list)  # oldest first
    trend: str = ""  # one sentence stating the trend (series only)
    chart: Markup | None = None  # inline SVG (series only, when it can be drawn)

    @property
    def series(self) -> bool:
        return len(self.rows) > 1


@dataclass
class TypeGroup:
    """One of the five types of data, the questions it answers and its measures."""

    type: str
    label: str
    anchor: str
    about: str
    questions: list[str]
    views: list[MeasureView]


def _last_given(measure: Measure, name: str):
    """The latest entry's value of ``name`` among the entries that give it (None or '' when none does)."""
    value = None
    for entry in measure.entries:
        given = getattr(entry, name)
        if given not in (None, ""):
            value = given
    return value




def _chart(measure: Measure, anchor_scope: str, baseline, target, words=None) -> tuple[str, Markup | None]:
    """The trend sentence and the SVG chart of a series (SVG ids rewritten to contain ``_``)."""
    entries = measure.entries
    out_ofs = {e.out_of for e in entries}
    name = measure.measure
    if len(out_ofs) > 1 and None not in out_ofs:
        # Each value is out of a different whole: chart the percentage, the comparable figure.
        points = [(e.date, percent(e.value, e.out_of)) for e in entries]
        unit, out_of, baseline, target = "%", None, None, None
        name = words.gettext("%(measure)s (as a percentage)", measure=name) if words is not None else \
            f"{name} (as a percentage)"
    else:
        points = [(e.date, e.value) for e in entries]
        unit = measure.unit
        out_of = entries[0].out_of if len(out_ofs) == 1 else None
    try:
        trend = trend_sentence(points, measure=name, unit=unit, out_of=out_of, words=words)
        chart_id = f"{measure.scope}-{measure.id}"
        svg = series_svg(points, measure=name, unit=unit, out_of=out_of, baseline=baseline, target=target,
                         chart_id=chart_id, words=words)
    except ValueError:  # a value too large to draw: the figures table still says everything
        return "", None
    # Ids the plugin makes contain "_" so they never collide with a feedback id on the same page.
    # (plain replacements: a pattern per measure would be compiled anew for each of hundreds of charts)
    for attribute in ("id", "aria-labelledby", "aria-describedby"):
        svg = svg.replace(f' {attribute}="{chart_id}-', f' {attribute}="chart_{anchor_scope}_{measure.id}-')
    return trend, Markup(svg)


def measure_view(measure: Measure, activity: Activity | None, words=None) -> MeasureView:
    """The view of one measure (its entries are oldest first, as the loader leaves them), in ``words``'
    language (English without)."""
    latest = measure.latest
    unit = measure.unit
    baseline = _last_given(measure, "baseline")
    target = _last_given(measure, "target")
    view = MeasureView(
        measure=measure,
        anchor=measure_anchor(measure),
        type_label=(words.gettext(DATA_TYPES[measure.type]) if words is not None else DATA_TYPES[measure.type])
        if measure.type in DATA_TYPES else measure.type,
        activity=activity,
        latest=format_value(latest.value, unit=unit, out_of=latest.out_of, words=words),
        date=latest.date,
        baseline=format_value(baseline, unit=unit, words=words) if baseline is not None else "",
        target=format_value(target, unit=unit, words=words) if target is not None else "",
        method=_last_given(measure, "method") or "",
        rows=[Row(e.date, format_value(e.value, unit=unit, out_of=e.out_of, words=words)) for e in measure.entries],
    )
    if view.series:
        view.trend, view.chart = _chart(measure, measure.scope, baseline, target, words)
    return view


class OutcomeViews:
    """Every measure of a site as views: organisation-wide first (file order), then each activity's."""

    def __init__(self, report: Report):
        self.report = report
        words = report.words
        views = [measure_view(m, None, words) for m in report.site.outcomes]
        for activity in report.activities:
            views.extend(measure_view(m, activity, words) for m in activity.outcomes)
        self.views = views

    def for_activity(self, activity_id: str) -> list[MeasureView]:
        """One activity's measures, in the order of the five types of data, then file order."""
        order = list(DATA_TYPES)
        mine = [v for v in self.views if v.activity is not None and v.activity.id == activity_id]
        return sorted(mine, key=lambda v: order.index(v.measure.type) if v.measure.type in order else len(order))

    def by_type(self) -> list[TypeGroup]:
        """The five types of data in the seed's order, each with its measures (maybe none)."""
        groups = []
        _ = self.report.words.gettext
        for data_type, label in DATA_TYPES.items():
            about, questions = DATA_TYPE_QUESTIONS[data_type]
            groups.append(TypeGroup(data_type, _(label), type_anchor(data_type), _(about), [_(q) for q in questions],
                                    [v for v in self.views if v.measure.type == data_type]))
        return groups


def outcome_views(report: Report) -> OutcomeViews:
    """The report's views, made once per build (templates get them as ``outcome_views``)."""
    return report.derived(OutcomeViews)
