"""Text written in more than one language.

A translatable field holds a :class:`Translated`: it *is* the main language's text (a ``str``, so everything
that reads one language keeps working, and a theme is known by its main-language text), and ``texts`` holds
every language it was written in. :func:`text_in` picks one language's text; a text shown in another
language because a translation is missing is a :class:`Fallback`, which knows its language.
"""

from __future__ import annotations


class Translated(str):
    """The main language's text, with ``texts``: language code -> text for every language written."""

    __slots__ = ("texts",)

    def __new__(cls, texts: dict[str, str], main: str):
        obj = super().__new__(cls, texts[main])
        obj.texts = dict(texts)
        return obj

    def __reduce__(self):
        main = next(k for k, v in self.texts.items() if v == str(self))
        return (Translated, (self.texts, main))


class Fallback(str):
    """A text shown in ``lang`` (another language than the page's) because its translation is missing."""

    __slots__ = ("lang",)

    def __new__(cls, text: str, lang: str):
        obj = super().__new__(cls, text)
        obj.lang = lang
        return obj

    def __reduce__(self):
        return (Fallback, (str(self), self.lang))

    def __html__(self) -> str:
        """In HTML (autoescaped templates, Markup's %): the text in an element naming its language."""
        from markupsafe import escape
        return f'<span lang="{escape(self.lang)}">{escape(str(self))}</span>'


class ThemeText(str):
    """A theme shown in another language than the main one, still known by its main-language ``key`` (a
    translated theme is one theme: the same grouping, filter value and feed address in every language)."""

    __slots__ = ("key",)

    def __new__(cls, text: str, key: str):
        obj = super().__new__(cls, text)
        obj.key = key
        return obj

    def __reduce__(self):
        return (ThemeText, (str(self), self.key))


def text_in(value, lang: str, main: str):
    """``value`` in ``lang``: its translation, or the main language's text as a :class:`Fallback` when it
    has none (a plain string is the main language's text); other values as they are."""
    if not isinstance(value, str) or lang == main:
        return str(value) if isinstance(value, Translated) else value
    texts = getattr(value, "texts", None)
    if texts is not None and lang in texts:
        return texts[lang]
    return Fallback(str(value), main) if value else value
