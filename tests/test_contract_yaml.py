"""YAML safety: every broken or hostile file ends as one located message, quickly, and nothing is executed."""

from __future__ import annotations

import time

import pytest

from kits.contractkit import ACTIVITY, ORG, activity, check, clean, line_of, only
from mic_plugin.load import yamlfile

F = "content/activities/2024-bus.yml"


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def test_syntax_error_names_the_line(tmp_path):
    text = ACTIVITY + "purpose:\n  decision: x\n   aims: y\n"
    assert only(activity(tmp_path, text)).startswith(f"{F}:8: is not valid YAML:")


def test_unclosed_bracket_names_the_line_where_it_opened(tmp_path):
    text = ACTIVITY + "themes: [transport, respite\nfeedback:\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:6: is not valid YAML: the '[' opened on this line is not closed properly (the reader stopped at line "
        "7: did not find expected ',' or ']'); check the brackets, and put any text holding a comma, a bracket or "
        "': ' in quotes")


def test_unclosed_quote_names_the_line_where_it_opened(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", "title: 'Carers' bus passes'")
    assert only(activity(tmp_path, text)).startswith(f"{F}:1: is not valid YAML:")
    text = ACTIVITY.replace("title: Bus passes for carers", "title: \"Bus passes")
    assert only(activity(tmp_path, text)) == (
        f"{F}:1: is not valid YAML: the quote opened on this line is not closed (the reader stopped at line 5: found "
        "unexpected end of stream); end the text with the same quote mark, and write a ' inside 'single-quoted' "
        "text as ''")


def test_colon_in_unquoted_text_gets_a_hint(tmp_path):
    text = ACTIVITY.replace("summary: A survey about getting to appointments.",
                            "summary: A survey\n  note: about appointments")
    message = only(activity(tmp_path, text))
    assert message.startswith(f"{F}:3: is not valid YAML:")
    assert message.endswith("is there a ':' in a text? Put the text in quotes")


@pytest.mark.parametrize("text", ["title: x\nsummary: y\n\tapproach: consulting\n",
                                  "title: x\nfeedback:\n\t- id: a\n"])
def test_tabs_for_indentation(tmp_path, text):
    message = only(activity(tmp_path, text))
    assert message.startswith(f"{F}:3: is not valid YAML:")
    assert message.endswith("YAML does not allow tab characters for indentation, use spaces")


def test_tab_inside_text_is_fine(tmp_path):
    clean(activity(tmp_path, ACTIVITY.replace("appointments.", 'appointments.\\tTab inside quotes is "fine"')))
    clean(activity(tmp_path / "2", ACTIVITY.replace("summary: A survey", "summary: A\tsurvey")))


def test_undefined_alias(tmp_path):
    message = only(activity(tmp_path, ACTIVITY + "themes: *transport\n"))
    assert message.startswith(f"{F}:6: is not valid YAML:")
    assert message.endswith("an alias (*name) must refer to an anchor (&name) defined above it")


def test_non_utf8_names_the_line_of_the_bad_byte(tmp_path):
    data = (ACTIVITY + "themes: [caf\xe9]\n").encode("latin-1")
    assert only(check(tmp_path, activities={"2024-bus.yml": data})) == (
        f"{F}:6: is not UTF-8 text (byte 0xe9 cannot be read); save the file with UTF-8 encoding")


def test_utf16_file(tmp_path):
    data = ACTIVITY.encode("utf-16")
    assert only(check(tmp_path, activities={"2024-bus.yml": data})).startswith(f"{F}:1: is not UTF-8 text")


def test_nul_byte(tmp_path):
    data = (ACTIVITY + "themes: [a\x00b]\n").encode()
    assert only(check(tmp_path, activities={"2024-bus.yml": data})) == (
        f"{F}:6: contains a NUL character; is this a binary file?")


def test_byte_order_mark_is_accepted_and_lines_still_count(tmp_path):
    data = b"\xef\xbb\xbf" + ACTIVITY.replace("status: in-progress", "status: finished").encode()
    assert only(check(tmp_path, activities={"2024-bus.yml": data})).startswith(f"{F}:4: status: 'finished'")
    clean(check(tmp_path / "2", activities={"2024-bus.yml": b"\xef\xbb\xbf" + ACTIVITY.encode()}))


@pytest.mark.parametrize("text", ["", "\n\n   \n", "# just a comment\n# and another\n", "---\n", "--- # x\n...\n",
                                  "~\n", "null\n"])
def test_empty_and_comment_only_files(tmp_path, text):
    assert only(activity(tmp_path, text)) == (
        f"{F}:1: the file is empty; it should hold the fields described in CONTENT_FORMAT.md")


def test_empty_organisation_file(tmp_path):
    assert only(check(tmp_path, organisation="")) == (
        "content/organisation.yml:1: the file is empty; it should hold the fields described in CONTENT_FORMAT.md")


def test_multiple_documents(tmp_path):
    text = ACTIVITY + "---\ntitle: Another\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:6: holds more than one YAML document (a line '---' in the middle?); keep one record per file")


def test_one_document_with_start_and_end_markers(tmp_path):
    clean(activity(tmp_path, "---\n" + ACTIVITY + "...\n"))


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!!python/name:os.system", "!custom"])
def test_object_tags_are_refused_and_nothing_runs(tmp_path, tag):
    marker = tmp_path / "pwned"
    text = ACTIVITY + f"themes: {tag} ['touch {marker}']\n"
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    assert only(activity(tmp_path, text)) == (
        f"{F}:6: themes: the tag '{shown}' is not allowed here; write plain YAML values")
    assert not marker.exists()


def test_object_tag_as_the_whole_file(tmp_path):
    marker = tmp_path / "pwned"
    text = f"!!python/object/apply:os.system ['touch {marker}']\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:1: the tag '!!python/object/apply:os.system' is not allowed here; write plain YAML values")
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary", "!!set", "!!omap"])
def test_other_standard_but_unusual_tags_are_refused(tmp_path, tag):
    value = {"!!binary": "aGVsbG8=", "!!set": "{a, b}", "!!omap": "[a: 1]"}[tag]
    assert only(activity(tmp_path, ACTIVITY + f"themes: {tag} {value}\n")) == (
        f"{F}:6: themes: the tag '{tag}' is not allowed here; write plain YAML values")


def test_explicit_str_tag_is_plain_text(tmp_path):
    result = activity(tmp_path, ACTIVITY.replace("title: Bus passes for carers", "title: !!str 2024"))
    clean(result)
    assert result.site.activities[0].title == "2024"


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_refused_quickly(tmp_path):
    result, seconds = timed(activity, tmp_path, BILLION_LAUGHS)
    assert seconds < 2
    message = only(result)
    assert message.startswith(f"{F}:5: aliases (*name) here would expand to more than")
    assert "an 'alias bomb'" in message and "write the entries out" in message


def test_alias_bomb_inside_valid_fields_is_refused_before_any_walk(tmp_path):
    text = ACTIVITY + "themes: &t [t, t, t, t, t, t, t, t, t, t]\npurpose:\n"
    names = ["t"]
    for level in range(1, 8):  # 10**8 entries if expanded
        names.append(f"l{level}")
        text += f"  x{level}: &l{level} [" + ", ".join([f"*{names[-2]}"] * 10) + "]\n"
    result, seconds = timed(activity, tmp_path, text)
    assert seconds < 2
    assert "an 'alias bomb'" in only(result)


def test_bomb_through_merge_keys(tmp_path):
    text = "a: &a {x1: 1, x2: 2, x3: 3, x4: 4, x5: 5, x6: 6, x7: 7, x8: 8}\n"
    prev = "a"
    for level in range(1, 7):
        text += f"b{level}: &b{level} [" + ", ".join([f"*{prev}"] * 12) + "]\n"
        prev = f"b{level}"
    text += f"title:\n  <<: *{prev}\n"
    result, seconds = timed(activity, tmp_path, text)
    assert seconds < 2
    assert "an 'alias bomb'" in only(result)


def test_bomb_with_anchors_written_straight_after_a_colon_is_refused(tmp_path):
    # In brackets YAML needs no space after ':' or '?', so {"decision":&r ...} defines an anchor too. Here 300
    # feedback items share one response of 300 updates: 90,000 updates to walk from a 28 kB file.
    updates = ", ".join(["{date: 2024-03-06, status: planned}"] * 300)
    text = (ACTIVITY + f'purpose: {{"decision":&r {{status: planned, updates: [{updates}]}}}}\nfeedback:\n'
            + "".join(f"  - {{id: b{i}, said: x, date: 2024-03-05, response: *r}}\n" for i in range(300)))
    result, seconds = timed(activity, tmp_path, text)
    assert seconds < 2
    assert only(result).startswith(f"{F}:{line_of(text, '- {id: b0,')}: aliases (*name) here would expand to more than")


@pytest.mark.parametrize("text, line", [('{"title":&t [*t]}\n', 1), ("[?&k [*k]]\n", 1),
                                        ("title: x\nthemes: ['a':&k [*k]]\n", 2), ("\ufeff\ufeff&m [*m]\n", 1)])
def test_every_way_of_writing_an_anchor_is_noticed(tmp_path, text, line):
    assert only(activity(tmp_path, text)) == (f"{F}:{line}: an alias (*name) is used inside the anchor (&name) it "
                                              "refers to, so it would never end; write the entries out instead")


@pytest.mark.parametrize("text, line", [(ACTIVITY + "themes: &t [a, *t]\n", 6), ("&r {title: *r}\n", 1),
                                        ("title: x\npurpose: &p\n  aims: [*p]\n", 2)])
def test_recursive_aliases(tmp_path, text, line):
    result, seconds = timed(activity, tmp_path, text)
    assert seconds < 2
    assert only(result) == (f"{F}:{line}: an alias (*name) is used inside the anchor (&name) it refers to, so it "
                            "would never end; write the entries out instead")


def test_modest_alias_use_is_fine(tmp_path):
    text = ACTIVITY + "themes: &themes [transport, respite]\npurpose:\n  aims: *themes\n  can_influence: *themes\n"
    result = activity(tmp_path, text)
    clean(result)
    assert result.site.activities[0].purpose.aims == ["transport", "respite"]


def test_merge_key_works_and_the_file_says_what_it_means(tmp_path):
    text = ACTIVITY + ("checklist:\n  organisation:\n    planning:\n"
                       "      strategy: &ans {answer: met, evidence: Agreed in May}\n"
                       "      purpose-written:\n        <<: *ans\n        answer: partly\n")
    result = activity(tmp_path, text)
    clean(result)
    answers = result.site.activities[0].checklist
    assert (answers["purpose-written"].answer, answers["purpose-written"].evidence) == ("partly", "Agreed in May")


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000 + "\n", "{a: " * 100_000 + "1" + "}" * 100_000,
                                  "- " * 100_000 + "x\n", "? " * 100_000 + "x\n",
                                  "".join(" " * i + "a:\n" for i in range(400))])
def test_very_deep_nesting_does_not_crash(tmp_path, text):
    result, seconds = timed(activity, tmp_path, text)
    assert seconds < 2
    message = only(result)
    assert message.startswith(f"{F}:")
    assert "is nested more than 64 levels deep (brackets, '- ' or indentation)" in message
    if text.startswith(" "):
        assert message.startswith(f"{F}:65:")


def test_deep_nesting_with_quoted_brackets_is_still_measured(tmp_path):
    text = '[ "]", ' * 50_000 + "x" + "]" * 50_000 + "\n"
    assert "nested more than 64 levels deep" in only(activity(tmp_path, text))


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    check(tmp_path)
    path = tmp_path / "content" / "activities" / "2024-bus.yml"
    with open(path, "r+b") as fh:
        fh.truncate(yamlfile.MAX_FILE_BYTES + 1)  # sparse: no need to write 16 MiB
    from mic_plugin.load.loader import load_site

    result, seconds = timed(load_site, tmp_path / "content", display_dir="content")
    assert seconds < 2
    assert [str(p) for p in result.problems] == [
        f"{F}: the file is 16.0 MiB; the largest accepted is 16 MiB (split it into smaller files)"]


def test_keys_that_yaml_reads_as_booleans_or_numbers(tmp_path):
    assert only(activity(tmp_path, ACTIVITY + "yes: 1\n")).startswith(f"{F}:6: yes: unknown field")
    assert only(activity(tmp_path / "2", ACTIVITY + "2024: x\n")).startswith(f"{F}:6: 2024: unknown field")
    assert only(activity(tmp_path / "3", ACTIVITY + "[a, b]: x\n")) == f"{F}:6: field names must be plain words"


def test_duplicate_keys_at_every_level(tmp_path):
    text = ACTIVITY + "purpose:\n  decision: a\n  decision: b\n" + "status: open\n"
    result = activity(tmp_path, text)
    assert [str(p) for p in result.errors] == [
        f"{F}:{line_of(text, 'decision: b')}: purpose.decision: is written twice (first on line 7); the second "
        "would silently replace the first",
        f"{F}:9: status: is written twice (first on line 4); the second would silently replace the first",
    ]


def test_every_file_is_read_even_when_one_is_broken(tmp_path):
    result = check(tmp_path, organisation=ORG + "why: [x\n", activities={
        "a.yml": "title: [\n", "b.yml": ACTIVITY, "c.yml": ACTIVITY.replace("consulting", "consult")})
    assert [(p.file, p.line) for p in result.errors] == [
        ("content/activities/a.yml", 1), ("content/activities/c.yml", 3), ("content/organisation.yml", 4)]


PIECES = ["title", "summary", "feedback", "response", "status", "checklist", "outcomes", "id", "date", "value",
          "organisation", "planning", "strategy", "met", "not-applicable", "evidence", "- ", ": ", "\n", "  ", "[",
          "]", "{", "}", ",", "&a ", "*a", "<<: ", "!!str ", "!!python/name:os.system ", "'", '"', "|", ">", "#",
          "---\n", "2024-13-45", "2024-03-01", "yes", "no", "~", "1.5", "-3", "07700 900123", "a@b.org", "\t", "?",
          "\ufeff", "é", "\\"]


def test_random_edits_never_raise_and_lines_stay_inside_the_file(tmp_path):
    """Hypothesis splices YAML-significant fragments into a valid file: every outcome is a located message."""
    import datetime as _dt

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from kits.contractkit import ITEM, write_content
    from mic_plugin.load.loader import load_site

    content = write_content(tmp_path)
    target = content / "activities" / "2024-bus.yml"
    base = ACTIVITY + "feedback:\n" + ITEM

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(0, len(base)))
    def edit(parts, pos):
        text = base[:pos] + "".join(parts) + base[pos:]
        target.write_text(text, encoding="utf-8")
        result = load_site(content, today=_dt.date(2025, 1, 1), display_dir="content")
        last = text.count("\n") + 1
        for problem in result.problems:
            assert problem.file.startswith("content/")
            assert 0 <= problem.line <= last, (str(problem), text)
            assert problem.message and "Traceback" not in problem.message

    edit()
