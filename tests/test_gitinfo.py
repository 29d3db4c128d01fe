"""Git enrichment: "Last changed on DATE" from a real temporary repository, and silence without one."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mic_plugin.load import gitinfo
from kits.sitekit import ACTIVITY, LogCapture, build, page, write_site

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

OTHER = """\
title: Fforwm gofalwyr — carers' forum
summary: Monthly forum; £5 travel paid.
approach: engaging
status: in-progress
started: 2024-05-20
"""


def git(repo: Path, *args: str, date: str = "2024-07-01T12:00:00+00:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
               GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid",
               GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_CONFIG_GLOBAL=os.devnull,
               GIT_CONFIG_NOSYSTEM="1")
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(key, None)
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def site_in_git(root: Path, **kw) -> Path:
    """A site under root/repo/site (content one folder below the repository root), committed twice."""
    repo = root / "repo"
    config = write_site(repo / "site", activities={"2024-bus-passes.yml": ACTIVITY, "2024-forum.yml": OTHER},
                        mkdocs={"repo_url": "https://github.com/example/report-site"}, **kw)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "First content", date="2024-07-01T12:00:00+00:00")
    forum = repo / "site" / "content" / "activities" / "2024-forum.yml"
    forum.write_text(OTHER.replace("£5", "£6"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Forum: travel now £6 (#12)", date="2024-08-15T09:30:00+00:00")
    return config


def test_last_changes_one_entry_per_file_from_one_log(tmp_path):
    config = site_in_git(tmp_path)
    found = gitinfo.last_changes(config.parent / "content")
    assert set(found) == {"organisation.yml", "activities/2024-bus-passes.yml", "activities/2024-forum.yml"}
    forum = found["activities/2024-forum.yml"]
    assert forum.date.isoformat() == "2024-08-15"
    assert forum.pull_request == "#12"
    assert not hasattr(forum, "subject")  # a commit subject may name someone: it is never kept
    assert forum.repo_path == "site/content/activities/2024-forum.yml"
    assert forum.commit == git(tmp_path / "repo", "rev-parse", "HEAD")
    assert found["activities/2024-bus-passes.yml"].date.isoformat() == "2024-07-01"


def test_activity_pages_say_when_their_file_last_changed_with_links(tmp_path):
    config = site_in_git(tmp_path)
    head = git(tmp_path / "repo", "rev-parse", "HEAD")
    first = git(tmp_path / "repo", "rev-parse", "HEAD~1")
    site = build(config)
    forum = page(site, "activities/2024-forum/")
    assert 'Last changed on <time datetime="2024-08-15">15 August 2024</time>' in forum
    assert f'href="https://github.com/example/report-site/commits/{head}/site/content/activities/2024-forum.yml"' in forum
    assert f'href="https://github.com/example/report-site/commit/{head}"' in forum
    assert 'href="https://github.com/example/report-site/pull/12"' in forum
    assert ">pull request #12</a>" in forum
    assert "Forum: travel now" not in forum  # commit subjects are never published
    bus = page(site, "activities/2024-bus-passes/")
    assert 'Last changed on <time datetime="2024-07-01">1 July 2024</time>' in bus
    assert f"/commit/{first}" in bus and "/pull/" not in bus.split('id="mic_timeline"')[1]


def test_without_a_code_host_the_date_and_commit_are_still_shown(tmp_path):
    config = site_in_git(tmp_path)
    text = config.read_text(encoding="utf-8").replace("repo_url: https://github.com/example/report-site\n", "")
    config.write_text(text, encoding="utf-8")
    forum = page(build(config), "activities/2024-forum/")
    assert 'Last changed on <time datetime="2024-08-15">' in forum
    short = git(tmp_path / "repo", "rev-parse", "--short=7", "HEAD")
    assert f"<code>{short}</code>" in forum and "github.com" not in forum


def test_git_option_off_means_no_git_line(tmp_path):
    config = site_in_git(tmp_path, plugin={"git": False})
    forum = page(build(config), "activities/2024-forum/")
    assert "Last changed on" not in forum
    assert 'id="mic_timeline"' in forum


def test_content_outside_git_builds_the_same_way_without_warnings(tmp_path):
    assert gitinfo.last_changes(tmp_path) == {}
    config = write_site(tmp_path / "plain", activities={"2024-bus-passes.yml": ACTIVITY})
    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        site = build(config, strict=True)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    assert capture.messages() == []
    bus = page(site, "activities/2024-bus-passes/")
    assert 'id="mic_timeline"' in bus and "Last changed on" not in bus


def test_git_not_installed_gives_nothing_and_no_error(tmp_path, monkeypatch):
    config = site_in_git(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert gitinfo.last_changes(config.parent / "content") == {}


def test_a_shallow_clone_leaves_out_what_it_cannot_date(tmp_path):
    config = site_in_git(tmp_path)
    organisation = config.parent / "content" / "organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + "about: Since 1990.\n", encoding="utf-8")
    git(tmp_path / "repo", "commit", "-q", "-am", "About", date="2024-08-20T10:00:00+00:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", (tmp_path / "repo").as_uri(), str(clone)], check=True,
                   capture_output=True)
    found = gitinfo.last_changes(clone / "site" / "content")
    # the oldest commit present stands for all earlier history: what it touched cannot be dated
    assert {k: v.date.isoformat() for k, v in found.items()} == {"organisation.yml": "2024-08-20"}
    full = gitinfo.last_changes(config.parent / "content")
    assert full["activities/2024-forum.yml"].date.isoformat() == "2024-08-15"


def test_uncommitted_files_have_no_date(tmp_path):
    config = site_in_git(tmp_path)
    extra = config.parent / "content" / "activities" / "2024-new.yml"
    extra.write_text(OTHER, encoding="utf-8")
    found = gitinfo.last_changes(config.parent / "content")
    assert "activities/2024-new.yml" not in found and "activities/2024-forum.yml" in found


@pytest.mark.parametrize("url, kind, base", [
    ("https://github.com/org/repo", "github", "https://github.com/org/repo"),
    ("https://github.com/org/repo.git/", "github", "https://github.com/org/repo"),
    ("https://gitlab.com/group/sub/repo", "gitlab", "https://gitlab.com/group/sub/repo"),
    ("https://gitlab.example.org/group/repo", "gitlab", "https://gitlab.example.org/group/repo"),
    ("https://bitbucket.org/org/repo", None, None),
    ("https://github.com/org", None, None),
    ("git@github.com:org/repo.git", None, None),
    ("", None, None),
])
def test_code_hosts_recognised_from_repo_url(url, kind, base):
    host = gitinfo.host_of(url)
    assert (host.kind, host.base) == (kind, base) if kind else host is None


def test_gitlab_links():
    host = gitinfo.host_of("https://gitlab.com/g/r")
    assert host.commit_url("abc") == "https://gitlab.com/g/r/-/commit/abc"
    assert host.history_url("abc", "content/a b.yml") == "https://gitlab.com/g/r/-/commits/abc/content/a%20b.yml"
    assert host.pull_request_url(gitinfo.pull_request("Fix typo (!7)")) == "https://gitlab.com/g/r/-/merge_requests/7"
    assert host.pull_request_url(gitinfo.pull_request("Fix typo (#7)")) == ""
    assert gitinfo.pull_request("Fix typo (#7)") == "#7" and gitinfo.pull_request("Call 07700 900123") == ""


def test_no_commit_subject_or_author_reaches_any_published_file(tmp_path):
    config = site_in_git(tmp_path)
    forum = config.parent / "content" / "activities" / "2024-forum.yml"
    forum.write_text(OTHER.replace("£5", "£7"), encoding="utf-8")
    env_author = ["-c", "user.name=Jo Bloggs", "-c", "user.email=jo.bloggs@example.org"]
    git(tmp_path / "repo", *env_author, "commit", "-q", "-am", "Rang Jo Bloggs on 07700 900123 (#13)",
        "--author=Jo Bloggs <jo.bloggs@example.org>", date="2024-09-01T09:00:00+00:00")
    site = build(config)
    assert ">pull request #13</a>" in page(site, "activities/2024-forum/")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".svg", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in ("Jo Bloggs", "jo.bloggs", "07700 900123", "Rang Jo"):
                assert secret not in text, (path, secret)
