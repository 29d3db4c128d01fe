"""Checklist scores exactly as the contract defines them.

Per activity, per actor, per stage: ``applicable`` = markers in scope minus those answered
``not-applicable``; ``met`` = markers answered ``met``. A marker not assessed counts as applicable and not
met (silence never raises a score). The message is ``MET of APPLICABLE met``; ``0 of 0 met`` has no
percentage. The organisation-wide score adds ``met`` and ``applicable`` over all activities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model.framework import Framework, Marker
from ..model.records import Activity, Answer
from ..model.vocab import NOT_ASSESSED
from ..render.badges import BAND_COLOURS
from ..render.words import percent


BANDS = ("none", "low", "fair", "mid", "high", "full")
"""Score bands, shared by the badge colours and the page's table cells (:func:`band`)."""


@dataclass(frozen=True)
class Score:
    met: int
    applicable: int

    @property
    def message(self) -> str:
        return f"{self.met} of {self.applicable} met"

    @property
    def percent(self) -> int | None:
        """Share met, rounded to a whole number (halves up, as people expect: 1 of 8 is 13%); None for 0 of 0."""
        return percent(self.met, self.applicable)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.met + other.met, self.applicable + other.applicable)


ZERO = Score(0, 0)


def band(score: Score) -> str:
    """The band of a score's share met, one of :data:`BANDS`: ``none`` for 0 of 0 (nothing to score), then
    ``low`` below 25%, ``fair`` from 25% to below 50%, ``mid`` from 50% to below 75%, ``high`` from 75% to
    below 100%, ``full`` at 100%. Closed below and open above, in whole numbers (1 of 4 is ``fair``, 3 of 4
    ``high``), with no rounding at the edges. The badge's colour and a table cell's class come from here, so
    a page and a badge never band the same score differently; the words always say the score too."""
    met, applicable = score.met, score.applicable
    if applicable == 0:
        return "none"
    if 4 * met < applicable:
        return "low"
    if 2 * met < applicable:
        return "fair"
    if 4 * met < 3 * applicable:
        return "mid"
    return "high" if met < applicable else "full"


def _check_score(met: int, applicable: int) -> None:
    if isinstance(met, bool) or isinstance(applicable, bool):
        raise TypeError("met and applicable must be integers, not booleans")
    if not (isinstance(met, int) and isinstance(applicable, int)):
        raise TypeError(f"met and applicable must be integers, got {met!r} and {applicable!r}")
    if met < 0 or applicable < 0 or met > applicable:
        raise ValueError(f"impossible score: {met} of {applicable} met")


def badge_color(met: int, applicable: int) -> str:
    """Return the badge colour (``#rrggbb``) for a score, by the share of applicable markers met.

    ======================  ===========  ==================================
    share met               colour       name
    ======================  ===========  ==================================
    0 of 0 (nothing scored) ``#767676``  grey: there is nothing to score
    below 25%               ``#c13f2e``  red
    25% to below 50%        ``#a9510f``  orange
    50% to below 75%        ``#8b6800``  yellow (dark gold)
    75% to below 100%       ``#5f7000``  yellowgreen (olive)
    100%                    ``#2e7d1f``  green
    ======================  ===========  ==================================

    The bands are :func:`band`'s (closed below and open above, in whole numbers, so
    1 of 4 is orange and 3 of 4 is yellowgreen), the same the quality tables use for their cells.

    Contrast: these are shields.io's hues darkened so that the white message text has a WCAG contrast
    ratio of at least 4.5:1 (AA for small text) on every one of them; shields' own bright palette gives
    white text as little as 2:1. Colour is never the only signal, since the message states the score.
    Raises ``ValueError`` for an impossible score.
    """
    _check_score(met, applicable)
    return BAND_COLOURS[band(Score(met, applicable))]


def answer_of(activity: Activity, marker: Marker) -> str:
    """The answer word for a marker, or ``not-assessed``."""
    answer: Answer | None = activity.checklist.get(marker.id)
    return answer.answer if answer else NOT_ASSESSED


def score_markers(activity: Activity, markers: Iterable[Marker]) -> Score:
    met = applicable = 0
    for marker in markers:
        answer = answer_of(activity, marker)
        if answer == "not-applicable":
            continue
        applicable += 1
        if answer == "met":
            met += 1
    return Score(met, applicable)


def marker_score(marker: Marker, activities: Iterable[Activity]) -> Score:
    """How one marker was answered across activities: met of applicable, by the same rule as every score."""
    total = ZERO
    for activity in activities:
        total = total + score_markers(activity, (marker,))
    return total


def activity_score(framework: Framework, activity: Activity, actor: str | None = None,
                   stage: str | None = None) -> Score:
    """Score of one activity, over the whole framework or one actor and/or stage."""
    return score_markers(activity, framework.markers_for(actor, stage))


def organisation_score(framework: Framework, activities: Iterable[Activity], actor: str | None = None,
                       stage: str | None = None) -> Score:
    """Met and applicable added up over all activities."""
    total = ZERO
    for activity in activities:
        total = total + activity_score(framework, activity, actor, stage)
    return total
