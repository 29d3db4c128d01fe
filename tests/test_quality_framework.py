"""A site with its own quality framework (plugin option ``framework``): answers are validated against it with
the same messages as the default, and the pages and badges use it."""

from __future__ import annotations

import json
import logging
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from mic_plugin.load.framework import load_framework
from mic_plugin.load.loader import load_site
from kits.sitekit import LogCapture, build, page, write_site
from test_quality import LABEL, answer_in, colour, expected, message, with_percent
from kits.htmltree import checklist_tables, parse, section, table_rows

FRAMEWORK = """\
id: panel-standards
title: Community panel standards
source: "Test Community Trust, Panel standards (2024)"
actors:
  - {id: staff, name: Staff team, help: What staff do.}
  - {id: panel, name: Panel members}
stages:
  - {id: before, name: Before}
  - {id: during, name: During}
  - {id: after, name: After, help: Once the panel has reported.}
markers:
  - {id: agenda-shared, actor: staff, stage: before, text: "Agenda shared a week ahead <b>in print</b>", help: Posted and e-mailed.}
  - {id: mix-of-people, actor: staff, stage: during, text: A mix of invited and volunteer members, figure: invited-vs-volunteered}
  - {id: told-what-changed, actor: staff, stage: after, text: Members told what changed, figure: reported-back}
  - {id: felt-heard, actor: panel, stage: during, text: Members felt heard}
  - {id: would-return, actor: panel, stage: after, text: Members would come back}
"""

PANEL = """\
title: Spring panel
summary: The spring panel — £20 vouchers.
approach: co-designing
status: completed
started: 2024-03-01
ended: 2024-05-01
participation: {invited: 9, volunteered: 3}
checklist:
  staff:
    before:
      agenda-shared: {answer: met, evidence: "Sent on *1 March*"}
    during:
      mix-of-people: partly
    after:
      told-what-changed: {answer: not-applicable, evidence: Nothing has changed yet.}
  panel:
    during:
      felt-heard: met
feedback:
  - id: more-notice
    said: We need more notice.
    date: 2024-03-02
    response: {status: done, did: Agendas now go out two weeks ahead., communicated: 2024-04-01}
"""

QUIET = """\
title: Autumn panel
summary: Not checked.
approach: consulting
status: planned
started: 2024-08-20
"""


@pytest.fixture(scope="module")
def custom_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("custom-framework")
    (root / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    config = write_site(root, activities={"2024-spring.yml": PANEL, "2024-autumn.yml": QUIET},
                        plugin={"framework": "framework.yml"})
    answers = {"2024-spring": yaml.safe_load(PANEL)["checklist"], "2024-autumn": None}
    return build(config, strict=True), answers


def test_pages_and_badges_use_the_sites_framework(custom_site):
    site_dir, answers = custom_site
    fw = yaml.safe_load(FRAMEWORK)
    total = (0, 0)
    for activity_id, checklist in answers.items():
        score = expected(checklist, fw)
        total = (total[0] + score[0], total[1] + score[1])
        root = parse(page(site_dir, f"activities/{activity_id}/"))
        sec = section(root, "mic_checklist")
        assert f"Overall: {with_percent(score)}." in sec.words()
        rows = [[c.words() for c in r] for r in table_rows(sec.find("div", class_="mic-q-summary").find("table"))]
        assert rows[0] == ["Actor", "Before", "During", "After", "All stages"]
        assert rows[1] == ["Staff team"] + [message(expected(checklist, fw, "staff", s)) for s in
                                            ("before", "during", "after")] + [message(expected(checklist, fw, "staff"))]
        # the panel has no marker before: its cell is 0 of 0 and no empty table is drawn
        assert rows[2][1] == "0 of 0 met"
        captions = [t.find("caption").words() for t in checklist_tables(sec)]
        assert [c.split(":")[0] for c in captions] == ["Staff team, Before", "Staff team, During", "Staff team, After",
                                                      "Panel members, During", "Panel members, After"]
        marker_rows = [r for t in checklist_tables(sec) for r in table_rows(t)[1:]]
        # marker text is plain text: the <b> in the framework file is shown, not obeyed
        assert [r[0].find("a").words() for r in marker_rows] == [m["text"] for m in fw["markers"]]
        assert not sec.find_all("b")
        for marker, row in zip(fw["markers"], marker_rows):
            words = {"met": "Met", "partly": "Partly met", "not-applicable": "Not applicable", None: "Not assessed"}
            assert row[1].words(skip_hidden=True) == words[answer_in(checklist, marker)]
        data = json.loads((site_dir / "badges" / f"{activity_id}.json").read_text(encoding="utf-8"))
        assert data == {"schemaVersion": 1, "label": LABEL, "message": message(score), "color": colour(score)}
        svg = ET.fromstring((site_dir / "badges" / f"{activity_id}.svg").read_bytes())
        assert svg.get("aria-label") == f"{LABEL}: {message(score)}"
    assert json.loads((site_dir / "badges" / "organisation.json").read_text())["message"] == message(total)

    quality = parse(page(site_dir, "quality/"))
    head = table_rows(quality.find("div", class_="mic-q-table").find("table").find("thead"))
    assert [c.words() for c in head[0]] == ["Activity", "All markers", "Lowest", "Staff team", "Panel members"]
    assert [c.words() for c in head[1]] == ["Before", "During", "After"] * 2
    for marker in fw["markers"]:
        assert quality.by_id(f"mic_marker_{marker['id']}").words() == marker["text"]
    explained = section(quality, "mic_quality_markers").words()
    assert "Test Community Trust, Panel standards (2024)" in explained
    assert "5 markers, 3 for the staff team and 2 for the panel members." in explained
    assert "Once the panel has reported." in explained


def test_figures_follow_the_custom_markers(custom_site):
    site_dir, _ = custom_site
    sec = section(parse(page(site_dir, "activities/2024-spring/")), "mic_checklist")
    figures = [p.words() for p in sec.find_all("p", class_="mic-q-figures")]
    assert figures == ["Figures: 9 invited, 3 volunteered (75% invited)",
                       "Figures: 1 of 1 feedback item reported back to the people who gave it (100%)"]


def _messages(tmp_path, framework_text: str | None, checklist: str) -> list[str]:
    content = tmp_path / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: Trust\npurpose: To ask.\n", encoding="utf-8")
    (content / "activities" / "2024-x.yml").write_text(QUIET + checklist, encoding="utf-8")
    framework = None
    if framework_text is not None:
        (tmp_path / "framework.yml").write_text(framework_text, encoding="utf-8")
        framework = load_framework(tmp_path / "framework.yml")
    import datetime as dt
    result = load_site(content, framework=framework, today=dt.date(2024, 9, 1), display_dir="content")
    return [re.sub(r"^\S+:\d+: ", "", str(p)) for p in result.problems]


@pytest.mark.parametrize("custom, default", [
    ("checklist:\n  staff:\n    before:\n      agenda-shared: finished\n",
     "checklist:\n  organisation:\n    planning:\n      strategy: finished\n"),
    ("checklist:\n  staff:\n    before:\n      agenda-shared: yes\n",
     "checklist:\n  organisation:\n    planning:\n      strategy: yes\n"),
    ("checklist:\n  staff:\n    before:\n      agenda-shared: {answer: not-applicable}\n",
     "checklist:\n  organisation:\n    planning:\n      strategy: {answer: not-applicable}\n"),
])
def test_answers_are_checked_with_the_same_messages(tmp_path, custom, default):
    mine = _messages(tmp_path / "custom", FRAMEWORK, custom)
    theirs = _messages(tmp_path / "default", None, default)
    assert len(mine) == len(theirs) == 1
    assert mine[0].replace("staff.before.agenda-shared", "X") == theirs[0].replace("organisation.planning.strategy", "X")


def refused_build(config) -> list[str]:
    """The errors a build that must fail logged."""
    capture = LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        with pytest.raises(Exception):
            build(config)
    finally:
        logger.removeHandler(capture)
    return capture.messages(logging.ERROR)


def test_markers_of_the_default_framework_are_unknown_to_a_custom_one(tmp_path):
    (tmp_path / "framework.yml").write_text(FRAMEWORK, encoding="utf-8")
    wrong = QUIET + "checklist:\n  organisation:\n    planning:\n      strategy: met\n" \
                    "  staff:\n    before:\n      agenda-shraed: met\n    during:\n      agenda-shared: met\n"
    config = write_site(tmp_path, activities={"2024-x.yml": wrong}, plugin={"framework": "framework.yml"})
    errors = "\n".join(refused_build(config))
    assert "2024-x.yml:7: checklist.organisation: unknown actor" in errors
    assert "expected one of: staff, panel" in errors
    assert "checklist.staff.before.agenda-shraed: unknown marker" in errors and "agenda-shared" in errors
    assert "checklist.staff.during.agenda-shared: this marker belongs under staff.before, not staff.during" in errors


# --- a site's own framework in the site's languages --------------------------------------------------------

WELSH_FRAMEWORK = """\
id: panel-standards
title: {en: Community panel standards, cy: Safonau'r panel cymunedol}
source: {en: "Test Community Trust, Panel standards (2024)", cy: "Ymddiriedolaeth Gymunedol Prawf, Safonau panel (2024)"}
actors:
  - {id: staff, name: {en: Staff team, cy: Tîm staff}, help: {en: What staff do., cy: Beth mae staff yn ei wneud.}}
  - {id: panel, name: {en: Panel members, cy: Aelodau'r panel}}
stages:
  - {id: before, name: {en: Before, cy: Cyn}}
  - {id: during, name: {en: During, cy: Yn ystod}}
  - {id: after, name: {en: After, cy: Ar ôl}, help: {en: Once the panel has reported., cy: Ar ôl i'r panel adrodd.}}
markers:
  - id: agenda-shared
    actor: staff
    stage: before
    text: {en: Agenda shared a week ahead, cy: Agenda wedi'i rhannu wythnos ymlaen llaw}
    help: {en: Posted and e-mailed., cy: Wedi'i phostio a'i hanfon drwy e-bost.}
  - {id: mix-of-people, actor: staff, stage: during, text: {en: A mix of invited and volunteer members, cy: Cymysgedd o aelodau gwahoddedig a gwirfoddol}}
  - {id: told-what-changed, actor: staff, stage: after, text: {en: Members told what changed, cy: Dywedwyd wrth aelodau beth newidiodd}}
  - {id: felt-heard, actor: panel, stage: during, text: {en: Members felt heard, cy: Teimlai aelodau fod rhywun yn gwrando}}
  - id: would-return
    actor: panel
    stage: after
    text: Members would come back
"""

WELSH_ORG = """\
name: {en: Trust, cy: Ymddiriedolaeth}
purpose: {en: To ask., cy: I ofyn.}
languages: [en, cy]
"""

WELSH_PANEL = """\
title: {en: Spring panel, cy: Panel y gwanwyn}
summary: {en: The spring panel., cy: Panel y gwanwyn.}
approach: co-designing
status: completed
started: 2024-03-01
ended: 2024-05-01
checklist:
  staff:
    before:
      agenda-shared: met
  panel:
    after:
      would-return: met
"""


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("welsh-framework")
    (root / "framework.yml").write_text(WELSH_FRAMEWORK, encoding="utf-8")
    config = write_site(root, organisation=WELSH_ORG, activities={"2024-spring.yml": WELSH_PANEL},
                        plugin={"framework": "framework.yml"})
    capture = LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        site_dir = build(config)
    finally:
        logger.removeHandler(capture)
    return site_dir, capture.messages()


def test_a_translated_framework_reads_in_each_language(welsh_site):
    site_dir, _ = welsh_site
    fw = yaml.safe_load(WELSH_FRAMEWORK)
    for prefix, lang in (("", "en"), ("cy/", "cy")):
        quality = parse(page(site_dir, prefix + "quality/"))
        for marker in fw["markers"][:4]:
            assert quality.by_id(f"mic_marker_{marker['id']}").words() == marker["text"][lang]
        head = table_rows(quality.find("div", class_="mic-q-table").find("table").find("thead"))
        assert [c.words() for c in head[1]] == [s["name"][lang] for s in fw["stages"]] * 2
        explained = section(quality, "mic_quality_markers").words()
        assert fw["source"][lang] in explained and fw["stages"][2]["help"][lang] in explained
        sec = section(parse(page(site_dir, prefix + "activities/2024-spring/")), "mic_checklist")
        captions = [t.find("caption").words().split(":")[0] for t in checklist_tables(sec)]
        assert captions[0] == f"{fw['actors'][0]['name'][lang]}, {fw['stages'][0]['name'][lang]}"
    welsh = page(site_dir, "cy/quality/")
    assert "Community panel standards" not in welsh and "Staff team" not in welsh
    assert "Safonau&#39;r panel cymunedol" in welsh or "Safonau'r panel cymunedol" in welsh


def test_a_marker_without_its_welsh_is_a_located_warning_and_shown_marked_english(welsh_site):
    site_dir, messages = welsh_site
    line = WELSH_FRAMEWORK.splitlines().index("    text: Members would come back") + 1
    assert any(re.search(rf"framework\.yml:{line}: warning: markers\[4\]\.text: has no cy \(Welsh\) translation",
                         m) for m in messages), messages
    welsh = page(site_dir, "cy/quality/")
    assert re.search(r'<span lang="en">Members would come back</span>', welsh)
    sec = page(site_dir, "cy/activities/2024-spring/")
    assert '<span lang="en">Members would come back</span>' in sec
    assert "Members would come back" in page(site_dir, "quality/")


@pytest.mark.parametrize("change, field, said", [
    ("{en: Members felt heard, cy: Teimlai aelodau fod rhywun yn gwrando}",
     "markers[3].text.fr", "'fr' is not one of the site's languages (en, cy); add fr to languages in "
                           "organisation.yml to publish it"),
    ("{en: Members felt heard, cy: Teimlai aelodau fod rhywun yn gwrando}",
     "markers[3].text", "has no en (English) text: the main language (the first of languages in organisation.yml) "
                        "is required, the others translate it"),
    ("{en: Members felt heard, cy: Teimlai aelodau fod rhywun yn gwrando}",
     "markers[3].text.cy", "is empty; write the Welsh text or leave the line out"),
])
def test_a_translated_framework_has_the_contents_located_errors(tmp_path, change, field, said):
    bad = {"markers[3].text.fr": "{en: Members felt heard, fr: Les membres se sont sentis écoutés}",
           "markers[3].text": "{cy: Teimlai aelodau fod rhywun yn gwrando}",
           "markers[3].text.cy": "{en: Members felt heard, cy: }"}[field]
    (tmp_path / "framework.yml").write_text(WELSH_FRAMEWORK.replace(change, bad), encoding="utf-8")
    content = tmp_path / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(WELSH_ORG, encoding="utf-8")
    (content / "activities" / "2024-spring.yml").write_text(WELSH_PANEL, encoding="utf-8")
    config = write_site(tmp_path, organisation=WELSH_ORG, activities={"2024-spring.yml": WELSH_PANEL},
                        plugin={"framework": "framework.yml"})
    line = next(i for i, text in enumerate(WELSH_FRAMEWORK.replace(change, bad).splitlines(), 1) if bad in text)
    errors = refused_build(config)
    assert any(m.endswith(f"framework.yml:{line}: {field}: {said}") for m in errors), errors
    assert not any("Traceback" in m for m in errors)


def test_mic_validate_and_diff_read_the_sites_framework_in_its_languages(tmp_path, monkeypatch, capsys):
    from mic_plugin.cli import main
    monkeypatch.chdir(tmp_path)
    (tmp_path / "framework.yml").write_text(WELSH_FRAMEWORK, encoding="utf-8")
    write_site(tmp_path, organisation=WELSH_ORG, activities={"2024-spring.yml": WELSH_PANEL},
               plugin={"framework": "framework.yml"})
    for args in (["--framework", "framework.yml"], []):  # given, or as mkdocs.yml names it (pre-commit's way)
        code = main(["validate", "--strict", *args, "content"])
        err = capsys.readouterr().err
        assert code != 0 and "framework.yml:" in err and "markers[4].text: has no cy (Welsh) translation" in err
        assert "unknown actor" not in err
    (tmp_path / "framework.yml").write_text(WELSH_FRAMEWORK.replace("    text: Members would come back",
                                                                    "    text: {en: Members would come back, "
                                                                    "cy: Byddai aelodau'n dod yn ôl}"),
                                            encoding="utf-8")
    assert main(["validate", "--strict", "content"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    old = tmp_path / "old"
    shutil.copytree(tmp_path / "content", old)
    (tmp_path / "content" / "activities" / "2024-spring.yml").write_text(
        WELSH_PANEL.replace("would-return: met", "would-return: not-met"), encoding="utf-8")
    assert main(["diff", str(old), "content"]) == 0
    out = capsys.readouterr().out  # the site's own marker, named in the main language
    assert "Members would come back (panel/after/would-return): met → not-met" in out, out


def test_a_one_language_site_may_not_use_a_translated_framework_unseen(tmp_path):
    """A framework file written in two languages, on a site in English only: the Welsh is no language of the
    site, an error naming it (as in content), never silently dropped."""
    (tmp_path / "framework.yml").write_text(WELSH_FRAMEWORK, encoding="utf-8")
    content = tmp_path / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text("name: Trust\npurpose: To ask.\n", encoding="utf-8")
    result = load_site(content, framework=load_framework(tmp_path / "framework.yml", "framework.yml"))
    said = [str(p) for p in result.problems]
    assert not result.ok
    assert "framework.yml:2: title.cy: 'cy' is not one of the site's languages (en); add cy to languages in " \
           "organisation.yml to publish it" in said


def test_the_default_frameworks_source_is_marked_as_english_on_welsh_pages(tmp_path):
    config = write_site(tmp_path, organisation=WELSH_ORG, activities={"2024-spring.yml": WELSH_PANEL.split("checklist:")[0]})
    welsh = page(build(config), "cy/quality/")
    assert '<span lang="en">NPC, Make it count: why impact matters in user involvement (2019)</span>' in welsh
