"""Optional enrichment from git: when each content file last changed, and where to see that change.

One ``git rev-parse`` and one ``git log`` for the whole content folder (never one call per file). Anything
that goes wrong (git not installed, the folder not in a repository, a repository with no commits, a host git
refuses to read) gives an empty answer and no message: content outside git builds the same way, silently.

Nothing from git that can identify anyone is kept: no author, no commit subject (a subject is free text, and
may name a person or hold a telephone number). Only the date, the commit id and the number of the pull or merge
request a squash-merged subject ends with (``... (#12)``) leave this module.

In a shallow clone (as CI checkouts often are) the oldest commit present stands for all earlier history, so a
file last changed at that boundary has no reliable date and is left out rather than shown wrongly.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = f"{_RECORD}%H{_FIELD}%cd{_FIELD}%P{_FIELD}%s"
_TIMEOUT = 60


@dataclass(frozen=True)
class FileChange:
    """The last commit that changed one file."""

    path: str  # relative to the content folder, e.g. activities/x.yml
    repo_path: str  # relative to the repository root, e.g. content/activities/x.yml
    date: _dt.date  # the commit's date (committer date: when it landed)
    commit: str  # full hash
    pull_request: str = ""  # the number of the pull (GitHub, "#12") or merge (GitLab, "!12") request, or ''

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Host:
    """Links into a code host's web interface (GitHub or GitLab), from ``repo_url``."""

    kind: str  # "github" or "gitlab"
    base: str  # https://github.com/owner/repo

    def commit_url(self, commit: str) -> str:
        return f"{self.base}/commit/{commit}" if self.kind == "github" else f"{self.base}/-/commit/{commit}"

    def history_url(self, commit: str, repo_path: str) -> str:
        path = quote(repo_path)
        if self.kind == "github":
            return f"{self.base}/commits/{commit}/{path}"
        return f"{self.base}/-/commits/{commit}/{path}"

    def pull_request_url(self, request: str) -> str:
        """The page of pull request ``#12`` (GitHub) or merge request ``!12`` (GitLab), or ''."""
        if self.kind == "github" and request.startswith("#"):
            return f"{self.base}/pull/{request[1:]}"
        if self.kind == "gitlab" and request.startswith("!"):
            return f"{self.base}/-/merge_requests/{request[1:]}"
        return ""


_REQUEST = re.compile(r"\(([#!]\d{1,9})\)\s*$")


def pull_request(subject: str) -> str:
    """``#12`` or ``!12`` when a squash-merged commit's subject ends ``(#12)`` or ``(!12)``, else ''."""
    match = _REQUEST.search(subject)
    return match.group(1) if match else ""


def host_of(repo_url: str) -> Host | None:
    """The code host of an http(s) ``repo_url`` on GitHub or GitLab (gitlab.com or a host named gitlab.*)."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path.rstrip("/")
    path = path.removesuffix(".git")
    if path.count("/") < 2:  # needs /owner/repo at least
        return None
    netloc = parts.netloc.lower()
    host_name = netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    base = f"{parts.scheme}://{parts.netloc}{path}"
    if host_name in ("github.com", "www.github.com"):
        return Host("github", base)
    if host_name == "gitlab.com" or host_name.startswith("gitlab.") or ".gitlab." in host_name:
        return Host("gitlab", base)
    return None


def _git(directory: Path, *args: str) -> str | None:
    # Let git find the repository from the folder itself (a hook's GIT_DIR would point somewhere else).
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    try:
        done = subprocess.run(["git", "-C", str(directory), "-c", "core.quotepath=off", *args],
                              capture_output=True, encoding="utf-8", errors="replace", env=env,
                              timeout=_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_changes(content_dir: str | os.PathLike) -> dict[str, FileChange]:
    """Path (relative to ``content_dir``, ``/``-separated) -> the last commit that changed that file.

    Empty when ``content_dir`` is not in a git work tree or git cannot be run. Uncommitted edits are not
    counted: the answer is what the history says.
    """
    directory = Path(content_dir)
    if not directory.is_dir():
        return {}
    head = _git(directory, "rev-parse", "--show-prefix", "--is-shallow-repository")
    if head is None:
        return {}
    lines = head.split("\n")
    prefix = lines[0].strip()
    shallow = len(lines) > 1 and lines[1].strip() == "true"
    log = _git(directory, "log", "--no-merges", "--relative", "--name-only", "--date=short",
               f"--format={_FORMAT}", "HEAD", "--", ".")
    if log is None:
        return {}
    return _parse_log(log, prefix, shallow)


def _parse_log(log: str, prefix: str, shallow: bool) -> dict[str, FileChange]:
    found: dict[str, FileChange] = {}
    for record in log.split(_RECORD):
        if not record.strip():
            continue
        header, _, names = record.partition("\n")
        fields = header.split(_FIELD)
        if len(fields) != 4:
            continue
        commit, date_text, parents, subject = fields
        try:
            date = _dt.date.fromisoformat(date_text.strip())
        except ValueError:
            continue
        uncertain = shallow and not parents.strip()  # a shallow clone's boundary stands for older history
        for name in names.split("\n"):
            name = name.strip()
            if not name or name in found:
                continue
            if uncertain:
                found[name] = None  # type: ignore[assignment]  # known to be older; date unknown
                continue
            found[name] = FileChange(name, prefix + name, date, commit.strip(), pull_request(subject))
    return {k: v for k, v in sorted(found.items()) if v is not None}


__all__ = ["FileChange", "Host", "host_of", "last_changes"]
