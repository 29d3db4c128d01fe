"""CONTENT_FORMAT.md 1.1, "Errors": a value is never silently changed, and every problem is one line.

YAML 1.1 number forms, numbers that cannot be shown, ids that match exactly, required text that shows nothing,
control characters, values quoted with escapes, themes compared as they read.
"""

from __future__ import annotations


import pytest

from kits.contractkit import ACTIVITY, ITEM, activity, clean, lines, write_content
from mic_plugin.cli import main
from mic_plugin.derive.report import theme_key

F = "content/activities/2024-bus.yml"


def participation(field: str, value: str) -> str:
    return ACTIVITY + f"participation:\n  {field}: {value}\n"


@pytest.mark.parametrize("field, value, says", [
    ("hours", "1:30", "YAML 1.1 reads 1:30 as 90 (a base-60 number, as in hours:minutes); write the number in "
                      "decimal, e.g. 1.5 if 1:30 means hours and minutes"),
    ("hours", "2:15", "reads 2:15 as 135"),
    ("invited", "012", "YAML 1.1 reads 012 as 10 (octal, because of the leading zero); write 12 without the "
                       "leading zero"),
    ("took_part", "007", "reads 007 as 7 (octal"),
    ("invited", "0x1F", "YAML 1.1 reads 0x1F as 31 (hexadecimal); write 31 if that is the number you mean"),
    ("invited", "0b101", "reads 0b101 as 5 (binary)"),
    ("invited", "1_000", "write 1000 without underscores"),
])
def test_yaml_1_1_number_forms_are_errors_that_say_how_to_write_the_number(tmp_path, field, value, says):
    [message] = lines(activity(tmp_path, participation(field, value)))
    assert message.startswith(f"{F}:7: participation.{field}: ")
    assert says in message


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_not_a_number_and_infinity_are_errors(tmp_path, value):
    [message] = lines(activity(tmp_path, participation("hours", value)))
    assert message == f"{F}:7: participation.hours: must be a number, not '{value}'"


@pytest.mark.parametrize("value", ["1.0e+26", "1.0e+16", "9007199254740992", "-2.5e+300"])
def test_numbers_too_large_to_show_are_errors(tmp_path, value):
    text = ACTIVITY + f"outcomes:\n  - {{id: m, measure: Things, type: user, value: {value}, date: 2024-05-01}}\n"
    [message] = lines(activity(tmp_path, text))
    assert f"outcomes[0].value: {value} is too large to show" in message


def test_numbers_too_small_to_show_are_errors(tmp_path):
    text = ACTIVITY + ("outcomes:\n  - {id: m, measure: Things, type: user, value: 1.0e-300, out_of: 1.0e-300, "
                       "date: 2024-05-01}\n")
    found = lines(activity(tmp_path, text))
    assert len(found) == 2 and all("is too small to show" in m and "would read 0" in m for m in found)


@pytest.mark.parametrize("value", ["12", "12.5", "0", "-3", "+4", "1.5e+3", ".5", "9007199254740991"])
def test_numbers_written_in_decimal_pass(tmp_path, value):
    text = ACTIVITY + f"outcomes:\n  - {{id: m, measure: Things, type: user, value: {value}, date: 2024-05-01}}\n"
    clean(activity(tmp_path, text))


@pytest.mark.parametrize("written", ['"f1\\n"', '"f1\\r"', '"f1 "', '"\\u200bf1"', '"f\\u00adone"'])
def test_ids_match_their_pattern_exactly(tmp_path, written):
    text = ACTIVITY + "feedback:\n" + ITEM.replace("id: bus-too-late", f"id: {written}")
    [message] = lines(activity(tmp_path, text))
    assert message.startswith(f"{F}:7: feedback[0].id: '") and "is not a valid id" in message
    assert "\n" not in message and "\r" not in message


def test_a_file_named_an_id_plus_a_line_break_is_refused_on_one_line(tmp_path):
    [message] = lines(activity(tmp_path, ACTIVITY, name="a1\n.yml"))
    assert message.startswith("content/activities/a1\\n.yml: the file name 'a1\\n' is the activity's id")
    [message] = lines(activity(tmp_path / "2", ACTIVITY, name="a1.yml\n"))
    assert message.startswith("content/activities/a1.yml\\n: is not an activity file")


@pytest.mark.parametrize("invisible", ["\u200b", "\u2800", "\u00ad", "\u3164", "\u200b\u200c\u200d\u2060\ufeff",
                                       "\u115f", "\u180e", "\ufe0f", "\U000e0041", " \u2800 \u3000", "\u034f",
                                       "\u2062", "\u1160\uffa0"])
def test_required_text_that_shows_nothing_is_empty(tmp_path, invisible):
    escaped = "".join(f"\\U{ord(ch):08x}" for ch in invisible)
    text = ACTIVITY.replace("title: Bus passes for carers", f'title: "{escaped}"')
    [message] = lines(activity(tmp_path, text))
    assert message.startswith(f"{F}:1: title: shows nothing to a reader (only invisible characters: U+")
    assert message.endswith("so it is empty; write the text")


def test_text_with_something_visible_beside_invisible_characters_passes(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", 'title: "\\u200bBus passes\\u00ad"')
    clean(activity(tmp_path, text))
    clean(activity(tmp_path / "2", ACTIVITY.replace("title: Bus passes for carers", 'title: "👩\\u200d👧 carers"')))


@pytest.mark.parametrize("control, shown", [("\\x07", "U+0007"), ("\\x1b[31m", "U+001B"), ("\\x00", "U+0000"),
                                            ("\\x85", "U+0085"), ("\\x7f", "U+007F"), ("\\x0c", "U+000C")])
def test_control_characters_are_errors(tmp_path, control, shown):
    text = ACTIVITY.replace("summary: A survey about getting to appointments.",
                            f'summary: "A survey{control} about buses"')
    [message] = lines(activity(tmp_path, text))
    assert message.startswith(f"{F}:2: summary: contains the control character {shown}")
    assert "(character 9)" in message


def test_tabs_and_line_breaks_are_not_control_characters(tmp_path):
    text = ACTIVITY.replace("summary: A survey about getting to appointments.", 'summary: "A survey\\tabout\\nbuses\\r\\n"')
    clean(activity(tmp_path, text))


def test_a_value_with_a_line_break_cannot_start_a_line_of_its_own(tmp_path, capsys):
    """``::error::`` at the start of a line is a GitHub Actions command; a value never starts a line."""
    text = ACTIVITY.replace("status: in-progress", 'status: "done\\n::error file=x::pwned\\n::set-output x"')
    content = write_content(tmp_path, activities={"2024-bus.yml": text})
    code = main(["validate", str(content)])
    out, err = capsys.readouterr()
    assert code == 1
    for line in (out + err).splitlines():
        assert not line.startswith("::"), line
    assert "'done\\n::error file=x::pwned\\n::set-output x' is not one of" in out + err


@pytest.mark.parametrize("a, b", [("Transport", "transport"), ("ｔｒａｎｓｐｏｒｔ", "Transport"),
                                  ("trans\u200bport", "transport"), ("mental  health", "Mental health"),
                                  ("mental\u00a0health", "mental health"), ("ﬁnance", "finance"),
                                  ("CAFÉ", "café"), ("cafe\u0301", "café")])
def test_themes_that_read_the_same_are_one(a, b):
    assert theme_key(a) == theme_key(b)


def test_different_themes_stay_apart():
    assert theme_key("transport") != theme_key("transports")


def test_a_theme_holding_a_semicolon_is_an_error_so_csv_cells_are_unambiguous(tmp_path):
    text = ACTIVITY + "feedback:\n" + ITEM + "    themes: ['a; b', c]\n"
    [message] = lines(activity(tmp_path, text))
    assert message == (f"{F}:10: feedback[0].themes[0]: 'a; b' holds ';', which separates themes in spreadsheets "
                       "and the open-data CSV; write each theme as its own entry, e.g. [a, b]")
    clean(activity(tmp_path / "2", ACTIVITY + "feedback:\n" + ITEM + "    themes: [a, b]\n"))
