"""One site, seen in one of its languages: pure, no HTML, no engine.

:func:`localise` gives the :class:`~mic_plugin.model.records.Site` a page in language ``lang`` shows: every
translated text in that language (or, where the translation is missing, the main language's text as a
:class:`~mic_plugin.model.translated.Fallback` that knows its language), the quality framework's names in the
plugin's words for that language, and everything else (ids, dates, numbers, vocabulary keys) as it is.
Themes stay one theme across languages: each is shown, in every item, with the first translation written
for it anywhere on the site.
"""

from __future__ import annotations

import dataclasses

from ..model.framework import Framework, Marker, Part
from ..model.records import Site
from .report import theme_key
from ..model.translated import Fallback, ThemeText, Translated, text_in


def localise(site: Site, lang: str, words) -> Site:
    """``site`` as a page in ``lang`` shows it (``words``: the plugin's :class:`~mic_plugin.render.i18n.Words`
    for ``lang``, for the framework's names)."""
    main = site.organisation.languages[0]
    themes = _theme_texts(site, lang, main)

    def walk(value):
        if isinstance(value, Translated):
            return text_in(value, lang, main)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):  # the checklist: marker id -> answer
            return {k: walk(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for f in dataclasses.fields(value):
                old = getattr(value, f.name)
                if f.name == "themes" and isinstance(old, list):
                    new = [themes.get(theme_key(t), walk(t)) for t in old]
                else:
                    new = walk(old)
                if new is not old:
                    changes[f.name] = new
            return dataclasses.replace(value, **changes) if changes else value
        return value

    out = dataclasses.replace(
        site, organisation=walk(site.organisation), activities=[walk(a) for a in site.activities],
        outcomes=[walk(m) for m in site.outcomes],
        framework=localise_framework(site.framework, words, "en" if site.framework.is_default else main, lang))
    return out


def _theme_texts(site: Site, lang: str, main: str) -> dict[str, str]:
    """Theme key -> the theme in ``lang``: the first translation written for it on the site."""
    out: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for activity in site.activities:
        groups = [activity.themes] + [item.themes for item in activity.feedback]
        for group in groups:
            for theme in group:
                key = theme_key(theme)
                texts = getattr(theme, "texts", None)
                if texts and lang in texts and key not in out:
                    out[key] = ThemeText(texts[lang], key)
                fallback.setdefault(key, text_in(theme, lang, main))
    return {**fallback, **out}


def localise_framework(framework: Framework, words, written_in: str, lang: str | None = None) -> Framework:
    """The framework's title, source, actors, stages and markers in ``lang`` (default ``words.lang``): a text
    the framework file translates (a site's own framework), else the plugin's words for it (the catalogue, with
    a site's own translations file); a text neither has stays as written, marked as being in ``written_in``
    (the default framework's source, a publication's title, is English)."""
    lang = lang or words.lang

    def say(text: str) -> str:
        if isinstance(text, Translated):
            if lang in text.texts or not words.has(str(text)):
                return text_in(text, lang, written_in)
            text = str(text)
        if not text or lang == written_in:
            return text
        return words.gettext(text) if words.has(text) else Fallback(text, written_in)

    def part(p: Part) -> Part:
        return dataclasses.replace(p, name=say(p.name), help=say(p.help))

    def marker(m: Marker) -> Marker:
        return dataclasses.replace(m, text=say(m.text), help=say(m.help))

    return dataclasses.replace(framework, title=say(framework.title), source=say(framework.source),
                               actors=tuple(part(a) for a in framework.actors),
                               stages=tuple(part(s) for s in framework.stages),
                               markers=tuple(marker(m) for m in framework.markers))
