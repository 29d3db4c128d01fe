"""CONTENT_FORMAT.md, "feedback items" and their "we did" responses."""

from __future__ import annotations

import datetime as _dt

import pytest

from kits.contractkit import ACTIVITY, ITEM, activity, check, clean, line_of, lines, one, only

F = "content/activities/2024-bus.yml"
BASE = ACTIVITY + "feedback:\n" + ITEM  # the item's id is on line 7, said 8, date 9


def with_response(body: str) -> str:
    return BASE + "    response:\n" + "".join(f"      {ln}\n" for ln in body.splitlines())


def test_item_without_response_is_awaiting(tmp_path):
    result = activity(tmp_path, BASE)
    clean(result)
    item = result.site.activities[0].feedback[0]
    assert (item.id, item.date, item.count, item.response, item.status) == (
        "bus-too-late", _dt.date(2024, 3, 5), 1, None, "awaiting")


def test_item_with_every_field(tmp_path):
    text = BASE + """\
    count: 12
    source: comment card
    themes: [Transport, evenings]
    response:
      status: done
      did: |
        We moved evening clinics to finish by *17:30*.

        - leaflet updated — £0 cost
      owner: Clinic operations team
      due: 2031-05-01
      communicated: 2024-06-01
      updates:
        - {date: 2024-03-05, status: considering}
        - date: 2024-04-01
          status: in-progress
          note: Talking to the bus company.
        - {date: 2024-04-01, status: done}
"""
    result = activity(tmp_path, text)
    clean(result)
    item = result.site.activities[0].feedback[0]
    assert (item.count, item.source, item.themes) == (12, "comment card", ["Transport", "evenings"])
    r = item.response
    assert (r.status, r.owner, r.due, r.communicated) == (
        "done", "Clinic operations team", _dt.date(2031, 5, 1), _dt.date(2024, 6, 1))
    assert r.did.startswith("We moved evening clinics to finish by *17:30*.\n\n- leaflet")
    assert [(u.date.isoformat(), u.status, u.note) for u in r.updates] == [
        ("2024-03-05", "considering", ""), ("2024-04-01", "in-progress", "Talking to the bus company."),
        ("2024-04-01", "done", "")]


@pytest.mark.parametrize("field", ["id", "said", "date"])
def test_item_required_fields(tmp_path, field):
    item = "".join(ln + "\n" for ln in ITEM.splitlines() if not ln.strip(" -").startswith(f"{field}:"))
    text = ACTIVITY + "feedback:\n" + ("  - " + item.lstrip() if field == "id" else item)
    assert only(activity(tmp_path, text)) == f"{F}:7: feedback[0].{field}: is required but missing"


@pytest.mark.parametrize("value, expected", [
    ("Bus_Too_Late", "'Bus_Too_Late' is not a valid id: use lowercase letters, digits and hyphens, at most 80 "
                     "characters (e.g. 'bus-too-late')"),
    ("-bus", "'-bus' is not a valid id: use lowercase letters, digits and hyphens, at most 80 characters "
             "(e.g. 'bus')"),
    ("a" * 81, f"'{'a' * 81}' is not a valid id: use lowercase letters, digits and hyphens, at most 80 characters "
               f"(e.g. '{'a' * 80}')"),
    ("12", "must be an id written as text: put it in quotes, or better start it with a word, e.g. 'item-12'"),
    ("yes", "must be an id (lowercase letters, digits and hyphens), not true/false"),
])
def test_item_id_format(tmp_path, value, expected):
    text = BASE.replace("id: bus-too-late", f"id: {value}")
    assert only(activity(tmp_path, text)) == f"{F}:7: feedback[0].id: {expected}"


def test_ids_of_80_characters_and_digits_are_fine(tmp_path):
    clean(activity(tmp_path, BASE.replace("id: bus-too-late", f"id: '2024-{'x' * 75}'")))


def test_said_given_yes_mentions_quoting_and_booleans(tmp_path):
    text = BASE.replace("said: The last bus leaves before evening appointments end.", "said: yes")
    assert only(activity(tmp_path, text)) == (
        f"{F}:8: feedback[0].said: must be text, but YAML reads yes as true (yes, no, on, off, true and false are "
        'read as true/false); put it in quotes: "yes"')


def test_said_may_not_be_blank(tmp_path):
    text = BASE.replace("said: The last bus leaves before evening appointments end.", 'said: " "')
    assert only(activity(tmp_path, text)) == f"{F}:8: feedback[0].said: may not be empty"


def test_item_date_in_the_future_warns(tmp_path):
    text = BASE.replace("date: 2024-03-05", "date: 2025-03-05")
    assert only(activity(tmp_path, text), warnings=True) == (
        f"{F}:9: warning: feedback[0].date: 2025-03-05 is later than today (2025-01-15); is the year right?")


@pytest.mark.parametrize("value, expected", [
    ("0", "must be at least 1, not 0"), ("-3", "must be at least 1, not -3"),
    ("1.5", "must be a whole number, not 1.5"), ("'3'", "must be a whole number (without quotes), not '3'"),
    ("many", "must be a whole number, not 'many'")])
def test_count_is_a_whole_number_of_at_least_one(tmp_path, value, expected):
    assert only(activity(tmp_path, BASE + f"    count: {value}\n")) == f"{F}:10: feedback[0].count: {expected}"


def test_count_of_one_and_more(tmp_path):
    result = activity(tmp_path, BASE + "    count: 1\n")
    clean(result)
    assert result.site.activities[0].feedback[0].count == 1
    clean(activity(tmp_path / "big", BASE + "    count: 250\n"))


def test_unknown_field_in_an_item_suggests(tmp_path):
    assert only(activity(tmp_path, BASE + "    sorce: survey\n")) == (
        f"{F}:10: feedback[0].sorce: unknown field; did you mean 'source'?")


def test_unknown_field_without_a_near_name_lists_the_fields(tmp_path):
    assert only(activity(tmp_path, BASE + "    person: Jo\n")) == (
        f"{F}:10: feedback[0].person: unknown field; expected one of: id, said, date, count, source, themes, response")


def test_duplicate_ids_in_one_file(tmp_path):
    text = BASE + ITEM.replace("date: 2024-03-05", "date: 2024-03-06")
    assert only(activity(tmp_path, text)) == (
        f"{F}:10: feedback[1].id: 'bus-too-late' is already used above (line 7); feedback ids must be unique "
        "across the site")


def test_duplicate_ids_across_files(tmp_path):
    result = check(tmp_path, activities={"a.yml": BASE, "b.yml": ACTIVITY + "feedback:\n  - id: other\n    said: x\n"
                                         "    date: 2024-03-05\n" + ITEM})
    assert only(result) == ("content/activities/b.yml:10: feedback[1].id: 'bus-too-late' is already used in "
                            "content/activities/a.yml (line 7); feedback ids must be unique across the site")


def test_same_id_as_a_measure_or_activity_is_fine(tmp_path):
    text = BASE.replace("id: bus-too-late", "id: 2024-bus") + (
        "outcomes:\n  - {id: 2024-bus, measure: M, type: user, value: 1, date: 2024-01-01}\n")
    clean(activity(tmp_path, text))


# --- response ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["considering", "planned", "in-progress"])
def test_open_statuses_need_nothing_else(tmp_path, status):
    clean(activity(tmp_path, with_response(f"status: {status}")))


@pytest.mark.parametrize("status", ["done", "partly-done", "referred"])
def test_did_required_when_acted_on(tmp_path, status):
    extra = " (say to whom, and what happens next)" if status == "referred" else ""
    assert only(activity(tmp_path, with_response(f"status: {status}"))) == (
        f"{F}:11: feedback[0].response.did: is required when status is {status}: say what was done{extra}")
    clean(activity(tmp_path / "ok", with_response(f"status: {status}\ndid: Passed to the council's transport team")))


def test_reason_required_when_not_doing(tmp_path):
    assert only(activity(tmp_path, with_response("status: not-doing\ndid: Nothing"))) == (
        f"{F}:11: feedback[0].response.reason: is required when status is not-doing: say honestly why it will "
        "not be done")
    clean(activity(tmp_path / "ok", with_response("status: not-doing\nreason: The council sets bus times.")))


def test_blank_did_does_not_count(tmp_path):
    assert lines(activity(tmp_path, with_response("status: done\ndid: ' '"))) == [
        f"{F}:11: feedback[0].response.did: is required when status is done: say what was done",
        f"{F}:12: feedback[0].response.did: may not be empty",
    ]


def test_response_status_required_and_checked(tmp_path):
    assert only(activity(tmp_path, with_response("did: x"))) == f"{F}:11: feedback[0].response.status: is required but missing"
    assert only(activity(tmp_path / "2", with_response("status: finished"))) == (
        f"{F}:11: feedback[0].response.status: 'finished' is not one of considering, planned, in-progress, done, "
        "partly-done, referred, not-doing")
    assert only(activity(tmp_path / "3", with_response("status: Done\ndid: x"))) == (
        f"{F}:11: feedback[0].response.status: 'Done' is not one of considering, planned, in-progress, done, "
        "partly-done, referred, not-doing; did you mean 'done'?")


def test_awaiting_is_not_a_status_content_may_use(tmp_path):
    assert one(activity(tmp_path, with_response("status: awaiting")), f"{F}:11: feedback[0].response.status:",
               "'awaiting' is not one of")


def test_response_given_as_text(tmp_path):
    text = BASE + "    response: done\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:10: feedback[0].response: must be a set of fields ('name: value' lines), not text")


def test_due_may_be_in_the_future_but_communicated_may_not(tmp_path):
    clean(activity(tmp_path, with_response("status: planned\ndue: 2031-01-01")))
    assert only(activity(tmp_path / "c", with_response("status: planned\ncommunicated: 2031-01-01")),
                warnings=True) == (
        f"{F}:12: warning: feedback[0].response.communicated: 2031-01-01 is later than today (2025-01-15); is the "
        "year right?")


def test_communicated_not_before_the_feedback(tmp_path):
    assert only(activity(tmp_path, with_response("status: planned\ncommunicated: 2024-03-04"))) == (
        f"{F}:12: feedback[0].response.communicated: 2024-03-04 is before the feedback was given (2024-03-05)")
    clean(activity(tmp_path / "same", with_response("status: planned\ncommunicated: 2024-03-05")))


def test_owner_is_text(tmp_path):
    assert only(activity(tmp_path, with_response("status: planned\nowner: 42"))) == (
        f'{F}:12: feedback[0].response.owner: must be text, but YAML reads 42 as a number; put it in quotes: "42"')


# --- response updates -----------------------------------------------------------------------------------------

def updates(status: str, *entries: str, extra: str = "did: x") -> str:
    body = f"status: {status}\n{extra}\nupdates:\n" + "".join(f"  - {e}\n" for e in entries)
    return with_response(body)


def test_updates_in_order_ending_with_the_status(tmp_path):
    clean(activity(tmp_path, updates("done", "{date: 2024-03-05, status: planned}",
                                     "{date: 2024-03-05, status: in-progress}", "{date: 2024-04-01, status: done}")))


def test_updates_going_backwards(tmp_path):
    text = updates("done", "{date: 2024-04-01, status: planned}", "{date: 2024-03-20, status: done}")
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, '2024-03-20')}: feedback[0].response.updates[1].date: 2024-03-20 is before the update "
        "above it (2024-04-01); list updates oldest first")


def test_last_update_must_match_the_status(tmp_path):
    text = updates("done", "{date: 2024-04-01, status: in-progress}")
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, 'in-progress}')}: feedback[0].response.updates[0].status: the last update says "
        "'in-progress' but the response status is 'done'; they must match")


def test_only_the_last_update_must_match(tmp_path):
    clean(activity(tmp_path, updates("not-doing", "{date: 2024-04-01, status: considering}",
                                     "{date: 2024-04-02, status: not-doing}", extra="reason: Out of our hands")))


def test_update_before_the_feedback_date(tmp_path):
    text = updates("planned", "{date: 2024-03-04, status: planned}", extra="owner: Team")
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, '2024-03-04')}: feedback[0].response.updates[0].date: 2024-03-04 is before the "
        "feedback was given (2024-03-05)")


def test_update_fields(tmp_path):
    text = updates("planned", "{date: 2024-04-01}", "{status: planned, note: x}", "{date: 2024-04-02, status: late}",
                   extra="owner: Team")
    assert lines(activity(tmp_path, text)) == [
        f"{F}:{line_of(text, '{date: 2024-04-01}')}: feedback[0].response.updates[0].status: is required but missing",
        f"{F}:{line_of(text, '{status: planned')}: feedback[0].response.updates[1].date: is required but missing",
        f"{F}:{line_of(text, 'late}')}: feedback[0].response.updates[2].status: 'late' is not one of considering, "
        "planned, in-progress, done, partly-done, referred, not-doing",
    ]
