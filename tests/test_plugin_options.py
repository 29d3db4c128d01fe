"""Plugin options a site gets wrong are reported with where to fix them, not a traceback."""

import logging

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitekit import LogCapture, build, write_site


def refused(config) -> str:
    """What a build of ``config`` says when it stops: the exception's message and the errors logged."""
    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        with pytest.raises((Abort, PluginError)) as failure:
            build(config)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    said = str(failure.value) + "\n".join(capture.messages(logging.ERROR))
    return said


def test_an_as_of_that_is_not_a_date_names_the_config_file_and_option(tmp_path):
    config = write_site(tmp_path, plugin={"as_of": "2024-13-01"})
    said = refused(config)
    assert "mkdocs.yml: plugins.make-it-count.as_of: '2024-13-01' is not a date written as YYYY-MM-DD" in said


@pytest.mark.parametrize(("value", "says"), [
    ("02-29", "'02-29': 29 February is not in every year; start the year on 02-28 or 03-01"),
    ("04-31", "'04-31': April has no day 31"),
    ("1 April", "'1 April' is not a day written as MM-DD, e.g. '04-01' for 1 April"),
])
def test_a_year_starts_that_is_not_a_day_of_every_year_names_the_config_file_and_option(tmp_path, value, says):
    config = write_site(tmp_path, plugin={"year_starts": value})
    said = refused(config)
    assert f"mkdocs.yml: plugins.make-it-count.year_starts: {says}" in said
    assert "Traceback" not in said
