"""The demo site builds with MkDocs and with ProperDocs (the maintained MkDocs 1.x fork), to the same files.

ProperDocs loads plugins from its own ``properdocs.plugins`` entry points as well as ``mkdocs.plugins``, and
maps ``mkdocs.*`` imports to its own modules, so one adapter (``mic_plugin/mkdocs/``) serves both. The only
difference allowed is the engine's name in ``<meta name="generator">``; ``sitemap.xml.gz`` is compared
decompressed (gzip writes a timestamp).
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _engine_available(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed (pip install -e \".[test]\")", pytrace=False)
        pytest.skip(f"{name} is not installed (pip install -e \".[test]\")")


def _build(engine: str, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-q", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{engine} build failed:\n{done.stdout}\n{done.stderr}"
    files = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)
            files[path.relative_to(out).as_posix()] = GENERATOR.sub(b"<meta name=\"generator\">", data)
    return files


def test_the_plugin_is_registered_for_both_engines():
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=group)}
        assert found.get("make-it-count") == "mic_plugin.mkdocs.plugin:MakeItCountPlugin", group


def test_the_demo_builds_the_same_with_mkdocs_and_properdocs(tmp_path):
    _engine_available("properdocs")
    with_mkdocs = _build("mkdocs", tmp_path / "mkdocs")
    with_properdocs = _build("properdocs", tmp_path / "properdocs")
    assert sorted(with_mkdocs) == sorted(with_properdocs)
    assert len(with_mkdocs) > 50 and "activities/index.html" in with_mkdocs
    different = [name for name in with_mkdocs if with_mkdocs[name] != with_properdocs[name]]
    assert different == []
