"""The content format, version 1 (``CONTENT_FORMAT.md``), written once with :mod:`mic_plugin.load.spec` types.

The same objects validate files (with lines) and print the JSON Schema (:func:`json_schema`). Rules that tie
fields of one record together live in the ``check`` functions here; rules that span records (unique ids,
series, privacy) live in :mod:`mic_plugin.load.loader`.
"""

from __future__ import annotations

import json
import re

import yaml

from .promise import (HOLIDAYS_PATTERN, RESPOND_WITHIN_HELP, RESPOND_WITHIN_PATTERN, holidays_problem,
                       parse_respond_within)
from .shown import quoted
from .framework import Framework
from .spec import (INVALID, Ctx, Date, Enum, Field, Id, ListOf, Markdown, Number, OneOf, Rec, Record, Text,
                   Type, Url, describe, is_null, mapping_items, suggest, _line)
from ..render.i18n import N_
from ..model.vocab import ACTIVITY_STATUSES, ANSWERS, APPROACHES, DATA_TYPES, MOTIVES, RESPONSE_STATUSES
from .languages import COUNTRY, LANGUAGES

FORMAT_VERSION = 1

# Common SPDX licence ids for published data; others that are well-formed get a warning, not an error.
KNOWN_LICENCES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-NC-4.0",
                  "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0",
                  "OGL-UK-1.0", "OGL-UK-2.0", "OGL-UK-3.0", "OGL-Canada-2.0", "NLOD-2.0", "DL-DE-BY-2.0",
                  "Etalab-2.0", "CDLA-Permissive-2.0", "CDLA-Permissive-1.0", "CDLA-Sharing-1.0", "MIT",
                  "Apache-2.0", "Unlicense")
_SPDX_RE = re.compile(r"^(LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.\-+]*$")

MOTIVE = Enum(MOTIVES, N_("a motive for involving people"), "motive")
RESPONSE_STATUS = Enum(RESPONSE_STATUSES, N_("where the response stands"), "response status")


def _texts(doc: str) -> ListOf:
    return ListOf(Text(), doc)


class Theme(Text):
    """A free tag. No ';': it separates themes in spreadsheets and the open-data CSV, so ``["a; b"]`` and
    ``["a", "b"]`` would be the same cell."""

    def read(self, node, ctx, path):
        value = super().read(node, ctx, path)
        if value is not INVALID and ";" in value:
            ctx.error(node, path, f"{quoted(value)} holds ';', which separates themes in spreadsheets and the "
                      "open-data CSV; write each theme as its own entry, e.g. [" +
                      ", ".join(t.strip() for t in value.split(";") if t.strip()) + "]")
            return INVALID
        return value

    def schema(self):
        return dict(super().schema(), pattern=r"^[^;]*[^;\s][^;]*$")


def _themes(doc: str) -> ListOf:
    return ListOf(Theme(), doc)


# --- organisation.yml --------------------------------------------------------------------------------------

def _check_organisation(rec: Rec, ctx: Ctx, path: str) -> None:
    licence = rec.get("data_licence")
    if isinstance(licence, str):
        if not _SPDX_RE.match(licence.strip()):
            ctx.error(rec.line_of("data_licence"), "data_licence",
                      f"'{licence}' is not an SPDX licence id (e.g. CC-BY-4.0, OGL-UK-3.0)")
        elif licence.strip() not in KNOWN_LICENCES:
            hint = suggest(licence.strip(), KNOWN_LICENCES)
            ctx.warning(rec.line_of("data_licence"), "data_licence",
                        f"'{licence}' is not a licence id this tool knows{hint or '; check it at spdx.org/licenses'}")


class RespondWithin(Text):
    """The response-time promise: ``N days`` or ``N working days`` (see :mod:`mic_plugin.load.promise`)."""

    translatable = False  # a value the plugin reads, in every language the same

    def read(self, node, ctx, path):
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":int"):
            ctx.error(node, path, f"{node.value} what? {RESPOND_WITHIN_HELP}")
            return INVALID
        value = super().read(node, ctx, path)
        if value is not INVALID and parse_respond_within(value) is None:
            ctx.error(node, path, f"'{value}' is not a promise this tool can read; {RESPOND_WITHIN_HELP}")
            return INVALID
        return value

    def schema(self):
        return dict(super().schema(), pattern=RESPOND_WITHIN_PATTERN)


class HolidaysCode(Text):
    """Whose public holidays are not working days: an ISO 3166-2 code the ``holidays`` library knows."""

    translatable = False

    def read(self, node, ctx, path):
        value = super().read(node, ctx, path)
        if value is not INVALID:
            problem = holidays_problem(value)
            if problem:
                ctx.error(node, path, problem)
                return INVALID
        return value

    def schema(self):
        return dict(super().schema(), pattern=HOLIDAYS_PATTERN)


ORGANISATION = Record("organisation", {
    "name": Field(Text(N_("the organisation publishing the report")), True),
    "purpose": Field(Markdown(N_("why it involves people, honest about scope")), True),
    "why": Field(ListOf(MOTIVE, N_("which of the three motives it holds"))),
    "power": Field(Markdown(N_("how it recognises power dynamics (chosen or unchosen relationship, who "
                               "benefits)"))),
    "about": Field(Markdown(N_("a short description of the organisation"))),
    "contact": Field(Text(N_("a public contact address or URL of the organisation"), translatable=False)),
    "public_contacts": Field(ListOf(Text(translatable=False),
                                    N_("the organisation's own public e-mail addresses and phone numbers"))),
    "data_licence": Field(Text(N_("SPDX id of the licence for the published data (default CC-BY-4.0)"),
                               translatable=False)),
    "languages": Field(LANGUAGES),
    "country": Field(COUNTRY),
    "respond_within": Field(RespondWithin(N_("how soon every piece of feedback gets a response: N days or "
                                             "N working days"))),
    "holidays": Field(HolidaysCode(N_("whose public holidays are not working days: an ISO 3166-2 code such as "
                                      "GB-ENG, GB-WLS, GB-SCT or GB-NIR (without it only Saturdays and Sundays)"))),
}, N_("organisation.yml: the organisation publishing the report"), _check_organisation)


# --- activities ---------------------------------------------------------------------------------------------

def _check_participation(rec: Rec, ctx: Ctx, path: str) -> None:
    took = rec.get("took_part")
    invited, volunteered = rec.get("invited"), rec.get("volunteered")
    if not isinstance(took, int) or ("invited" not in rec and "volunteered" not in rec):
        return
    if invited is INVALID or volunteered is INVALID:
        return
    total = (invited or 0) + (volunteered or 0)
    if took > total:
        ctx.error(rec.line_of("took_part"), f"{path}.took_part",
                  f"{took} took part, more than the {total} invited and volunteered together")


PURPOSE = Record("purpose", {
    "why": Field(ListOf(MOTIVE, N_("which motives this activity serves"))),
    "aims": Field(_texts(N_("what it aims to achieve"))),
    "can_influence": Field(_texts(N_("what people taking part can change"))),
    "cannot_influence": Field(_texts(N_("what is out of scope: being honest about scope"))),
    "decision": Field(Text(N_("the decision this involvement feeds"))),
    "decision_date": Field(Date(N_("when that decision is made"), future=True)),
}, N_("purpose and scope"))

PARTICIPATION = Record("participation", {
    "invited": Field(Number(N_("people asked individually"), whole=True, minimum=0)),
    "volunteered": Field(Number(N_("people who came forward unasked"), whole=True, minimum=0)),
    "took_part": Field(Number(N_("people who took part"), whole=True, minimum=0)),
    "sessions": Field(Number(N_("number of sessions"), whole=True, minimum=0)),
    "hours": Field(Number(N_("total length of the sessions in hours (not person-hours)"), minimum=0)),
    "compensation": Field(Text(N_("how people were paid or reimbursed"))),
    "accessibility": Field(_texts(N_("access provisions, e.g. step-free venue, BSL interpreter"))),
    "representation": Field(Markdown(N_("how those involved compare with the people affected"))),
}, N_("who took part"), _check_participation)

RESPONSE_UPDATE = Record("response update", {
    "date": Field(Date(N_("when the status changed")), True),
    "status": Field(RESPONSE_STATUS, True),
    "note": Field(Markdown(N_("what happened"))),
})


def _check_response(rec: Rec, ctx: Ctx, path: str) -> None:
    status = rec.get("status")
    if status in ("done", "partly-done", "referred") and not rec.has("did"):
        extra = " (say to whom, and what happens next)" if status == "referred" else ""
        ctx.error(rec.line_of("status"), f"{path}.did", f"is required when status is {status}: say what was done{extra}")
    if status == "not-doing" and not rec.has("reason"):
        ctx.error(rec.line_of("status"), f"{path}.reason",
                  "is required when status is not-doing: say honestly why it will not be done")
    updates = rec.get("updates")
    if isinstance(updates, list) and updates:
        previous = None
        for i, upd in enumerate(updates):
            if not isinstance(upd, Rec) or not hasattr(upd.get("date"), "isoformat"):
                continue
            if previous is not None and upd["date"] < previous:
                ctx.error(upd.line_of("date"), f"{path}.updates[{i}].date",
                          f"{upd['date'].isoformat()} is before the update above it ({previous.isoformat()}); "
                          "list updates oldest first")
            previous = upd["date"]
        last = updates[-1]
        if isinstance(last, Rec) and isinstance(status, str) and last.get("status") not in (status, INVALID, None):
            ctx.error(last.line_of("status"), f"{path}.updates[{len(updates) - 1}].status",
                      f"the last update says '{last['status']}' but the response status is '{status}'; they must match")


RESPONSE = Record("response", {
    "status": Field(RESPONSE_STATUS, True),
    "did": Field(Markdown(N_("what was done, or is being done so far"))),
    "reason": Field(Markdown(N_("why it will not be done (required when not-doing)"))),
    "owner": Field(Text(N_("a team or role responsible, never a private person"))),
    "due": Field(Date(N_("when it should be done"), future=True)),
    "communicated": Field(Date(N_("when the answer was reported back to the people who said it"))),
    "updates": Field(ListOf(RESPONSE_UPDATE, N_("status history, oldest first"))),
}, N_("the 'we did': absent means awaiting a response"), _check_response)


def _check_feedback(rec: Rec, ctx: Ctx, path: str) -> None:
    said_on = rec.get("date")
    response = rec.get("response")
    if not hasattr(said_on, "isoformat") or not isinstance(response, Rec):
        return
    communicated = response.get("communicated")
    if hasattr(communicated, "isoformat") and communicated < said_on:
        ctx.error(response.line_of("communicated"), f"{path}.response.communicated",
                  f"{communicated.isoformat()} is before the feedback was given ({said_on.isoformat()})")
    updates = response.get("updates")
    if isinstance(updates, list):
        for i, upd in enumerate(updates):
            if isinstance(upd, Rec) and hasattr(upd.get("date"), "isoformat") and upd["date"] < said_on:
                ctx.error(upd.line_of("date"), f"{path}.response.updates[{i}].date",
                          f"{upd['date'].isoformat()} is before the feedback was given ({said_on.isoformat()})")


FEEDBACK = Record("feedback", {
    "id": Field(Id(N_("unique across the whole site; its permalink never changes")), True),
    "said": Field(Markdown(N_("what people said, anonymised")), True),
    "date": Field(Date(N_("when it was said")), True),
    "count": Field(Number(N_("how many people said it (default 1)"), whole=True, minimum=1)),
    "source": Field(Text(N_("e.g. workshop, survey, comment card"))),
    "themes": Field(_themes(N_("free tags, compared without regard to case"))),
    "response": Field(RESPONSE),
}, N_("a 'you said' item"), _check_feedback)


def _check_entry(rec: Rec, ctx: Ctx, path: str) -> None:
    value, out_of = rec.get("value"), rec.get("out_of")
    if isinstance(value, (int, float)) and isinstance(out_of, (int, float)) and value > out_of:
        ctx.error(rec.line_of("value"), f"{path}.value", f"{value} is more than out_of ({out_of})")


OUTCOME_ENTRY = Record("outcome", {
    "id": Field(Id(N_("the measure; repeat it with other dates to make a series")), True),
    "measure": Field(Text(N_("what is measured (required on the first entry of an id)"))),
    "type": Field(Enum(DATA_TYPES, N_("which of the five types of data"), "data type")),
    "value": Field(Number(N_("the value")), True),
    "out_of": Field(Number(N_("the whole the value is part of"), above=0)),
    "unit": Field(Text(N_("e.g. people, %, days"))),
    "date": Field(Date(N_("when it was measured")), True),
    "baseline": Field(Number(N_("the starting point"))),
    "target": Field(Number(N_("what the organisation aims for"))),
    "method": Field(Text(N_("e.g. self-report survey, attendance register"))),
}, N_("one dated value of a measure"), _check_entry)
OUTCOMES = ListOf(OUTCOME_ENTRY, N_("measures: repeat an id with other dates to make a series"))

UPDATE = Record("update", {
    "date": Field(Date(), True),
    "note": Field(Markdown(N_("what happened")), True),
}, N_("dated news about the activity"))

def _check_answer(rec: Rec, ctx: Ctx, path: str) -> None:
    if rec.get("answer") == "not-applicable" and not rec.has("evidence"):
        ctx.error(rec.line, path, "not-applicable needs evidence saying why: write "
                  "{answer: not-applicable, evidence: \"why it does not apply\"}")


ANSWER = OneOf(
    Enum(ANSWERS, N_("met, partly, not-met or not-applicable"), "answer"),
    Record("answer", {
        "answer": Field(Enum(ANSWERS, "", "answer"), True),
        "evidence": Field(Markdown(N_("what shows it (required for not-applicable: say why)"))),
        "url": Field(Url(N_("a link to the evidence"))),
    }, check=_check_answer),
    "an answer, bare or with evidence",
)


class Checklist(Type):
    """Answers by actor, stage and marker, checked against a framework."""

    description = N_("answers to the quality markers, by actor and stage")

    def __init__(self, framework: Framework):
        self.framework = framework

    def read(self, node, ctx, path):
        fw = self.framework
        out = Rec(_line(node))
        actors = {a.id: a for a in fw.actors}
        for actor_id, key_node, actor_node in self._mapping(node, ctx, path, "actor"):
            actor_path = f"{path}.{actor_id}"
            if actor_id not in actors:
                ctx.error(key_node, actor_path, _unknown("actor", actor_id, list(actors)))
                continue
            for stage_id, stage_key, stage_node in self._mapping(actor_node, ctx, actor_path, "stage"):
                stage_path = f"{actor_path}.{stage_id}"
                if stage_id not in {s.id for s in fw.stages}:
                    ctx.error(stage_key, stage_path, _unknown("stage", stage_id, [s.id for s in fw.stages]))
                    continue
                here = [m.id for m in fw.markers_for(actor_id, stage_id)]
                for marker_id, marker_key, answer_node in self._mapping(stage_node, ctx, stage_path, "marker"):
                    marker_path = f"{stage_path}.{marker_id}"
                    if marker_id not in here:
                        elsewhere = fw.marker(marker_id)
                        if elsewhere is not None:
                            ctx.error(marker_key, marker_path, f"this marker belongs under "
                                      f"{elsewhere.actor}.{elsewhere.stage}, not {actor_id}.{stage_id}")
                        else:
                            hint = suggest(marker_id, here) or suggest(marker_id, [m.id for m in fw.markers])
                            ctx.error(marker_key, marker_path, _unknown("marker", marker_id, here, hint,
                                                                        "markers here are"))
                        continue
                    if is_null(answer_node):
                        ctx.error(answer_node, marker_path, "has no answer; write met, partly, not-met or "
                                  "not-applicable, or remove the line to leave it not assessed")
                        continue
                    answer = ANSWER.read(answer_node, ctx, marker_path)
                    if answer is not INVALID:
                        out[marker_id] = answer
                        out.lines[marker_id] = _line(marker_key)
        return out

    @staticmethod
    def _mapping(node, ctx, path, what):
        if is_null(node):
            return  # an empty actor or stage answers nothing
        if not isinstance(node, yaml.MappingNode):
            ctx.error(node, path, f"must be a set of {what}s ('{what}: ...' lines), not {describe(node)}")
            return
        yield from mapping_items(node, ctx, path)

    def schema(self):
        fw = self.framework
        actors = {}
        for actor in fw.actors:
            stages = {}
            for stage in fw.stages:
                markers = {m.id: dict(ANSWER.schema(), description=m.text) for m in fw.markers_for(actor.id, stage.id)}
                stages[stage.id] = {"type": ["object", "null"], "description": stage.name,
                                    "additionalProperties": False, "properties": markers}
            actors[actor.id] = {"type": ["object", "null"], "description": actor.name,
                                "additionalProperties": False, "properties": stages}
        return {"type": "object", "description": self.description, "additionalProperties": False,
                "properties": actors}


def _unknown(what: str, name: str, options: list[str], hint: str | None = None, listed: str = "") -> str:
    """"unknown stage; did you mean 'planning'? Expected one of: ..." (the list always follows)."""
    hint = suggest(name, options) if hint is None else hint
    listed = listed or "expected one of"
    choices = ", ".join(options) or "(none)"
    if hint:
        return f"unknown {what}{hint} ({listed[:1].upper()}{listed[1:]}: {choices}.)"
    return f"unknown {what}; {listed}: {choices}"


def _check_activity(rec: Rec, ctx: Ctx, path: str) -> None:
    status, started, ended = rec.get("status"), rec.get("started"), rec.get("ended")
    if status == "completed" and "ended" not in rec:
        ctx.error(rec.line_of("status"), "ended", "is required when status is completed: when did it end?")
    if status in ("planned", "open", "in-progress") and rec.has("ended"):
        ctx.error(rec.line_of("ended"), "ended", f"is not allowed while status is {status}; "
                  "remove it, or change the status")
    if hasattr(started, "isoformat") and hasattr(ended, "isoformat") and ended < started:
        ctx.error(rec.line_of("ended"), "ended", f"{ended.isoformat()} is before started ({started.isoformat()})")


def activity_spec(framework: Framework) -> Record:
    return Record("activity", {
        "title": Field(Text(N_("the activity's name")), True),
        "summary": Field(Markdown(N_("what the activity is, in plain words")), True),
        "approach": Field(Enum(APPROACHES, N_("where it sits on the spectrum of approaches"), "approach"), True),
        "status": Field(Enum(ACTIVITY_STATUSES, "", "activity status"), True),
        "started": Field(Date(N_("when it started")), True),
        "ended": Field(Date(N_("when it ended (required when completed)"))),
        "themes": Field(_themes(N_("free tags, e.g. transport, mental health"))),
        "purpose": Field(PURPOSE),
        "participation": Field(PARTICIPATION),
        "checklist": Field(Checklist(framework)),
        "feedback": Field(ListOf(FEEDBACK, N_("'you said' items, each with its 'we did' response"))),
        "outcomes": Field(OUTCOMES),
        "updates": Field(ListOf(UPDATE, N_("dated news about the activity"))),
    }, "activities/ID.yml: one involvement activity", _check_activity)


def json_schema(framework: Framework, words=None) -> dict:
    """The JSON Schema of every content file: root ``anyOf`` organisation, activity, outcomes list. With
    ``words`` (the plugin's words in a language), its titles and descriptions in that language where the
    message catalogue has them (the framework's names are the framework's own: pass it in that language)."""
    defs = {
        "organisation": ORGANISATION.schema(),
        "activity": activity_spec(framework).schema(),
        "outcomes": OUTCOMES.schema(),
    }
    for name, title in (("organisation", "organisation.yml"), ("activity", "activities/ID.yml"),
                        ("outcomes", "outcomes.yml")):
        defs[name]["title"] = title
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://make-it-count.invalid/schema/content-v1.json",
        "title": "Make It Count content format, version 1",
        "description": _say(words, N_("Any content file: organisation.yml, an activity, or outcomes.yml. Quality "
                                      "framework: %(title)s (%(id)s)."), title=framework.title, id=framework.id),
        "anyOf": [{"$ref": "#/$defs/organisation"}, {"$ref": "#/$defs/activity"}, {"$ref": "#/$defs/outcomes"}],
        "$defs": defs,
    }
    return _in_words(schema, words) if words is not None else schema


def _say(words, message: str, **values) -> str:
    return words.gettext(message, **values) if words is not None else message % values


def _in_words(node, words):
    """A schema's descriptions in ``words``' language, where the catalogue has them (the rest as written)."""
    if isinstance(node, dict):
        return {k: (words.gettext(v) if k == "description" and isinstance(v, str) and words.has(v)
                    else _in_words(v, words)) for k, v in node.items()}
    if isinstance(node, list):
        return [_in_words(v, words) for v in node]
    return node


def schema_text(framework: Framework, words=None) -> str:
    """:func:`json_schema` as ``mic schema`` prints it: sorted keys, two-space indent, ending with a newline."""
    return json.dumps(json_schema(framework, words), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
