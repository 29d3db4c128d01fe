"""Plugin options a site gets wrong are reported with where to fix them, not a traceback."""

import logging

import pytest

from kits.sitekit import build, build_refused, write_site


def refused(config) -> str:
    """What a build of ``config`` says when it stops: the exception's message and the errors logged."""
    message, logs = build_refused(config)
    return message + "\n".join(logs.messages(logging.ERROR))


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


def _build_says(tmp_path, **plugin) -> str:
    return refused(write_site(tmp_path, plugin=plugin))


@pytest.mark.parametrize("prefix", ["../..", "x/../..", "...", "..", "/srv/www", "a//b", "./x", "C:/site",
                                    "\\\\server\\share"])
def test_a_prefix_that_leaves_the_site_is_a_configuration_error_naming_the_option(tmp_path, prefix):
    said = _build_says(tmp_path, prefix=prefix)
    assert "mkdocs.yml: plugins.make-it-count.prefix: '" in said and "leads outside the site" in said


@pytest.mark.parametrize("prefix", ["report", "reports/2024", "report/", "/report/"[1:], "my.report"])
def test_a_prefix_inside_the_site_publishes_there(tmp_path, prefix):
    site = build(write_site(tmp_path, plugin={"prefix": prefix}))
    assert (site / prefix.strip("/") / "activities" / "index.html").is_file()


@pytest.mark.parametrize("option", ["page_size", "list_page_size", "feed_entries"])
@pytest.mark.parametrize("value", [0, -5])
def test_sizes_below_one_are_configuration_errors(tmp_path, option, value):
    said = _build_says(tmp_path, **{option: value})
    assert f"mkdocs.yml: plugins.make-it-count.{option}: must be at least 1, not {value}" in said


@pytest.mark.parametrize(("option", "says"), [
    ("missing", "'missing' does not exist; give a LANG.po file or a folder of them"),
    ("empty", "'empty' holds no .po file (name each after its language, e.g. cy.po)"),
])
def test_a_translations_option_that_names_nothing_usable_names_the_option(tmp_path, option, says):
    (tmp_path / "empty").mkdir()
    config = write_site(tmp_path, plugin={"translations": option})
    assert f"mkdocs.yml: plugins.make-it-count.translations: {says}" in refused(config)
