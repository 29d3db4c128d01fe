"""No input crashes or stalls a build: Markdown fields have limits, reported by ``mic validate`` and the build
alike, so what validates, builds (CONTENT_FORMAT.md, "Errors"; issue 12).

Nothing here is timed: each hostile input must come back as a located validation error (which proves the
check ran without rendering it), and each input at the limits must build.
"""

from __future__ import annotations

import json

import pytest

from kits.contractkit import ACTIVITY, activity, clean, lines
from mic_plugin.load.markdown_limits import MAX_DEPTH, MAX_RUN, markdown_limits
from kits.sitekit import build, build_refused, page, write_site

F = "content/activities/2024-bus.yml"
SUMMARY = "summary: A survey about getting to appointments."
EXTENSIONS = ["toc", "tables", "attr_list", "admonition", "footnotes", "def_list", "md_in_html", "sane_lists",
              "pymdownx.superfences", "pymdownx.details", "pymdownx.betterem", "pymdownx.tilde", "pymdownx.mark"]

HOSTILE = {
    "2,000 stars each side of a word": "*" * 2000 + "word" + "*" * 2000,
    "2,000 underscores each side of a word": "_" * 2000 + "w" + "_" * 2000,
    "20,000 [": "[" * 20000,
    "20,000 ![": "![" * 20000,
    "20,000 [x][": "[x][" * 20000,
    "20,000 [](": "[](" * 20000,
    "20,000 [a](": "[a](" * 20000,
    "2,000 [^": "[^" * 2000,
    "3,000 nested brackets": "[" * 3000 + "x" + "]" * 3000,
    "brackets hidden from the check by code spans": "[`]`" * 5000,
    "2,000 nested quotes": "> " * 2000 + "x",
    "2,000 nested numbered lists": "1. " * 2000 + "x",
    "2,000 nested bullets": "- " * 2000 + "x",
    "a list indented ever deeper": "".join("  " * i + "- x\n" for i in range(300)),
}


def summary(text: str) -> str:
    return ACTIVITY.replace(SUMMARY, "summary: " + json.dumps(text))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_markdown_is_a_located_validation_error(tmp_path, name):
    [message] = lines(activity(tmp_path, summary(HOSTILE[name])))
    assert message.startswith(f"{F}:2: summary: ")
    assert any(words in message for words in ("in a row", "deep", "indents line", "'[', '(' or '`' open")), message


def test_the_messages_say_what_passes_the_limit_and_how_to_write_it():
    assert markdown_limits("*" * 2000 + "word" + "*" * 2000)[0] == (
        "has 2,000 '*' in a row, more than Markdown can nest (at most 100); shorten the run, or write \\* for "
        "each '*' shown as itself")
    assert markdown_limits("> " * 40 + "x")[0] == (
        f"nests quotes or lists 40 deep on line 1 of the text (at most {MAX_DEPTH}); write \\> or \\- for a mark "
        "shown as itself")
    message = markdown_limits("[" * 20000)[0]
    assert message.startswith("leaves too many '[', '(' or '`' open or nested inside one another: Markdown would "
                              "scan ")
    assert message.endswith("Close each '[' with ']', each '(' with ')' and each run of '`' with one as long, or "
                            "write \\[, \\( and \\` for marks shown as themselves")


@pytest.mark.parametrize("text", [
    "*" * MAX_RUN + "word" + "*" * MAX_RUN, "Name: " + "_" * 60, "> " * MAX_DEPTH + "deep quote",
    "- " * MAX_DEPTH + "deep list", "[a link](https://example.org) " * 2000, "\\[" * 20000,
    "`[`" + " and `[`" * 1000, "A [note] and [another] and (brackets (inside) too) " * 500,
    "\n\n".join(f"[{i}](https://example.org/{i})" for i in range(2000)),
    "| a | b |\n|---|---|\n" + "| [x](https://e.org) | [y][1] |\n" * 500 + "\n[1]: https://example.org\n",
])
def test_ordinary_markdown_near_the_limits_validates(tmp_path, text):
    clean(activity(tmp_path, summary(text)))


def test_the_limits_add_up_across_a_file(tmp_path):
    field = "[" * 300  # below the limit of one field, but many of them are not
    text = ACTIVITY + "feedback:\n" + "".join(
        f"  - {{id: f{i}, said: {json.dumps(field)}, date: 2024-03-05}}\n" for i in range(40))
    found = lines(activity(tmp_path, text))
    assert len(found) == 1 and "the Markdown fields of this file leave too many '['" in found[0]


def test_backtick_runs_that_never_close_count_too(tmp_path):
    [message] = lines(activity(tmp_path, summary("".join("`" * i + "a" for i in range(1, 200)))))
    assert "too many '[', '(' or '`' open" in message


@pytest.mark.parametrize("name", ["2,000 stars each side of a word", "20,000 [", "2,000 nested numbered lists"])
def test_the_build_stops_with_the_same_message_instead_of_crashing_or_stalling(tmp_path, name):
    config = write_site(tmp_path, activities={"2024-bus.yml": summary(HOSTILE[name])},
                        mkdocs={"markdown_extensions": EXTENSIONS})
    _, logs = build_refused(config)
    expected = lines(activity(tmp_path / "v", summary(HOSTILE[name])))[0].split(": summary: ", 1)[1]
    assert any(expected in m for m in logs.messages()), logs.messages()


def test_what_validates_builds_with_the_sites_extensions(tmp_path):
    text = "*" * MAX_RUN + "word" + "*" * MAX_RUN + "\n\n" + "> " * MAX_DEPTH + "x\n\n" + "[" * 200 + "\n\n" + \
        "1. " * MAX_DEPTH + "y"
    clean(activity(tmp_path / "v", summary(text)))
    config = write_site(tmp_path, activities={"2024-bus.yml": summary(text)},
                        mkdocs={"markdown_extensions": EXTENSIONS})
    assert "word" in page(build(config), "activities/2024-bus/")
