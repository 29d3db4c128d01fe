"""The records, as plain Python: what the loader builds and everything else reads.

Values are exactly what the files say (text as written, Markdown unrendered). ``line`` fields point back to
the YAML so later stages can still name a place.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Optional

from .framework import Framework
from .vocab import AWAITING


@dataclass
class Organisation:
    name: str
    purpose: str
    why: list[str] = field(default_factory=list)
    power: str = ""
    about: str = ""
    contact: str = ""
    public_contacts: list[str] = field(default_factory=list)
    data_licence: str = "CC-BY-4.0"
    respond_within: str = ""  # the response-time promise as written: N days, N working days ('' : none)
    holidays: str = ""  # ISO 3166-2 code whose public holidays are not working days ('' : none)
    source: str = ""
    languages: tuple[str, ...] = ("en",)  # the site's languages, the main one first
    country: str = "GB"  # ISO 3166-1 alpha-2

    @property
    def main_language(self) -> str:
        return self.languages[0]


@dataclass
class Purpose:
    why: list[str] = field(default_factory=list)
    aims: list[str] = field(default_factory=list)
    can_influence: list[str] = field(default_factory=list)
    cannot_influence: list[str] = field(default_factory=list)
    decision: str = ""
    decision_date: Optional[_dt.date] = None

    @property
    def empty(self) -> bool:
        return not (self.why or self.aims or self.can_influence or self.cannot_influence or self.decision
                    or self.decision_date)


@dataclass
class Participation:
    invited: Optional[int] = None
    volunteered: Optional[int] = None
    took_part: Optional[int] = None
    sessions: Optional[int] = None
    hours: Optional[float] = None
    compensation: str = ""
    accessibility: list[str] = field(default_factory=list)
    representation: str = ""

    @property
    def empty(self) -> bool:
        return all(v in (None, "", []) for v in (self.invited, self.volunteered, self.took_part, self.sessions,
                                                  self.hours, self.compensation, self.accessibility,
                                                  self.representation))


@dataclass
class Answer:
    """A checklist answer to one marker."""

    marker: str
    answer: str
    evidence: str = ""
    url: str = ""
    line: int = 0


@dataclass
class ResponseUpdate:
    date: _dt.date
    status: str
    note: str = ""


@dataclass
class Response:
    status: str
    did: str = ""
    reason: str = ""
    owner: str = ""
    due: Optional[_dt.date] = None
    communicated: Optional[_dt.date] = None
    updates: list[ResponseUpdate] = field(default_factory=list)


@dataclass
class Feedback:
    """One "you said" item, with its "we did" response when there is one."""

    id: str
    said: str
    date: _dt.date
    activity: str
    count: int = 1
    source: str = ""
    themes: list[str] = field(default_factory=list)
    response: Optional[Response] = None
    line: int = 0

    @property
    def status(self) -> str:
        """The response status, or ``awaiting`` when there is no response."""
        return self.response.status if self.response else AWAITING


@dataclass
class Update:
    date: _dt.date
    note: str


@dataclass
class OutcomeEntry:
    value: float
    date: _dt.date
    out_of: Optional[float] = None
    baseline: Optional[float] = None
    target: Optional[float] = None
    method: str = ""
    line: int = 0


@dataclass
class Measure:
    """A measure and its dated values (a series when there is more than one), oldest first."""

    id: str
    measure: str
    type: str
    scope: str  # the activity id, or "organisation" for outcomes.yml
    unit: str = ""
    entries: list[OutcomeEntry] = field(default_factory=list)
    source: str = ""
    line: int = 0

    @property
    def latest(self) -> OutcomeEntry:
        return self.entries[-1]


@dataclass
class Activity:
    id: str
    title: str
    summary: str
    approach: str
    status: str
    started: _dt.date
    ended: Optional[_dt.date] = None
    themes: list[str] = field(default_factory=list)
    purpose: Purpose = field(default_factory=Purpose)
    participation: Participation = field(default_factory=Participation)
    checklist: dict[str, Answer] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)
    outcomes: list[Measure] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    source: str = ""  # the file as named in messages, e.g. content/activities/x.yml
    path: str = ""  # the file relative to the content folder, e.g. activities/x.yml


@dataclass
class Site:
    """Everything one content folder publishes."""

    organisation: Organisation
    activities: list[Activity]  # newest ``started`` first, then by id
    outcomes: list[Measure]  # organisation-wide measures from outcomes.yml
    framework: Framework
    content_dir: str = "content"  # the folder as named in messages
    root: str = ""  # the folder's absolute path

    def activity(self, activity_id: str) -> Activity | None:
        return next((a for a in self.activities if a.id == activity_id), None)

    def all_feedback(self):
        for activity in self.activities:
            yield from activity.feedback

    def all_measures(self):
        yield from self.outcomes
        for activity in self.activities:
            yield from activity.outcomes
