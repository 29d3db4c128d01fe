"""Render one of the plugin's templates without building a site: the plugin's environment (``make_env``, in a
language's words) over a plain Jinja loader of ``mic_plugin/templates``, and a context you give. For tests of
what a template writes where building a whole MkDocs site is not what is tested:
``from kits.templatekit import render``."""

from __future__ import annotations

import functools

import jinja2

from mic_plugin.model.urls import Urls
from mic_plugin.render.i18n import words_for
from mic_plugin.render.templates import ThemeClasses, make_env


@functools.lru_cache(maxsize=8)
def env(theme_classes: ThemeClasses = ThemeClasses(), lang: str = "en") -> jinja2.Environment:
    base = jinja2.Environment(loader=jinja2.PackageLoader("mic_plugin", "templates"))
    return make_env(base, words=words_for(lang), theme_classes=theme_classes)


def render(template: str, theme_classes: ThemeClasses = ThemeClasses(), lang: str = "en", **context) -> str:
    """``template`` (e.g. ``mic/partials/feedback-filter.html``) rendered with ``context``; ``urls`` (default
    options) and ``root`` (``"../"``) are given unless the context says otherwise."""
    context.setdefault("urls", Urls())
    context.setdefault("root", "../")
    return env(theme_classes, lang).get_template(template).render(context)


def render_string(source: str, lang: str = "en", **context) -> str:
    """Template text rendered like :func:`render` (e.g. ``{% import "mic/macros.html" as m %}{{ m.people(2) }}``)."""
    context.setdefault("urls", Urls())
    context.setdefault("root", "../")
    return env(ThemeClasses(), lang).from_string(source).render(context)
