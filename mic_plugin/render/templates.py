"""The Jinja environment page bodies render through: one escaping path (:func:`make_env`; the pages themselves
are rendered by :class:`mic_plugin.site.renderer.Renderer`).

The engine passes its own Jinja environment (so a site's ``custom_dir`` can override any ``mic/*.html``);
we render through an overlay of it with autoescaping on: every plain-text value is escaped, and only
values already marked safe (sanitised Markdown from :mod:`mic_plugin.render.text`, SVG we drew) pass as HTML.
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape

from ..model import vocab
from .words import human_date, plural
from .i18n import Words, template_helpers, words_for

@functools.lru_cache(maxsize=4096)
def time_tag(value: _dt.date | None) -> Markup:
    """A date for people, machine-readable: ``<time datetime="2024-03-05">5 March 2024</time>``."""
    if value is None:
        return Markup("")
    # ISO digits and an English month name: nothing to escape.
    return Markup(f'<time datetime="{value.isoformat()}">{human_date(value)}</time>')


def days(count: int) -> str:
    return plural(count, "day")


@dataclass(frozen=True)
class ThemeClasses:
    """The theme's class names the templates (and ``mic.js``, through ``data-`` attributes) use, set by the
    engine adapter (Material's are in ``mic_plugin/mkdocs/theme.py``); these defaults are this plugin's own."""

    visually_hidden: str = "mic-visually-hidden"  # text for screen readers only
    button: str = "mic-button"
    typeset: str = "mic-typeset"  # the container of page content, which the stylesheets scope their rules to


def make_env(base: jinja2.Environment | None = None, words: Words | None = None, source_language: str = "en",
             theme_classes: ThemeClasses = ThemeClasses()) -> jinja2.Environment:
    """An autoescaping environment for one language (``words``, English by default): an overlay of the
    engine's (sharing its loader, with its own template cache, filters and globals) or a standalone one.
    Templates get the theme's class names as ``theme_class``."""
    if base is not None:
        env = base.overlay(autoescape=True, cache_size=400)
        env.filters, env.globals = dict(env.filters), dict(env.globals)
    else:
        env = jinja2.Environment(loader=jinja2.PackageLoader("mic_plugin", "templates"),
                                 autoescape=True, trim_blocks=True, lstrip_blocks=True)
    helpers = template_helpers(words or words_for(source_language), source_language)
    env.filters.update(helpers["filters"])
    env.filters.update(plural=plural, days=days)  # English, for templates outside the catalogue (mic digest)
    env.globals.update(helpers["globals"], vocab=vocab, theme_class=theme_classes)
    return env


__all__ = ["ThemeClasses", "make_env", "time_tag", "escape"]
