"""``mic schema``: a JSON Schema made from the same field types as the validator, so the two agree."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from kits.contractkit import ACTIVITY, ORG, check
from mic_plugin.cli import main
from mic_plugin.load.formats import json_schema
from mic_plugin.load.framework import load_framework

REPO = Path(__file__).resolve().parent.parent
DEMO_FILES = sorted((REPO / "content").rglob("*.yml"))


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    """The schema exactly as ``mic schema`` prints it."""
    out = tmp_path_factory.mktemp("schema") / "schema.json"
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["schema"]) == 0
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return json.loads(buffer.getvalue())


def validator(schema: dict, part: str | None = None) -> Draft202012Validator:
    if part is not None:  # the way an editor points at one definition
        schema = {k: v for k, v in schema.items() if k != "anyOf"} | {"$ref": f"#/$defs/{part}"}
    return Draft202012Validator(schema)


def as_strings(value):
    """Dates as the ISO strings a JSON tool would see."""
    if isinstance(value, dict):
        return {str(k): as_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_strings(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def errors(schema: dict, data, part: str | None = None) -> list[str]:
    return sorted(e.message for e in validator(schema, part).iter_errors(data))


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_root_is_any_of_the_three_files_each_under_defs(schema):
    assert schema["anyOf"] == [{"$ref": "#/$defs/organisation"}, {"$ref": "#/$defs/activity"},
                               {"$ref": "#/$defs/outcomes"}]
    assert set(schema["$defs"]) == {"organisation", "activity", "outcomes"}
    assert schema["$defs"]["outcomes"]["type"] == "array"
    assert schema["$defs"]["activity"]["additionalProperties"] is False


def test_schema_is_made_from_the_framework():
    fw = load_framework()
    schema = json_schema(fw)
    checklist = schema["$defs"]["activity"]["properties"]["checklist"]
    markers = [m for actor in checklist["properties"].values() for stage in actor["properties"].values()
               for m in stage["properties"]]
    assert sorted(markers) == sorted(m.id for m in fw.markers)
    assert json.dumps(json_schema(fw), sort_keys=True) == json.dumps(schema, sort_keys=True)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_every_demo_file_is_accepted_with_dates_as_strings_and_as_loaded(schema, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    part = "organisation" if path.name == "organisation.yml" else "outcomes" if path.name == "outcomes.yml" else "activity"
    assert errors(schema, as_strings(data)) == []
    assert errors(schema, data) == []  # date objects, as yaml-language-server's loaders may hand them over
    assert errors(schema, as_strings(data), part) == []


EVERY_FIELD = """\
title: Every field, written by hand
summary: |
  All of it — £, Welsh (*Cymraeg*), and a list:

  - one
approach: co-producing
status: completed
started: 2024-01-10
ended: "2024-09-30"
themes: [transport, Mental health]
purpose:
  why: [benefits-participants, improves-services, right-to-a-say]
  aims: [Shorter waits]
  can_influence: [The leaflet]
  cannot_influence: [National rules]
  decision: Board approval
  decision_date: 2030-01-01
participation:
  invited: 10
  volunteered: 5
  took_part: 12
  sessions: 4
  hours: 9.5
  compensation: £20 vouchers
  accessibility: [step-free venue, BSL interpreter]
  representation: Mostly carers over 60.
checklist:
  organisation:
    planning:
      purpose-written: met
      strategy: {answer: partly, evidence: "Draft, agreed in May", url: "https://example.org/strategy"}
    access:
      accessible-venues: {answer: not-applicable, evidence: Online only}
    monitoring:
    follow-up: {}
  person:
    access:
      listened-to: not-met
feedback:
  - id: one
    said: The bus is late.
    date: 2024-02-01
    count: 3
    source: survey
    themes: [transport]
    response:
      status: done
      did: We asked the council.
      owner: Transport team
      due: 2030-01-01
      communicated: 2024-05-01
      updates:
        - {date: 2024-02-02, status: in-progress, note: Started}
        - {date: 2024-04-01, status: done}
  - id: two
    said: Too far.
    date: 2024-02-02
    response: {status: not-doing, reason: Out of our hands}
  - id: three
    said: Awaiting.
    date: 2024-02-03
outcomes:
  - {id: reached, measure: Carers reached, type: user, value: 12, out_of: 20, unit: people, date: 2024-03-01,
     baseline: 5, target: 15, method: register}
  - {id: reached, value: 14, date: 2024-06-01}
updates:
  - date: 2024-03-01
    note: First *meeting*.
"""


def test_a_hand_written_file_with_every_field(schema, tmp_path):
    data = yaml.safe_load(EVERY_FIELD)
    assert errors(schema, data, "activity") == []
    assert errors(schema, as_strings(data)) == []
    result = check(tmp_path, organisation=ORG, activities={"2024-every.yml": EVERY_FIELD}, today=_dt.date(2025, 1, 1))
    assert result.problems == []  # the validator agrees


def test_every_organisation_field(schema):
    data = yaml.safe_load(ORG + "why: [right-to-a-say]\npower: x\nabout: y\ncontact: https://x.org\n"
                                "public_contacts: [a@x.org]\ndata_licence: OGL-UK-3.0\n")
    assert errors(schema, data, "organisation") == []


def activity_with(extra: str = "", replace: tuple[str, str] = ("", "")) -> dict:
    return yaml.safe_load(ACTIVITY.replace(*replace) + extra)


@pytest.mark.parametrize("label, data, words", [
    ("unknown key", activity_with("sumary: x\n"), "Additional properties are not allowed ('sumary'"),
    ("bad enum", activity_with(replace=("approach: consulting", "approach: consult")), "'consult' is not one of"),
    ("missing required", activity_with(replace=("title: Bus passes for carers\n", "")), "'title' is a required property"),
    ("wrong type", activity_with("themes: transport\n"), "'transport' is not of type 'array'"),
    ("unquoted number title", activity_with(replace=("title: Bus passes for carers", "title: 2024")),
     "2024 is not of type 'string'"),
    ("blank title", activity_with(replace=("title: Bus passes for carers", "title: '  '")), "does not match"),
    ("boolean answer", activity_with("checklist:\n  organisation:\n    planning:\n      strategy: no\n"),
     "False is not valid"),
    ("unknown marker", activity_with("checklist:\n  organisation:\n    planning:\n      stratgy: met\n"),
     "Additional properties are not allowed ('stratgy'"),
    ("bad id", activity_with("feedback:\n  - {id: Bad Id, said: x, date: 2024-01-01}\n"), "does not match"),
    ("count zero", activity_with("feedback:\n  - {id: a, said: x, date: 2024-01-01, count: 0}\n"),
     "0 is less than the minimum of 1"),
    ("bad date", activity_with(replace=("started: 2024-03-01", "started: 1 March 2024")), "does not match"),
    ("date as number", activity_with(replace=("started: 2024-03-01", "started: 20240301")), "should not be valid"),
    ("out_of zero", activity_with("outcomes:\n  - {id: m, measure: M, type: user, value: 0, out_of: 0, "
                                  "date: 2024-01-01}\n"), "less than or equal to the minimum of 0"),
    ("evidence url", activity_with("checklist:\n  person:\n    access:\n      listened-to: {answer: met, "
                                   "url: 'ftp://x.org'}\n"), "is not valid under any of the given schemas"),
])
def test_broken_activities_are_rejected(schema, label, data, words):
    found = errors(schema, data, "activity")
    assert found, label
    assert any(words in message for message in found), found
    assert errors(schema, as_strings(data)) != []  # and by the root anyOf


def test_broken_organisation_and_outcomes(schema):
    assert errors(schema, {"name": "x"}, "organisation") == ["'purpose' is a required property"]
    assert errors(schema, {"name": "x", "purpose": "y", "why": ["because"]}, "organisation")
    assert errors(schema, [{"id": "m", "value": "12%", "date": "2024-01-01"}], "outcomes") == [
        "'12%' is not of type 'number'"]
    assert errors(schema, [{"id": "m", "value": 1}], "outcomes") == ["'date' is a required property"]


def test_published_schema_matches_the_command(schema, tmp_path):
    """``data/schema.json`` on the site and ``mic schema`` come from the same function."""
    assert json.loads(json.dumps(json_schema(load_framework()), sort_keys=True)) == schema
