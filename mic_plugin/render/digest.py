"""Write a :class:`~mic_plugin.derive.digest.Digest` as plain text, Markdown or an HTML fragment, each from
its template (``mic/digest-text.html``, ``mic/digest-markdown.html``, ``mic/digest.html``; only the HTML one
autoescaped; all named .html so that MkDocs never publishes them as static theme files).

The digest is written in the language of its report's words (``mic digest --language cy``): the plugin's
words from the message catalogue, dates and numbers as that language writes them, the content in that
language. Text shown in another language because its translation is missing is marked: in HTML by an
element naming its language, in text and Markdown by a note at the end naming the language."""

from __future__ import annotations

import re

import jinja2

from ..model.translated import Fallback
from .i18n import language_name, words_for
from .templates import make_env
from .text import plain_text

FORMATS = ("text", "markdown", "html")
TEMPLATES = {"text": "mic/digest-text.html", "markdown": "mic/digest-markdown.html", "html": "mic/digest.html"}
SAID_CHARS = 140
NOTE_CHARS = 300

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Plain text made safe to paste into Markdown (it shows as written, never as markup)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    return Fallback(escaped, text.lang) if isinstance(text, Fallback) else escaped


def render_digest(digest, report, fmt: str, site_url: str = "") -> str:
    """``digest`` (a :class:`~mic_plugin.derive.digest.Digest`, from the caller: render/ sits below derive/) in
    ``fmt`` (text, markdown or html), in the language of ``report.words``. Links are
    absolute under ``site_url`` when given, otherwise relative to the site's root."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    words = report.words or words_for("en")
    fallbacks: set[str] = set()  # the languages of texts shown untranslated

    def plain(text, limit):
        """A text as a short plain-text quotation, still knowing its language when it is a fallback."""
        out = plain_text(text, limit=limit) if text else ""
        if isinstance(text, Fallback) and out:
            fallbacks.add(text.lang)
            return Fallback(out, text.lang)
        return out

    def title(text):
        if isinstance(text, Fallback):
            fallbacks.add(text.lang)
        return text

    if fmt == "html":
        env = make_env(words=words)
    else:
        env = jinja2.Environment(loader=jinja2.PackageLoader("mic_plugin", "templates"), autoescape=False,
                                 trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.globals.update(_=words.gettext, gettext=words.gettext, ngettext=words.ngettext)
        env.filters.update(human_date=words.date, md=md_escape)
    context = {
        "digest": digest, "report": report, "site": report.site,
        "link": lambda path: base + path,
        "said": lambda item: plain(item.said, SAID_CHARS),
        "note": lambda text: plain(text, NOTE_CHARS),
        "title": title,
        "people": words.people,
        "untranslated": lambda: sorted(fallbacks),
        "language_name": lambda lang: _name_in(lang, words),
        "md": md_escape,  # the formats' escaping of a text, for mic/partials/digest-change.html
        "plain": lambda text: text,
    }
    out = env.get_template(TEMPLATES[fmt]).render(context)
    return out.rstrip("\n") + "\n"


def _name_in(lang: str, words) -> str:
    """A language's name as ``words``' language writes it (``en`` in Welsh: ``Saesneg``)."""
    from .i18n import babel_locale
    locale = babel_locale(lang)
    name = locale.get_display_name(words.locale) if locale is not None else None
    return name or language_name(lang)


__all__ = ["FORMATS", "md_escape", "render_digest"]
