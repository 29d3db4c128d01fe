"""``mic diff``: every added, removed and changed record named, removals loud, same output every run."""

from __future__ import annotations

import copy
import datetime as _dt
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from mic_plugin.cli import main
from mic_plugin.derive.diff import NO_CHANGES
from mic_plugin.load.framework import DEFAULT_FRAMEWORK, load_framework
from mic_plugin.load.problems import Problems

DEMO = Path(__file__).resolve().parent.parent / "content"
FRAMEWORK = load_framework(DEFAULT_FRAMEWORK, None, Problems())

ORGANISATION = """\
name: Glan-yr-Afon Carers
purpose: We involve carers — gofalwyr — because they know what works.
"""

OLD_CAFE = """\
title: "Carers' café: £3 lunches"
summary: |
  A weekly café.
approach: consulting
status: open
started: 2024-01-09
checklist:
  organisation:
    planning:
      purpose-written: partly
      strategy: {answer: met, evidence: "Agreed in May"}
feedback:
  - id: cafe-price
    said: "£3 is too much for some of us, **honestly**."
    date: 2024-02-13
    response:
      status: planned
      did: We are asking the council for a grant.
      updates:
        - date: 2024-02-20
          status: planned
  - id: cafe-welsh
    said: Hoffwn gael y caffi yn Gymraeg.
    date: 2024-03-12
    themes: [Welsh language]
  - id: cafe-parking
    said: There is nowhere to park.
    date: 2024-03-12
  - id: cafe-moving
    said: The room is too small.
    date: 2024-03-19
outcomes:
  - id: cafe-visits
    measure: Carers at the café
    type: engagement
    unit: people
    value: 12
    date: 2024-03-31
updates:
  - date: 2024-01-09
    note: First café.
"""

NEW_CAFE = """\
# reordered keys and a comment: not a change to the record
status: open
title: "Carers' café: £3 lunches"
approach: consulting
summary: |
  A weekly café.
started: 2024-01-09
checklist:
  organisation:
    planning:
      purpose-written: met
      strategy: {answer: met, evidence: "Agreed in June, after a second draft"}
feedback:
  - id: cafe-price
    said: "£3 is too much for some of us, **honestly**."
    date: 2024-02-13
    response:
      status: done
      did: The council's grant pays for free lunches on Tuesdays.
      communicated: 2024-06-04
      updates:
        - date: 2024-02-20
          status: planned
        - date: 2024-05-28
          status: done
          note: Grant agreed @council-bot <b>today</b>.
  - id: cafe-welsh
    said: Hoffwn gael y caffi yn Gymraeg, os gwelwch yn dda.
    date: 2024-03-12
    themes: [Welsh language, Access]
  - id: cafe-new-chairs
    said: "Softer chairs, please: [my back](http://example.org) hurts."
    date: 2024-05-28
    count: 4
outcomes:
  - id: cafe-visits
    measure: Carers at the café
    type: engagement
    unit: people
    value: 12
    date: 2024-03-31
  - id: cafe-visits
    value: 19
    date: 2024-06-30
updates:
  - date: 2024-01-09
    note: First café.
  - date: 2024-06-04
    note: Free lunches start on Tuesdays.
"""

OLD_PANEL = """\
title: Young carers' panel
summary: A panel.
approach: co-producing
status: in-progress
started: 2024-04-01
feedback:
  - id: panel-times
    said: After school, not during.
    date: 2024-04-10
"""

NEW_HALL = """\
title: Hall move
summary: Moving the café to the church hall.
approach: informing
status: planned
started: 2024-06-01
feedback:
  - id: cafe-moving
    said: The room is too small.
    date: 2024-03-19
"""


def write(root: Path, activities: dict[str, str]) -> Path:
    (root / "activities").mkdir(parents=True)
    (root / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    for name, text in activities.items():
        (root / "activities" / f"{name}.yml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def sides(tmp_path) -> tuple[Path, Path]:
    old = write(tmp_path / "old", {"2024-cafe": OLD_CAFE, "2024-panel": OLD_PANEL})
    new = write(tmp_path / "new", {"2024-cafe": NEW_CAFE, "2024-hall": NEW_HALL})
    return old, new


def diff(capsys, *argv) -> tuple[int, str, str]:
    code = main(["diff", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_names_every_change(sides, capsys):
    old, new = sides
    code, out, err = diff(capsys, old, new)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == ("Adds 1 activity, removes 1 activity, marks 1 response done, adds 1 feedback item, "
                        "removes 2 feedback items, moves 1 feedback item, changes 2 feedback items, adds 2 updates, "
                        "changes 2 checklist answers, raises a badge, adds 1 outcome value.")
    # removals first and loud, with the links that break
    warning = out.split("\n\n")[1]
    assert warning.startswith("WARNING: 4 permalinks will break")
    assert "!! cafe-parking of 2024-cafe (was at activities/2024-cafe/#cafe-parking)" in warning
    assert "!! cafe-moving moves from 2024-cafe to 2024-hall (was at activities/2024-cafe/#cafe-moving)" in warning
    assert "!! the page of activity 2024-panel (was at activities/2024-panel/)" in warning
    assert "!! panel-times of 2024-panel (was at activities/2024-panel/#panel-times)" in warning
    expected = [
        "Carers' café: £3 lunches (2024-cafe)",
        "  Feedback added:",
        "    cafe-new-chairs (2024-05-28, awaiting a response): “Softer chairs, please: [my back](http://example.org) hurts.”",
        "  Feedback moved away:",
        "    cafe-moving to 2024-hall",
        "  Feedback removed:",
        "    cafe-parking: “There is nowhere to park.”",
        "  Feedback changed:",
        "    cafe-price response.did: “We are asking the council for a grant.” → “The council's grant pays for free lunches on Tuesdays.”",
        "    cafe-price response.communicated: (none) → 2024-06-04",
        "    cafe-welsh said: “Hoffwn gael y caffi yn Gymraeg.” → “Hoffwn gael y caffi yn Gymraeg, os gwelwch yn dda.”",
        "    cafe-welsh themes: “Welsh language” → “Welsh language, Access”",
        "  Response status:",
        "    cafe-price: planned → done",
        "  New updates:",
        "    cafe-price response, 2024-05-28, done: “Grant agreed @council-bot <b>today</b>.”",
        "    activity, 2024-06-04: “Free lunches start on Tuesdays.”",
        "  Checklist:",
        "    Purpose is agreed and written down (organisation/planning/purpose-written): partly → met",
        "    Strategy drawn up (organisation/planning/strategy): evidence changed (answer still met)",
        "    badge 1 of 29 met → 2 of 29 met (raised)",
        "  Outcomes:",
        "    cafe-visits: new value 19 people on 2024-06-30",
        "",
        "Hall move (2024-hall, added)",
        "  Added:",
        "    status planned, approach informing, started 2024-06-01, badge 0 of 29 met",
        "  Feedback moved here:",
        "    cafe-moving from 2024-cafe",
        "",
        "Young carers' panel (2024-panel, removed)",
        "  Removed:",
        "    the activity page activities/2024-panel/ and its badge disappear",
        "  Feedback removed:",
        "    panel-times: “After school, not during.”",
    ]
    start = lines.index(expected[0])
    assert lines[start: start + len(expected)] == expected
    assert "Organisation-wide badge:\n    1 of 58 met → 2 of 58 met" in out


def test_markdown_for_a_pull_request_comment(sides, capsys):
    old, new = sides
    code, out, err = diff(capsys, old, new, "--format", "markdown")
    assert code == 0, err
    assert out.startswith("**Adds 1 activity, removes 1 activity, marks 1 response done,")
    assert "> [!WARNING]\n> **4 permalinks will break:" in out
    assert "> - `cafe-parking` of `2024-cafe` (was at `activities/2024-cafe/#cafe-parking`)" in out
    assert "#### Carers' café: £3 lunches (`2024-cafe`)" in out
    assert "- `cafe-price`: `planned` → `done`" in out
    assert "- Purpose is agreed and written down (`organisation/planning/purpose-written`): `partly` → `met`" in out
    assert "- badge `1 of 29 met` → `2 of 29 met` (raised)" in out
    # text people wrote cannot format, link, inject HTML or @mention anyone in the comment
    assert "Grant agreed @\u200bcouncil-bot \\<b\\>today\\</b\\>." in out
    assert "“Softer chairs, please: \\[my back\\](http://example.org) hurts.”" in out
    assert "\\*\\*honestly\\*\\*" not in out  # unchanged text is not repeated
    assert "@council" not in out


OLD_OUTCOMES = """\
- id: carers-heard
  measure: Carers who felt heard
  type: feedback
  value: 14
  out_of: 18
  date: 2024-03-31
- id: cafe-lunches
  measure: Lunches served
  type: engagement
  unit: lunches
  value: 40
  date: 2024-03-31
- id: cafe-lunches
  value: 55
  date: 2024-06-30
"""


def test_organisation_wide_outcomes_come_before_the_activities(tmp_path, capsys):
    old = write(tmp_path / "old", {"2024-panel": OLD_PANEL})
    (old / "outcomes.yml").write_text(OLD_OUTCOMES, encoding="utf-8")
    new = write(tmp_path / "new", {})
    code, out, err = diff(capsys, old, new)
    assert code == 0, err
    assert out.splitlines()[0] == "Removes 1 activity, removes 1 feedback item, removes 2 measures."
    blocks = out.split("\n\n")[2:]
    assert [b.splitlines()[0] for b in blocks] == ["Organisation", "Organisation-wide outcomes (outcomes.yml)",
                                                   "Young carers' panel (2024-panel, removed)"]
    assert blocks[1].splitlines()[1:] == [
        "  Outcomes:",
        "    measure carers-heard removed (“Carers who felt heard”, 1 value)",
        "    measure cafe-lunches removed (“Lunches served”, 2 values)",
    ]


def test_same_output_every_run(sides, capsys):
    old, new = sides
    first = [diff(capsys, old, new, "--format", f)[1] for f in ("text", "markdown")]
    for _ in range(2):
        assert [diff(capsys, old, new, "--format", f)[1] for f in ("text", "markdown")] == first


def test_nothing_changed_says_so_in_one_line(sides, tmp_path, capsys):
    old, _ = sides
    # the same record written differently: comments, key order, quoting, flow style, indentless lists
    same = write(tmp_path / "same", {"2024-panel": OLD_PANEL})
    cafe = yaml.safe_load(OLD_CAFE)
    text = "# rewritten by hand\n" + yaml.safe_dump(dict(reversed(list(cafe.items()))), allow_unicode=True,
                                                      default_flow_style=None, indent=4)
    (same / "activities" / "2024-cafe.yml").write_text(text, encoding="utf-8")
    for fmt in ("text", "markdown"):
        code, out, err = diff(capsys, old, same, "--format", fmt)
        assert (code, out, err) == (0, NO_CHANGES + "\n", "")
    code, out, _ = diff(capsys, old, old)
    assert (code, out) == (0, NO_CHANGES + "\n")


def test_invalid_side_prints_its_problems_and_exits_1(sides, capsys):
    old, new = sides
    path = new / "activities" / "2024-hall.yml"
    path.write_text(NEW_HALL.replace("status: planned", "status: finished"), encoding="utf-8")
    code, out, err = diff(capsys, old, new)
    assert code == 1 and out == ""
    assert f"{new} is not valid content" in err
    assert f"{new}/activities/2024-hall.yml:4: status: 'finished' is not one of" in err
    code, out, err = diff(capsys, old, "no-such-thing")
    assert code == 1 and "'no-such-thing' is neither a folder nor a git revision" in err


# --- git revisions ------------------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, sides) -> Path:
    old, new = sides
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    (root / "README.md").write_text("a site\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "no content yet")
    shutil.copytree(old, root / "content")
    git(root, "add", ".")
    git(root, "commit", "-qm", "old")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    shutil.rmtree(root / "content")
    shutil.copytree(new, root / "content")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "new")
    return root


def test_git_revisions_match_folders(repo, sides, capsys, monkeypatch):
    old, new = sides
    expected = diff(capsys, old, new)[1]
    monkeypatch.chdir(repo)
    assert diff(capsys, "origin/main", "HEAD") == (0, expected, "")
    # a folder on one side, a revision on the other; and from a sub-folder with --content
    assert diff(capsys, "HEAD~1", "content")[1] == expected
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    assert diff(capsys, "HEAD~1", "HEAD", "--content", "../content")[1] == expected


def test_revision_without_content_means_everything_is_new(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    code, out, err = diff(capsys, "HEAD~2", "HEAD~1")
    assert code == 0, err
    assert out.startswith("Adds 2 activities, adds 5 feedback items, adds 1 update, adds 1 measure.")
    assert "new record for Glan-yr-Afon Carers" in out
    code, out, err = diff(capsys, "HEAD~1", "HEAD~2")
    assert out.startswith("Removes 2 activities, removes 5 feedback items, removes 1 measure.")
    assert "WARNING: 7 permalinks will break" in out
    code, out, err = diff(capsys, "HEAD~9", "HEAD")
    assert code == 1 and "'HEAD~9' is neither a folder nor a git revision" in err


def test_export_ignore_cannot_hide_a_new_activity_from_the_comparison(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / ".gitattributes").write_text("content/activities/2024-hall.yml export-ignore\ncontent/** export-ignore\n")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-qm", "hide it")
    code, out, err = diff(capsys, "origin/main", "HEAD")
    assert code == 0, err
    assert "2024-hall" in out and "Adds 1 activity" in out


@pytest.mark.parametrize("target", ["/etc/hostname", "../../README.md", "../../../../outside.yml"])
def test_a_committed_link_leading_outside_the_content_folder_is_a_located_error(repo, capsys, monkeypatch, target):
    monkeypatch.chdir(repo)
    link = repo / "content" / "activities" / "2024-leak.yml"
    os.symlink(target, link)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link")
    code, out, err = diff(capsys, "origin/main", "HEAD")
    assert code == 1 and out == "" and "internal error" not in err
    assert ("HEAD:content/activities/2024-leak.yml: is a link to a file or folder outside the content folder"
            in err), err
    code, out, err = diff(capsys, "origin/main", "content")  # the same folder on disk: the same message
    assert code == 1 and "content/activities/2024-leak.yml: is a link to a file or folder outside" in err


def test_a_committed_link_inside_the_content_folder_is_read(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    os.symlink("2024-hall.yml", repo / "content" / "activities" / "2024-hall-again.yml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link inside")
    code, out, err = diff(capsys, "HEAD~1", "HEAD")
    assert "2024-hall-again" in out or "feedback id" in err, (out, err)


# --- two versions nobody tuned for: random edits of the demo content, checked against the raw YAML ------------


def load_raw(folder: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((folder / "activities").glob("*.yml"))}


def mutate(raw: dict[str, dict], rng: random.Random) -> dict[str, dict]:
    """Valid random edits of the kinds a pull request makes."""
    raw = copy.deepcopy(raw)
    markers = [m for m in FRAMEWORK.markers]
    for step in range(rng.randint(3, 9)):
        kind = rng.choice(["remove", "add", "status", "said", "themes", "answer", "value", "move", "drop-activity",
                           "new-activity", "update"])
        ids = sorted(raw)
        aid = rng.choice(ids)
        act = raw[aid]
        items = act.setdefault("feedback", [])
        if kind == "remove" and items:
            items.pop(rng.randrange(len(items)))
        elif kind == "add":
            items.append({"id": f"added-{step}-{rng.randrange(10**6)}", "said": "Nid yw'r bws yn dod — £4 return.",
                          "date": act["started"]})
        elif kind == "status":
            open_ = [f for f in items if f.get("response") and f["response"]["status"] != "done"]
            if open_:
                item = rng.choice(open_)
                r = item["response"]
                r["status"] = "done"
                r["did"] = r.get("did") or "Done, at last."
                r.pop("reason", None)
                dates = [u["date"] for u in r.get("updates", [])] + [item["date"]]
                r.setdefault("updates", []).append({"date": max(dates), "status": "done"})
        elif kind == "said" and items:
            item = rng.choice(items)  # said in each language the demo writes it in
            item["said"] = ({lang: text + "\n\n*Edited* after the meeting." for lang, text in item["said"].items()}
                            if isinstance(item["said"], dict) else item["said"] + "\n\n*Edited* after the meeting.")
        elif kind == "themes" and items:
            item = rng.choice(items)
            item["themes"] = list(item.get("themes", [])) + [f"theme {step}"]
        elif kind == "answer":
            marker = rng.choice(markers)
            block = act.setdefault("checklist", {}).setdefault(marker.actor, {}) or {}
            act["checklist"][marker.actor] = block
            stage = block.setdefault(marker.stage, {}) or {}
            block[marker.stage] = stage
            current = stage.get(marker.id)
            current = current.get("answer") if isinstance(current, dict) else current
            stage[marker.id] = rng.choice([a for a in ("met", "partly", "not-met") if a != current])
        elif kind == "value" and act.get("outcomes"):
            entry = rng.choice(act["outcomes"])
            taken = {e["date"] for e in act["outcomes"] if e["id"] == entry["id"]}
            day = min(taken) - _dt.timedelta(days=1)
            new = {"id": entry["id"], "value": 1, "date": day}
            first = next(e for e in act["outcomes"] if e["id"] == entry["id"])
            if "out_of" in first or "out_of" in entry:
                new["out_of"] = 1000
            act["outcomes"].append(new)
        elif kind == "move" and items and len(ids) > 1:
            item = items.pop(rng.randrange(len(items)))
            other = rng.choice([i for i in ids if i != aid])
            raw[other].setdefault("feedback", []).append(item)
        elif kind == "drop-activity" and len(ids) > 2:
            del raw[aid]
        elif kind == "new-activity":
            clone = copy.deepcopy(act)
            for f in clone.get("feedback", []):
                f["id"] = f"copy{step}-{f['id']}"[:80]
            raw[f"{aid[:70]}-copy{step}"] = clone
        elif kind == "update":
            act.setdefault("updates", []).append({"date": act["started"], "note": f"Update {step}: Diolch!"})
    return raw


def feedback_index(raw: dict[str, dict]) -> dict[str, tuple[str, dict]]:
    return {f["id"]: (aid, f) for aid, act in raw.items() for f in act.get("feedback") or []}


def status(item: dict) -> str:
    return item["response"]["status"] if item.get("response") else "awaiting"


def mentioned(word: str, text: str) -> bool:
    return re.search(rf"(?<![a-z0-9-]){re.escape(word)}(?![a-z0-9-])", text) is not None


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_of_the_demo_are_all_named(tmp_path, capsys, seed):
    rng = random.Random(seed)
    old_raw = load_raw(DEMO)
    new_raw = mutate(old_raw, rng)
    new = tmp_path / "new"
    (new / "activities").mkdir(parents=True)
    for name in ("organisation.yml", "outcomes.yml"):
        shutil.copy(DEMO / name, new / name)
    for aid, data in new_raw.items():
        (new / "activities" / f"{aid}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                                        encoding="utf-8")
    code, out, err = diff(capsys, DEMO, new)
    assert code == 0, err
    before, after = feedback_index(old_raw), feedback_index(new_raw)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    moved = sorted(i for i in set(before) & set(after) if before[i][0] != after[i][0])
    changed = sorted(i for i in set(before) & set(after) if before[i][1] != after[i][1])
    untouched = sorted(i for i in set(before) & set(after) if i not in moved and i not in changed
                       and before[i][0] in new_raw)
    if not (added or removed or moved or changed) and old_raw == new_raw:
        assert out == NO_CHANGES + "\n"
        return
    head = out.splitlines()[0].lower()
    for fid in added:
        assert re.search(rf"^    {re.escape(fid)} \(", out, re.MULTILINE), fid
    warning = out.split("\n\n")[1] if removed or moved else ""
    for fid in removed:
        assert f"!! {fid} of {before[fid][0]} (was at activities/{before[fid][0]}/#{fid})" in warning
    for fid in moved:
        assert f"!! {fid} moves from {before[fid][0]} to {after[fid][0]}" in warning
    for fid in changed:
        assert mentioned(fid, out), fid
        old_status, new_status = status(before[fid][1]), status(after[fid][1])
        if old_status != new_status:
            assert f"    {fid}: {old_status} → {new_status}\n" in out
    for fid in untouched:
        assert not mentioned(fid, out), f"{fid} did not change but is named"
    for aid in sorted(set(new_raw) - set(old_raw)):
        assert f"({aid}, added)" in out
    for aid in sorted(set(old_raw) - set(new_raw)):
        assert f"({aid}, removed)" in out and f"!! the page of activity {aid}" in out
    for aid in sorted(set(old_raw) & set(new_raw)):
        assert (old_raw[aid] == new_raw[aid]) != (f"({aid})" in out), aid
    n_removed = len(removed)
    if n_removed:
        assert f"removes {n_removed} feedback item{'s' if n_removed != 1 else ''}" in head
    if added:
        assert f"adds {len(added)} feedback item{'s' if len(added) != 1 else ''}" in head
    done = sum(1 for fid in changed if status(before[fid][1]) != "done" == status(after[fid][1]))
    if done:
        assert f"marks {done} response{'s' if done != 1 else ''} done" in head


# --- every language's text ------------------------------------------------------------------------------------

BILINGUAL_ORG = """\
name: {en: Glan-yr-Afon Carers, cy: Gofalwyr Glan-yr-Afon}
purpose: {en: We involve carers., cy: Rydym yn cynnwys gofalwyr.}
languages: [en, cy]
"""

BILINGUAL_CAFE = """\
title: {en: Carers' café, cy: Caffi gofalwyr}
summary: {en: A weekly café., cy: Caffi wythnosol.}
approach: consulting
status: open
started: 2024-01-09
themes: [{en: food, cy: bwyd}]
checklist:
  organisation:
    planning:
      strategy: {answer: met, evidence: {en: Agreed in May, cy: Cytunwyd ym mis Mai}}
feedback:
  - id: cafe-price
    said: {en: £3 is too much., cy: Mae £3 yn ormod.}
    date: 2024-02-13
    response:
      status: planned
      did: {en: We are asking for a grant., cy: Rydym yn gofyn am grant.}
      updates:
        - {date: 2024-02-20, status: planned, note: {en: Asked the council., cy: Gofynnwyd i'r cyngor.}}
outcomes:
  - {id: visits, measure: {en: Carers at the café, cy: Gofalwyr yn y caffi}, type: engagement, value: 12, date: 2024-03-31}
updates:
  - {date: 2024-01-09, note: {en: First café., cy: Y caffi cyntaf.}}
"""


def bilingual(root: Path, cafe: str, organisation: str = BILINGUAL_ORG) -> Path:
    (root / "activities").mkdir(parents=True)
    (root / "organisation.yml").write_text(organisation, encoding="utf-8")
    (root / "activities" / "2024-cafe.yml").write_text(cafe, encoding="utf-8")
    return root


@pytest.mark.parametrize("before, after, line", [
    ("cy: Mae £3 yn ormod.", "cy: Mae £3 yn llawer gormod.",
     "cafe-price said (cy): “Mae £3 yn ormod.” → “Mae £3 yn llawer gormod.”"),
    ("cy: Rydym yn gofyn am grant.", "cy: Rydym wedi gofyn am grant.",
     "cafe-price response.did (cy): “Rydym yn gofyn am grant.” → “Rydym wedi gofyn am grant.”"),
    ("cy: Gofynnwyd i'r cyngor.", "cy: Gofynnwyd i'r cyngor sir.",
     "cafe-price response update 2024-02-20 note (cy): “Gofynnwyd i'r cyngor.” → “Gofynnwyd i'r cyngor sir.”"),
    ("cy: Caffi gofalwyr}", "cy: Caffi'r gofalwyr}", "title (cy): “Caffi gofalwyr” → “Caffi'r gofalwyr”"),
    ("{en: food, cy: bwyd}", "{en: food, cy: bwyd a diod}", "themes (cy): “bwyd” → “bwyd a diod”"),
    ("cy: Y caffi cyntaf.", "cy: Y caffi cyntaf erioed.",
     "update 2024-01-09 note (cy): “Y caffi cyntaf.” → “Y caffi cyntaf erioed.”"),
    ("cy: Gofalwyr yn y caffi", "cy: Gofalwyr a ddaeth i'r caffi",
     "visits measure (cy): “Gofalwyr yn y caffi” → “Gofalwyr a ddaeth i'r caffi”"),
    ("cy: Cytunwyd ym mis Mai", "cy: Cytunwyd ym mis Mehefin", ": evidence (cy) changed (answer still met)"),
    ("en: £3 is too much., cy: Mae £3 yn ormod.", "en: £3 is far too much., cy: Mae £3 yn ormod.",
     "cafe-price said (en): “£3 is too much.” → “£3 is far too much.”"),
    ("cy: Mae £3 yn ormod.}", "}", "cafe-price said (cy): “Mae £3 yn ormod.” → (none)"),
])
def test_a_change_to_any_language_shows_labelled_with_it(tmp_path, capsys, before, after, line):
    assert before in BILINGUAL_CAFE
    old = bilingual(tmp_path / "old", BILINGUAL_CAFE)
    new = bilingual(tmp_path / "new", BILINGUAL_CAFE.replace(before, after, 1).replace(", }", "}"))
    code, out, err = diff(capsys, old, new)
    assert code == 0, err
    assert line in out, out
    assert out.splitlines()[0] != NO_CHANGES
    # only the language that changed is named
    other = "(en)" if "(cy)" in line else "(cy)"
    assert other not in out, out
    _, md, _ = diff(capsys, "--format", "markdown", old, new)
    assert "(cy)" in md or "(en)" in md


def test_a_translation_added_shows_as_added_in_its_language(tmp_path, capsys):
    old = bilingual(tmp_path / "old", BILINGUAL_CAFE.replace("{en: £3 is too much., cy: Mae £3 yn ormod.}",
                                                             "£3 is too much."))
    new = bilingual(tmp_path / "new", BILINGUAL_CAFE)
    code, out, _ = diff(capsys, old, new)
    assert code == 0
    assert "cafe-price said (cy): “(none)”" not in out
    assert "cafe-price said (cy): (none) → “Mae £3 yn ormod.”" in out
    assert out.splitlines()[0] == "Changes 1 feedback item."


def test_the_organisations_welsh_name_and_nothing_else(tmp_path, capsys):
    old = bilingual(tmp_path / "old", BILINGUAL_CAFE)
    new = bilingual(tmp_path / "new", BILINGUAL_CAFE,
                    BILINGUAL_ORG.replace("cy: Gofalwyr Glan-yr-Afon", "cy: Gofalwyr Glan yr Afon"))
    code, out, _ = diff(capsys, old, new)
    assert code == 0 and "name (cy): “Gofalwyr Glan-yr-Afon” → “Gofalwyr Glan yr Afon”" in out
    assert out.splitlines()[0] == "Changes the organisation's details."
