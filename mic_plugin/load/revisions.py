"""Reading content as it was at a git revision (for ``mic diff``): a folder, or ``git archive`` of a revision."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..model.records import Site
from .framework import Framework
from .loader import load_site


class DiffError(Exception):
    """A side that cannot be read (not a folder, not a revision, invalid content): the message says why."""


def _git(args: list[str], cwd: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def is_revision(spec: str) -> bool:
    """True when ``spec`` names a commit of the git repository in the current folder."""
    if spec.startswith("-"):
        return False
    try:
        done = _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"])
    except OSError:
        return False
    return done.returncode == 0


def export_revision(rev: str, content_path: str, dest: Path) -> bool:
    """Write the content folder as it is at ``rev`` into ``dest``; False when it did not exist there."""
    top = _git(["rev-parse", "--show-toplevel"]).stdout.decode().strip() or None
    prefix = _git(["rev-parse", "--show-prefix"]).stdout.decode().strip()
    path = os.path.normpath(os.path.join(prefix, content_path)).replace(os.sep, "/")
    if path.startswith("..") or os.path.isabs(content_path):
        raise DiffError(f"--content {content_path}: must be a folder inside the repository")
    kind = _git(["cat-file", "-t", f"{rev}:{path}"] if path != "." else ["cat-file", "-t", f"{rev}^{{tree}}"],
                cwd=top)
    if kind.returncode != 0:
        return False
    if kind.stdout.decode().strip() != "tree":
        raise DiffError(f"{rev}:{path} is a file, not a content folder")
    treeish = f"{rev}:{path}" if path != "." else f"{rev}^{{tree}}"
    done = _git(["archive", "--format=tar", treeish], cwd=top)
    if done.returncode != 0:
        raise DiffError(f"git archive {treeish} failed: {done.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return True


@dataclass
class Side:
    site: Site | None
    label: str


def read_side(spec: str, content_path: str, framework: Framework, tmp: Path) -> Side:
    """Load one side: an existing folder first, else a git revision."""
    if Path(spec).is_dir():
        result = load_site(spec, framework=framework)
        label = spec
    elif is_revision(spec):
        dest = tmp / f"side{len(list(tmp.iterdir()))}"
        dest.mkdir()
        label = f"{spec}:{content_path}"
        if not export_revision(spec, content_path, dest):
            return Side(None, label)  # no content folder yet at that revision: everything is new
        result = load_site(dest, framework=framework, display_dir=label)
    else:
        raise DiffError(f"'{spec}' is neither a folder nor a git revision of the repository here")
    if not result.ok:
        lines = "\n".join(str(p) for p in result.errors)
        raise DiffError(f"{label} is not valid content, so it cannot be compared:\n{lines}")
    return Side(result.site, label)
