"""Search-index entries for the generated pages, in the shape MkDocs' and Material's search plugins keep.

A generated page goes into the index as one entry per section (:func:`search_sections`) with its feedback items
left out (:func:`without_items`), and one entry per feedback item at its permalink (:func:`search_entries`):
the same words, found at the item itself, without a parser walking hundreds of items' HTML.
"""

from __future__ import annotations

import html as _html
import json
import re

from ..derive.feedback import status_label
from ..derive.report import Report
from ..render.text import _words_of_markup
from ..site.activities import feedback_bounds


ITEMS_START = "<!-- mic:items -->"


ITEMS_END = "<!-- /mic:items -->"
"""Written around the feedback items of an activity page (and its further pages). The engine adapter may
give the site's search index one entry per item (:func:`search_entries`, at the item's permalink) instead of
having the search plugin parse the items' HTML (:func:`without_items`): the same words, found at the item
itself, for a fraction of the cost."""


_ACTIVITY_PAGE = re.compile(r"activities/([^/]+)(?:/feedback/page/([0-9]+))?")


def without_items(html: str) -> str | None:
    """``html`` without the marked feedback items (markers included), or None when it has no markers."""
    start = html.find(ITEMS_START)
    if start < 0:
        return None
    parts, position = [], 0
    while start >= 0:
        end = html.find(ITEMS_END, start)
        if end < 0:
            return None  # unbalanced: let the search plugin read the page as it is
        parts.append(html[position:start])
        position = end + len(ITEMS_END)
        start = html.find(ITEMS_START, position)
    parts.append(html[position:])
    return "".join(parts)


def items_on_page(report: Report, page: str) -> list:
    """The feedback items shown in full on an activity page or one of its further pages (logical ``page``)."""
    match = _ACTIVITY_PAGE.fullmatch(page)
    activity = report.activity_by_id.get(match.group(1)) if match else None
    if activity is None:
        return []
    bounds = feedback_bounds(report, activity)
    number = int(match.group(2) or 1)
    if number > len(bounds):
        return []
    start, end = bounds[number - 1]
    return activity.feedback[start:end]


def search_entries(report: Report, page: str, page_url: str) -> list[dict[str, str]]:
    """One search entry per feedback item shown in full on ``page`` (at ``page_url``): its permalink, a title
    ("Done: you said, 5 March 2024") and, as escaped plain text in paragraphs, what was said, the answer,
    the owner and the notes of its history, the words the item shows."""
    out = []
    w = report.words
    for item in items_on_page(report, page):
        r = item.response
        status = status_label(item.status, w)
        people = w.people(item.count)
        parts = [report.excerpt(item.said), w.gettext("Said by %(people)s", people=people)
                 + (f" · {item.source}" if item.source else "")]
        if r is not None:
            parts += [report.excerpt(r.did), report.excerpt(r.reason),
                      w.gettext("Owner: %(owner)s", owner=r.owner) if r.owner else ""]
            parts += [report.excerpt(u.note) for u in r.updates if u.note]
        text = "".join(f"<p>{_html.escape(part, quote=False)}</p>" for part in parts if part)
        out.append({"location": f"{page_url}#{item.id}",
                    "title": _html.escape(f"{status}: " + w.gettext("you said, %(date)s", date=w.date(item.date)),
                                          quote=False),
                    "text": text})
    return out


_SECTION_HEADING = re.compile(r"""<h([1-6])\b(?:[^>"']|"[^"]*"|'[^']*')*?\sid="([^"]*)"(?:[^>"']|"[^"]*"|'[^']*')*>(.*?)</h\1\s*>""",
                              re.S | re.I)


_NOT_WORDS = re.compile(r"""<(script|style|template)\b.*?</\1\s*>|<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>|<!--.*?-->""",
                        re.S | re.I)


def search_sections(html: str) -> list[tuple[str, str, str]]:
    """The sections of a generated page for a site search index, as a search plugin divides a page: a new
    section at each heading that has an ``id``; the text before the first one is the page's own section (id
    and title ``''``). Each is ``(id, title, text)``, title and text as escaped plain words (no markup:
    scripts, comments and heading permalinks left out, entities decoded, then escaped again). Regular
    expressions over HTML this plugin wrote (sanitised user text inside), much cheaper than a parser."""
    html = _NOT_WORDS.sub(" ", html)
    sections: list[tuple[str, str, str]] = []
    position, current_id, current_title = 0, "", ""
    for match in _SECTION_HEADING.finditer(html):
        sections.append((current_id, current_title, html[position : match.start()]))
        current_id, current_title, position = _html.unescape(match.group(2)), match.group(3), match.end()
    sections.append((current_id, current_title, html[position:]))
    out = []
    for section_id, title, body in sections:
        words = " ".join(_words_of_markup(body).split())
        if section_id or words:
            out.append((section_id, _html.escape(" ".join(_words_of_markup(title).split()), quote=False),
                        _html.escape(words, quote=False)))
    return out


# --- one search per language ----------------------------------------------------------------------------------

_ENGLISH_ONLY_STEPS = ("stemmer", "stopWordFilter")
"""Steps of lunr's built-in pipeline that only know English: not applied to a language Material has no search
words for."""


def language_search_config(theme_words, english_words, site_config: dict) -> dict:
    """The search settings of one further language's index, in the shape Material's search index keeps
    (``lang``, ``separator``, ``pipeline``, ``fields``).

    ``theme_words``: the ``t`` macro of the theme's words for the language (Material's
    ``partials/languages/NAME.html``), or None when the theme has none; ``english_words``: the same for
    English, which Material falls back to. A language the theme gives a search language of its own (French:
    lunr's French stemmer) is searched as Material would search a site in that language; any other language
    (Welsh: lunr has no Welsh) is read with lunr's built-in tokenizer (``en``) and the site's separator,
    without the English-only steps (stemmer, stop words), so its words are found as they are written.
    ``fields`` (boosts) stay the site's.
    """
    def own(words, key):
        return str(words(key)).strip() if words is not None else ""

    lang = own(theme_words, "search.config.lang")
    fields = site_config.get("fields") or {}
    if lang:
        pipeline = own(theme_words, "search.config.pipeline") or own(english_words, "search.config.pipeline")
        return {"lang": [lang],
                "separator": own(theme_words, "search.config.separator")
                or own(english_words, "search.config.separator") or site_config.get("separator"),
                "pipeline": [step for step in re.split(r"\s*,\s*", pipeline) if step],
                "fields": fields}
    return {"lang": ["en"], "separator": site_config.get("separator") or own(english_words, "search.config.separator"),
            "pipeline": [step for step in site_config.get("pipeline") or [] if step not in _ENGLISH_ONLY_STEPS],
            "fields": fields}


def split_by_folder(entries: list[dict], folders: list[str]) -> dict[str, list[dict]]:
    """Take the entries of pages under each folder (``cy``) out of ``entries`` (in place), their locations made
    relative to that folder (``cy/activities/`` -> ``activities/``), as Material resolves them against the
    ``base`` of the page doing the search. Returns folder -> its entries, in their order."""
    out: dict[str, list[dict]] = {folder: [] for folder in folders}
    kept = []
    for entry in entries:
        location = str(entry.get("location", ""))
        folder = next((f for f in folders if location == f or location.startswith(f + "/")), None)
        if folder is None:
            kept.append(entry)
        else:
            out[folder].append({**entry, "location": location[len(folder) + 1:]})
    entries[:] = kept
    return out


def merged_entries(previous: list[dict], current: list[dict]) -> list[dict]:
    """A dirty rebuild's index (``mkdocs serve --dirty`` renders only the pages that changed): the previous
    entries of every other page, then the changed pages' new ones, as Material merges its own index."""
    changed = {str(entry.get("location", "")).split("#")[0] for entry in current}
    return [e for e in previous if str(e.get("location", "")).split("#")[0] not in changed] + current


def index_json(config: dict, entries: list[dict]) -> str:
    """A search index file as Material writes it: ``{"config": ..., "docs": [...]}``, compact."""
    return json.dumps({"config": config, "docs": entries}, separators=(",", ":"), default=str)


_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base":\s*)"[^"]*"')


def with_search_base(html: str, base: str) -> str | None:
    """``html`` with the ``base`` of Material's configuration script set to ``base`` (Material loads
    ``search/search_index.json`` from it and resolves the results' locations against it): a page of a further
    language then searches its own language's index. None when the page has no such script."""
    out, count = _CONFIG_BASE.subn(lambda m: m.group(1) + json.dumps(base), html, count=1)
    return out if count else None


_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def folder_sitemap(sitemap: str, folder: str, site_url: str) -> str | None:
    """The entries of ``sitemap`` (MkDocs' ``sitemap.xml``) for the pages under ``folder``, as a sitemap of
    their own. Material's instant navigation follows, without a full page load, the links its page's ``base``
    sitemap lists: with this, a further language's pages (whose base is their folder) navigate among
    themselves instantly, and a link into another language loads that page in full, with that language's
    search. None when ``sitemap`` cannot be read."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    try:
        root = ET.fromstring(sitemap)
    except ET.ParseError:
        return None
    base = urlsplit(site_url).path if site_url else "/"
    prefix = (base.rstrip("/") + "/" + folder.strip("/") + "/")
    for url in list(root):
        loc = url.find(f"{{{_SITEMAP_NS}}}loc")
        path = urlsplit((loc.text or "").strip()).path if loc is not None else ""
        if not path.startswith(prefix):
            root.remove(url)
    ET.register_namespace("", _SITEMAP_NS)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
