"""The ``mic`` command as a user runs it: exit status, messages on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kits.contractkit import ACTIVITY, ITEM, write_content
from test_contract_yaml import BILLION_LAUGHS

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None, entry: str = "module") -> subprocess.CompletedProcess:
    """Run ``mic ARGS`` in a fresh process (``python -m mic_plugin.cli`` or the installed ``mic``)."""
    if entry == "module":
        command = [sys.executable, "-m", "mic_plugin.cli", *args]
    else:
        command = [shutil.which("mic"), *args]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(command, cwd=cwd or REPO, env=env, capture_output=True, text=True, timeout=60)


def test_demo_content_validates():
    proc = run("validate", "content")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith("content: valid (9 activities, 47 feedback items, 0 warnings)")


def test_default_folder_is_content_in_the_working_directory(tmp_path):
    write_content(tmp_path)
    proc = run("validate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "content: valid (1 activities, 0 feedback items, 0 warnings)\n"


@pytest.mark.skipif(shutil.which("mic") is None, reason="the package is not installed")
def test_installed_mic_command(tmp_path):
    write_content(tmp_path, activities={"2024-bus.yml": ACTIVITY.replace("consulting", "consult")})
    proc = run("validate", "content", cwd=tmp_path, entry="mic")
    assert proc.returncode == 1
    assert "content/activities/2024-bus.yml:3: approach: 'consult' is not one of" in proc.stderr


def test_errors_exit_1_with_every_message_on_stderr(tmp_path):
    write_content(tmp_path, activities={
        "a.yml": ACTIVITY.replace("status: in-progress", "status: finished"),
        "b.yml": ACTIVITY + "feedback:\n" + ITEM + "    response:\n      status: done\n"})
    proc = run("validate", "content", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "content/activities/a.yml:4: status: 'finished' is not one of planned, open, in-progress, completed, paused, "
        "cancelled",
        "content/activities/b.yml:11: feedback[0].response.did: is required when status is done: say what was done",
        "2 errors, 0 warnings in content",
    ]


def test_warnings_pass_unless_strict(tmp_path):
    write_content(tmp_path, activities={"2024-bus.yml": ACTIVITY.replace("2024-03-01", "2999-03-01")})
    proc = run("validate", "content", cwd=tmp_path)
    assert proc.returncode == 0
    assert "content/activities/2024-bus.yml:5: warning: started: 2999-03-01 is later than today" in proc.stderr
    assert "1 warning)" in proc.stdout
    strict = run("validate", "--strict", "content", cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stderr.splitlines()[-1] == "0 errors, 1 warning in content"


def test_today_option_pins_the_date(tmp_path):
    write_content(tmp_path, activities={"2024-bus.yml": ACTIVITY})
    assert run("validate", "--strict", "--today", "2024-02-01", "content", cwd=tmp_path).returncode == 1
    assert run("validate", "--strict", "--today", "2024-03-01", "content", cwd=tmp_path).returncode == 0
    bad = run("validate", "--today", "2024-13-01", "content", cwd=tmp_path)
    assert bad.returncode == 2 and "write the date as YYYY-MM-DD" in bad.stderr


def test_missing_folder_and_a_file_instead_of_a_folder(tmp_path):
    proc = run("validate", "nowhere", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == "nowhere: the content folder does not exist"
    write_content(tmp_path)
    proc = run("validate", "content/organisation.yml", cwd=tmp_path)
    assert proc.returncode == 1
    assert "is a file; give the content folder" in proc.stderr


def test_custom_framework_option(tmp_path):
    write_content(tmp_path, activities={"2024-bus.yml": ACTIVITY + "checklist:\n  team:\n    before:\n      asked: met\n"})
    (tmp_path / "fw.yml").write_text("id: tiny\ntitle: Tiny\nactors: [{id: team, name: Team}]\n"
                                     "stages: [{id: before, name: Before}]\n"
                                     "markers: [{id: asked, actor: team, stage: before, text: We asked}]\n")
    assert run("validate", "content", cwd=tmp_path).returncode == 1
    assert run("validate", "--framework", "fw.yml", "content", cwd=tmp_path).returncode == 0
    (tmp_path / "broken.yml").write_text("id: [\n")
    proc = run("validate", "--framework", "broken.yml", "content", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stderr.startswith("broken.yml:1: is not valid YAML")


def test_schema_prints_json():
    proc = run("schema")
    assert proc.returncode == 0 and proc.stderr == ""
    schema = json.loads(proc.stdout)
    assert sorted(schema["$defs"]) == ["activity", "organisation", "outcomes"]
    assert run("schema").stdout == proc.stdout  # deterministic


def test_no_command_prints_help():
    proc = run()
    assert proc.returncode == 2 and "validate" in proc.stdout


BROKEN_INPUTS = {
    "syntax": "title: [a\n",
    "tabs": "title: x\n\tsummary: y\n",
    "non-utf8": b"title: caf\xe9\n",
    "utf16": ACTIVITY.encode("utf-16"),
    "nul": b"title: \x00\n",
    "empty": "",
    "comments": "# nothing\n",
    "python-tag": "!!python/object/apply:os.system ['echo pwned']\n",
    "bomb": BILLION_LAUGHS,
    "recursive": "&a [*a]\n",
    "deep-flow": "[" * 100_000,
    "deep-block": "- " * 100_000 + "x\n",
    "bad-date": ACTIVITY.replace("2024-03-01", "2024-13-45"),
    "datetime": ACTIVITY.replace("2024-03-01", "2024-03-01 10:00"),
    "list": "- a\n- b\n",
    "scalar": "just text\n",
    "multi-doc": "title: a\n---\ntitle: b\n",
    "bad-keys": "? [a, b]\n: c\n{x: 1}: 2\n",
    "merge-scalar": "<<: 1\ntitle: x\n",
    "huge-number": ACTIVITY + "participation:\n  hours: 1e999999\n  invited: 99999999999999999999999999999999\n",
    "null-key": "~: x\n",
    "binary": "title: !!binary aGVsbG8=\n",
    "checklist-junk": ACTIVITY + "checklist:\n  organisation: {planning: {strategy: [met]}}\n  person: 3\n  ? [x]\n  : y\n",
    "feedback-junk": ACTIVITY + "feedback:\n  - 3\n  - [a]\n  - {id: x, said: y, date: 2024-01-01, response: [done]}\n",
    "outcomes-junk": ACTIVITY + "outcomes:\n  - {id: m, value: 1, date: 2024-01-01}\n  - {id: m, value: x, date: y}\n  - 5\n",
}


def test_no_traceback_for_any_broken_input(tmp_path):
    files: dict[str, str | bytes] = {f"{name}.yml": text for name, text in BROKEN_INPUTS.items()}
    write_content(tmp_path, activities=files, organisation=b"\xff\xfe", outcomes="{")
    proc = run("validate", "content", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    reported = {line.split(":")[0] for line in proc.stderr.splitlines()}
    for name in BROKEN_INPUTS:
        assert f"content/activities/{name}.yml" in reported, name
    assert "content/organisation.yml" in reported and "content/outcomes.yml" in reported
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("name", sorted(BROKEN_INPUTS))
def test_each_broken_input_alone(tmp_path, name):
    write_content(tmp_path, activities={"x.yml": BROKEN_INPUTS[name]})
    proc = run("validate", "content", cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith("content/activities/x.yml:")
