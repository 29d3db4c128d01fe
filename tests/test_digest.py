"""``mic digest``: what changed in a window, grouped by activity, with permalinks; nothing outside the window."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kits.contractkit import ORG, write_content
from mic_plugin.cli import main

REPO = Path(__file__).resolve().parent.parent

LIBRARY = """\
title: Library hours
summary: When the libraries open.
approach: consulting
status: in-progress
started: 2024-03-01
updates:
  - {date: 2024-04-01, note: "Survey *closed*."}
feedback:
  - id: open-late
    said: "Open until 8pm <script>alert(1)</script> *please*."
    date: 2024-03-31
    count: 7
    response:
      status: done
      did: Open until 8pm since May.
      communicated: 2024-05-01
      updates:
        - {date: 2024-04-01, status: considering}
        - {date: 2024-04-30, status: done, note: Agreed by the board.}
  - id: more-chairs
    said: More chairs.
    date: 2024-04-15
"""

BUSES = """\
title: Bus routes
summary: Buses.
approach: engaging
status: open
started: 2024-05-02
"""


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path, organisation=ORG, activities={"2024-library.yml": LIBRARY, "2024-buses.yml": BUSES})
    return tmp_path


def digest(capsys, *args) -> tuple[int, str, str]:
    code = main(["digest", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def entries(text: str) -> list[str]:
    """The dated lines of a text digest."""
    return re.findall(r"^- (.*)$", text, flags=re.M)


def test_everything_in_the_window_grouped_by_activity_each_with_its_permalink(content, capsys):
    code, out, err = digest(capsys, "--since", "2024-04-01", "--until", "2024-04-30",
                            "--site-url", "https://example.org/report")
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "Riverside Test Carers: what changed from 1 April 2024 to 30 April 2024", "",
        "4 changes in 1 activity."]
    assert "Library hours\nhttps://example.org/report/activities/2024-library/\n" in out
    assert "Bus routes" not in out
    assert entries(out) == [
        "1 April 2024: Update: Survey closed.",
        "1 April 2024: Response: “Open until 8pm <script>alert(1)</script> please.”: No response → Considering",
        "15 April 2024: New feedback (1 person): “More chairs.”",
        "30 April 2024: Response updated: “Open until 8pm <script>alert(1)</script> please.”: Considering → Done. "
        "Agreed by the board.",
    ]
    links = re.findall(r"^  (\S+)$", out, flags=re.M)
    assert links == ["https://example.org/report/activities/2024-library/",
                     "https://example.org/report/activities/2024-library/#open-late",
                     "https://example.org/report/activities/2024-library/#more-chairs",
                     "https://example.org/report/activities/2024-library/#open-late"]


@pytest.mark.parametrize("since, until, first, last", [
    ("2024-03-31", "2024-05-01", "31 March 2024: New feedback (7 people)", "1 May 2024: Answer reported back (Done)"),
    ("2024-04-02", "2024-04-29", "15 April 2024: New feedback", "15 April 2024: New feedback"),
    ("2024-04-30", "2024-04-30", "30 April 2024: Response updated", "30 April 2024: Response updated"),
    ("2024-05-01", "2024-05-02", "2 May 2024: Started: Bus routes", "1 May 2024: Answer reported back"),
])
def test_both_edges_are_inclusive_and_nothing_outside_is_listed(content, capsys, since, until, first, last):
    code, out, _ = digest(capsys, "--since", since, "--until", until)
    lines = entries(out)
    assert code == 0 and lines[0].startswith(first) and lines[-1].startswith(last)
    for line in lines:
        day = re.match(r"(\d+ \w+ \d{4}):", line).group(1)
        assert day  # every line is dated
    dates = {"2024-03-01": "1 March 2024", "2024-03-31": "31 March 2024", "2024-04-01": "1 April 2024",
             "2024-04-15": "15 April 2024", "2024-04-30": "30 April 2024", "2024-05-01": "1 May 2024",
             "2024-05-02": "2 May 2024"}
    shown = {line.split(":")[0] for line in lines}
    assert shown == {human for iso, human in dates.items() if since <= iso <= until}


def test_an_empty_window_says_so(content, capsys):
    code, out, _ = digest(capsys, "--since", "2024-06-01", "--until", "2024-06-30")
    assert code == 0
    assert out == ("Riverside Test Carers: what changed from 1 June 2024 to 30 June 2024\n\n"
                   "Nothing changed in this period.\n")


def test_links_are_relative_without_a_site_url_and_absolute_from_mkdocs_yml(content, capsys):
    _, out, _ = digest(capsys, "--since", "2024-04-15", "--until", "2024-04-15")
    assert re.findall(r"^  (\S+)$", out, flags=re.M) == ["activities/2024-library/#more-chairs"]
    (content / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "x", "site_url": "https://carers.example/involvement", "use_directory_urls": False,
        "markdown_extensions": [{"pymdownx.emoji": {"emoji_index": "!!python/name:material.extensions.emoji.twemoji"}}],
        "plugins": [{"make-it-count": {"prefix": "report"}}]}) + "extra: !ENV [NOTHING, none]\n", encoding="utf-8")
    _, out, _ = digest(capsys, "--since", "2024-04-15", "--until", "2024-04-15")
    assert re.findall(r"^  (\S+)$", out, flags=re.M) == [
        "https://carers.example/involvement/report/activities/2024-library.html#more-chairs"]
    _, out, _ = digest(capsys, "--since", "2024-04-15", "--until", "2024-04-15", "--site-url", "https://other.example/")
    assert "https://other.example/report/activities/2024-library.html#more-chairs" in out


def test_markdown_shows_text_as_written_with_links(content, capsys):
    code, out, _ = digest(capsys, "--since", "2024-04-01", "--until", "2024-04-30", "--format", "markdown",
                          "--site-url", "https://example.org/report/")
    assert code == 0
    assert out.startswith("## Riverside Test Carers: what changed from 1 April 2024 to 30 April 2024\n")
    assert "### [Library hours](<https://example.org/report/activities/2024-library/>)" in out
    assert ("- 1 April 2024: Response: “Open until 8pm \\<script\\>alert\\(1\\)\\</script\\> please.”: No response → "
            "Considering ([read more](<https://example.org/report/activities/2024-library/#open-late>))") in out


def test_html_is_an_escaped_fragment_from_a_template(content, capsys):
    code, out, _ = digest(capsys, "--since", "2024-04-01", "--until", "2024-04-30", "--format", "html",
                          "--site-url", "https://example.org/report/")
    assert code == 0
    assert out.startswith('<section class="mic-digest" lang="en">\n<h2>Riverside Test Carers: what changed from '
                          '<time datetime="2024-04-01">1 April 2024</time>')
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<h3><a href="https://example.org/report/activities/2024-library/">Library hours</a></h3>' in out
    assert ('<li><time datetime="2024-04-15">15 April 2024</time>: <a href="https://example.org/report/activities/'
            '2024-library/#more-chairs">New feedback (1 person): “More chairs.”</a></li>') in out
    assert out.count("<li>") == 4


@pytest.mark.parametrize("args, message", [
    (["--since", "2024-13-01"], "mic digest: --since 2024-13-01: write the date as YYYY-MM-DD"),
    (["--since", "2024-05-01", "--until", "soon"], "mic digest: --until soon: write the date as YYYY-MM-DD"),
    (["--since", "2024-05-02", "--until", "2024-05-01"], "mic digest: --since 2024-05-02 is after --until 2024-05-01"),
])
def test_bad_dates_exit_2_with_one_line(content, capsys, args, message):
    code, out, err = digest(capsys, *args)
    assert (code, out) == (2, "") and err.startswith(message) and err.count("\n") == 1


def test_bad_content_is_reported_as_file_line_field(content, capsys):
    (content / "content/activities/2024-buses.yml").write_text(BUSES.replace("engaging", "chatting"), encoding="utf-8")
    code, out, err = digest(capsys, "--since", "2024-01-01")
    assert code == 1 and out == ""
    assert err.startswith("content/activities/2024-buses.yml:3: approach: 'chatting' is not one of")


def test_the_installed_command(content):
    done = subprocess.run([sys.executable, "-m", "mic_plugin.cli", "digest", "--since", "2024-04-15", "--until",
                           "2024-04-15", "--content", "content"], cwd=content, capture_output=True, text=True,
                          timeout=60, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "15 April 2024: New feedback (1 person): “More chairs.”" in done.stdout


# --- in each of the site's languages ------------------------------------------------------------------------

WELSH_ORG = """\
name: {en: Riverside Test Carers, cy: Gofalwyr Prawf Glan yr Afon}
purpose: {en: We ask carers., cy: Rydym yn gofyn i ofalwyr.}
languages: [en, cy]
"""

WELSH_LIBRARY = """\
title: {en: Library hours, cy: Oriau'r llyfrgell}
summary: {en: When the libraries open., cy: Pryd mae'r llyfrgelloedd ar agor.}
approach: consulting
status: in-progress
started: 2024-03-01
updates:
  - {date: 2024-04-01, note: {en: "Survey *closed*.", cy: "Arolwg *wedi cau*."}}
feedback:
  - id: open-late
    said: {en: "Open until 8pm please.", cy: "Ar agor tan 8pm os gwelwch yn dda."}
    date: 2024-03-31
    count: 1250
    response:
      status: done
      did: {en: Open until 8pm since May., cy: Ar agor tan 8pm ers mis Mai.}
      communicated: 2024-05-01
      updates:
        - {date: 2024-04-01, status: considering}
        - {date: 2024-04-30, status: done, note: {en: Agreed by the board., cy: Cytunwyd gan y bwrdd.}}
  - id: more-chairs
    said: More chairs.
    date: 2024-04-15
"""


@pytest.fixture
def bilingual(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path, organisation=WELSH_ORG, activities={"2024-library.yml": WELSH_LIBRARY})
    return tmp_path


def test_in_welsh_every_word_date_number_and_link_is_welsh(bilingual, capsys):
    code, out, err = digest(capsys, "--since", "2024-03-31", "--until", "2024-05-01", "--language", "cy",
                            "--site-url", "https://example.org/report")
    assert code == 0 and "Traceback" not in err
    lines = out.splitlines()
    assert lines[:3] == ["Gofalwyr Prawf Glan yr Afon: beth newidiodd rhwng 31 Mawrth 2024 a 1 Mai 2024", "",
                         "6 newid mewn 1 gweithgaredd."]
    assert "Oriau'r llyfrgell\nhttps://example.org/report/cy/activities/2024-library/\n" in out
    assert entries(out) == [
        "31 Mawrth 2024: Adborth newydd (1,250 o bobl): “Ar agor tan 8pm os gwelwch yn dda.”",
        "1 Ebrill 2024: Diweddariad: Arolwg wedi cau.",
        "1 Ebrill 2024: Ymateb: “Ar agor tan 8pm os gwelwch yn dda.”: Dim ymateb → Yn ei ystyried",
        "15 Ebrill 2024: Adborth newydd (1 person): “More chairs.”",
        "30 Ebrill 2024: Ymateb wedi'i ddiweddaru: “Ar agor tan 8pm os gwelwch yn dda.”: Yn ei ystyried → "
        "Wedi'i wneud. Cytunwyd gan y bwrdd.",
        "1 Mai 2024: Ateb wedi'i adrodd yn ôl (Wedi'i wneud): “Ar agor tan 8pm os gwelwch yn dda.”",
    ]
    assert all(link.startswith("https://example.org/report/cy/activities/2024-library/")
               for link in re.findall(r"^  (\S+)$", out, flags=re.M))
    # the one text without its Welsh is shown in English, and the digest says so
    assert lines[-1] == "Nid yw'r testun yn Saesneg wedi'i gyfieithu eto."
    assert "Library hours" not in out and "New feedback" not in out and "Survey" not in out


def test_the_main_language_by_default_and_its_english_only(bilingual, capsys):
    code, out, _ = digest(capsys, "--since", "2024-04-15", "--until", "2024-04-15")
    assert code == 0
    assert out.splitlines()[0] == "Riverside Test Carers: what changed from 15 April 2024 to 15 April 2024"
    assert "15 April 2024: New feedback (1 person): “More chairs.”" in out and "activities/2024-library/#more-chairs" in out
    assert "cy/" not in out and "translated" not in out and "Oriau" not in out


def test_in_welsh_as_markdown_and_html_with_untranslated_text_marked(bilingual, capsys):
    _, md, _ = digest(capsys, "--since", "2024-04-15", "--until", "2024-05-01", "--language", "cy",
                      "--format", "markdown")
    assert md.startswith("## Gofalwyr Prawf Glan yr Afon: beth newidiodd rhwng 15 Ebrill 2024 a 1 Mai 2024\n")
    assert "### [Oriau'r llyfrgell](<cy/activities/2024-library/>)" in md
    assert ("- 15 Ebrill 2024: Adborth newydd (1 person): “More chairs.” "
            "([darllen rhagor](<cy/activities/2024-library/#more-chairs>))") in md
    assert md.rstrip().endswith("Nid yw'r testun yn Saesneg wedi'i gyfieithu eto.")
    _, html, _ = digest(capsys, "--since", "2024-04-15", "--until", "2024-05-01", "--language", "cy",
                        "--format", "html")
    assert html.startswith('<section class="mic-digest" lang="cy">\n<h2>Gofalwyr Prawf Glan yr Afon: beth newidiodd '
                           'rhwng <time datetime="2024-04-15">15 Ebrill 2024</time>')
    assert 'Adborth newydd (1 person): “<span lang="en">More chairs.</span>”' in html
    assert "translated" not in html and "gyfieithu" not in html  # the element says it; no note needed
    _, empty, _ = digest(capsys, "--since", "2024-06-01", "--until", "2024-06-30", "--language", "cy")
    assert empty.splitlines()[-1] == "Ni newidiodd dim yn ystod y cyfnod hwn."


def test_a_language_the_site_is_not_published_in_is_refused(bilingual, capsys):
    code, out, err = digest(capsys, "--since", "2024-04-15", "--language", "fr")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "mic digest: --language fr: the site is published in en, cy; give one of them"


def test_the_sites_own_translations_file_changes_a_word(bilingual, capsys):
    (bilingual / "words").mkdir()
    (bilingual / "words" / "cy.po").write_text('msgid "read more"\nmsgstr "mwy"\n', encoding="utf-8")
    (bilingual / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "x", "plugins": [{"make-it-count": {"translations": "words"}}]}), encoding="utf-8")
    _, md, err = digest(capsys, "--since", "2024-04-15", "--until", "2024-04-15", "--language", "cy",
                        "--format", "markdown")
    assert "Traceback" not in err and "([mwy](<cy/activities/2024-library/#more-chairs>))" in md
    (bilingual / "words" / "cy.po").write_text('msgid "%(num)s change"\nmsgstr "%(rhif)s newid"\n', encoding="utf-8")
    code, out, err = digest(capsys, "--since", "2024-04-15", "--language", "cy")
    assert (code, out) == (1, "") and err.splitlines()[-1] == "words/cy.po:1: unknown named placeholder 'rhif'" and "Traceback" not in err


@pytest.mark.parametrize(("option", "says"), [
    ("missing", "'missing' does not exist; give a LANG.po file or a folder of them"),
    ("empty", "'empty' holds no .po file (name each after its language, e.g. cy.po)"),
])
def test_a_translations_option_that_names_nothing_usable_is_reported_as_the_build_reports_it(bilingual, capsys,
                                                                                               option, says):
    (bilingual / "empty").mkdir()
    (bilingual / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "x", "plugins": [{"make-it-count": {"translations": option}}]}), encoding="utf-8")
    code, out, err = digest(capsys, "--since", "2024-04-15", "--language", "cy")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"mkdocs.yml: plugins.make-it-count.translations: {says}"
