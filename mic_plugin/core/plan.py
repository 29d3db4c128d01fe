"""The site plan: every page and file a build publishes, gathered from the feature modules.

Each feature module offers ``pages(report) -> list[PageSpec]``, ``files(report) -> list[FileSpec]`` and/or
``head(report) -> list[str]`` (HTML for the ``<head>`` of every page of the site, e.g. a feed link; write
links as ``{base}path/from/site/root``: the adapter replaces ``{base}`` with the way back to the root).
The engine adapter turns page specs into engine pages (rendered with :mod:`mic_plugin.core.render`) and file
specs into static files. Contexts are built lazily, when a page is rendered, so memory stays flat.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from .report import Report

FEATURES = (
    "mic_plugin.core.pages_activities",
    "mic_plugin.core.pages_feedback",
    "mic_plugin.core.quality",
    "mic_plugin.core.outcomes",
    "mic_plugin.core.changes",
    "mic_plugin.core.exports",
)
"""Feature modules, in nav order. A module may offer ``pages`` and/or ``files``."""


@dataclass
class Heading:
    level: int
    id: str
    title: str


@dataclass
class PageSpec:
    """One generated page."""

    page: str  # logical path: "activities", "activities/x", "you-said-we-did/page/2"
    title: str  # plain text, as written (escaped by whoever outputs it)
    template: str  # e.g. "mic/activity.html"
    context: Callable[[], dict[str, Any]] | dict[str, Any] = field(default_factory=dict)
    nav: bool = False  # a section entry point that belongs in the navigation
    source: str = ""  # the content file it shows, relative to the content folder ("Suggest a change")
    headings: list[Heading] = field(default_factory=list)  # for the table of contents
    description: str = ""  # plain text for <meta name="description">

    def build_context(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


@dataclass
class FileSpec:
    """One generated static file (badge, feed, data export)."""

    path: str  # site-relative, prefix included (use report.urls.file)
    content: str | bytes
    media_type: str = ""


@dataclass
class Plan:
    pages: list[PageSpec]
    files: list[FileSpec]
    head: list[str] = field(default_factory=list)  # HTML for the <head> of every page (e.g. a feed link)


def build_plan(report: Report) -> Plan:
    pages: list[PageSpec] = []
    files: list[FileSpec] = []
    head: list[str] = []
    for name in FEATURES:
        module = importlib.import_module(name)  # imported here: feature modules import this one
        if hasattr(module, "pages"):
            pages.extend(module.pages(report))
        if hasattr(module, "files"):
            files.extend(module.files(report))
        if hasattr(module, "head"):
            head.extend(module.head(report))
    return Plan(pages, files, head)
