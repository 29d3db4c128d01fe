"""Helpers for the content-contract tests: write a small content folder, validate it, read the messages.

Messages are compared as a user sees them (``content/activities/x.yml:14: field.path: message``), so every
helper works on ``str(problem)`` as well as on the problem's parts.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from pathlib import Path

from kits.sitekit import write_files
from mic_plugin.load.loader import LoadResult, load_site

TODAY = _dt.date(2025, 1, 15)
"""The day of the build in these tests (dates after it are 'in the future')."""

ORG = """\
name: Riverside Test Carers
purpose: |
  We ask carers what should change, and publish what we did — including when the answer is no.
"""

ACTIVITY = """\
title: Bus passes for carers
summary: A survey about getting to appointments.
approach: consulting
status: in-progress
started: 2024-03-01
"""
"""A minimal valid activity; tests append fields to it (it ends with a newline, at line 5)."""

ITEM = """\
  - id: bus-too-late
    said: The last bus leaves before evening appointments end.
    date: 2024-03-05
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text)


def write_content(root: Path, *, organisation: str | bytes | None = ORG,
                  activities: dict[str, str | bytes] | None = None, outcomes: str | bytes | None = None,
                  extra: dict[str, str | bytes] | None = None) -> Path:
    """Write ``root/content`` and return it. ``activities`` maps file names to YAML (default: one valid)."""
    content = root / "content"
    (content / "activities").mkdir(parents=True, exist_ok=True)
    files: dict[str, str | bytes] = {}
    if organisation is not None:
        files["organisation.yml"] = organisation
    for name, text in (activities if activities is not None else {"2024-bus.yml": ACTIVITY}).items():
        files[f"activities/{name}"] = text
    if outcomes is not None:
        files["outcomes.yml"] = outcomes
    files.update(extra or {})
    write_files(content, files)
    return content


def check(root: Path, today: _dt.date = TODAY, **files) -> LoadResult:
    """Write a content folder under ``root`` and load it, naming it ``content`` in messages."""
    content = write_content(root, **files)
    return load_site(content, today=today, display_dir="content")


def activity(root: Path, text: str, name: str = "2024-bus.yml", today: _dt.date = TODAY, **files) -> LoadResult:
    """Validate one activity file (with the default organisation)."""
    return check(root, today=today, activities={name: text}, **files)


def lines(result: LoadResult) -> list[str]:
    """Every message as printed."""
    return [str(p) for p in result.problems]


def only(result: LoadResult, *, warnings: bool = False) -> str:
    """The single problem of a run (error, or warning when ``warnings``), as printed; fails otherwise."""
    chosen = result.warnings if warnings else result.errors
    assert len(chosen) == 1, "expected exactly one problem, got:\n" + "\n".join(lines(result))
    return str(chosen[0])


def one(result: LoadResult, where: str, *words: str) -> str:
    """Assert exactly one error starts with ``where`` (``file:line: field``) and mentions every word."""
    text = only(result)
    assert text.startswith(where), f"{text!r} does not start with {where!r}"
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"
    return text


def clean(result: LoadResult) -> None:
    """Assert there is no problem at all (errors or warnings), showing them if there are."""
    assert result.problems == [], "\n".join(lines(result))
    assert result.site is not None


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line of ``text`` containing ``needle`` (so tests never hard-code it)."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")
