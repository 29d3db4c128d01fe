"""CONTENT_FORMAT.md 1.1, "Privacy": content is read only from inside the content folder. A file or folder in it
that is a link leading outside is an error naming it, in ``mic validate``, the build and ``mic diff`` (see
test_diff.py), and nothing outside is read or published."""

from __future__ import annotations

import os

import pytest

from kits.contractkit import ACTIVITY, ORG, lines, write_content
from mic_plugin.cli import main
from mic_plugin.load.loader import load_site
from kits.sitekit import build_refused, write_site

SECRET = "title: Secret file outside the content folder\n"
OUTSIDE = "is a link to a file or folder outside the content folder; content is read only from inside it, so copy " \
          "the file in instead"


def outside_file(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.yml"
    secret.parent.mkdir(parents=True)
    secret.write_text(ACTIVITY.replace("Bus passes for carers", "Secret file outside the content folder"))
    return secret


@pytest.mark.parametrize("link, target", [
    ("activities/2024-leak.yml", "file"), ("activities", "folder"), ("organisation.yml", "organisation"),
    ("outcomes.yml", "file"), ("images/logo.png", "file"), ("notes", "folder"),
])
def test_a_link_leading_outside_is_an_error_naming_it(tmp_path, link, target):
    content = write_content(tmp_path / "site")
    secret = outside_file(tmp_path)
    if target == "organisation":
        (tmp_path / "elsewhere" / "organisation.yml").write_text(ORG)
        secret = tmp_path / "elsewhere" / "organisation.yml"
        (content / "organisation.yml").unlink()
    path = content / link
    if path.is_dir():
        for child in path.iterdir():
            child.unlink()
        path.rmdir()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(secret.parent if target == "folder" else secret, path)
    result = load_site(content, display_dir="content")
    assert f"content/{link}: {OUTSIDE}" in lines(result)
    assert not any("Secret file" in line for line in lines(result))


def test_a_relative_link_that_climbs_out_is_refused_and_one_inside_is_read(tmp_path):
    content = write_content(tmp_path / "site")
    outside_file(tmp_path)
    os.symlink("../../../elsewhere/secret.yml", content / "activities" / "2024-leak.yml")
    assert lines(load_site(content, display_dir="content")) == [f"content/activities/2024-leak.yml: {OUTSIDE}"]
    (content / "activities" / "2024-leak.yml").unlink()
    os.symlink("2024-bus.yml", content / "activities" / "2024-bus-copy.yml")
    result = load_site(content, display_dir="content")
    assert result.ok and {a.id for a in result.site.activities} == {"2024-bus", "2024-bus-copy"}


def test_a_link_to_nothing_is_an_error(tmp_path):
    content = write_content(tmp_path / "site")
    os.symlink("missing.yml", content / "activities" / "2024-gone.yml")
    assert lines(load_site(content, display_dir="content")) == [
        "content/activities/2024-gone.yml: is a link to something that does not exist"]


def test_validate_and_build_report_the_same_link(tmp_path, capsys):
    config = write_site(tmp_path / "site")
    secret = outside_file(tmp_path)
    os.symlink(secret, tmp_path / "site" / "content" / "activities" / "2024-leak.yml")
    code = main(["validate", str(tmp_path / "site" / "content")])
    out = "".join(capsys.readouterr())
    assert code == 1 and f"activities/2024-leak.yml: {OUTSIDE}" in out
    _, logs = build_refused(config)
    assert any(f"activities/2024-leak.yml: {OUTSIDE}" in m for m in logs.messages())
    assert not (tmp_path / "site" / "site" / "activities" / "2024-leak").exists()
