"""The MkDocs plugin fails the build on invalid content, before any page is written, with file:line messages."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort, PluginError

from kits.contractkit import line_of
from kits.sitekit import ACTIVITY, LogCapture, build, write_site

FAILED = (PluginError, Abort)  # mkdocs turns the plugin's error into Abort


@pytest.fixture(autouse=True)
def in_site(tmp_path, monkeypatch):
    """Build from the site's folder, as a user runs ``mkdocs build`` (paths in messages are relative to it)."""
    monkeypatch.chdir(tmp_path)


PREFIX = "make-it-count: "


@pytest.fixture
def log():
    capture = LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    yield capture
    logger.removeHandler(capture)


def test_invalid_content_fails_the_build_with_every_message(tmp_path, log):
    broken = ACTIVITY.replace("status: completed", "status: finished").replace("count: 12", "count: 0")
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": broken, "2024-other.yml": "title: [\n"})
    with pytest.raises(FAILED):
        build(config)
    messages = log.messages(logging.ERROR)
    f = "content/activities/2024-bus-passes.yml"
    assert f"{PREFIX}{f}:{line_of(broken, 'finished')}: status: 'finished' is not one of planned, open, in-progress, " \
           "completed, paused, cancelled" in messages
    assert f"{PREFIX}{f}:{line_of(broken, 'count: 0')}: feedback[0].count: must be at least 1, not 0" in messages
    assert any("3 problems in the content (listed above)" in m for m in messages)
    assert any(m.startswith(f"{PREFIX}content/activities/2024-other.yml:1: is not valid YAML") for m in messages)
    assert not (tmp_path / "site" / "activities").exists()


def test_privacy_problem_fails_the_build(tmp_path, log):
    broken = ACTIVITY.replace("Parking costs £8.", "Ring Jo on 07700 900123 about parking.")
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": broken})
    with pytest.raises(FAILED):
        build(config)
    line = line_of(broken, "07700")
    assert any(m.startswith(f"{PREFIX}content/activities/2024-bus-passes.yml:{line}: feedback[1].said: contains a phone number")
               for m in log.messages(logging.ERROR))


def test_valid_content_builds(tmp_path, log):
    site = build(write_site(tmp_path))
    assert (site / "activities" / "2024-bus-passes" / "index.html").exists()
    assert not log.messages(logging.ERROR)


def test_future_dates_warn_and_strict_mode_fails(tmp_path, log):
    text = ACTIVITY.replace("2024-03-06", "2999-03-06")
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": text})
    build(config)
    assert any(f"2024-bus-passes.yml:{line_of(text, '2999')}: warning: feedback[1].date: 2999-03-06 is later than today" in m
               for m in log.messages(logging.WARNING))
    with pytest.raises(Exception):
        build(config, strict=True)
