"""What a build publishes, as plain records: pages (:class:`PageSpec`), files (:class:`FileSpec`) and the plan.

A leaf module (it imports nothing of the package), so every feature module can offer page and file specs and
the plan can import every feature module, without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


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
    layout: str = ""  # the whole page's template, when not the site's usual frame (e.g. a poster)

    def build_context(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


@dataclass
class FileSpec:
    """One generated static file (badge, feed, data export)."""

    path: str  # site-relative, prefix included (use report.urls.file)
    content: str | bytes | Callable[[Any], bytes]  # or made from the build's page renderer (a PDF of a page)
    media_type: str = ""


@dataclass
class Plan:
    pages: list[PageSpec]
    files: list[FileSpec]
    head: list[str] = field(default_factory=list)  # HTML for the <head> of every page (e.g. a feed link)
    page_head: dict[str, list[str]] = field(default_factory=dict)  # logical page -> HTML for its <head> only
