"""Numbers, dates and shares written for people, the same way on every page, chart, badge and feed.

``12``, ``12.5``, ``1,250,000`` (at most two decimals, halves rounded up); ``5 March 2024`` (no leading
zero, English month names, whatever the machine's locale); ``November 2026``; a share as a whole
percentage with halves rounded up (1 of 8 is 13%, as people expect, not Python's round-half-even 12%).
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def human_date(value: _dt.date | None) -> str:
    """``2024-03-05`` -> ``5 March 2024``; ``''`` for no date."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_year(year: int, month: int) -> str:
    """``(2026, 11)`` -> ``November 2026``."""
    return f"{MONTHS[month - 1]} {year}"


def format_number(value: float | None) -> str:
    """``12``, ``12.5``, ``12.35`` (from 12.345), ``1,250,000``; ``''`` for None. Refuses NaN and infinity."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    d = Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(d, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def percent(part: float, whole: float) -> int | None:
    """``part`` of ``whole`` as a whole percentage, halves rounded up; None when ``whole`` is 0."""
    if not whole:
        return None
    if isinstance(part, int) and isinstance(whole, int):
        return (200 * part + whole) // (2 * whole)  # exact for counts
    return int(Decimal(repr(float(part) / float(whole) * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 item``, ``2 items``, ``1,250 people`` (with ``plural_form``)."""
    return f"{format_number(count)} {singular if count == 1 else (plural_form or singular + 's')}"
