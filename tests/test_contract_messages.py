"""CONTENT_FORMAT.md, "Errors": every problem of a run, as file:line: field: message, sorted by file then line."""

from __future__ import annotations

from kits.contractkit import ACTIVITY, ITEM, ORG, check, lines
from mic_plugin.load.problems import Problem, Problems

BROKEN_A = ACTIVITY.replace("status: in-progress", "status: finished") + """\
feedback:
  - id: one
    said: yes
    date: 2024-13-45
    response:
      status: done
"""
BROKEN_B = ACTIVITY.replace("title: Bus passes for carers", "title: 2024") + "sumary: x\nfeedback:\n" + ITEM + ITEM


def test_every_problem_of_every_file_sorted_by_file_then_line(tmp_path):
    result = check(tmp_path, organisation=ORG + "data_licence: CC BY\n",
                   activities={"b-second.yml": BROKEN_B, "a-first.yml": BROKEN_A},
                   outcomes="- id: m\n  value: 1\n  date: 2030-01-01\n")
    a, b = "content/activities/a-first.yml", "content/activities/b-second.yml"
    assert lines(result) == [
        f"{a}:4: status: 'finished' is not one of planned, open, in-progress, completed, paused, cancelled",
        f"{a}:8: feedback[0].said: must be text, but YAML reads yes as true (yes, no, on, off, true and false are "
        'read as true/false); put it in quotes: "yes"',
        f"{a}:9: feedback[0].date: '2024-13-45' is not a valid date (month must be in 1..12); write it as YYYY-MM-DD",
        f"{a}:11: feedback[0].response.did: is required when status is done: say what was done",
        f'{b}:1: title: must be text, but YAML reads 2024 as a number; put it in quotes: "2024"',
        f"{b}:6: sumary: unknown field; did you mean 'summary'?",
        f"{b}:11: feedback[1].id: 'bus-too-late' is already used above (line 8); feedback ids must be unique across "
        "the site",
        "content/organisation.yml:4: data_licence: 'CC BY' is not an SPDX licence id (e.g. CC-BY-4.0, OGL-UK-3.0)",
        "content/outcomes.yml:1: [0].measure: is required on the first entry of measure 'm'",
        "content/outcomes.yml:1: [0].type: is required on the first entry of measure 'm'",
        "content/outcomes.yml:3: warning: [0].date: 2030-01-01 is later than today (2025-01-15); is the year right?",
    ]
    assert len(result.errors) == 10 and len(result.warnings) == 1
    assert result.site is None and not result.ok


def test_lines_sort_as_numbers_not_text(tmp_path):
    text = ACTIVITY + "".join(f"x{i}: 1\n" for i in range(6, 12))
    result = check(tmp_path, activities={"2024-bus.yml": text})
    assert [p.line for p in result.problems] == [6, 7, 8, 9, 10, 11]


def test_warnings_alone_still_give_a_site(tmp_path):
    result = check(tmp_path, activities={"2024-bus.yml": ACTIVITY.replace("2024-03-01", "2029-03-01")})
    assert result.ok and result.site is not None and len(result.warnings) == 1


def test_problem_formatting():
    assert str(Problem("content/x.yml", 14, "feedback[2].response.status", "'finished' is not one of a, b")) == (
        "content/x.yml:14: feedback[2].response.status: 'finished' is not one of a, b")
    assert str(Problem("content/x.yml", 0, "", "is missing")) == "content/x.yml: is missing"
    assert str(Problem("content/x.yml", 3, "", "is not valid YAML")) == "content/x.yml:3: is not valid YAML"
    assert str(Problem("content/x.yml", 3, "date", "later", "warning")) == "content/x.yml:3: warning: date: later"


def test_problems_collector_sorts_and_drops_exact_repeats():
    problems = Problems()
    problems.error("b.yml", 2, "x", "m")
    problems.error("a.yml", 10, "y", "m")
    problems.error("a.yml", 9, "y", "m")
    problems.error("a.yml", 9, "y", "m")
    problems.warning("a.yml", 1, "z", "w")
    assert [(p.file, p.line) for p in problems.sorted()] == [("a.yml", 1), ("a.yml", 9), ("a.yml", 10), ("b.yml", 2)]
    assert len(problems.errors) == 3 and len(problems.warnings) == 1

