"""The MkDocs and Material side of languages: each generated page in its language, down to the theme's words.

One ``mkdocs build`` publishes every language (``site/languages.py`` makes the editions). For a page of a
further language the adapter, while that page is rendered:

* sets ``theme.language``, so Material's ``partials/language.html`` imports that language's words (search
  box, skip link, navigation labels, ``<html lang>``); MkDocs renders pages one after another, so the setting
  is put back after the page (:meth:`PageLanguage.leave`);
* gives the page a navigation of its own language (:func:`language_nav`): the generated entries lead to the
  pages of that language; a site's own pages, which exist in one language, keep their place, their titles
  marked with the language they are written in;
* sets ``extra.alternate`` to the same page in every language, so Material writes
  ``<link rel="alternate" hreflang>`` in the head and offers its language menu, each entry the same page.

With ``mkdocs-static-i18n`` (a site that also translates its own Markdown pages), that plugin builds the site
once per language, each in its own folder, and sets the theme's language and menu itself: the adapter then
publishes only the language being built, at the root of that build (:func:`static_i18n_language`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

STATIC_I18N = "mkdocs_static_i18n"


def static_i18n(config):
    """The mkdocs-static-i18n plugin when the site uses it (it builds each language on its own), else None."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith(STATIC_I18N) and hasattr(plugin, "current_language"):
            return plugin
    return None


def static_i18n_language(plugin) -> tuple[str | None, bool]:
    """``(language being built, whether it is that plugin's default language)``."""
    lang = getattr(plugin, "current_language", None) or getattr(plugin, "default_language", None)
    default = getattr(plugin, "is_default_language_build", None)
    if default is None:
        default = lang == getattr(plugin, "default_language", lang)
    return lang, bool(default)


def theme_language(env: jinja2.Environment, lang: str) -> str | None:
    """The name of the theme's words for ``lang`` (Material's ``partials/languages/NAME.html``): the tag
    itself (``pt-BR``), else its language (``pt``); None when the theme has neither."""
    for name in (lang, lang.split("-")[0]):
        try:
            env.get_template(f"partials/languages/{name}.html")
            return name
        except jinja2.TemplateNotFound:
            continue
        except jinja2.TemplateError:
            return None
    return None


def marked(title, lang: str) -> Markup:
    """A title shown in another language than the page's, in an element that says so."""
    return Markup('<span lang="%s">%s</span>') % (lang, title if isinstance(title, Markup) else escape(title))


def language_nav(nav: Navigation, twin_of: dict[str, Page], written_in: str) -> Navigation:
    """A copy of ``nav`` for one further language: each generated page replaced by its twin (``twin_of``:
    main page's source path -> twin page), everything else kept in place with its title marked as written in
    ``written_in``. The twins' parents become the copied sections; the main navigation is left untouched."""
    pages: list[Page] = []

    def walk(items, parent):
        out = []
        for item in items:
            if isinstance(item, Page):
                twin = twin_of.get(item.file.src_uri)
                if twin is not None:
                    twin.parent = parent
                    pages.append(twin)
                    out.append(twin)
                else:
                    out.append(Elsewhere(item, written_in, parent))
            elif isinstance(item, Section):
                section = Section(marked(item.title, written_in), [])
                section.parent = parent
                section.children = walk(item.children, section)
                out.append(section)
            elif isinstance(item, Link):
                link = copy.copy(item)
                link.title = marked(item.title, written_in)
                link.parent = parent
                out.append(link)
            else:
                out.append(item)
        return out

    items = walk(nav.items, None)
    for previous, page in zip([None] + pages[:-1], pages):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if pages:
        pages[-1].next_page = None
    return Navigation(items, pages)


class Elsewhere:
    """A site's own page in another language's navigation: the page itself (its address, its state), with
    its title, known once the page is read, marked as written in ``lang``."""

    def __init__(self, page: Page, lang: str, parent):
        self._page = page
        self._lang = lang
        self.parent = parent

    def __getattr__(self, name):
        return getattr(self._page, name)

    @property
    def title(self):
        return marked(self._page.title or "", self._lang)


@dataclass
class PageLanguage:
    """Puts the theme into one page's language while it is rendered, and back afterwards."""

    saved: dict = field(default_factory=dict)

    def enter(self, config, theme_name: str | None, alternate: list[dict] | None) -> None:
        self.leave(config)
        if theme_name is not None and "language" in config.theme:
            self.saved["language"] = config.theme["language"]
            config.theme["language"] = theme_name
        if alternate is not None:
            self.saved["alternate"] = config.extra.get("alternate", _MISSING)
            self.saved["alternate_attribute"] = vars(config.extra).get("alternate", _MISSING)
            config.extra["alternate"] = alternate
            if self.saved["alternate_attribute"] is not _MISSING:  # set as an attribute (mkdocs-static-i18n)
                vars(config.extra)["alternate"] = alternate

    def leave(self, config) -> None:
        if "language" in self.saved:
            config.theme["language"] = self.saved.pop("language")
        if "alternate" in self.saved:
            old = self.saved.pop("alternate")
            if old is _MISSING:
                config.extra.pop("alternate", None)
            else:
                config.extra["alternate"] = old
            attribute = self.saved.pop("alternate_attribute", _MISSING)
            if attribute is not _MISSING:
                vars(config.extra)["alternate"] = attribute


_MISSING = object()
