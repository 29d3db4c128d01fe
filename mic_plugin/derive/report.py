"""Derive what the pages show from a loaded :class:`~mic_plugin.model.records.Site`: pure, no MkDocs.

A :class:`Report` wraps the site with the build's options (the reading date ``as_of``, URLs, the Markdown
renderer) and the indexes every page needs. Feature modules (quality, changes, outcomes, feedback, promise,
...) derive their own figures from it, each in a :class:`View` made once per build (:meth:`Report.derived`)
that their pages' contexts hand to templates: adding a feature never means adding to :class:`Report`.
"""

from __future__ import annotations

import weakref

import datetime as _dt
import functools
from dataclasses import dataclass, field
from typing import Any, Callable

from ..load.shown import comparable
from ..model.records import Activity, Feedback, Site
from ..model.urls import Urls
from .years import YearStart


@dataclass(frozen=True)
class Options:
    """What a build needs to know beyond the content (set by the engine adapter from its config)."""

    as_of: _dt.date
    urls: Urls = field(default_factory=Urls)
    site_name: str = ""
    site_url: str = ""  # absolute, with trailing slash, or ''
    repo_url: str = ""
    edit_uri: str = ""  # e.g. edit/main/ (relative to repo_url), already pointing at the repository root
    content_path: str = "content"  # the content folder relative to the repository root, for edit links
    page_size: int = 100  # feedback items shown in full per page (an activity's items)
    list_size: int = 0  # rows per page of the compact lists (you said, we did; change log); 0: page_size
    feed_entries: int = 50
    git: bool = True
    year_starts: YearStart = field(default_factory=YearStart)  # the day reporting years start (default 1 April)

    @property
    def list_page_size(self) -> int:
        """Rows per page of the compact lists ("you said, we did" rows, change log entries)."""
        return max(1, self.list_size or self.page_size)


class Report:
    def __init__(self, site: Site, options: Options, markdown: Callable[[str], Any] | None = None,
                 words=None):
        self.site = site
        org = site.organisation
        if words is None:
            from ..render.i18n import words_for
            words = words_for(org.languages[0], org.country)
        self.words = words
        """The plugin's words, dates and numbers in this report's language (render.i18n.Words)."""
        self.language = words.lang
        self.options = options
        self.urls = options.urls
        self.as_of = options.as_of
        self._markdown = markdown
        self._rendered: dict[str, Any] = {}  # text -> rendered HTML, for this build
        self._excerpts: dict[tuple[str, int | None], str] = {}
        self._derived: dict[Callable, Any] = {}
        self.warnings: list[str] = []  # said by feature modules; the engine adapter logs them as warnings
        self.notes: list[str] = []  # said by feature modules; logged as information (a missing optional extra)

    def derived(self, make: Callable[["Report"], Any]) -> Any:
        """``make(report)``, made once per build: how feature modules keep what they derive (their views)."""
        out = self._derived.get(make)
        if out is None:
            out = self._derived[make] = make(self)
        return out

    def warn(self, message: str) -> None:
        """Record a warning about the build (not the content), once; the adapter reports it."""
        if message not in self.warnings:
            self.warnings.append(message)

    def note(self, message: str) -> None:
        """Record information about the build that is not a problem, once; the adapter reports it."""
        if message not in self.notes:
            self.notes.append(message)

    # --- text --------------------------------------------------------------------------------------------
    def markdown(self, text: str):
        """Render a Markdown field through the one safe path (set by the caller), once per build: results are
        kept for the whole build (every page and index shows the same texts), however large the site."""
        text = text or ""
        out = self._rendered.get(text)
        if out is None:
            if self._markdown is None:
                from ..render.text import MarkdownRenderer  # the default renderer, if the engine gave none
                self._markdown = MarkdownRenderer().render
            out = self._rendered[text] = self._markdown(text)
        lang = getattr(text, "lang", None)  # a text shown in another language (a missing translation)
        if lang and out:
            from markupsafe import Markup
            return Markup('<div lang="%s">') % lang + out + Markup("</div>")
        return out

    def excerpt(self, text: str | None, limit: int | None = None) -> str:
        """Plain text of a Markdown field (see :func:`~mic_plugin.render.text.plain_text`), from the build's
        rendering of it, so the words go through Markdown once however many pages quote them."""
        if not text:
            return ""
        key = (text, limit)
        out = self._excerpts.get(key)
        if out is None:
            from ..render.text import plain_text_of_html
            out = self._excerpts[key] = plain_text_of_html(self.markdown(str(text)), limit)
        lang = getattr(text, "lang", None)
        if lang and out:
            from ..model.translated import Fallback
            return Fallback(out, lang)
        return out

    # --- indexes -----------------------------------------------------------------------------------------
    @functools.cached_property
    def activities(self) -> list[Activity]:
        return self.site.activities

    @functools.cached_property
    def activity_by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in self.site.activities}

    @functools.cached_property
    def feedback(self) -> list[Feedback]:
        """Every feedback item, newest first (then by activity and file order)."""
        items = [f for a in self.site.activities for f in a.feedback]
        return sorted(items, key=lambda f: f.date, reverse=True)

    @functools.cached_property
    def themes(self) -> dict[str, str]:
        """Theme key (case-folded) -> the theme as first written, over activities and feedback, sorted."""
        seen: dict[str, str] = {}
        for activity in self.site.activities:
            for theme in activity.themes:
                seen.setdefault(theme_key(theme), theme.strip())
            for item in activity.feedback:
                for theme in item.themes:
                    seen.setdefault(theme_key(theme), theme.strip())
        return dict(sorted(seen.items()))

    # --- links -------------------------------------------------------------------------------------------
    def edit_url(self, source_path: str) -> str:
        """"Suggest a change" link for a content file (relative to the content folder), or ''."""
        o = self.options
        if not (o.repo_url and o.edit_uri):
            return ""
        base = o.edit_uri if o.edit_uri.startswith(("http://", "https://")) else \
            o.repo_url.rstrip("/") + "/" + o.edit_uri.lstrip("/")
        content = o.content_path.strip("/")
        return base.rstrip("/") + "/" + (f"{content}/" if content else "") + source_path.lstrip("/")


class View:
    """A feature's view of one report, made once per build through :meth:`Report.derived`. It holds its report
    weakly (the report holds the view), so a finished build's report and views are freed together."""

    def __init__(self, report: "Report"):
        self._report = weakref.ref(report)

    @property
    def report(self) -> "Report":
        return self._report()


def theme_key(theme: str) -> str:
    """Themes are one when they read the same: after NFKC, without invisible characters, any case. A theme
    shown in another language keeps its main-language key (:class:`~mic_plugin.model.translated.ThemeText`)."""
    key = getattr(theme, "key", None)
    return key if key is not None else comparable(theme)

