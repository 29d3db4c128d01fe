"""``mic init``: a complete new site in an empty folder, that builds with ``mkdocs build --strict`` at once.

The starter files are package data in ``authoring/starter/`` (written without their leading dots, which
packaging tools skip); :data:`FILES` says where each one goes. Words in ``@...@`` are filled in: the
organisation's name (as YAML and as Markdown), the version of Make It Count to install, the placeholder that
``mic diff`` reports until it is replaced, and the year (for the example ids in the README).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from importlib import resources
from pathlib import Path

from .. import __version__
from ..model.vocab import PLACEHOLDER

FILES = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("content/organisation.yml", "content/organisation.yml"),
    ("content/activities/README.md", "content/activities/README.md"),
    ("docs/index.md", "docs/index.md"),
    ("github/workflows/site.yml", ".github/workflows/site.yml"),
    ("github/workflows/site-comment.yml", ".github/workflows/site-comment.yml"),
    ("github/scripts/mic-diff-comment.js", ".github/scripts/mic-diff-comment.js"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("gitignore", ".gitignore"),
    ("README.md", "README.md"),
)
"""(package file under ``starter/``, where it goes in the new site)."""

_MARKDOWN_ESCAPES = {**{c: "\\" + c for c in "\\`*_[]#!"}, "<": "&lt;", "&": "&amp;"}


class InitError(Exception):
    """A folder or name ``mic init`` cannot use; the message says what to do instead."""


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (no emphasis, links or HTML)."""
    return "".join(_MARKDOWN_ESCAPES.get(ch, ch) for ch in text)


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InitError("the organisation's name is empty; give it with --name \"Riverside Carers' Network\"")
    if re.search(r"[\x00-\x1f\x7f]", name):
        raise InitError("the organisation's name holds a control character; type it again")
    return name


LOCAL_URL = "!ENV [SITE_URL, \"http://127.0.0.1:8000/\"]"
"""site_url without --url: the workflow's SITE_URL (the GitHub Pages address), else ``mkdocs serve``'s."""


def starter_text(package_file: str, name: str, today: _dt.date, url: str | None = None) -> str:
    text = resources.files(__package__).joinpath("starter", package_file).read_text(encoding="utf-8")
    for token, value in (("@NAME_YAML@", json.dumps(name, ensure_ascii=False)), ("@NAME_MD@", markdown_text(name)),
                         ("@VERSION@", __version__), ("@PLACEHOLDER@", PLACEHOLDER), ("@YEAR@", str(today.year)),
                         ("@SITE_URL@", json.dumps(url) if url else LOCAL_URL)):
        text = text.replace(token, value)
    return text


def init_site(folder: Path, name: str, today: _dt.date, url: str | None = None) -> list[Path]:
    """Write the starter site into ``folder`` (created if missing, refused unless empty); return its files."""
    name = check_name(name)
    if url is not None and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
        raise InitError(f"--url {url}: write the site's address in full, e.g. https://example.org/involvement/")
    if url is not None and not url.endswith("/"):
        url += "/"
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder}: is a file; give the name of a new folder for the site")
    if folder.is_dir():
        present = sorted(p.name for p in folder.iterdir())
        if present:
            shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
            raise InitError(f"{folder}: is not empty (it holds {shown}); mic init writes a new site into an empty "
                            "folder, so nothing is overwritten: give a new folder's name")
    written = []
    for package_file, target in FILES:
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(starter_text(package_file, name, today, url))
        written.append(path)
    return written


def next_steps(folder: Path) -> str:
    """What the person who ran ``mic init`` does next."""
    return f"""\
Next steps (README.md in {folder} says more):
  cd {folder}
  1. In content/organisation.yml, write why you involve people (replace "{PLACEHOLDER} ...").
  2. Start an activity:                      mic new activity "Ward 7 patient feedback"
  3. Bring in the log you already keep:      mic import LOG.xlsx --activity ID   (ID: printed by step 2)
     or add one item at a time:              mic new feedback ID
  4. Look at the site:                       mkdocs serve
"""
