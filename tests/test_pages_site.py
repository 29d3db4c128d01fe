"""The generated sections in a real site: navigation (automatic and written), "Suggest a change" links,
``mkdocs serve`` watching the content, ``--strict`` builds, and invalid content stopping the build."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from kits.sitekit import ACTIVITY, LogCapture, build, page, write_site

REPO = {"repo_url": "https://github.com/example/site", "edit_uri": "edit/main/docs/"}


def nav_titles(doc: str) -> list[str]:
    nav = doc[doc.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index('<div class="md-content"') if '<div class="md-content"' in nav else len(nav)]
    return [" ".join(t.split()) for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)]


def test_automatic_nav_lists_section_pages_not_activity_pages(tmp_path):
    out = build(write_site(tmp_path, plugin={"page_size": 1}))
    titles = nav_titles(page(out, "activities/2024-bus-passes/"))
    for entry in ("Activities", "You said, we did", "Why we involve people"):
        assert entry in titles
    assert "Bus passes for carers" not in titles
    assert not any("page 2" in t for t in titles)  # pagination and filter pages stay out of the nav
    assert titles.count("Activities") == 1  # no "Activities > Activities" section


def test_written_nav_places_documented_entries(tmp_path):
    nav = [{"Home": "index.md"}, {"You said, we did": "you-said-we-did/index.md"},
           {"What we asked": "activities/index.md"}, {"About": "organisation/index.md"}]
    out = build(write_site(tmp_path, mkdocs={"nav": nav}), strict=True)
    titles = nav_titles(page(out, ""))
    assert [t for t in titles if t in ("Home", "You said, we did", "What we asked", "About")] == \
        ["Home", "You said, we did", "What we asked", "About"]
    assert "Bus passes for carers" not in titles
    assert (out / "activities/2024-bus-passes/index.html").exists()  # built, just not in the nav


def test_suggest_a_change_links_to_the_source_yaml(tmp_path):
    out = build(write_site(tmp_path, mkdocs=REPO))
    edit = "https://github.com/example/site/edit/main/content/activities/2024-bus-passes.yml"
    activity = page(out, "activities/2024-bus-passes/")
    assert f'href="{edit}"' in activity and "Suggest a change to this record" in activity
    for url in ("activities/", "you-said-we-did/"):
        doc = page(out, url)
        assert "/edit/main/content/" not in doc  # index pages have no single source
        assert "/edit/main/docs/" not in doc  # and never a link to a Markdown file that does not exist


def test_no_edit_links_without_repo(tmp_path):
    out = build(write_site(tmp_path))
    assert "Suggest a change" not in page(out, "activities/2024-bus-passes/")


def test_content_folder_is_watched_by_serve(tmp_path):
    config_file = write_site(tmp_path, plugin={"content_dir": "records"})
    cfg = load_config(config_file=str(config_file))
    cfg.plugins.on_startup(command="serve", dirty=False)
    cfg = cfg.plugins.on_config(cfg)
    assert str((tmp_path / "records").resolve()) in [str(Path(w).resolve()) for w in cfg.watch]


def test_strict_build_of_valid_content_is_clean(tmp_path):
    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        build(write_site(tmp_path, mkdocs=REPO), strict=True)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    assert capture.messages() == []


def test_invalid_content_fails_with_the_contract_messages(tmp_path, monkeypatch):
    bad = ACTIVITY.replace("status: done", "status: finished").replace("title: Bus passes for carers", "title: 2024")
    config = write_site(tmp_path, activities={"x.yml": bad})
    monkeypatch.chdir(tmp_path)
    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        with pytest.raises((Abort, PluginError, SystemExit)):
            build(config)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    messages = "\n".join(capture.messages(logging.ERROR))
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if "status: finished" in text)
    assert (f"content/activities/x.yml:{line}: feedback[0].response.status: 'finished' is not one of considering, "
            "planned, in-progress, done, partly-done, referred, not-doing") in messages
    assert "content/activities/x.yml:1: title:" in messages  # every problem, not only the first
    assert "Traceback" not in messages
    assert not (tmp_path / "site" / "activities").exists()


def test_the_organisation_page_links_only_to_sections_it_has(tmp_path):
    organisation = "name: Plain Trust\npurpose: We listen.\n"
    html = page(build(write_site(tmp_path, organisation=organisation)), "organisation/")
    assert 'id="mic_org_purpose"' in html
    for anchor in ("mic_org_why", "mic_org_power"):
        assert anchor not in html  # neither the section nor a table-of-contents link to it
    full = page(build(write_site(tmp_path / "full")), "organisation/")
    for anchor in ("mic_org_why", "mic_org_power"):
        assert f'id="{anchor}"' in full and f'href="#{anchor}"' in full
