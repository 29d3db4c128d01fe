"""One site in each of its languages: an edition per language, and each page's twins in the others.

The main language is published at the usual URLs, every further language ``LANG`` at the same paths under
``LANG/`` (``CONTENT_FORMAT.md`` 1.1, "Languages"). An :class:`Edition` is one language's report and plan:
the site as that language shows it (:func:`~mic_plugin.derive.languages.localise`), the plugin's words in it,
and URLs under its folder, so every page, feed, badge and data file of the plan comes out in that language
and links within it. Engine-free: the adapter turns editions into pages and files.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ..model.records import Site
from .plan import build_plan
from .specs import Plan
from ..derive.report import Options, Report
from ..derive.languages import localise
from ..render.i18n import Words, language_name, words_for


@dataclass
class Edition:
    """The site in one language."""

    lang: str
    main: bool  # published at the usual URLs
    words: Words
    report: Report
    plan: Plan

    @functools.cached_property
    def page_set(self) -> set[str]:
        return {spec.page for spec in self.plan.pages}

    @property
    def name(self) -> str:
        """The language's name in itself (``Cymraeg``), for the language switch."""
        return self.words.name


def folder_of(lang: str, main: str) -> str:
    """Where a language's pages go, relative to the site root: '' for the main language, else ``LANG``."""
    return "" if lang == main else lang


def editions(site: Site, options: Options, markdown: Callable[[str], Any] | None = None,
             translations: Iterable[tuple[Path, str]] = (), only: str | None = None,
             in_folders: bool = True) -> list[Edition]:
    """An edition for each of the site's languages (just ``only``, when another tool builds each language
    on its own); ``in_folders``: further languages under ``LANG/`` (False when that tool does it)."""
    translations = list(translations)
    out = []
    for lang in site.organisation.languages:
        if only is not None and lang != only:
            continue
        report = edition_report(site, options, lang, markdown, translations, in_folders)
        out.append(Edition(lang, lang == site.organisation.languages[0], report.words, report, build_plan(report)))
    return out


def edition_report(site: Site, options: Options, lang: str, markdown: Callable[[str], Any] | None = None,
                   translations: Iterable[tuple[Path, str]] = (), in_folders: bool = True) -> Report:
    """The site as ``lang`` shows it (the plugin's words, dates, numbers and content in that language), with
    its addresses under ``LANG/`` for a further language: an edition's report, without planning its pages
    (``mic digest --language``)."""
    org = site.organisation
    main = org.languages[0]
    words = words_for(lang, org.country, translations)
    shown = site if (lang == main and lang == "en" and len(org.languages) == 1) else localise(site, lang, words)
    folder = folder_of(lang, main) if in_folders else ""
    urls = dataclasses.replace(options.urls, prefix="/".join(p for p in (folder, options.urls.prefix.strip("/"))
                                                             if p))
    return Report(shown, dataclasses.replace(options, urls=urls), markdown, words)


_SECTION_PAGE = re.compile(r"^(?P<base>.+?)(/feedback)?/page/\d+$")


def twin_page(page: str, pages: set[str]) -> str | None:
    """The logical page in another edition that shows what ``page`` shows: the same page, or (a list split
    differently in another language) the first page of the same list; None when there is none."""
    if page in pages:
        return page
    match = _SECTION_PAGE.match(page)
    if match and match.group("base") in pages:
        return match.group("base")
    return None


def alternates(editions_: list[Edition], page: str) -> list[tuple[Edition, str]]:
    """``(edition, site-relative URL)`` of ``page`` in every edition that has it (its own included)."""
    out = []
    for edition in editions_:
        twin = twin_page(page, edition.page_set)
        if twin is not None:
            out.append((edition, edition.report.urls.page(twin)))
    return out


__all__ = ["Edition", "editions", "edition_report", "alternates", "twin_page", "folder_of", "language_name"]
