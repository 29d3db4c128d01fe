"""The site plan: every page and file a build publishes, gathered from the feature modules.

Each feature module offers ``pages(report) -> list[PageSpec]``, ``files(report) -> list[FileSpec]``,
``head(report) -> list[str]`` (HTML for the ``<head>`` of every page of the site, e.g. a feed link; write
links as ``{base}path/from/site/root``: the adapter replaces ``{base}`` with the way back to the root) and/or
``page_head(report) -> dict[str, list[str]]`` (the same for the ``<head>`` of one page: logical page -> HTML).
The engine adapter turns page specs into engine pages (rendered with :mod:`mic_plugin.render.templates`) and file
specs into static files. Contexts are built lazily, when a page is rendered, so memory stays flat.
"""

from __future__ import annotations

from ..derive.report import Report
from . import activities, changes, feedback, feeds, open_data, outcomes, posters, quality, reports
from .specs import FileSpec, PageSpec, Plan

FEATURES = (activities, feedback, quality, outcomes, changes, reports, open_data, feeds, posters)
"""Feature modules, in nav order. A module may offer ``pages``, ``files``, ``head`` and/or ``page_head``."""


def build_plan(report: Report) -> Plan:
    pages: list[PageSpec] = []
    files: list[FileSpec] = []
    head: list[str] = []
    page_head: dict[str, list[str]] = {}
    for module in FEATURES:
        if hasattr(module, "pages"):
            pages.extend(module.pages(report))
        if hasattr(module, "files"):
            files.extend(module.files(report))
        if hasattr(module, "head"):
            head.extend(module.head(report))
        if hasattr(module, "page_head"):
            for page, links in module.page_head(report).items():
                page_head.setdefault(page, []).extend(links)
    return Plan(pages, files, head, page_head)
