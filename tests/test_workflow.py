"""The contributor workflow shipped in the repository: GitHub Actions, the comment script, pre-commit, editors.

The workflow cannot run here, so these tests read it as data, check the steps a site relies on, and run
its shell steps and its comment script the way the runner would (same commands, same environment names).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mic_plugin.load.problems import Problems
from mic_plugin.load.formats import json_schema
from mic_plugin.load.framework import DEFAULT_FRAMEWORK, load_framework

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / ".github" / "workflows" / "site.yml"
COMMENT = ROOT / ".github" / "workflows" / "site-comment.yml"
SCRIPT = ROOT / ".github" / "scripts" / "mic-diff-comment.js"
DEMO = ROOT / "content"
MARKER = "<!-- mic-diff -->"


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def step(job: dict, name: str) -> dict:
    for s in job["steps"]:
        if s.get("name") == name or s.get("uses", "").split("@")[0] == name:
            return s
    raise AssertionError(f"no step {name!r} in {[s.get('name') or s.get('uses') for s in job['steps']]}")


@pytest.fixture
def mic_on_path(tmp_path, monkeypatch) -> dict:
    """An environment where `mic` runs this checkout's code, as `pip install .` would make it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "mic"
    shim.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m mic_plugin.cli \"$@\"\n")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT))
    return env


def run_step(script: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """A `run:` step as the runner runs it with `shell: bash` (bash --noprofile --norc -eo pipefail)."""
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True)


def github_expr(script: str, values: dict[str, str]) -> str:
    """Fill in ``${{ ... }}`` expressions as GitHub does before the shell sees the script."""
    def sub(m):
        key = m.group(1).strip()
        assert key in values, f"unexpected expression {key}"
        return values[key]
    return re.sub(r"\$\{\{(.*?)\}\}", sub, script)


# --- the workflow as data -----------------------------------------------------------------------------------


def test_pull_requests_are_validated_explained_and_built():
    wf = workflow(SITE)
    assert "pull_request" in wf["on"] and wf["on"]["push"]["branches"] == ["main"]
    assert wf["defaults"]["run"]["shell"] == "bash"
    job = wf["jobs"]["check"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    names = [s.get("name") or s["uses"].split("@")[0] for s in job["steps"]]
    assert names[:7] == ["actions/checkout", "actions/setup-python", "Install Make It Count", "Validate the content",
                         "Explain the change", "Build the site", "Write the comment"]
    assert step(job, "actions/checkout")["with"]["fetch-depth"] == 0
    assert step(job, "Install Make It Count")["run"] == "pip install ."
    assert step(job, "Validate the content")["run"].startswith("mic validate")
    assert step(job, "Explain the change")["run"] == \
        "mic diff origin/${{ github.base_ref }} HEAD --format markdown > diff.md"
    assert step(job, "Build the site")["run"] == "mkdocs build --strict"
    post = step(job, "Post or update the pull-request comment")
    assert post["uses"] == "actions/github-script@v7"
    assert 'require("./.github/scripts/mic-diff-comment.js")' in post["with"]["script"]
    assert "head.repo.full_name == github.repository" in post["if"] and "!cancelled()" in post["if"]
    keep = step(job, "Keep the comment for pull requests from forks")
    assert keep["uses"] == "actions/upload-artifact@v4" and "head.repo.full_name != github.repository" in keep["if"]
    assert set(keep["with"]["path"].split()) == {"comment.md", "pr-number.txt"}


def test_main_is_built_and_deployed_to_pages():
    wf = workflow(SITE)
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["if"] == "github.event_name != 'pull_request'"
    assert step(build, "actions/checkout")["with"]["fetch-depth"] == 0
    assert step(build, "Build the site")["run"] == "mkdocs build --strict"
    assert step(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert step(deploy, "actions/deploy-pages")["id"] == "deployment"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert wf["permissions"] == {"contents": "read"}  # nothing else may write


def test_fork_comments_are_posted_without_running_pull_request_code():
    wf = workflow(COMMENT)
    assert wf["on"] == {"workflow_run": {"workflows": [workflow(SITE)["name"]], "types": ["completed"]}}
    job = wf["jobs"]["comment"]
    assert "workflow_run.event == 'pull_request'" in job["if"]
    assert "head_repository.full_name != github.repository" in job["if"]
    checkout = step(job, "actions/checkout")
    assert "with" not in checkout  # the default branch, never the pull request's head
    download = step(job, "actions/download-artifact")
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    script = step(job, "actions/github-script")
    assert "headSha: process.env.HEAD_SHA" in script["with"]["script"]
    assert script["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"


@pytest.mark.parametrize("path", [SITE, COMMENT])
def test_actions_are_pinned_to_a_major_version(path):
    uses = [s["uses"] for job in workflow(path)["jobs"].values() for s in job["steps"] if "uses" in s]
    assert uses
    for ref in uses:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", ref), ref


# --- the steps, run ----------------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def pr_repo(tmp_path) -> Path:
    """A repository like a site's checkout of a pull request: origin/main holds the demo, HEAD a change to it."""
    root = tmp_path / "site"
    shutil.copytree(DEMO, root / "content")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "user.name", "Test")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    forum = root / "content" / "activities" / "2024-carers-forum.yml"
    text = forum.read_text(encoding="utf-8")
    first = re.search(r"^  - id: (\S+)\n", text, re.MULTILINE)
    second = re.search(r"^  - id: ", text[first.end():], re.MULTILINE)
    forum.write_text(text[: first.start()] + text[first.end() + second.start():], encoding="utf-8")
    git(root, "commit", "-qam", "remove the first feedback item of the forum")
    return root


def test_diff_step_runs_as_written_on_git_revisions(pr_repo, mic_on_path):
    job = workflow(SITE)["jobs"]["check"]
    script = github_expr(step(job, "Explain the change")["run"], {"github.base_ref": "main"})
    done = run_step(script, pr_repo, mic_on_path)
    assert done.returncode == 0, done.stderr
    diff_md = (pr_repo / "diff.md").read_text(encoding="utf-8")
    assert diff_md.startswith("**Removes 1 feedback item")
    assert "> [!WARNING]" in diff_md and "`forum-gp-carer-register` of `2024-carers-forum`" in diff_md


def test_diff_step_runs_as_written_on_two_folders(tmp_path, mic_on_path):
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(DEMO, old)
    shutil.copytree(DEMO, new)
    pathway = new / "activities" / "2024-carers-pathway.yml"
    text = pathway.read_text(encoding="utf-8")
    pathway.write_text(text.replace("      status: planned\n      did:\n        en: |\n          The trust's manual handling",
                                    "      status: in-progress\n      did:\n        en: |\n          The trust's manual handling")
                       .replace("        - date: 2025-01-13\n          status: planned\n",
                                "        - date: 2025-01-13\n          status: planned\n"
                                "        - date: 2025-02-03\n          status: in-progress\n"), encoding="utf-8")
    job = workflow(SITE)["jobs"]["check"]
    script = step(job, "Explain the change")["run"]
    script = script.replace("origin/${{ github.base_ref }}", shlex.quote(str(old))).replace(" HEAD ", f" {new} ")
    done = run_step(script, tmp_path, mic_on_path)
    assert done.returncode == 0, done.stderr
    diff_md = (tmp_path / "diff.md").read_text(encoding="utf-8")
    assert diff_md.splitlines()[0] == "**Marks 1 response in-progress, adds 1 update.**"
    assert "- `pathway-carer-training`: `planned` → `in-progress`" in diff_md


def write_comment(tmp_path: Path, env: dict, **outcomes: str) -> str:
    job = workflow(SITE)["jobs"]["check"]
    s = step(job, "Write the comment")
    summary = tmp_path / "summary.md"
    summary.unlink(missing_ok=True)
    values = {k: v for k, v in outcomes.items()}
    step_env = {name: github_expr(expr, {
        "steps.validate.outcome": values.get("validate", "success"),
        "steps.build.outcome": values.get("build", "success"),
        "github.event.pull_request.number": "42",
        "github.event.pull_request.head.sha": "0123abcd"}) for name, expr in s["env"].items()}
    done = run_step(s["run"], tmp_path, dict(env, **step_env, GITHUB_STEP_SUMMARY=str(summary)))
    assert done.returncode == 0, done.stderr
    body = (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == body
    assert (tmp_path / "pr-number.txt").read_text() == "42\n"
    return body


def test_comment_holds_the_diff_or_the_validation_errors(tmp_path, mic_on_path):
    (tmp_path / "diff.md").write_text("**Adds 1 feedback item.**\n", encoding="utf-8")
    body = write_comment(tmp_path, mic_on_path)
    assert body.startswith(MARKER + "\n### What this pull request changes in the published record\n")
    assert "**Adds 1 feedback item.**" in body and "0123abcd" in body and "CAUTION" not in body
    # broken content: the errors, indented so that nothing in them can break out of the code block
    (tmp_path / "diff.md").unlink()
    (tmp_path / "validate.txt").write_text(
        "content/activities/x.yml:14: feedback[2].response.status: 'finished' is not one of considering\n"
        "content/activities/x.yml:20: said: ```</code> @someone\n", encoding="utf-8")
    body = write_comment(tmp_path, mic_on_path, validate="failure", build="skipped")
    assert "The content has problems" in body
    assert "\n    content/activities/x.yml:14: feedback[2].response.status: 'finished'" in body
    assert "\n    content/activities/x.yml:20: said: ```</code> @someone\n" in body
    body = write_comment(tmp_path, mic_on_path, build="failure")
    assert "> [!CAUTION]" in body and "could not be explained" in body


# --- the comment script, run with node against a stand-in for the GitHub API -----------------------------------


NODE_HARNESS = r"""
const post = require(process.argv[2]);
const state = JSON.parse(require("fs").readFileSync(0, "utf8"));
const calls = [];
const github = {
  paginate: async (fn, args) => { calls.push(["list", args.issue_number]); return state.comments; },
  rest: {
    issues: {
      listComments: "listComments",
      updateComment: async (a) => { calls.push(["update", a.comment_id, a.body]); },
      createComment: async (a) => { calls.push(["create", a.issue_number, a.body]); },
    },
    pulls: { get: async (a) => { calls.push(["get", a.pull_number]); return { data: { head: { sha: state.sha } } }; } },
  },
};
const context = { repo: { owner: "riverside", repo: "site" } };
post({ github, context, dir: state.dir, headSha: state.headSha || "" })
  .then((r) => console.log(JSON.stringify({ result: r, calls })))
  .catch((e) => console.log(JSON.stringify({ error: e.message, calls })));
"""


def node_post(tmp_path: Path, comments: list, head_sha: str = "", sha: str = "abc", number: str = "7") -> dict:
    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    (tmp_path / "comment.md").write_text(MARKER + "\n**Adds 1 feedback item.**\n", encoding="utf-8")
    (tmp_path / "pr-number.txt").write_text(number + "\n")
    harness = tmp_path / "harness.js"
    harness.write_text(NODE_HARNESS)
    state = {"comments": comments, "dir": str(tmp_path), "headSha": head_sha, "sha": sha}
    done = subprocess.run([node, str(harness), str(SCRIPT)], input=json.dumps(state), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_comment_script_creates_one_comment_then_updates_it(tmp_path):
    body = MARKER + "\n**Adds 1 feedback item.**\n"
    first = node_post(tmp_path, [{"id": 1, "user": {"login": "someone"}, "body": "Looks good"}])
    assert first == {"result": "created", "calls": [["list", 7], ["create", 7, body]]}
    later = node_post(tmp_path, [
        {"id": 1, "user": {"login": "someone"}, "body": f"quoting {MARKER} by hand"},
        {"id": 5, "user": {"login": "github-actions[bot]"}, "body": "another bot comment"},
        {"id": 9, "user": {"login": "github-actions[bot]"}, "body": f"{MARKER}\nold summary"},
    ])
    assert later == {"result": "updated", "calls": [["list", 7], ["update", 9, body]]}


def test_comment_script_checks_fork_pull_request_numbers(tmp_path):
    ok = node_post(tmp_path, [], head_sha="abc", sha="abc")
    assert ok["result"] == "created" and ok["calls"][0] == ["get", 7]
    wrong = node_post(tmp_path, [], head_sha="abc", sha="def")
    assert "not commenting" in wrong["error"] and wrong["calls"] == [["get", 7]]
    bad = node_post(tmp_path, [], number="7; rm -rf /")
    assert "does not hold a pull-request number" in bad["error"] and bad["calls"] == []


# --- pre-commit and editors -------------------------------------------------------------------------------


def test_pre_commit_hook_runs_mic_validate_on_content_changes(tmp_path, mic_on_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "mic-validate")
    assert (hook["entry"], hook["language"], hook["pass_filenames"], hook["files"]) == \
        ("mic validate", "python", False, "^content/")
    files = re.compile(hook["files"])
    assert files.search("content/activities/2024-x.yml") and not files.search("docs/index.md")
    shutil.copytree(DEMO, tmp_path / "content")
    done = subprocess.run(shlex.split(hook["entry"]), cwd=tmp_path, env=mic_on_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    org = tmp_path / "content" / "organisation.yml"
    org.write_text(org.read_text(encoding="utf-8") + "\nwebsite: https://example.org\n", encoding="utf-8")
    done = subprocess.run(shlex.split(hook["entry"]), cwd=tmp_path, env=mic_on_path, capture_output=True, text=True)
    assert done.returncode == 1 and "content/organisation.yml:" in done.stderr and "website" in done.stderr


def test_editors_get_the_json_schema_for_the_content_folder():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == {"./.vscode/make-it-count.schema.json": ["content/**/*.yml", "content/**/*.yaml"]}
    committed = json.loads((ROOT / ".vscode" / "make-it-count.schema.json").read_text(encoding="utf-8"))
    current = json_schema(load_framework(DEFAULT_FRAMEWORK, None, Problems()))
    assert committed == current, "the editor schema is stale: run  mic schema > .vscode/make-it-count.schema.json"
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../../.vscode/make-it-count.schema.json" in guide


def test_demo_activities_satisfy_the_editor_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / ".vscode" / "make-it-count.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((DEMO / "activities").glob("*.yml")) + [DEMO / "organisation.yml", DEMO / "outcomes.yml"]:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{path.name}: {errors[:3]}"
