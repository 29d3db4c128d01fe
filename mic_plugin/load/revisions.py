"""Reading content as it was at a git revision (for ``mic diff``): a folder, or a revision read from git's own
objects, exactly as committed."""

from __future__ import annotations

import os
import subprocess
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
    """Write the content folder exactly as committed at ``rev`` into ``dest``; False when it did not exist there.

    The tree is listed with ``git ls-tree`` and its files read with one ``git cat-file --batch``, never with
    ``git archive``, which obeys ``.gitattributes`` (``export-ignore`` would let a pull request hide a file
    from the comparison). A symbolic link is written as a link, so the loader reports one that leads outside
    the content folder exactly as it does for a folder on disk.
    """
    top = _git(["rev-parse", "--show-toplevel"]).stdout.decode().strip() or None
    prefix = _git(["rev-parse", "--show-prefix"]).stdout.decode().strip()
    path = os.path.normpath(os.path.join(prefix, content_path)).replace(os.sep, "/")
    if path.startswith("..") or os.path.isabs(content_path):
        raise DiffError(f"--content {content_path}: must be a folder inside the repository")
    treeish = f"{rev}:{path}" if path != "." else f"{rev}^{{tree}}"
    kind = _git(["cat-file", "-t", treeish], cwd=top)
    if kind.returncode != 0:
        return False
    if kind.stdout.decode().strip() != "tree":
        raise DiffError(f"{rev}:{path} is a file, not a content folder")
    listing = _git(["ls-tree", "-r", "-z", treeish], cwd=top)
    if listing.returncode != 0:
        raise DiffError(f"git ls-tree {treeish} failed: {listing.stderr.decode(errors='replace').strip()}")
    entries = []  # (mode, object id, path inside the content folder)
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind_name, oid = meta.decode().split(" ")
        rel = name.decode("utf-8", "surrogateescape")
        parts = rel.split("/")
        if kind_name != "blob" or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
            continue  # submodules, and names no checkout could write
        entries.append((mode, oid, rel))
    contents = _cat_blobs([oid for _, oid, _ in entries], top)
    real_dest = os.path.realpath(dest)
    for mode, oid, rel in sorted(entries, key=lambda e: e[0] == "120000"):  # links last
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if os.path.commonpath([os.path.realpath(target.parent), real_dest]) != real_dest:
            continue  # beneath a link: never written through it
        if mode == "120000":
            os.symlink(contents[oid].decode("utf-8", "surrogateescape"), target)
        else:
            target.write_bytes(contents[oid])
    return True


def _cat_blobs(oids: list[str], cwd: str | None) -> dict[str, bytes]:
    """The contents of the blobs ``oids``, read with one ``git cat-file --batch``."""
    if not oids:
        return {}
    done = subprocess.run(["git", "cat-file", "--batch"], input="\n".join(oids).encode() + b"\n", cwd=cwd,
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise DiffError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    out: dict[str, bytes] = {}
    data, at = done.stdout, 0
    for oid in oids:
        header_end = data.index(b"\n", at)
        header = data[at:header_end].decode().split(" ")
        if len(header) != 3 or header[1] != "blob":
            raise DiffError(f"git cat-file could not read {oid}")
        size = int(header[2])
        out[oid] = data[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
    return out


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
