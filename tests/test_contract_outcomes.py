"""CONTENT_FORMAT.md, "outcomes": measures, series, and the organisation-wide outcomes.yml."""

from __future__ import annotations

import datetime as _dt

import pytest

from kits.contractkit import ACTIVITY, activity, check, clean, line_of, lines, only

F = "content/activities/2024-bus.yml"
FIRST = "  - id: carers-reached\n    measure: Carers reached\n    type: user\n    unit: people\n    value: 40\n" \
        "    date: 2024-01-31\n"


def outcomes(*entries: str) -> str:
    return ACTIVITY + "outcomes:\n" + "".join(entries)


def entry(**fields) -> str:
    fields.setdefault("id", "carers-reached")
    body = "".join(f"    {k}: {v}\n" for k, v in fields.items() if k != "id")
    return f"  - id: {fields['id']}\n{body}"


def test_a_series_oldest_first_with_later_entries_short(tmp_path):
    text = outcomes(FIRST, entry(value=55, date="2024-03-31", out_of=60),
                    entry(value=48, date="2024-02-29", measure="Carers reached", type="user", unit="people"))
    result = activity(tmp_path, text)
    clean(result)
    [m] = result.site.activities[0].outcomes
    assert (m.id, m.measure, m.type, m.unit, m.scope) == ("carers-reached", "Carers reached", "user", "people", "2024-bus")
    assert [(e.date.isoformat(), e.value, e.out_of) for e in m.entries] == [
        ("2024-01-31", 40, None), ("2024-02-29", 48, None), ("2024-03-31", 55, 60)]


def test_first_entry_is_first_in_file_order(tmp_path):
    # the entry dated earliest is not first in the file, so the first in the file needs measure and type
    text = outcomes(entry(value=55, date="2024-03-31"), FIRST)
    assert lines(activity(tmp_path, text)) == [
        f"{F}:7: outcomes[0].measure: is required on the first entry of measure 'carers-reached'",
        f"{F}:7: outcomes[0].type: is required on the first entry of measure 'carers-reached'",
    ]


def test_every_field_and_all_five_data_types(tmp_path):
    text = outcomes(*(entry(id=f"m-{t}", measure=f"'{t} measure'", type=t, value=3, date="2024-01-01")
                      for t in ("user", "engagement", "feedback", "outcome", "impact")),
                    entry(id="full", measure="Felt listened to", type="feedback", value=18, out_of=20, unit="'%'",
                          date="2024-01-01", baseline=9.5, target=20, method="exit survey"))
    result = activity(tmp_path, text)
    clean(result)
    full = result.site.activities[0].outcomes[-1]
    e = full.latest
    assert (full.unit, e.value, e.out_of, e.baseline, e.target, e.method) == ("%", 18, 20, 9.5, 20, "exit survey")


@pytest.mark.parametrize("field", ["measure", "type", "unit"])
def test_later_entry_with_a_different_value_is_an_error(tmp_path, field):
    value = {"measure": "Carers helped", "type": "outcome", "unit": "carers"}[field]
    text = outcomes(FIRST, entry(value=50, date="2024-02-29", **{field: value}))
    first = {"measure": "Carers reached", "type": "user", "unit": "people"}[field]
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, f'{field}: {value}')}: outcomes[1].{field}: '{value}' differs from the first entry of measure "
        f"'carers-reached' (line 7: '{first}'); leave it out or repeat it unchanged")


def test_later_unit_when_the_first_had_none(tmp_path):
    text = outcomes(entry(measure="M", type="user", value=1, date="2024-01-01"),
                    entry(value=2, date="2024-02-01", unit="people"))
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, 'unit: people')}: outcomes[1].unit: 'people' differs from the first entry of measure "
        "'carers-reached' (line 7: no unit); leave it out or repeat it unchanged")


def test_two_entries_of_a_series_on_one_date(tmp_path):
    text = outcomes(FIRST, entry(value=41, date="2024-01-31"))
    assert only(activity(tmp_path, text)) == (
        f"{F}:{line_of(text, 'value: 41') + 1}: outcomes[1].date: measure 'carers-reached' already has a value on "
        "2024-01-31 (line 7)")


def test_same_id_in_two_files_names_two_measures(tmp_path):
    other = outcomes(FIRST)
    result = check(tmp_path, activities={"2024-bus.yml": outcomes(FIRST), "2024-train.yml": other},
                   outcomes="- id: carers-reached\n  measure: Carers on our register\n  type: user\n  value: 2000\n"
                            "  date: 2024-01-31\n")
    clean(result)
    assert sorted(m.scope for m in result.site.all_measures()) == ["2024-bus", "2024-train", "organisation"]


def test_value_may_not_exceed_out_of(tmp_path):
    text = outcomes(entry(measure="M", type="user", value=21, out_of=20, date="2024-01-01"))
    assert only(activity(tmp_path, text)) == f"{F}:10: outcomes[0].value: 21 is more than out_of (20)"
    clean(activity(tmp_path / "eq", text.replace("value: 21", "value: 20")))
    clean(activity(tmp_path / "frac", text.replace("value: 21", "value: 19.5").replace("out_of: 20", "out_of: 19.75")))


@pytest.mark.parametrize("out_of, expected", [("0", "must be more than 0, not 0"), ("-5", "must be more than 0, not -5"),
                                              ("'20'", "must be a number (without quotes), not '20'")])
def test_out_of_must_be_above_zero(tmp_path, out_of, expected):
    text = outcomes(entry(measure="M", type="user", value=0, out_of=out_of, date="2024-01-01"))
    assert only(activity(tmp_path, text)) == f"{F}:11: outcomes[0].out_of: {expected}"


@pytest.mark.parametrize("value, expected", [("'12%'", "must be a number, not '12%'"),
                                             ("'1,200'", "must be a number (without quotes), not '1,200'"),
                                             ("1,200", "must be a number written with digits only, e.g. 1200 or "
                                                       "12.5, not '1,200'"),
                                             ("1e6", "must be a number written with digits only, e.g. 1200 or "
                                                     "12.5, not '1e6'"),
                                             (".nan", "must be a number, not '.nan'"),
                                             ("[1]", "must be a number, not a list")])
def test_value_is_a_number(tmp_path, value, expected):
    text = outcomes(entry(measure="M", type="user", value=value, date="2024-01-01"))
    assert only(activity(tmp_path, text)) == f"{F}:10: outcomes[0].value: {expected}"


def test_negative_values_baselines_and_targets_are_numbers(tmp_path):
    clean(activity(tmp_path, outcomes(entry(measure="Change in waiting days", type="impact", value=-3.5,
                                            baseline=-1, target=-10, date="2024-01-01"))))


def test_data_type_vocabulary(tmp_path):
    text = outcomes(entry(measure="M", type="outcomes", value=1, date="2024-01-01"))
    assert only(activity(tmp_path, text)) == (
        f"{F}:9: outcomes[0].type: 'outcomes' is not one of user, engagement, feedback, outcome, impact; "
        "did you mean 'outcome'?")


def test_required_fields_of_every_entry(tmp_path):
    text = outcomes(FIRST, "  - id: carers-reached\n    unit: people\n")
    assert lines(activity(tmp_path, text)) == [  # one line: sorted by field within it
        f"{F}:13: outcomes[1].date: is required but missing",
        f"{F}:13: outcomes[1].value: is required but missing",
    ]


def test_measure_id_format(tmp_path):
    text = outcomes(entry(id="Carers Reached", measure="M", type="user", value=1, date="2024-01-01"))
    assert only(activity(tmp_path, text)) == (
        f"{F}:7: outcomes[0].id: 'Carers Reached' is not a valid id: use lowercase letters, digits and hyphens, at "
        "most 80 characters (e.g. 'carers-reached')")


def test_outcome_dates_in_the_future_warn(tmp_path):
    text = outcomes(entry(measure="M", type="user", value=1, date="2026-01-01"))
    assert only(activity(tmp_path, text), warnings=True).startswith(
        f"{F}:11: warning: outcomes[0].date: 2026-01-01 is later than today")


# --- outcomes.yml ---------------------------------------------------------------------------------------------

def test_outcomes_file_is_a_bare_list(tmp_path):
    result = check(tmp_path, outcomes="- id: carers-registered\n  measure: Carers registered\n  type: user\n"
                                      "  value: 1840\n  date: 2023-03-31\n- id: carers-registered\n  value: 2115\n"
                                      "  date: 2024-03-31\n")
    clean(result)
    [m] = result.site.outcomes
    assert (m.scope, [e.value for e in m.entries], m.latest.date) == ("organisation", [1840, 2115], _dt.date(2024, 3, 31))


def test_outcomes_file_errors(tmp_path):
    assert only(check(tmp_path, outcomes="outcomes:\n  - id: x\n")) == (
        "content/outcomes.yml:1: must be a list, not a set of fields")
    result = check(tmp_path / "2", outcomes="- id: m\n  measure: M\n  type: impact\n  value: 1\n  date: 2024-01-01\n"
                                            "- id: m\n  value: 2\n  date: 2024-01-01\n")
    assert only(result) == "content/outcomes.yml:8: [1].date: measure 'm' already has a value on 2024-01-01 (line 1)"


def test_outcomes_yaml_extension_and_both(tmp_path):
    text = "- {id: m, measure: M, type: impact, value: 1, date: 2024-01-01}\n"
    clean(check(tmp_path, extra={"outcomes.yaml": text}))
    assert only(check(tmp_path / "2", outcomes=text, extra={"outcomes.yaml": text})) == (
        "content/outcomes.yaml: both outcomes.yml and outcomes.yaml exist; keep one")
