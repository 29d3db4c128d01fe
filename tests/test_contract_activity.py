"""CONTENT_FORMAT.md, "activities/ID.yml": fields, text and date rules, ended, purpose, participation, updates."""

from __future__ import annotations

import datetime as _dt

import pytest

from kits.contractkit import ACTIVITY, activity, clean, line_of, lines, one, only

F = "content/activities/2024-bus.yml"


def test_minimal_activity_is_valid_and_loaded_as_written(tmp_path):
    result = activity(tmp_path, ACTIVITY)
    clean(result)
    a = result.site.activities[0]
    assert (a.id, a.title, a.approach, a.status, a.started) == (
        "2024-bus", "Bus passes for carers", "consulting", "in-progress", _dt.date(2024, 3, 1))
    assert a.ended is None and a.feedback == [] and a.outcomes == [] and a.checklist == {}


def test_every_optional_field_with_messy_text(tmp_path):
    text = ACTIVITY.replace("status: in-progress", "status: completed") + """\
ended: '2024-06-30'
themes: [Transport, mental health, "Iechyd meddwl — Welsh"]
purpose:
  why: [improves-services, right-to-a-say]
  aims:
    - Carers get 48 hours' notice — every time
  can_influence: [The leaflet]
  cannot_influence: [National guidance]
  decision: "Board decision: £12,000 budget"
  decision_date: 2030-11-20
participation:
  invited: 14
  volunteered: 6
  took_part: 20
  sessions: 0
  hours: 22.5
  compensation: £25 an hour
  accessibility: [step-free venue, BSL interpreter]
  representation: |
    Mostly women over 50:

    - 3 young carers
    - 2 Welsh speakers
updates:
  - date: 2024-04-01
    note: The design group met for the *first* time.
  - {date: 2024-05-01, note: "Second meeting: 12 people"}
"""
    result = activity(tmp_path, text)
    clean(result)
    a = result.site.activities[0]
    assert a.ended == _dt.date(2024, 6, 30)
    assert a.themes == ["Transport", "mental health", "Iechyd meddwl — Welsh"]
    assert a.purpose.decision == "Board decision: £12,000 budget"
    assert a.purpose.decision_date == _dt.date(2030, 11, 20)  # future allowed for decision_date
    assert (a.participation.took_part, a.participation.hours) == (20, 22.5)
    assert a.participation.representation.startswith("Mostly women over 50:\n\n- 3 young carers")
    assert [u.note for u in a.updates] == ["The design group met for the *first* time.", "Second meeting: 12 people"]


@pytest.mark.parametrize("field", ["title", "summary", "approach", "status", "started"])
def test_required_field_missing(tmp_path, field):
    text = "".join(ln + "\n" for ln in ACTIVITY.splitlines() if not ln.startswith(field + ":"))
    assert only(activity(tmp_path, text)) == f"{F}:1: {field}: is required but missing"


def test_required_field_empty(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", "title:")
    assert only(activity(tmp_path, text)) == f"{F}:1: title: is required but empty"


@pytest.mark.parametrize("value", ["''", "'   '", '"\\t"', "|\n  \n"])
def test_required_text_may_not_be_blank(tmp_path, value):
    text = ACTIVITY.replace("title: Bus passes for carers", f"title: {value}")
    assert only(activity(tmp_path, text)) == f"{F}:1: title: may not be empty"


@pytest.mark.parametrize("value, seen", [("2024", "a number"), ("12.5", "a number"),
                                         ("2024-03-05", "a date"), ("null", None)])
def test_text_given_another_yaml_type_says_to_quote_it(tmp_path, value, seen):
    text = ACTIVITY.replace("title: Bus passes for carers", f"title: {value}")
    if seen is None:
        assert only(activity(tmp_path, text)) == f"{F}:1: title: is required but empty"
    else:
        assert only(activity(tmp_path, text)) == (
            f'{F}:1: title: must be text, but YAML reads {value} as {seen}; put it in quotes: "{value}"')


@pytest.mark.parametrize("word, read_as", [("yes", "true"), ("no", "false"), ("on", "true"), ("off", "false"),
                                           ("True", "true")])
def test_text_given_a_yaml_boolean_names_the_old_booleans(tmp_path, word, read_as):
    text = ACTIVITY.replace("summary: A survey about getting to appointments.", f"summary: {word}")
    message = one(activity(tmp_path, text), f"{F}:2: summary: must be text, but YAML reads {word} as {read_as}")
    assert "yes, no, on, off, true and false are read as true/false" in message
    assert f'put it in quotes: "{word}"' in message


def test_quoted_numbers_and_booleans_are_text(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", 'title: "2024"').replace(
        "summary: A survey about getting to appointments.", "summary: 'yes'")
    result = activity(tmp_path, text)
    clean(result)
    assert (result.site.activities[0].title, result.site.activities[0].summary) == ("2024", "yes")


def test_text_given_a_list_or_mapping(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", "title: [a, b]")
    assert only(activity(tmp_path, text)) == f"{F}:1: title: must be text, not a list"
    text = ACTIVITY.replace("summary: A survey about getting to appointments.", "summary:\n  a: b")
    assert only(activity(tmp_path, text)) == f"{F}:3: summary: must be Markdown text, not a set of fields"


# --- vocabularies -------------------------------------------------------------------------------------------

def test_approach_and_status_vocabularies(tmp_path):
    for approach in ("informing", "consulting", "engaging", "co-designing", "co-producing"):
        clean(activity(tmp_path / approach, ACTIVITY.replace("approach: consulting", f"approach: {approach}")))
    for status in ("planned", "open", "in-progress", "paused", "cancelled"):
        clean(activity(tmp_path / status, ACTIVITY.replace("status: in-progress", f"status: {status}")))
    assert only(activity(tmp_path / "bad", ACTIVITY.replace("approach: consulting", "approach: co-production"))) == (
        f"{F}:3: approach: 'co-production' is not one of informing, consulting, engaging, co-designing, "
        "co-producing; did you mean 'co-producing'?")
    assert only(activity(tmp_path / "bad2", ACTIVITY.replace("status: in-progress", "status: finished"))) == (
        f"{F}:4: status: 'finished' is not one of planned, open, in-progress, completed, paused, cancelled")


def test_vocabulary_word_given_as_boolean(tmp_path):
    message = only(activity(tmp_path, ACTIVITY.replace("status: in-progress", "status: on")))
    assert message.startswith(f"{F}:4: status: YAML reads on as true")
    assert "never a valid answer; use one of planned, open" in message


# --- dates --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2024-03-01", "'2024-03-01'", '"2024-03-01"'])
def test_dates_quoted_or_not(tmp_path, value):
    result = activity(tmp_path, ACTIVITY.replace("started: 2024-03-01", f"started: {value}"))
    clean(result)
    assert result.site.activities[0].started == _dt.date(2024, 3, 1)


@pytest.mark.parametrize("value, expected", [
    ("2024-13-45", "'2024-13-45' is not a valid date (month must be in 1..12); write it as YYYY-MM-DD"),
    ("'2024-02-30'", "'2024-02-30' is not a valid date (day is out of range for month); write it as YYYY-MM-DD"),
    ("2024-03-01 10:00:00", "'2024-03-01 10:00:00' is not a date written as YYYY-MM-DD (e.g. 2024-03-05)"),
    ("2024-03-01T10:00:00Z", "'2024-03-01T10:00:00Z' is not a date written as YYYY-MM-DD (e.g. 2024-03-05)"),
    ("2024-3-1", "'2024-3-1' is not a date written as YYYY-MM-DD (e.g. 2024-03-05)"),
    ("1 March 2024", "'1 March 2024' is not a date written as YYYY-MM-DD (e.g. 2024-03-05)"),
    ("20240301", "'20240301' is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05"),
    ("[2024-03-01]", "a list is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05"),
])
def test_invalid_dates(tmp_path, value, expected):
    assert only(activity(tmp_path, ACTIVITY.replace("started: 2024-03-01", f"started: {value}"))) == (
        f"{F}:5: started: {expected}")


def test_future_date_is_a_warning_not_an_error(tmp_path):
    result = activity(tmp_path, ACTIVITY.replace("started: 2024-03-01", "started: 2030-03-01"))
    assert result.ok and result.site is not None
    assert only(result, warnings=True) == (
        f"{F}:5: warning: started: 2030-03-01 is later than today (2025-01-15); is the year right?")


def test_today_itself_is_not_in_the_future(tmp_path):
    clean(activity(tmp_path, ACTIVITY.replace("started: 2024-03-01", "started: 2025-01-15")))


# --- ended ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["completed", "paused", "cancelled"])
def test_ended_allowed_when_finished_or_stopped(tmp_path, status):
    text = ACTIVITY.replace("status: in-progress", f"status: {status}") + "ended: 2024-06-30\n"
    clean(activity(tmp_path, text))


@pytest.mark.parametrize("status", ["paused", "cancelled"])
def test_ended_optional_when_paused_or_cancelled(tmp_path, status):
    clean(activity(tmp_path, ACTIVITY.replace("status: in-progress", f"status: {status}")))


def test_ended_required_when_completed(tmp_path):
    text = ACTIVITY.replace("status: in-progress", "status: completed")
    assert only(activity(tmp_path, text)) == f"{F}:4: ended: is required when status is completed: when did it end?"


@pytest.mark.parametrize("status", ["planned", "open", "in-progress"])
def test_ended_not_allowed_while_still_going(tmp_path, status):
    text = ACTIVITY.replace("status: in-progress", f"status: {status}") + "ended: 2024-06-30\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:6: ended: is not allowed while status is {status}; remove it, or change the status")


def test_ended_not_before_started(tmp_path):
    text = ACTIVITY.replace("status: in-progress", "status: completed") + "ended: 2024-02-29\n"
    assert only(activity(tmp_path, text)) == f"{F}:6: ended: 2024-02-29 is before started (2024-03-01)"
    clean(activity(tmp_path / "same", text.replace("ended: 2024-02-29", "ended: 2024-03-01")))


def test_ended_in_the_future_is_a_warning(tmp_path):
    text = ACTIVITY.replace("status: in-progress", "status: completed") + "ended: 2026-01-01\n"
    assert only(activity(tmp_path, text), warnings=True).startswith(f"{F}:6: warning: ended: 2026-01-01 is later")


# --- purpose and participation -----------------------------------------------------------------------------

def test_purpose_rules(tmp_path):
    text = ACTIVITY + "purpose:\n  why: [improves-service]\n  aims: Carers know who to call\n  decison: x\n"
    assert lines(activity(tmp_path, text)) == [
        f"{F}:7: purpose.why[0]: 'improves-service' is not one of benefits-participants, improves-services, "
        "right-to-a-say; did you mean 'improves-services'?",
        f"{F}:8: purpose.aims: must be a list, not text; write each entry on its own line starting '- ', "
        "or in brackets: [Carers know who to call]",
        f"{F}:9: purpose.decison: unknown field; did you mean 'decision'?",
    ]


def test_decision_date_in_the_future_is_fine(tmp_path):
    clean(activity(tmp_path, ACTIVITY + "purpose:\n  decision_date: 2031-01-01\n"))


@pytest.mark.parametrize("numbers", [
    "invited: 3\n  took_part: 3", "volunteered: 4\n  took_part: 4", "invited: 3\n  volunteered: 2\n  took_part: 5",
    "took_part: 500", "invited: 0\n  volunteered: 0\n  took_part: 0"])
def test_took_part_within_invited_and_volunteered(tmp_path, numbers):
    clean(activity(tmp_path, ACTIVITY + f"participation:\n  {numbers}\n"))


@pytest.mark.parametrize("numbers, total", [
    ("invited: 3\n  took_part: 5", 3), ("volunteered: 4\n  took_part: 5", 4),
    ("invited: 3\n  volunteered: 1\n  took_part: 5", 4)])
def test_took_part_more_than_invited_and_volunteered(tmp_path, numbers, total):
    text = ACTIVITY + f"participation:\n  {numbers}\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, 'took_part')}: participation.took_part: 5 took part, more than the {total} invited "
        "and volunteered together")


@pytest.mark.parametrize("field, value, expected", [
    ("invited", "-1", "must be at least 0, not -1"),
    ("took_part", "2.5", "must be a whole number, not 2.5"),
    ("sessions", "'3'", "must be a whole number (without quotes), not '3'"),
    ("sessions", "three", "must be a whole number, not 'three'"),
    ("hours", "-0.5", "must be at least 0, not -0.5"),
    ("hours", ".inf", "must be a number, not '.inf'"),
    ("hours", "yes", "must be a number, but YAML reads yes as true"),
])
def test_participation_numbers(tmp_path, field, value, expected):
    message = only(activity(tmp_path, ACTIVITY + f"participation:\n  {field}: {value}\n"))
    assert message.startswith(f"{F}:7: participation.{field}: {expected}")


def test_hours_may_be_fractional(tmp_path):
    clean(activity(tmp_path, ACTIVITY + "participation:\n  hours: 1.5\n"))


# --- updates -----------------------------------------------------------------------------------------------

def test_update_needs_date_and_note(tmp_path):
    text = ACTIVITY + "updates:\n  - date: 2024-04-01\n  - note: Met again\n  - date: 2024-13-01\n    note: x\n"
    assert lines(activity(tmp_path, text)) == [
        f"{F}:7: updates[0].note: is required but missing",
        f"{F}:8: updates[1].date: is required but missing",
        f"{F}:9: updates[2].date: '2024-13-01' is not a valid date (month must be in 1..12); write it as YYYY-MM-DD",
    ]


def test_empty_list_entry(tmp_path):
    text = ACTIVITY + "themes:\n  - transport\n  -\n"
    assert only(activity(tmp_path, text)) == f"{F}:8: themes[1]: is empty (a '-' with nothing after it?)"


def test_empty_optional_sections_are_allowed(tmp_path):
    text = ACTIVITY + "themes:\npurpose:\nparticipation:\nchecklist:\nfeedback:\noutcomes:\nupdates:\nended:\n"
    result = activity(tmp_path, text)
    clean(result)
    assert result.site.activities[0].purpose.empty and result.site.activities[0].participation.empty
