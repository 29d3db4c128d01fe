"""CONTENT_FORMAT.md, "Layout": the folder, file names as ids, and files that must never vanish silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kits.contractkit import ACTIVITY, ORG, check, clean, lines, only
from mic_plugin.load.loader import load_site

REPO = Path(__file__).resolve().parent.parent


def test_demo_content_is_valid_without_warnings():
    result = load_site(REPO / "content", display_dir="content")
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    site = result.site
    assert len(site.activities) >= 5 and sum(len(a.feedback) for a in site.activities) >= 40


def test_activities_are_ids_from_file_names_newest_first(tmp_path):
    result = check(tmp_path, activities={
        "2023-old.yml": ACTIVITY.replace("2024-03-01", "2023-01-01"), "2024-new.yaml": ACTIVITY,
        "2024-also.yml": ACTIVITY, "README.md": "# Activities\n", ".DS_Store": b"\x00\x01binary",
        ".draft.yml": "not: [valid"})
    clean(result)
    assert [a.id for a in result.site.activities] == ["2024-also", "2024-new", "2023-old"]
    assert result.site.activities[1].source == "content/activities/2024-new.yaml"


def test_no_activities_folder_is_a_valid_empty_site(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "organisation.yml").write_text(ORG, encoding="utf-8")
    result = load_site(content, display_dir="content")
    clean(result)
    assert result.site.activities == []


def test_organisation_file_missing(tmp_path):
    assert only(check(tmp_path, organisation=None)) == (
        "content/organisation.yml: is missing; every site needs one (name and purpose at least)")


def test_organisation_yaml_extension(tmp_path):
    clean(check(tmp_path, organisation=None, extra={"organisation.yaml": ORG}))
    assert only(check(tmp_path / "2", extra={"organisation.yaml": ORG})) == (
        "content/organisation.yaml: both organisation.yml and organisation.yaml exist; keep one")


def test_misnamed_file_in_the_content_folder_is_reported(tmp_path):
    assert only(check(tmp_path, extra={"organization.yml": ORG})) == (
        "content/organization.yml: this file is not read: the content folder holds organisation.yml, outcomes.yml "
        "and activities/; did you mean 'organisation'?")
    assert only(check(tmp_path / "2", extra={"2024-bus.yml": ACTIVITY})) == (
        "content/2024-bus.yml: this file is not read: the content folder holds organisation.yml, outcomes.yml and "
        "activities/")


def test_same_activity_as_yml_and_yaml(tmp_path):
    assert only(check(tmp_path, activities={"2024-bus.yml": ACTIVITY, "2024-bus.yaml": ACTIVITY})) == (
        "content/activities/2024-bus.yml: the activity id '2024-bus' is used twice (2024-bus.yaml too); keep one")


def test_reserved_activity_id(tmp_path):
    assert only(check(tmp_path, activities={"organisation.yml": ACTIVITY})) == (
        "content/activities/organisation.yml: 'organisation' is reserved (it names the organisation-wide badge); "
        "choose another file name")


@pytest.mark.parametrize("name", ["My Activity.yml", "UPPER.yml", "bus_passes.yml", "-bus.yml", "café.yml",
                                  f"{'a' * 81}.yml"])
def test_file_names_that_are_not_ids(tmp_path, name):
    stem = name[:-4]
    assert only(check(tmp_path, activities={name: ACTIVITY})) == (
        f"content/activities/{name}: the file name '{stem}' is the activity's id and must use lowercase letters, "
        "digits and hyphens (at most 80)")


@pytest.mark.parametrize("name, hint", [("notes.txt", " (rename it to end in .yml)"),
                                        ("2024-bus.YML", " (rename it to end in .yml)"),
                                        ("2024-bus", " (rename it to end in .yml)"),
                                        ("2024-bus.yml.bak", ""), ("data.json", ""), ("notes.md", ""),
                                        ("readme.md", "")])
def test_non_yaml_files_in_activities_are_errors(tmp_path, name, hint):
    assert only(check(tmp_path, activities={"2024-bus.yml": ACTIVITY, name: "title: x\n"})) == (
        f"content/activities/{name}: is not an activity file: files in activities/ must end in .yml or .yaml{hint}")


def test_folder_inside_activities(tmp_path):
    result = check(tmp_path, extra={"activities/2024/bus.yml": ACTIVITY})
    assert only(result) == ("content/activities/2024: folders inside activities/ are not read; move its files up "
                            "into activities/")


def test_content_folder_missing(tmp_path):
    result = load_site(tmp_path / "nowhere", display_dir="content")
    assert [str(p) for p in result.problems] == ["content: the content folder does not exist"]
    assert result.site is None


def test_activities_is_a_file(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "organisation.yml").write_text(ORG, encoding="utf-8")
    (content / "activities").write_text("x", encoding="utf-8")
    assert [str(p) for p in load_site(content, display_dir="content").problems] == [
        "content/activities: must be a folder of activity files"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):  # pragma: no cover - depends on the user
    content = tmp_path / "content"
    check(tmp_path)
    path = content / "activities" / "2024-bus.yml"
    path.chmod(0)
    assert "cannot be read" in lines(load_site(content, display_dir="content"))[0]


def test_display_dir_defaults_to_the_folder_as_given(tmp_path):
    content = tmp_path / "content"
    check(tmp_path, organisation=None)
    result = load_site(str(content) + "/")
    assert [str(p) for p in result.problems] == [
        f"{content}/organisation.yml: is missing; every site needs one (name and purpose at least)"]
