"""Build-time charts for outcome measures: a series of dated values drawn as inline SVG.

A measure repeated with different dates is a *series*. This module turns one series into

- a plain-English sentence that states its trend (:func:`trend_sentence`), and
- an accessible, theme-following, print-safe line chart (:func:`series_svg`).

Pure functions, no MkDocs, no JavaScript, no external service. The same input gives byte-identical
output. The figures themselves go in a table beside the chart; the page template makes that table
(:func:`format_value` is here, and dates and numbers come from :mod:`~mic_plugin.render.words`, so the table
and the chart say the same thing).

Accessibility follows the shields.io badge pattern: ``role="img"``, an accessible name taken from a
``<title>`` (through ``aria-labelledby``), and every piece of drawn text ``aria-hidden`` so a screen
reader hears the sentence once instead of a scatter of tick labels. Nothing relies on colour: the
series is a solid line with circle markers, a target is dashed and a baseline dotted, each with a
text label; strokes use ``currentColor`` so the chart follows the page's light or dark theme.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Iterable, Sequence

from .words import percent
from .xml import clean, xml_text

__all__ = ["format_value", "series_svg", "trend_sentence"]

Point = tuple[_dt.date, float]

_CHART_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")

# Geometry, in viewBox units. A small viewBox keeps the 12-unit text legible when the chart is
# scaled down to a phone's width (about 10px at 340px wide).
_WIDTH = 400
_HEIGHT = 240
_TOP = 22
_BOTTOM = 30
_FONT = 12
_CHAR = 7.2  # rough width of one character at _FONT, for sizing margins
_MARKER_R = 4
_LARGEST = 1e15  # beyond this a chart's arithmetic and labels stop making sense
_TARGET_DASH = "8 4"
_BASELINE_DASH = "2 3"


# ---------------------------------------------------------------------------------------------------
# Words and numbers
# ---------------------------------------------------------------------------------------------------


def _words(words):
    if words is None:
        from ..render.i18n import words_for
        return words_for("en")
    return words


def format_value(value: float, *, unit: str | None = None, out_of: float | None = None, words=None) -> str:
    """Format one value of a measure as it reads in a sentence or table cell.

    ``42`` with unit ``%`` → ``42%``; with unit ``days`` → ``42 days``; with unit ``£`` → ``£42``; ``21``
    out of ``50`` → ``21 of 50 (42%)``, the contract's form (with unit ``people``: ``21 of 50 (42%) people``),
    the percentage rounded to a whole number. A measure already in ``%`` ignores ``out_of``: ``42% of 100%`` helps nobody.
    """
    _check_finite(value)
    w = _words(words)
    unit = clean(unit) if unit else ""
    if out_of is not None and unit != "%":
        _check_finite(out_of)
        if out_of <= 0:
            raise ValueError(f"out_of must be greater than 0, not {out_of!r}")
        shown = w.gettext("%(value)s of %(out_of)s (%(share)s)", value=w.number(value), out_of=w.number(out_of),
                          share=w.percent(percent(value, out_of)))
        return f"{shown} {unit}" if unit and unit not in _CURRENCY else shown
    return _with_unit(w.number(value), unit)


def trend_sentence(
    points: Iterable[Point],
    *,
    measure: str,
    unit: str | None = None,
    out_of: float | None = None,
    words=None,
) -> str:
    """Describe a series in one plain sentence (English, or ``words``' language), comparing its first and last values.

    "Carers who feel listened to rose from 42% on 3 March 2024 to 68% on 1 October 2025 (4 values)."
    Also *fell*, *stayed the same* (every value equal), *was … and … again* (same at both ends but not
    in between, with the low and high), and a single value. When the series went below its first
    and last values, or above them, the sentence says so, so the line between the ends is not hidden.
    """
    series = _series(points)
    name = clean(measure).strip()
    if not name:
        raise ValueError("measure must not be empty")

    w = _words(words)

    def fmt(v: float) -> str:
        return format_value(v, unit=unit, out_of=out_of, words=w)

    (d0, v0), (d1, v1) = series[0], series[-1]
    n = len(series)
    if n == 1:
        return w.gettext("%(name)s: %(value)s on %(date)s (a single value).", name=name, value=fmt(v0),
                         date=w.date(d0))
    count = w.ngettext("(%(num)s value)", "(%(num)s values)", n)
    values = [v for _, v in series]
    low, high = min(values), max(values)
    ends = {"name": name, "first": fmt(v0), "last": fmt(v1), "start": w.date(d0), "end": w.date(d1), "count": count}
    if low == high:
        return w.gettext("%(name)s stayed the same, at %(first)s, from %(start)s to %(end)s %(count)s.", **ends)
    if v0 == v1:
        return w.gettext("%(name)s was %(first)s on %(start)s and %(last)s again on %(end)s, between a low of "
                         "%(low)s and a high of %(high)s %(count)s.", low=fmt(low), high=fmt(high), **ends)
    if v1 > v0:
        sentence = w.gettext("%(name)s rose from %(first)s on %(start)s to %(last)s on %(end)s", **ends)
    else:
        sentence = w.gettext("%(name)s fell from %(first)s on %(start)s to %(last)s on %(end)s", **ends)
    below, above = low < min(v0, v1), high > max(v0, v1)
    if below and above:
        sentence += w.gettext(", with a low of %(low)s and a high of %(high)s in between", low=fmt(low),
                              high=fmt(high))
    elif below:
        sentence += w.gettext(", with a low of %(low)s in between", low=fmt(low))
    elif above:
        sentence += w.gettext(", with a high of %(high)s in between", high=fmt(high))
    return f"{sentence} {count}."


# ---------------------------------------------------------------------------------------------------
# The chart
# ---------------------------------------------------------------------------------------------------


def series_svg(
    points: Iterable[Point],
    *,
    measure: str,
    unit: str | None = None,
    out_of: float | None = None,
    baseline: float | None = None,
    target: float | None = None,
    chart_id: str,
    words=None,
) -> str:
    """Draw a series as an inline SVG line chart and return its markup (no XML declaration).

    The x axis is spaced by the real time between dates, labelled with the first and last date.
    The y axis runs from 0 (or the lowest value, when that is negative) to the highest of the
    values, the target, the baseline and ``out_of``, rounded out to a tidy tick. A target is a
    dashed line labelled "Target 80", a baseline a dotted one labelled "Baseline 40".

    ``chart_id`` makes element ids unique on the page and must match ``[a-z0-9][a-z0-9-]*``;
    the accessible name is in ``<title id="{chart_id}-title">``.
    """
    if not isinstance(chart_id, str) or not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be lower-case letters, digits and hyphens, not {chart_id!r}")
    series = _series(points)
    for extra in (out_of, baseline, target, *(v for _, v in series)):
        if extra is not None:
            _check_finite(extra)
            if abs(extra) > _LARGEST:
                raise ValueError(f"{extra!r} is too large to chart (limit {_LARGEST:,.0f})")
    if out_of is not None and out_of <= 0:
        raise ValueError(f"out_of must be greater than 0, not {out_of!r}")
    w = _words(words)
    title = trend_sentence(series, measure=measure, unit=unit, out_of=out_of, words=w)
    pct_ticks = (clean(unit) if unit else "") == "%"

    def tick_text(v: float) -> str:
        return w.number(v) + ("%" if pct_ticks else "")

    # Y scale: tidy ticks covering every value and every reference line.
    values = [v for _, v in series]
    references = [x for x in (out_of, baseline, target) if x is not None]
    lo = min([0.0, *values, *references])
    hi = max([0.0, *values, *references])
    whole = all(float(v).is_integer() for v in (*values, *references))
    ticks = _nice_ticks(lo, hi, min_step=1 if whole else 0.01)
    y_lo, y_hi = ticks[0], ticks[-1]

    # Margins sized to what they hold.
    left = 10 + _CHAR * max(len(tick_text(t)) for t in ticks)
    labels = []
    if target is not None:
        labels.append(("target", w.gettext("Target %(value)s", value=tick_text(target)), target, _TARGET_DASH))
    if baseline is not None:
        labels.append(("baseline", w.gettext("Baseline %(value)s", value=tick_text(baseline)), baseline,
                       _BASELINE_DASH))
    right = 8 + (8 + _CHAR * max(len(text) for _, text, _, _ in labels) if labels else 0)
    plot_left, plot_right = left, _WIDTH - right
    plot_top, plot_bottom = _TOP, _HEIGHT - _BOTTOM

    def y_of(v: float) -> float:
        return plot_bottom - (v - y_lo) / (y_hi - y_lo) * (plot_bottom - plot_top)

    first_day, last_day = series[0][0], series[-1][0]
    span = (last_day - first_day).days

    def x_of(day: _dt.date) -> float:
        if span == 0:
            return (plot_left + plot_right) / 2
        return plot_left + (day - first_day).days / span * (plot_right - plot_left)

    hidden = 'aria-hidden="true"'
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mic-chart" role="img" '
        f'aria-labelledby="{chart_id}-title"'
        + (f' aria-describedby="{chart_id}-desc"' if labels else "")
        + f' viewBox="0 0 {_WIDTH} {_HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'style="max-width:36rem;height:auto" font-size="{_FONT}" fill="currentColor">',
        f'<title id="{chart_id}-title">{xml_text(title)}</title>',
    ]
    if labels:
        desc = " ".join(f"{text}." for _, text, _, _ in labels)
        out.append(f'<desc id="{chart_id}-desc">{xml_text(desc)}</desc>')

    # Gridlines with labelled ticks; the zero line is solid, the rest faint.
    out.append('<g class="mic-chart-grid" stroke="currentColor" stroke-width="1">')
    for t in ticks:
        y = _n(y_of(t))
        opacity = "" if t == 0 else ' stroke-opacity="0.2"'
        out.append(f'<line x1="{_n(plot_left)}" y1="{y}" x2="{_n(plot_right)}" y2="{y}"{opacity}/>')
    out.append("</g>")
    out.append('<g class="mic-chart-axis">')
    for t in ticks:
        out.append(
            f'<text x="{_n(plot_left - 6)}" y="{_n(y_of(t))}" dy="0.35em" text-anchor="end" {hidden}>'
            f"{xml_text(tick_text(t))}</text>"
        )
    date_y = _n(plot_bottom + 20)
    if span == 0:
        out.append(
            f'<text x="{_n(x_of(first_day))}" y="{date_y}" text-anchor="middle" {hidden}>'
            f"{w.date(first_day)}</text>"
        )
    else:
        out.append(
            f'<text x="{_n(plot_left)}" y="{date_y}" text-anchor="start" {hidden}>{w.date(first_day)}</text>'
        )
        out.append(
            f'<text x="{_n(plot_right)}" y="{date_y}" text-anchor="end" {hidden}>{w.date(last_day)}</text>'
        )
    out.append("</g>")

    # Reference lines, labelled in the right margin; labels nudged apart when the lines are close.
    label_ys = _spread([y_of(v) for _, _, v, _ in labels], gap=_FONT + 2)
    for (kind, text, value, dash), label_y in zip(labels, label_ys):
        y = _n(y_of(value))
        out.append(
            f'<g class="mic-chart-{kind}">'
            f'<line x1="{_n(plot_left)}" y1="{y}" x2="{_n(plot_right)}" y2="{y}" stroke="currentColor" '
            f'stroke-width="1.5" stroke-dasharray="{dash}"/>'
            f'<text x="{_n(plot_right + 6)}" y="{_n(label_y)}" dy="0.35em" {hidden}>{xml_text(text)}</text>'
            "</g>"
        )

    # The series: a solid line, a circle at every value, the first and last values written beside them.
    xy = [(x_of(d), y_of(v)) for d, v in series]
    if len(xy) > 1:
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
        out.append(
            f'<polyline class="mic-chart-line" points="{coords}" fill="none" stroke="currentColor" '
            'stroke-width="2" stroke-linejoin="round"/>'
        )
    out.append('<g class="mic-chart-points">')
    for x, y in xy:
        out.append(f'<circle class="mic-chart-point" cx="{_n(x)}" cy="{_n(y)}" r="{_MARKER_R}"/>')
    out.append("</g>")
    for index in sorted({0, len(xy) - 1}):
        out.append(_value_label(xy, index, tick_text(series[index][1]), floor=plot_bottom + 4))
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------


def _series(points: Iterable[Point]) -> list[Point]:
    """Check and sort a series (by date, then value, so the order never depends on the caller's)."""
    series = []
    for point in points:
        day, value = point
        if not isinstance(day, _dt.date):
            raise TypeError(f"a point's date must be a datetime.date, not {type(day).__name__}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"a point's value must be a number, not {type(value).__name__}")
        _check_finite(value)
        series.append((day, float(value)))
    if not series:
        raise ValueError("a series needs at least one point")
    return sorted(series)


def _check_finite(value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"expected a finite number, not {value!r}")


def _nice_ticks(lo: float, hi: float, min_step: float = 0.01) -> list[float]:
    """Evenly spaced ticks from ≤ lo to ≥ hi at a tidy step (1, 2, 2.5 or 5 × 10ⁿ, ≥ ``min_step``).

    Of the steps giving 3 to 6 ticks, the one wasting least room above and below the data wins,
    then the one closest to 5 ticks: 0–50 is ticked 0, 10 … 50 rather than 0, 20 … 60. Labels show
    2 decimals, so no step is finer than 0.01 (or than 1, for counts); a range too narrow for
    that gets 3 ticks ``min_step`` apart.
    """
    if hi - lo < min_step:
        hi = lo + min_step
    base = math.floor(math.log10(hi - lo))
    best = None
    for exponent in range(max(base - 2, math.floor(math.log10(min_step))), base + 1):
        for m in (1, 2, 2.5, 5):
            step = m * 10.0**exponent
            if step < min_step * (1 - 1e-9):
                continue
            start = math.floor(lo / step + 1e-9)
            stop = math.ceil(hi / step - 1e-9)
            count = stop - start + 1
            if 3 <= count <= 6:
                key = ((stop - start) * step, abs(count - 5))
                if best is None or key < best[0]:
                    best = (key, step, start, stop)
    if best is None:  # a range under about 3 × min_step: the finest step, padded to 3 ticks
        step = min_step
        start = math.floor(lo / step + 1e-9)
        stop = max(math.ceil(hi / step - 1e-9), start + 2)
    else:
        _, step, start, stop = best
    return [round(i * step, 10) for i in range(start, stop + 1)]


def _value_label(xy: Sequence[tuple[float, float]], index: int, text: str, floor: float) -> str:
    """The first or last value, written beside its marker on the side the line does not take.

    The line leaves the first point towards the second, and reaches the last from the one before;
    when it goes up from the marker the label goes below, otherwise above. When that side has no
    room (above the drawing, or below ``floor`` where the date labels are), a steep line leaves
    room beside the marker; a shallow one means the label takes the line's side after all.
    """
    x, y = xy[index]
    if len(xy) == 1:
        anchor, (nx, ny) = "middle", (x, y)
    elif index == 0:
        anchor, (nx, ny) = "start", xy[1]
    else:
        anchor, (nx, ny) = "end", xy[-2]
    above = y - _MARKER_R - 4
    below = y + _MARKER_R + 4 + _FONT
    line_side_is_above = ny < y
    room_above, room_below = above - _FONT >= 0, below <= floor
    dy = ""
    if (room_below if line_side_is_above else room_above) or len(xy) == 1:
        label_y = below if line_side_is_above and room_below else above if room_above else below
    elif abs(ny - y) > abs(nx - x):
        # No room on the free side, and the line is steep: beside the marker, level with it.
        x += _MARKER_R + 3 if anchor == "start" else -(_MARKER_R + 3)
        label_y, dy = y, ' dy="0.35em"'
    else:
        label_y = above if line_side_is_above else below
    return (
        f'<text class="mic-chart-value" x="{_n(x)}" y="{_n(label_y)}"{dy} text-anchor="{anchor}" '
        f'aria-hidden="true">{xml_text(text)}</text>'
    )


def _spread(ys: Sequence[float], gap: float) -> list[float]:
    """Positions for up to two labels: as given, or pushed apart symmetrically to ``gap``."""
    if len(ys) != 2 or abs(ys[0] - ys[1]) >= gap:
        return list(ys)
    middle, half = (ys[0] + ys[1]) / 2, gap / 2
    upper, lower = middle - half, middle + half
    return [upper, lower] if ys[0] <= ys[1] else [lower, upper]


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit in _CURRENCY:
        return f"-{unit}{number[1:]}" if number.startswith("-") else f"{unit}{number}"
    return number + unit if unit == "%" else f"{number} {unit}"


_CURRENCY = ("£", "$", "€", "¥")
"""Units written before the number: £1,250, not 1,250 £."""


def _n(x: float) -> str:
    """A coordinate rounded to 2 decimals, without trailing zeros (and never ``-0``)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
