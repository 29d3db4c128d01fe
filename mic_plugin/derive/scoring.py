"""Checklist scores exactly as the contract defines them.

Per activity, per actor, per stage: ``applicable`` = markers in scope minus those answered
``not-applicable``; ``met`` = markers answered ``met``. A marker not assessed counts as applicable and not
met (silence never raises a score). The message is ``MET of APPLICABLE met``; ``0 of 0 met`` has no
percentage. The organisation-wide score adds ``met`` and ``applicable`` over all activities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..load.framework import Framework, Marker
from ..model.records import Activity, Answer
from ..model.vocab import NOT_ASSESSED
from ..render.words import percent


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
