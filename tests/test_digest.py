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
    assert out.startswith('<section class="mic-digest">\n<h2>Riverside Test Carers: what changed from '
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
