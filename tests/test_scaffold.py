"""``mic new activity`` and ``mic new feedback``: skeletons that validate, inserted without reformatting."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest
import yaml

from mic_plugin.cli import main
from mic_plugin.load.loader import load_site
from mic_plugin.authoring.skeletons import activity_id_for
from mic_plugin.model.vocab import PLACEHOLDER
from mic_plugin.load.spec import slug

TODAY = "2025-03-04"

ORGANISATION = """\
name: "Cymdeithas Gofalwyr Glan-yr-Afon — Riverside Carers"
purpose: |
  We involve carers because they know what works. Croeso: we work in Welsh and English.
public_contacts:
  - "0808 157 0192"
"""

# Written the way people really write YAML: comments everywhere, odd spacing, flow lists, an
# indentless sequence, quoted and unquoted dates.
FORUM = """\
# The carers' forum.   Keep this comment!
title: 'Carers'' forum: £5 lunches & "big" questions'
summary: >
  A monthly forum — open to every carer.
approach: engaging   # not consulting
status: open
started: "2024-01-09"
themes: [Money,   transport]
feedback:
- id: forum-lunch-cost
  said: "Lunch at £5 is too dear for some of us."   # said twice
  date: 2024-02-13
  response:
    status: planned
    did: We are asking the café.
- id: forum-welsh
  said: |
    Hoffwn gael y cyfarfodydd yn Gymraeg weithiau.

    (I would like the meetings in Welsh sometimes.)
  date: 2024-03-12
  count: 3

# Outcomes below: this comment belongs to them.
outcomes:
  - id: forum-attendance
    measure: People at the forum
    type: engagement
    value: 12
    date: 2024-03-12
"""

NO_FEEDBACK = """\
title: Young carers' survey
summary: A survey.
approach: consulting
status: planned
started: 2025-01-06
# no feedback yet
"""

EMPTY_FLOW = """\
title: Panel
summary: A panel.
approach: co-producing
status: open
started: 2024-05-01
feedback: []   # none yet
updates:
  - date: 2024-05-01
    note: First meeting.
"""

FLOW_ITEMS = """\
title: Flow
summary: A flow list.
approach: informing
status: open
started: 2024-05-01
feedback: [{id: flow-one, said: "Hello", date: 2024-05-02}]
"""


def write_site(root: Path, activities: dict[str, str], crlf: tuple[str, ...] = ()) -> Path:
    content = root / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    for name, text in activities.items():
        data = text.replace("\n", "\r\n") if name in crlf else text
        (content / "activities" / f"{name}.yml").write_bytes(data.encode("utf-8"))
    return content


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def validates(content: Path) -> None:
    result = load_site(content, today=_dt.date.fromisoformat(TODAY))
    assert result.ok, "\n".join(str(p) for p in result.problems)
    assert not result.warnings, "\n".join(str(p) for p in result.problems)
    assert main(["validate", str(content), "--strict", "--today", TODAY]) == 0


@pytest.fixture
def site(tmp_path) -> Path:
    return write_site(tmp_path, {"2024-carers-forum": FORUM, "2025-survey": NO_FEEDBACK, "2024-panel": EMPTY_FLOW,
                                 "2024-flow": FLOW_ITEMS})


# --- mic new activity -------------------------------------------------------------------------------------


def test_new_activity_writes_a_commented_skeleton_that_validates(site, capsys):
    title = 'Bysiau\'r Cymoedd: "free" bus passes? #2025 — £0 fares'
    code, out, err = run(capsys, "new", "activity", title, "--content", str(site), "--today", TODAY)
    assert code == 0, err
    path = Path(out.strip())
    assert path == site / "activities" / "2025-bysiau-r-cymoedd-free-bus-passes-2025-0-fares.yml"
    text = path.read_text(encoding="utf-8")
    validates(site)
    activity = load_site(site, today=_dt.date(2025, 3, 4)).site.activity(path.stem)
    assert activity.title == title  # quotes, colon, # and £ survive as written
    assert activity.status == "planned"
    assert activity.approach == "consulting"
    assert activity.started == _dt.date(2025, 3, 4)
    assert activity.summary.startswith(PLACEHOLDER)
    # every field of the contract is explained in a comment, and the vocabularies are listed
    for name in ("title", "summary", "approach", "status", "started", "ended", "themes", "purpose", "participation",
                 "checklist", "outcomes", "updates", "feedback"):
        assert re.search(rf"^# {name}: \S", text, re.MULTILINE), name
    for word in ("informing", "consulting", "engaging", "co-designing", "co-producing", "in-progress", "cancelled",
                 "not-applicable"):
        assert re.search(rf"^#.*\b{word}\b", text, re.MULTILINE), word
    assert f"mic new feedback {path.stem}" in text


def uncomment(text: str, first_line: str) -> str:
    """Remove the "# " in front of the block that starts at ``first_line`` (up to the next blank line)."""
    lines = text.split("\n")
    start = lines.index(first_line)
    end = start
    while end < len(lines) and lines[end].strip():
        lines[end] = lines[end][2:]
        end += 1
    return "\n".join(lines)


@pytest.mark.parametrize("section", ["# themes: [transport]", "# purpose:", "# participation:", "# checklist:",
                                     "# outcomes:", "# updates:"])
def test_each_commented_section_validates_once_uncommented(site, capsys, section):
    code, out, _ = run(capsys, "new", "activity", "Section test", "--content", str(site), "--today", TODAY)
    path = Path(out.strip())
    path.write_text(uncomment(path.read_text(encoding="utf-8"), section), encoding="utf-8")
    validates(site)
    activity = load_site(site, today=_dt.date(2025, 3, 4)).site.activity(path.stem)
    field = section[2:].split(":")[0]
    value = getattr(activity, field)
    assert value and (not hasattr(value, "empty") or not value.empty)
    if field == "checklist":
        assert len(activity.checklist) == 29


def test_same_title_gets_a_fresh_id(site, capsys):
    paths = []
    for _ in range(3):
        code, out, _ = run(capsys, "new", "activity", "Carers' café", "--content", str(site), "--today", TODAY)
        assert code == 0
        paths.append(Path(out.strip()).name)
    assert paths == ["2025-carers-cafe.yml", "2025-carers-cafe-2.yml", "2025-carers-cafe-3.yml"]
    validates(site)


def test_activity_ids_are_valid_for_any_title():
    assert slug("Ŵyl Gofalwyr — Gŵyl!") == "wyl-gofalwyr-gwyl"
    assert activity_id_for("照顾者", 2025, set()) == "2025-activity"
    long = activity_id_for("word " * 40, 2025, set())
    assert len(long) <= 80 and not long.endswith("-")
    taken = {long}
    again = activity_id_for("word " * 40, 2025, taken)
    assert again != long and len(again) <= 80 and again.endswith("-2")


def test_approach_option_and_refusals(site, tmp_path, capsys):
    code, out, _ = run(capsys, "new", "activity", "Design group", "--approach", "co-designing",
                       "--content", str(site), "--today", TODAY)
    assert code == 0 and "approach: co-designing\n" in Path(out.strip()).read_text(encoding="utf-8")
    code, out, err = run(capsys, "new", "activity", "   ", "--content", str(site), "--today", TODAY)
    assert code == 1 and "title is empty" in err and not out
    code, out, err = run(capsys, "new", "activity", "X", "--content", str(tmp_path / "nowhere"))
    assert code == 1 and "no such folder" in err
    (tmp_path / "docs").mkdir()
    code, out, err = run(capsys, "new", "activity", "X", "--content", str(tmp_path / "docs"))
    assert code == 1 and "no organisation.yml" in err
    # a title that would publish a private phone number is refused and nothing is left behind
    before = sorted(p.name for p in (site / "activities").iterdir())
    code, out, err = run(capsys, "new", "activity", "Ring Sam on 07700 900123", "--content", str(site),
                         "--today", TODAY)
    assert code == 1 and "phone number" in err and ": title: " in err
    assert sorted(p.name for p in (site / "activities").iterdir()) == before


def test_default_content_folder_is_content_under_the_current_folder(site, capsys, monkeypatch):
    monkeypatch.chdir(site.parent)
    code, out, err = run(capsys, "new", "activity", "Here", "--today", TODAY)
    assert code == 0, err
    assert out.strip() == "content/activities/2025-here.yml"
    code, out, err = run(capsys, "new", "feedback", "2025-here", "--today", TODAY)
    assert code == 0, err
    assert out.startswith("content/activities/2025-here.yml: added feedback item 2025-here-1")


# --- mic new feedback ---------------------------------------------------------------------------------------


def removed_block(new: str, old: str) -> str:
    """The text ``new`` has that ``old`` lacks, when it is one inserted block (else fail)."""
    start = 0
    while start < len(old) and new[start] == old[start]:
        start += 1
    start = old.rfind("\n", 0, start) + 1
    tail = len(old) - start
    assert new.endswith(old[start:]) if tail else True
    return new[start: len(new) - tail]


def test_new_feedback_inserts_text_and_keeps_everything_else(site, capsys):
    path = site / "activities" / "2024-carers-forum.yml"
    old = path.read_text(encoding="utf-8")
    code, out, err = run(capsys, "new", "feedback", "2024-carers-forum", "--content", str(site), "--today", TODAY)
    assert code == 0, err
    assert out.strip() == f"{path}: added feedback item 2024-carers-forum-3"
    new = path.read_text(encoding="utf-8")
    block = removed_block(new, old)
    assert new.replace(block, "", 1) == old  # nothing else changed: comments, quotes, spacing all kept
    assert block.startswith("- id: 2024-carers-forum-3\n")  # the file's own indentless style
    assert new.index(block) < new.index("# Outcomes below")  # inside the list, before the next key's comment
    validates(site)
    activity = load_site(site, today=_dt.date(2025, 3, 4)).site.activity("2024-carers-forum")
    assert [f.id for f in activity.feedback] == ["forum-lunch-cost", "forum-welsh", "2024-carers-forum-3"]
    item = activity.feedback[-1]
    assert item.date == _dt.date(2025, 3, 4) and item.response is None and item.said.startswith(PLACEHOLDER)
    assert activity.outcomes[0].id == "forum-attendance"


def test_new_feedback_without_a_feedback_key_or_with_an_empty_list(site, capsys):
    for activity_id, expect_indent in (("2025-survey", "  - id: "), ("2024-panel", "  - id: ")):
        path = site / "activities" / f"{activity_id}.yml"
        old = path.read_text(encoding="utf-8")
        code, out, err = run(capsys, "new", "feedback", activity_id, "--content", str(site), "--today", TODAY,
                             "--date", "2025-02-28")
        assert code == 0, err
        new = path.read_text(encoding="utf-8")
        assert f"{expect_indent}{activity_id}-1\n" in new
        data = yaml.safe_load(new)
        assert data["feedback"][0]["date"] == _dt.date(2025, 2, 28)
        if activity_id == "2024-panel":
            assert re.search(r"^feedback: +# none yet\n", new, re.MULTILINE)  # the [] went, the comment stayed
            assert new.split("feedback:")[0] == old.split("feedback:")[0]
            assert new.endswith("updates:\n  - date: 2024-05-01\n    note: First meeting.\n")
        else:
            assert new.startswith(old) and "# no feedback yet\nfeedback:\n" in new
    validates(site)


def test_new_feedback_ids_are_unique_across_the_site(site, capsys):
    # someone already used the next id in another activity
    forum = site / "activities" / "2024-carers-forum.yml"
    survey = site / "activities" / "2025-survey.yml"
    survey.write_text(NO_FEEDBACK + "feedback:\n  - id: 2024-carers-forum-3\n    said: Taken.\n"
                      "    date: 2025-01-07\n", encoding="utf-8")
    made = []
    for _ in range(3):
        code, out, err = run(capsys, "new", "feedback", "2024-carers-forum", "--content", str(site), "--today", TODAY)
        assert code == 0, err
        made.append(out.strip().rsplit(" ", 1)[-1])
    assert made == ["2024-carers-forum-4", "2024-carers-forum-5", "2024-carers-forum-6"]
    validates(site)
    site_ = load_site(site, today=_dt.date(2025, 3, 4)).site
    ids = [f.id for f in site_.all_feedback()]
    assert len(ids) == len(set(ids)) == 7
    assert forum.read_text(encoding="utf-8").count("# said: what people said") == 3


def test_new_feedback_keeps_crlf_line_ends_and_a_bom(tmp_path, capsys):
    content = write_site(tmp_path, {"2024-carers-forum": FORUM}, crlf=("2024-carers-forum",))
    path = content / "activities" / "2024-carers-forum.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, _, err = run(capsys, "new", "feedback", "2024-carers-forum", "--content", str(content), "--today", TODAY)
    assert code == 0, err
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# The carers' forum.")
    assert data.count(b"\n") == data.count(b"\r\n")
    validates(content)


def test_new_feedback_refuses_clearly(site, capsys):
    code, out, err = run(capsys, "new", "feedback", "2024-carer-forum", "--content", str(site), "--today", TODAY)
    assert code == 1 and not out
    assert "there is no activity '2024-carer-forum'" in err and "did you mean '2024-carers-forum'?" in err
    code, _, err = run(capsys, "new", "feedback", "2024-flow", "--content", str(site), "--today", TODAY)
    assert code == 1 and "2024-flow.yml:6: feedback is written as a [...] list" in err
    broken = site / "activities" / "2024-panel.yml"
    before = broken.read_text(encoding="utf-8").replace("status: open", "status: finished")
    broken.write_text(before, encoding="utf-8")
    code, _, err = run(capsys, "new", "feedback", "2024-panel", "--content", str(site), "--today", TODAY)
    assert code == 1 and "has problems; fix them first" in err and "2024-panel.yml:4: status: 'finished'" in err
    assert broken.read_text(encoding="utf-8") == before
    code, _, err = run(capsys, "new", "feedback", "2024-panel", "--content", str(site / "missing"))
    assert code == 1 and "no such folder" in err


def test_the_response_block_of_a_new_item_validates_once_uncommented_with_every_date_read(site, capsys):
    """``communicated: 2025-03-04# when...`` would be text, not a date: every note keeps a space before '#'."""
    code, out, err = run(capsys, "new", "feedback", "2025-survey", "--content", str(site), "--today", TODAY)
    assert code == 0, err
    path = site / "activities" / "2025-survey.yml"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\S# ", text.replace("\n#", "\n").split("feedback:", 1)[1])
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "# response:")
    for i in range(start, len(lines)):
        if lines[i].strip().startswith("#"):
            lines[i] = lines[i].replace("# ", "", 1)
    uncommented = "\n".join(lines).replace("status: considering", "status: done", 1)
    path.write_text(uncommented.replace("status: considering", "status: done"), encoding="utf-8")
    validates(site)
    item = load_site(site, today=_dt.date(2025, 3, 4)).site.activity("2025-survey").feedback[-1]
    assert item.response.communicated == _dt.date(2025, 3, 4) and item.response.due == _dt.date(2025, 3, 4)


@pytest.mark.parametrize("chomp", ["|+", ">+", "|2+"])
def test_new_feedback_keeps_the_kept_line_breaks_of_the_item_before(site, capsys, chomp):
    path = site / "activities" / "2025-survey.yml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + (
        f"\nfeedback:\n  - id: kept-breaks\n    said: {chomp}\n      Two blank lines follow.\n\n\n"
        "    date: 2025-01-02\n  - id: kept-last\n    date: 2025-01-03\n    said: " + chomp + "\n      Also kept.\n\n\n")
    path.write_text(text, encoding="utf-8")
    before = yaml.safe_load(text)["feedback"]
    code, out, err = run(capsys, "new", "feedback", "2025-survey", "--content", str(site), "--today", TODAY)
    assert code == 0, err
    after = yaml.safe_load(path.read_text(encoding="utf-8"))["feedback"]
    assert after[:-1] == before
    assert after[-1]["id"] == "2025-survey-3"
