"""The plugin's own words in every language: one message catalogue, dates, numbers and plural rules.

Messages are written in English in the code and templates (``_("You said")``) and translated in gettext
catalogues, ``mic_plugin/locales/LANG.po``. PO is what translators already use (Poedit, Weblate, Crowdin,
Transifex and any text editor): each message shows its English beside the translation, with a comment
saying where it appears, and plural forms follow each language's own rule (Welsh has six: zero, one, two,
few, many, other; the ``Plural-Forms`` line comes from Babel's CLDR data). ``messages.pot`` lists every
message, for starting a new language.

A site adds a language or changes a word with its own PO files (plugin option ``translations``: one ``.po``
file or a folder of them, each named after its language, e.g. ``gd.po``); its messages win over ours.

Dates, numbers and percentages are written with Babel (CLDR), in the page's language and the organisation's
country (``en`` in ``GB`` writes ``5 March 2024``, ``cy`` writes ``12 Chwefror 2024``).

This module never imports MkDocs.
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
import math
import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Callable, Iterable

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SOURCE_LANGUAGE = "en"
"""The language messages are written in (no catalogue needed)."""
_NAMED_S = re.compile(r"%\(\w+\)s|%%")  # the conversions Words.markup formats itself

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")
"""A BCP 47 tag as sites write them: language, optional script, optional region (``en``, ``pt-BR``,
``zh-Hant``, ``sr-Latn-RS``)."""


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined (a constant) and translated later, by
    ``report.words.gettext(message)`` where it is shown."""
    return message


class TranslationError(Exception):
    """A translations file that cannot be read; the message names the file and line."""


def babel_locale(lang: str, country: str = "") -> Locale | None:
    """Babel's locale for a BCP 47 tag, preferring the organisation's country (``en`` + ``GB`` -> en_GB);
    None when Babel has no data for the language."""
    try:
        base = Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    if country and not base.territory:
        try:
            return Locale.parse(f"{base.language}{'_' + base.script if base.script else ''}_{country.upper()}")
        except (UnknownLocaleError, ValueError):
            pass
    return base


def language_name(lang: str) -> str:
    """The language's name in itself: ``cy`` -> ``Cymraeg``, ``en`` -> ``English`` (the tag if unknown)."""
    locale = babel_locale(lang)
    name = locale.get_display_name(locale) if locale else None
    if not name:
        return lang
    return name[:1].upper() + name[1:]


def language_hint(word: str) -> str:
    """The code of a language written out in English or in itself (``Welsh`` or ``Cymraeg`` -> ``cy``), or ''."""
    wanted = word.strip().casefold()
    english = Locale.parse("en").languages
    for code, name in english.items():
        if "_" not in code and name.casefold() == wanted:
            return code
    for code in english:
        if "_" in code or len(code) > 3:
            continue
        try:
            own = Locale.parse(code).get_display_name(code)
        except (UnknownLocaleError, ValueError):
            continue
        if own and own.casefold() == wanted:
            return code
    return ""


# --- catalogues ---------------------------------------------------------------------------------------------

def _po_language(path: Path) -> str:
    """``cy.po`` -> ``cy``; ``pt_BR.po`` -> ``pt-BR``."""
    return path.stem.replace("_", "-")


def _read_po(path: Path, shown: str) -> Catalog:
    """A PO file, checked: a line Babel cannot read, or a translation whose ``%(name)s`` values differ
    from its message's (it would fail when a page is written), is a :class:`TranslationError`."""
    try:
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=None, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError (0-based line) and ValueError
        line = getattr(exc, "lineno", -1) + 1
        message = re.sub(r" on \d+$", "", str(exc))
        raise TranslationError(f"{shown}:{line}: {message}") from None
    for message, errors in catalog.check():
        if errors:
            raise TranslationError(f"{shown}:{message.lineno}: {errors[0]}")
    return catalog


def _to_translations(catalog: Catalog, lang: str) -> Translations:
    if catalog.locale is None:
        try:
            catalog.locale = Locale.parse(lang, sep="-")
        except (UnknownLocaleError, ValueError):
            pass
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def po_files(path: Path) -> list[Path]:
    """The PO files a ``translations`` option names: the file itself, or every ``*.po`` in the folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix == ".po" and not p.name.startswith("."))
    return [path]


class TranslationOptionError(TranslationError):
    """The ``translations`` option names nothing usable; the message says what, for the option's place."""


def site_translations(path: Path, written: str, show: Callable[[Path], str] = str) -> list[tuple[Path, str]]:
    """The site's own PO files that the ``translations`` option (written as ``written``, found at ``path``)
    names, each with its name as messages show it, read once to check them. Raises TranslationOptionError
    when the path does not exist or holds no PO file, TranslationError (naming file and line) for a broken
    file."""
    if not path.exists():
        raise TranslationOptionError(f"'{written}' does not exist; give a LANG.po file or a folder of them")
    found = [(p, show(p)) for p in po_files(path)]
    if not found:
        raise TranslationOptionError(f"'{written}' holds no .po file (name each after its language, e.g. cy.po)")
    for file, shown in found:
        words_for(file.stem.replace("_", "-"), "GB", [(file, shown)])
    return found


@functools.lru_cache(maxsize=32)
def _shipped(lang: str) -> tuple[Translations | None, frozenset[str]]:
    path = LOCALES_DIR / f"{lang.replace('-', '_')}.po"
    if not path.is_file():
        return None, frozenset()
    catalog = _read_po(path, str(path))
    return _to_translations(catalog, lang), _translated_ids(catalog)


def _translated_ids(catalog: Catalog) -> frozenset[str]:
    out = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if all(strings):
            key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
            out.add(f"{message.context}\x04{key}" if message.context else key)
    return frozenset(out)


def shipped_languages() -> list[str]:
    """Languages the project ships words for (English, the source, included)."""
    return [SOURCE_LANGUAGE] + sorted(_po_language(p) for p in LOCALES_DIR.glob("*.po"))


class Words:
    """The plugin's words, dates and numbers in one language.

    ``_("You said")``, ``ngettext("%(num)s item", "%(num)s items", n)`` and ``pgettext(context, message)``
    give plain text (``num`` written as the language writes numbers); :meth:`markup` is their form for
    templates: the message escaped, then its values put in (Markup values, such as a ``<time>``, as they
    are). A message this language lacks is shown in English: in templates inside ``<span lang="en">``.
    """

    def __init__(self, lang: str = SOURCE_LANGUAGE, country: str = "GB",
                 site_translations: Iterable[tuple[Path, str]] = ()):
        self.lang = lang
        self.country = (country or "GB").upper()
        self.locale = babel_locale(lang, self.country) or babel_locale(SOURCE_LANGUAGE, self.country)
        translations, known = _shipped(lang) if lang != SOURCE_LANGUAGE else (None, frozenset())
        known = set(known)
        for path, shown in site_translations:
            if _po_language(path) != lang:
                continue
            catalog = _read_po(path, shown)
            extra = _to_translations(catalog, lang)
            if translations is None:
                translations = extra
            else:
                extra.add_fallback(translations)  # the site's words first, ours for the rest
                translations = extra
            known |= _translated_ids(catalog)
        self._known = frozenset(known)
        self._t = translations or NullTranslations()
        self.complete = lang == SOURCE_LANGUAGE
        """True for the source language (every message is its own translation)."""
        # Babel formats a number or a date in about 0.1 ms; a large site's pages write the same few thousand
        # numbers and dates hundreds of thousands of times (a tenth of a build), so each is formatted once.
        self._numbers: dict[tuple[type, object], str] = {}
        self._dates: dict[tuple[type, object], str] = {}
        self._percents: dict[tuple[type, object], str] = {}
        # (message, context[, plural, whole]) -> (escaped message, whether its only conversions are
        # %(name)s, whether it is shown in the source language): what markup() works out once per message
        self._markups: dict[tuple, tuple[Markup, bool, bool]] = {}
        self.name = language_name(lang)

    # --- lookups ---------------------------------------------------------------------------------------------
    def has(self, message: str, context: str | None = None) -> bool:
        """Whether this language has its own words for ``message`` (always, for the source language)."""
        return self.complete or (f"{context}\x04{message}" if context else message) in self._known

    def gettext(self, message: str, /, **values) -> str:
        text = self._t.gettext(message)
        return text % values if values else text

    _ = gettext

    def pgettext(self, context: str, message: str, /, **values) -> str:
        text = self._t.pgettext(context, message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, /, **values) -> str:
        values.setdefault("num", self.number(n))
        return self._t.ngettext(singular, plural, self._whole(n)) % values

    def _whole(self, n):
        """A whole number with the plural form of ``n`` (gettext's rules take whole numbers; CLDR's, which
        Babel knows, also say which form 4.5 takes)."""
        if isinstance(n, int) or n is None or float(n).is_integer():
            return int(n or 0)
        category = self.locale.plural_form(Decimal(repr(float(n))))
        return next((i for i in range(1000) if self.locale.plural_form(i) == category), 2)

    # --- for templates (autoescaped) -------------------------------------------------------------------------
    def markup(self, message: str, /, _context: str | None = None, _plural: str | None = None,
               _n: int | None = None, **values) -> Markup:
        if _plural is not None:
            values.setdefault("num", self.number(_n))
            whole = self._whole(_n)
            key: tuple = (message, _context, _plural, whole)
        else:
            key = (message, _context)
        known = self._markups.get(key)
        if known is None:
            if _plural is not None:
                text = (self._t.npgettext(_context, message, _plural, whole) if _context
                        else self._t.ngettext(message, _plural, whole))
            else:
                text = self._t.pgettext(_context, message) if _context else self._t.gettext(message)
            known = self._markups[key] = (Markup(escape(text)), "%" not in _NAMED_S.sub("", text),
                                          not self.has(message, _context))
        out, named_s, foreign = known
        if values:
            # What Markup's % gives (each value escaped, then formatted), without its per-value helper objects
            # when every conversion is %(name)s.
            out = Markup(str.__mod__(out, {k: escape(v) for k, v in values.items()})) if named_s else out % values
        if foreign:
            return Markup('<span lang="%s">') % SOURCE_LANGUAGE + out + Markup("</span>")
        return out

    def template_globals(self) -> dict:
        """``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` for Jinja (names Babel extracts)."""
        def _(message, /, **values):
            return self.markup(message, **values)

        def ngettext(singular, plural, n, /, **values):
            return self.markup(singular, _plural=plural, _n=n, **values)

        def pgettext(context, message, /, **values):
            return self.markup(message, _context=context, **values)

        def npgettext(context, singular, plural, n, /, **values):
            return self.markup(singular, _context=context, _plural=plural, _n=n, **values)

        return {"_": _, "gettext": _, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext,
                "lang": self.lang, "words": self}

    # --- numbers and dates -------------------------------------------------------------------------------------
    def date(self, value: _dt.date | None) -> str:
        """``5 March 2024`` (en, GB), ``12 Chwefror 2024`` (cy): the language's long date; '' for None."""
        if value is None:
            return ""
        return _formatted(self._dates, value, lambda v: format_date(v, "long", locale=self.locale))

    def month_year(self, year: int, month: int) -> str:
        """``November 2026``, ``Tachwedd 2026``."""
        return format_date(_dt.date(year, month, 1), "LLLL y", locale=self.locale)

    def number(self, value: float | None) -> str:
        """``12``, ``12.5``, ``12.35`` (from 12.345: halves rounded up, at most two decimals), ``1,250,000``
        (``1.250.000`` in German); '' for None. Refuses NaN and infinity."""
        if value is None:
            return ""
        return _formatted(self._numbers, value, self._number)

    def _number(self, value: float) -> str:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        if isinstance(value, int) and not isinstance(value, bool):
            d = Decimal(value)
        else:
            d = Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if d == 0:
                d = Decimal(0)
        return format_decimal(d, format="#,##0.##", locale=self.locale)

    def plural_forms(self, singular: str, plural: str, **values) -> dict[str, str]:
        """A plural message for a browser script: its text for each CLDR plural category of the language
        (``Intl.PluralRules(lang).select(n)`` names them), with ``{n}`` where the number goes."""
        return self.script_forms(lambda n, **num: self._t.ngettext(singular, plural, n) % dict(values, **num))

    def script_forms(self, say: Callable[..., str]) -> dict[str, str]:
        """:meth:`plural_forms` of a wording written once as a method, such as :meth:`people`: ``say(n,
        num="{n}")`` for one number of each plural category."""
        out: dict[str, str] = {}
        rule = self.locale.plural_form
        for n in range(0, 1000):
            category = rule(n)
            if category not in out:
                out[category] = say(n, num="{n}")
            if len(out) == len(rule.tags) + 1:
                break
        return out

    # --- wordings used in more than one place ------------------------------------------------------------------
    def people(self, count: int, /, **values) -> str:
        """``1 person``, ``1,250 people``: how many people said something (item facts, activity figures,
        search entries, the filter script, mic digest; ``m.people`` in templates)."""
        return self.ngettext("%(num)s person", "%(num)s people", count, **values)

    def date_patterns(self) -> list[str]:
        """How a date is written in each month, for a browser script: ``{d} Chwefror {y}``."""
        return [self.date(_dt.date(2000, m, 23)).replace("23", "{d}").replace("2000", "{y}") for m in range(1, 13)]

    def percent(self, whole_percent: int | None) -> str:
        """A whole percentage (from :func:`words.percent`) as the language writes it: ``13%``, ``13 %``."""
        if whole_percent is None:
            return ""
        return _formatted(self._percents, whole_percent,
                          lambda v: format_percent(Decimal(v) / 100, locale=self.locale))


def _formatted(store: dict, value, make: Callable[[Any], str]) -> str:
    """``make(value)``, made once per value and kind of value (1 and 1.0 and True are formatted apart) and kept
    in ``store``; a value that cannot be a key is made each time."""
    key = (value.__class__, value)
    try:
        out = store.get(key)
    except TypeError:
        return make(value)
    if out is None:
        out = store[key] = make(value)
    return out


@functools.lru_cache(maxsize=64)
def _words(lang: str, country: str, files: tuple[tuple[str, str, float], ...]) -> Words:
    return Words(lang, country, [(Path(p), shown) for p, shown, _ in files])


def words_for(lang: str, country: str = "GB", translations: Iterable[tuple[Path, str]] = ()) -> Words:
    """The :class:`Words` of a language, made once per process for the same files (reloaded when one changes)."""
    files = tuple((str(p), shown, os.path.getmtime(p)) for p, shown in translations)
    return _words(lang, (country or "GB").upper(), files)


def languages_without_words(langs: Iterable[str], translations: Iterable[Path]) -> list[str]:
    """The languages in ``langs`` that have no words of the plugin (neither shipped nor the site's own)."""
    own = {_po_language(p) for p in translations}
    shipped = set(shipped_languages())
    return [lang for lang in langs if lang not in shipped and lang not in own]


# --- the catalogue itself: which messages exist, and keeping the PO files in step -------------------------

PACKAGE_DIR = Path(__file__).resolve().parent.parent
_FIXED_DATE = _dt.datetime(2024, 1, 1, tzinfo=_dt.timezone.utc)  # PO headers without build dates
_METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]


def vocabulary_messages() -> list[tuple[str, str]]:
    """Words that reach pages from data rather than from a ``_()`` call: the vocabularies' labels and the
    default quality framework's names and texts, with a comment saying where each comes from."""
    import yaml  # here: the catalogue is made rarely, pages never need it
    from ..model import vocab

    out: list[tuple[str, str]] = []
    for name in ("APPROACHES", "MOTIVES", "ACTIVITY_STATUSES", "RESPONSE_STATUSES", "DATA_TYPES", "ANSWERS"):
        out.extend((label, f"vocabulary {name.lower()}: {key}") for key, label in getattr(vocab, name).items())
    out.append((vocab.AWAITING_LABEL, "vocabulary: a feedback item with no response"))
    out.append((vocab.NOT_ASSESSED_LABEL, "vocabulary: a marker with no answer"))
    for key, (about, questions) in vocab.DATA_TYPE_QUESTIONS.items():
        out.append((about, f"data type {key}: what it is"))
        out.extend((q, f"data type {key}: a question it answers") for q in questions)
    # The default framework file as written (the loader checks it; its words are all that matter here).
    fw = yaml.safe_load((PACKAGE_DIR / "data" / "framework.yml").read_text(encoding="utf-8"))
    out.append((fw["title"], "quality framework: title"))
    for part in fw["actors"] + fw["stages"]:
        out.append((part["name"], f"quality framework: {part['id']}"))
        if part.get("help"):
            out.append((part["help"], f"quality framework: {part['id']}, help"))
    for marker in fw["markers"]:
        out.append((marker["text"], f"quality marker {marker['id']}"))
        if marker.get("help"):
            out.append((marker["help"], f"quality marker {marker['id']}, help"))
    return out


def extract_catalog() -> Catalog:
    """Every message of the plugin: ``_()``-style calls in its code and templates, and the vocabularies."""
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="make-it-count", creation_date=_FIXED_DATE, revision_date=_FIXED_DATE,
                      fuzzy=False, header_comment="# The words of the make-it-count plugin.\n"
                      "# Start a new language from this file: copy it to LANG.po and fill in each msgstr.")
    from babel.messages.extract import DEFAULT_KEYWORDS

    keywords = dict(DEFAULT_KEYWORDS, plural_forms=(1, 2))  # Words.plural_forms: a plural for a script
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE_DIR), _METHODS, keywords=keywords, comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, locations=[(f"mic_plugin/{filename}", lineno)], auto_comments=comments,
                    context=context)
    for message, where in vocabulary_messages():
        existing = catalog.get(message)
        if existing is None:
            catalog.add(message, auto_comments=[where])
        elif where not in existing.auto_comments:
            existing.auto_comments.append(where)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=110, sort_output=True, omit_header=False, include_previous=False,
             include_lineno=False)
    lines = buffer.getvalue().split(b"\n")
    return b"\n".join(line for line in lines if not line.startswith(b'"Generated-By: '))


def catalogue_files() -> dict[Path, bytes]:
    """The shipped catalogue files as they should be: ``messages.pot`` from the code, and each ``LANG.po``
    brought in step with it (new messages added untranslated, messages gone dropped, translations kept)."""
    template = extract_catalog()
    out = {LOCALES_DIR / "messages.pot": _po_bytes(template)}
    for path in sorted(LOCALES_DIR.glob("*.po")):
        catalog = _read_po(path, str(path))
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, keep_user_comments=True)
        catalog.obsolete.clear()
        catalog.creation_date = catalog.revision_date = _FIXED_DATE
        catalog.fuzzy = False
        out[path] = _po_bytes(catalog)
    return out


def untranslated(lang: str) -> list[str]:
    """The plugin's messages that the shipped catalogue of ``lang`` does not translate."""
    _, known = _shipped(lang)
    out = []
    for message in extract_catalog():
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        if (f"{message.context}\x04{key}" if message.context else key) not in known:
            out.append(key)
    return out


if __name__ == "__main__":  # python -m mic_plugin.render.i18n: update messages.pot and every LANG.po
    for file, content in catalogue_files().items():
        if not file.exists() or file.read_bytes() != content:
            file.write_bytes(content)
            print(f"updated {file.relative_to(PACKAGE_DIR.parent)}")
    for po in sorted(LOCALES_DIR.glob("*.po")):
        _shipped.cache_clear()
        missing = untranslated(_po_language(po))
        print(f"{po.name}: {len(missing)} message{'s' if len(missing) != 1 else ''} to translate")


# --- what templates get --------------------------------------------------------------------------------------

def template_helpers(words: Words, source_language: str = SOURCE_LANGUAGE) -> dict:
    """Globals and filters of a language's template environment: the ``_`` family, dates and numbers in the
    language, and small inline pieces that translated sentences put their values in (a link, a code span),
    so a sentence stays one message for translators, whatever markup sits inside it."""
    from markupsafe import escape as esc

    # These small pieces run for every item of a long list: each value is escaped as Markup's % escapes it,
    # then put in with str's %, without markupsafe's helper object per value.
    def link(href, text, **attrs) -> Markup:
        extra = Markup("").join(Markup(' %s="%s"') % (k, v) for k, v in sorted(attrs.items())) if attrs else ""
        return Markup('<a href="%s"%s>%s</a>' % (esc(href), extra, esc(text)))

    def wrap(tag):
        def make(*args) -> Markup:
            if len(args) == 2:
                return Markup('<%s class="%s">%s</%s>' % (tag, esc(args[0]), esc(args[1]), tag))
            return Markup("<%s>%s</%s>" % (tag, esc(args[0]), tag))
        return make

    time_tags: dict[tuple[type, object], Markup] = {}  # a site shows the same few thousand dates many times

    def time_tag(value: _dt.date | None) -> Markup:
        if value is None:
            return Markup("")
        key = (value.__class__, value)
        out = time_tags.get(key)
        if out is None:
            out = time_tags[key] = Markup('<time datetime="%s">%s</time>') % (value.isoformat(), words.date(value))
        return out

    def lang_attr(value) -> Markup:
        lang = getattr(value, "lang", None)
        return Markup(' lang="%s"') % lang if lang else Markup("")

    def waiting_text(n: int) -> Markup:
        return esc(words.ngettext("Awaiting a response for %(num)s day.", "Awaiting a response for %(num)s days.", n))

    def overdue_text(n: int) -> Markup:
        return esc(words.ngettext("%(num)s day overdue.", "%(num)s days overdue.", n))

    def big(n) -> Markup:
        return Markup('<span class="mic-funnel__n">%s</span>') % words.number(n)

    def status_span(status: str, label) -> Markup:
        return Markup('<span class="mic-status mic-status--%s">%s</span>' % (esc(status), esc(label)))

    def short_score(met: int, applicable: int) -> str:
        return words.gettext("%(met)s of %(applicable)s", met=words.number(met), applicable=words.number(applicable))

    filters = {"time": time_tag, "human_date": words.date, "number": words.number, "percent": words.percent,
               "plain": lambda v: str(v) if isinstance(v, str) else v}
    helpers = dict(words.template_globals(), link=link, code=wrap("code"), em=wrap("em"), strong=wrap("strong"),
                   span=wrap("span"), time_tag=time_tag, lang_attr=lang_attr, waiting_text=waiting_text,
                   overdue_text=overdue_text, big=big, percent=words.percent, status_span=status_span,
                   short_score=short_score, source_language=source_language, escape=esc)
    return {"globals": helpers, "filters": filters}
