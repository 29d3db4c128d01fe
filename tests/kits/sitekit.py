"""Helpers for tests that build real sites the way the CLI does (load_config -> build), in tmp_path."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import yaml

ORGANISATION = """\
name: Tŷ Cymunedol — Test Community Trust
purpose: |
  We ask people who use our services what should change, and we publish what we did about it — including
  when the answer is *no*. Budget: £12,000 a year.
why: [benefits-participants, improves-services, right-to-a-say]
power: People who use our services did not choose us; we try to share decisions.
public_contacts: ["0300 123 4567", "hello@trust.example"]
contact: https://trust.example/contact
"""

ACTIVITY = """\
title: Bus passes for carers
summary: |
  A survey about getting to appointments.

  - long waits — over an hour
  - cost: £4.50 a day
approach: consulting
status: completed
started: 2024-03-01
ended: 2024-06-30
themes: [Transport]
feedback:
  - id: bus-too-late
    said: The last bus leaves before evening appointments end.
    date: 2024-03-05
    count: 12
    source: survey
    themes: [transport, Evenings]
    response:
      status: done
      did: We moved evening clinics to finish by *17:30*.
      owner: Clinic operations team
      due: 2024-05-01
      communicated: 2024-06-01
      updates:
        - {date: 2024-04-01, status: in-progress, note: Talking to the bus company.}
        - {date: 2024-05-20, status: done}
  - id: parking-costs
    said: Parking costs £8.
    date: 2024-03-06
"""


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write each of ``files`` (a path below ``root`` -> its text, or bytes as they are), making folders."""
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def write_site(root: Path, *, activities: dict[str, str] | None = None, organisation: str | None = ORGANISATION,
               outcomes: str | None = None, plugin: dict | None = None, mkdocs: dict | None = None,
               docs: dict[str, str] | None = None) -> Path:
    """Write mkdocs.yml, docs/ and content/ under ``root``; return the mkdocs.yml path.

    ``activities`` maps file names (``x.yml``) to YAML text; by default one activity with two items.
    """
    root.mkdir(parents=True, exist_ok=True)
    content = root / "content"
    (content / "activities").mkdir(parents=True, exist_ok=True)
    if organisation is not None:
        (content / "organisation.yml").write_text(organisation, encoding="utf-8")
    for name, text in (activities if activities is not None else {"2024-bus-passes.yml": ACTIVITY}).items():
        (content / "activities" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if outcomes is not None:
        (content / "outcomes.yml").write_text(outcomes, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    for name, text in (docs or {"index.md": "# Home\n\nWelcome.\n"}).items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    options = {"as_of": "2024-09-01"}
    options.update(plugin or {})
    config = {"site_name": "Test site", "site_url": "https://example.org/report/",
              "theme": {"name": "material"}, "plugins": ["search", {"make-it-count": options}]}
    config.update(mkdocs or {})
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config_file: Path, *, strict: bool = False, site_dir: Path | None = None, **overrides) -> Path:
    """Build like ``mkdocs build`` (``--strict`` optional; into ``site_dir`` instead of the config's; other
    settings of mkdocs.yml overridden by keyword); return the site folder. Raises what mkdocs raises."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    if site_dir is not None:
        overrides["site_dir"] = str(site_dir)
    cfg = load_config(config_file=str(config_file), strict=strict, **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Path(cfg.site_dir)


def build_and_warnings(config_file: Path) -> tuple[Path, list[str]]:
    """Build like :func:`build`; return the site folder and the warnings the build logged."""
    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        site = build(config_file)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    return site, capture.messages()


def build_refused(config_file: Path) -> tuple[str, "LogCapture"]:
    """Build ``config_file``, which must stop with the plugin's error (mkdocs' Abort or PluginError, never a
    traceback); return the error's message and what the build logged."""
    import pytest
    from mkdocs.exceptions import Abort, PluginError

    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        with pytest.raises((Abort, PluginError)) as failure:
            build(config_file)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    return str(failure.value), capture


def page(site_dir: Path, url: str) -> str:
    """The HTML of the page at ``url`` (directory URL like ``activities/x/``, or a file path)."""
    path = site_dir / url
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


class LogCapture(logging.Handler):
    """Collects mkdocs log records (attach to logging.getLogger('mkdocs'))."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


class Workspace:
    """One site folder reused by many builds (property tests): only the content files given to :meth:`build`
    are rewritten between builds. Use :func:`workspace` to make one, so messages name files as `mkdocs build`
    run in the folder does."""

    def __init__(self, root: Path, mkdocs: dict | None = None) -> None:
        self.root = root
        self.config = write_site(root, activities={}, mkdocs=mkdocs)
        self.site = root / "site"

    def build(self, organisation: str, activity: str) -> tuple[Path | None, list[str]]:
        """Write organisation.yml and activities/2024-fuzz.yml, build; (the site folder or None, the errors)."""
        from mkdocs.exceptions import Abort, PluginError

        (self.root / "content" / "organisation.yml").write_text(organisation, encoding="utf-8")
        (self.root / "content" / "activities" / "2024-fuzz.yml").write_text(activity, encoding="utf-8")
        shutil.rmtree(self.site, ignore_errors=True)
        logs = LogCapture()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(logs)
        try:
            return build(self.config), logs.messages(logging.ERROR)
        except (PluginError, Abort):
            return None, logs.messages(logging.ERROR)
        finally:
            logger.removeHandler(logs)


@contextlib.contextmanager
def workspace(root: Path, mkdocs: dict | None = None) -> Iterator[Workspace]:
    """A :class:`Workspace` in ``root``, the working folder while it is open."""
    before = os.getcwd()
    os.chdir(root)  # messages name files relative to where the build runs, as `mkdocs build` does
    try:
        yield Workspace(root, mkdocs)
    finally:
        os.chdir(before)
