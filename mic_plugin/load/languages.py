"""Languages in the content format (``CONTENT_FORMAT.md`` 1.1, "Languages").

``organisation.yml`` names the site's ``languages`` (BCP 47 tags, the first the main language) and its
``country``. On such a site every translatable text may be a plain string (the main language) or a mapping
from language to text; this module reads that mapping for :class:`~mic_plugin.load.spec.Text` and reports,
with lines: a key that is not a site language (the nearest suggested), a mapping without the main language
(errors), and each site language a text lacks (a warning, so ``--strict`` enforces parity).
"""

from __future__ import annotations

from functools import lru_cache

import yaml
from babel import Locale

from .spec import INVALID, LANGUAGE_PATTERN, Ctx, Type, describe, is_null, kind, mapping_items, suggest, _line
from ..model.translated import Translated
from ..render.i18n import LANGUAGE_TAG, N_, babel_locale, language_hint

DEFAULT_LANGUAGES = ("en",)
DEFAULT_COUNTRY = "GB"


@lru_cache(maxsize=64)
def english_name(lang: str) -> str:
    """``cy`` -> ``Welsh`` (for messages, which are in English); the tag itself when unknown."""
    locale = babel_locale(lang)
    if locale is None:
        return lang
    return locale.get_display_name("en") or lang


def _where(lang: str) -> str:
    name = english_name(lang)
    return f"{lang} ({name})" if name != lang else lang


def read_translatable(text_type, node: yaml.Node, ctx: Ctx, path: str):
    """A translatable text: a plain string (the main language) or a mapping language -> text.

    Returns the plain string as read on a one-language site, else a :class:`Translated` (or INVALID)."""
    languages = ctx.languages
    main = languages[0]
    if not isinstance(node, yaml.MappingNode):
        value = text_type.read_text(node, ctx, path)
        if value is INVALID or len(languages) == 1:
            return value
        _missing(ctx, node, path, [lang for lang in languages[1:]], plain=True)
        return Translated({main: value}, main)
    keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    if kind(node) != "map" or (keys and not any(k in languages or LANGUAGE_TAG.match(k) or language_hint(k)
                                                 for k in keys)):
        # A tagged mapping, or fields that are no language at all (a stray 'word: word' in the text):
        # the usual "must be text, not a set of fields".
        return text_type.read_text(node, ctx, path)
    texts: dict[str, str] = {}
    ok = True
    for key, key_node, value_node in mapping_items(node, ctx, path):
        key_path = f"{path}.{key}"
        if key not in languages:
            ctx.error(key_node, key_path, _not_a_language(key, languages))
            ok = False
            continue
        if is_null(value_node):
            ctx.error(value_node, key_path, f"is empty; write the {english_name(key)} text or leave the line out")
            ok = False
            continue
        if isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode)):
            ctx.error(value_node, key_path, f"must be text, not {describe(value_node)}")
            ok = False
            continue
        value = text_type.read_text(value_node, ctx, key_path)
        if value is INVALID:
            ok = False
            continue
        texts[key] = value
    if not texts and ok:
        ctx.error(node, path, f"is an empty set of translations; write the text, at least in {_where(main)}")
        return INVALID
    if main not in texts:
        if ok or texts:
            ctx.error(node, path, f"has no {_where(main)} text: the main language (the first of languages in "
                      f"organisation.yml) is required, the others translate it")
        return INVALID
    if not ok:
        return INVALID
    _missing(ctx, node, path, [lang for lang in languages[1:] if lang not in texts], plain=False)
    return Translated({lang: texts[lang] for lang in languages if lang in texts}, main)


def _missing(ctx: Ctx, node, path: str, langs: list[str], plain: bool) -> None:
    for lang in langs:
        hint = f"; write it as a mapping, e.g. {ctx.languages[0]}: ... and {lang}: ..." if plain else ""
        ctx.warning(node, path, f"has no {_where(lang)} translation{hint}")


def _not_a_language(key: str, languages: tuple[str, ...]) -> str:
    listed = ", ".join(languages)
    hint = suggest(key, languages)
    if not hint:
        code = language_hint(key)
        if code in languages:
            hint = f"; did you mean '{code}'?"
        elif LANGUAGE_TAG.match(key) or code:
            return (f"'{key}' is not one of the site's languages ({listed}); add "
                    f"{code or key} to languages in organisation.yml to publish it")
    return f"'{key}' is not one of the site's languages ({listed}){hint}"


# --- organisation.yml: languages and country -------------------------------------------------------------

class Languages(Type):
    """A list of BCP 47 language tags, the first the main language; no tag twice."""

    description = N_("the languages the site is published in, the first being the main language (default [en])")

    def read(self, node, ctx, path):
        if not isinstance(node, yaml.SequenceNode):
            shown = f": [{node.value}]" if isinstance(node, yaml.ScalarNode) and node.value else ""
            ctx.error(node, path, f"must be a list of language codes, not {describe(node)}; e.g. [en, cy]"
                      + (f" (here{shown})" if shown else ""))
            return INVALID
        out: list[str] = []
        seen: dict[str, int] = {}
        bad = False
        for i, child in enumerate(node.value):
            item_path = f"{path}[{i}]"
            tag = self._tag(child, ctx, item_path)
            if tag is INVALID:
                bad = True
                continue
            if tag in seen:
                ctx.error(child, item_path, f"'{tag}' is listed twice (first on line {seen[tag]})")
                bad = True
                continue
            seen[tag] = _line(child)
            out.append(tag)
        if not out and not bad:
            ctx.error(node, path, "needs at least one language (the main one comes first), e.g. [en]")
            return INVALID
        return INVALID if bad else tuple(out)

    @staticmethod
    def _tag(node, ctx, path):
        if not isinstance(node, yaml.ScalarNode) or kind(node) not in ("str", "bool"):
            ctx.error(node, path, f"must be a language code such as en or cy, not {describe(node)}")
            return INVALID
        value = node.value.strip()
        if kind(node) == "bool":  # 'no' (Norwegian) is read by YAML 1.1 as false
            ctx.error(node, path, f"YAML reads {node.value} as true/false; put the language code in quotes: "
                      f"\"{node.value}\"")
            return INVALID
        if LANGUAGE_TAG.match(value):
            if babel_locale(value) is None:
                ctx.warning(node, path, f"'{value}' is a language this tool has no data for: dates and numbers "
                            "are written as in English")
            return value
        fixed = _fold_tag(value)
        if fixed and LANGUAGE_TAG.match(fixed):
            hint = f"; write it as '{fixed}'"
        else:
            code = language_hint(value)
            hint = f"; did you mean '{code}'?" if code else ""
        ctx.error(node, path, f"'{value}' is not a language code (BCP 47, e.g. en, cy, gd, pt-BR){hint}")
        return INVALID

    def schema(self):
        return {"type": "array", "minItems": 1, "uniqueItems": True, "description": self.description,
                "items": {"type": "string", "pattern": LANGUAGE_PATTERN}}


def _fold_tag(value: str) -> str:
    """``EN``, ``pt_br``, ``pt-br`` -> ``en``, ``pt-BR``, ``pt-BR`` (the canonical case of a tag)."""
    parts = value.replace("_", "-").split("-")
    if not parts or not parts[0].isalpha():
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) in (2, 3):
            out.append(part.upper())
        else:
            return ""
    return "-".join(out)


_TERRITORIES = None


def _countries() -> frozenset[str]:
    global _TERRITORIES
    if _TERRITORIES is None:
        _TERRITORIES = frozenset(code for code in Locale.parse("en").territories
                                 if len(code) == 2 and code.isalpha() and code not in ("ZZ", "EU", "EZ", "UN", "QO"))
    return _TERRITORIES


class Country(Type):
    """An ISO 3166-1 alpha-2 country code (``GB``, ``IE``)."""

    description = N_("ISO 3166-1 alpha-2 code of the organisation's country, for telephone numbers (default GB)")

    def read(self, node, ctx, path):
        if not isinstance(node, yaml.ScalarNode) or kind(node) not in ("str", "bool"):
            ctx.error(node, path, f"must be a two-letter country code such as GB, not {describe(node)}")
            return INVALID
        value = node.value.strip()
        if kind(node) == "bool":  # NO (Norway)
            ctx.error(node, path, f"YAML reads {node.value} as true/false; put the country code in quotes: "
                      f"\"{node.value}\"")
            return INVALID
        if value in _countries():
            return value
        if value.upper() in _countries():
            ctx.error(node, path, f"'{value}' is not a country code; write it in capitals: {value.upper()}")
            return INVALID
        names = {name.casefold(): code for code, name in Locale.parse("en").territories.items() if code in _countries()}
        names.update({"uk": "GB", "united kingdom": "GB", "great britain": "GB", "wales": "GB", "scotland": "GB",
                      "england": "GB", "northern ireland": "GB"})
        code = names.get(value.casefold())
        hint = f"; did you mean '{code}'?" if code else suggest(value.upper(), sorted(_countries()))
        ctx.error(node, path, f"'{value}' is not an ISO 3166-1 country code (two capital letters, e.g. GB, IE)"
                  + (hint or ""))
        return INVALID

    def schema(self):
        return {"type": "string", "pattern": "^[A-Z]{2}$", "description": self.description}


LANGUAGES = Languages()
COUNTRY = Country()


def site_languages(organisation_node: yaml.Node, ctx: Ctx) -> tuple[str, ...]:
    """The ``languages`` an organisation.yml declares, read before its other fields (they depend on it);
    problems with the list are reported when the organisation record itself is read."""
    if not isinstance(organisation_node, yaml.MappingNode):
        return DEFAULT_LANGUAGES
    for key_node, value_node in organisation_node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "languages":
            scratch = Ctx(ctx.file, type(ctx.problems)(), ctx.today)
            value = LANGUAGES.read(value_node, scratch, "languages")
            if value is not INVALID:
                return value
            # A list with mistakes: go on with the tags that are right, so one typo does not make every
            # translation an error too (the list's own problems are reported once, with organisation.yml).
            good: list[str] = []
            for child in getattr(value_node, "value", ()) if isinstance(value_node, yaml.SequenceNode) else ():
                tag = child.value.strip() if isinstance(child, yaml.ScalarNode) else ""
                for guess in (tag, _fold_tag(tag), language_hint(tag)):
                    if guess and LANGUAGE_TAG.match(guess):
                        tag = guess
                        break
                if tag and LANGUAGE_TAG.match(tag) and tag not in good:
                    good.append(tag)
            return tuple(good) or DEFAULT_LANGUAGES
    return DEFAULT_LANGUAGES
