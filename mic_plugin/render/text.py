"""The one path by which user-written text reaches a published page, feed or file.

Content arrives by pull request from the public, so every text field is treated as hostile. Templates never
escape or sanitise ad hoc: they call one of the functions here.

Policy
======

*Markdown fields* (summary, said, did, reason, notes, evidence, purpose, power, about, representation, ...)
go through :class:`MarkdownRenderer`:

1. **Raw HTML is shown, not run.** Python-Markdown's raw-HTML block and inline handlers are switched off, so
   ``<script>alert(1)</script>`` written in a field is published as the visible text
   ``<script>alert(1)</script>``: readers see exactly what was written, and nothing written is executed.
2. **Then an allow-list sanitiser (nh3) runs over the whole result**, whatever the site's extensions produced.
   Only the elements Markdown itself makes survive (paragraphs, emphasis, lists, links, images, quotes, code,
   tables, definition lists, footnotes, abbreviations, details). Never surviving: ``script``, ``style``,
   ``iframe``, ``object``, ``embed``, ``form`` and its controls, ``base``, ``meta``, ``link``, ``svg``,
   ``math``, any ``on*`` event handler, ``style`` attributes (one exception: ``text-align`` on table cells,
   which is how Markdown tables align columns), ``data-*`` attributes and ``name``.
3. **Links and images** may point only at ``http``, ``https``, ``mailto`` or a relative address (in-site
   path or ``#fragment``). ``javascript:``, ``vbscript:``, ``data:`` and every other scheme are removed,
   however they are spelt or entity-encoded (the link text stays). External links (absolute http(s), or
   ``//host``) get ``rel="nofollow ugc noopener"``: the site does not vouch for links the public wrote.
4. **Headings are demoted** so user text never competes with the page's structure: the highest level used in a
   text becomes ``<h4>``, the others keep their relative depth, capped at ``<h6>``.
5. **Identifiers are namespaced.** Every ``id`` (footnotes, heading anchors, ``{#id}``) gets the prefix
   ``u<8 hex digits of the text's hash>-`` so it cannot clash with the page's own anchors or clobber globals
   in the theme's JavaScript; ``#fragment`` links to an id defined in the same text follow it. Links to other
   fragments (the page's own anchors, such as a feedback item) are left alone.
6. **Classes** pass (admonitions, code highlighting), except those the site's chrome or its JavaScript acts
   on: ``mic-*`` (this plugin), ``mermaid`` and ``arithmatex``, and the theme's, which the engine adapter
   names (``theme_class_prefixes``; Material's ``md-*``, see ``mic_plugin/mkdocs/theme.py``).
7. **Extensions that read files** from the build machine (``pymdownx.snippets``, ``pymdownx.b64``,
   ``markdown_include``, ``mdx_include``) are never used for user text, even when the site enables them.

*Plain-text fields* are escaped by the autoescaping Jinja environment pages render through, and open-data CSV
cells go through :func:`csv_cell`. Page titles are
given to the theme escaped, and generated pages write their own ``<title>`` (``mic/page.html``), because
Material's ``{{ page.title | striptags }}`` would turn escaped entities back into markup.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html as _html
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

__all__ = [
    "DEFAULT_EXTENSIONS",
    "EXTERNAL_LINK_REL",
    "MarkdownRenderer",
    "csv_cell",
    "plain_text",
    "plain_text_of_html",
]

#: Extensions used when the site does not say (MkDocs passes its own ``markdown_extensions``).
DEFAULT_EXTENSIONS: tuple[str, ...] = ("extra", "sane_lists")

#: ``rel`` given to links that leave the site.
EXTERNAL_LINK_REL = "nofollow ugc noopener"

#: Extensions that read files from the build machine: never applied to text from the public.
_FILE_READING_EXTENSIONS = frozenset(
    {"pymdownx.snippets", "pymdownx.b64", "markdown_include", "markdown_include.include", "mdx_include"}
)

#: Highest heading level user text may use (pages use h1-h3 for their own structure).
_TOP_HEADING_LEVEL = 4

_CACHE_SIZE = 10_000

_ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl",
        "dt", "em", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre",
        "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "u", "ul", "var",
    }
)  # fmt: skip

#: Removed together with everything inside them (a script's text is not content).
_DROPPED_WITH_CONTENT = frozenset(
    {
        "applet", "embed", "frame", "frameset", "iframe", "math", "noembed", "noframes", "noscript", "object",
        "script", "select", "style", "svg", "template", "textarea", "title", "xmp",
    }
)  # fmt: skip

_ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "dir", "id", "lang", "title"},
    "a": {"href"},
    "img": {"alt", "src", "width", "height"},
    "ol": {"start"},
    "details": {"open"},
    "input": {"checked"},
    "td": {"style"},
    "th": {"style"},
}

_ALLOWED_ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "a": {"rel": {EXTERNAL_LINK_REL}},
    "td": {"align": {"left", "right", "center"}},
    "th": {"align": {"left", "right", "center"}},
}

#: Task-list checkboxes are shown, never usable as a control.
_FORCED_ATTRIBUTE_VALUES = {"input": {"type": "checkbox", "disabled": "disabled"}}

_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_ID_PREFIX_RE = re.compile(r"u[0-9a-f]{8}-")
_TEXT_ALIGN_RE = re.compile(r"\s*text-align\s*:\s*(left|right|center)\s*;?\s*", re.IGNORECASE)
_RESERVED_CLASS_PREFIXES = ("mic-",)
"""Class prefixes user text may never carry, whatever the engine: this plugin's own (its CSS and JavaScript act
on them). An engine adapter adds its theme's (``theme_class_prefixes``)."""
_RESERVED_CLASSES = frozenset({"mermaid", "arithmatex"})
_HEADING_RE = re.compile(r"h[1-6]")

# --- the plain-prose fast path -------------------------------------------------------------------------------
#
# Most fields are a sentence or a few paragraphs of plain words. For those, Markdown and the sanitiser give
# "<p>" + the paragraph as written + "</p>" (paragraphs joined by a newline), so the renderer writes that
# directly instead of running Python-Markdown. "Plain" is decided conservatively, character by character,
# and only for sites whose extensions all leave such text alone; anything else takes the full path.

#: Extensions that never change plain prose (they act only on characters or line starts the fast path
#: refuses), mapped to the options that keep it so (``None``: any options). An extension not listed here
#: (``smarty``, ``nl2br``, ``meta``, ``pymdownx.magiclink``, ``pymdownx.smartsymbols``, an extension object...)
#: turns the fast path off for the whole renderer.
_PROSE_SAFE_EXTENSIONS: dict[str, frozenset[str] | None] = {
    "toc": frozenset({"permalink", "permalink_class", "permalink_title", "permalink_leading", "anchorlink",
                      "anchorlink_class", "baselevel", "slugify", "separator", "toc_depth", "title",
                      "title_class", "toc_class"}),  # not "marker": it could be any word
    "tables": None, "fenced_code": None, "sane_lists": None, "attr_list": None, "def_list": None,
    "admonition": None, "md_in_html": None, "codehilite": None, "legacy_em": None, "legacy_attrs": None,
    "footnotes": frozenset(), "abbr": frozenset(), "extra": frozenset(),  # a glossary or a marker could be any word
    "pymdownx.superfences": None, "pymdownx.highlight": None, "pymdownx.inlinehilite": None,
    "pymdownx.details": None, "pymdownx.tabbed": None, "pymdownx.tasklist": None, "pymdownx.mark": None,
    "pymdownx.tilde": None, "pymdownx.caret": None, "pymdownx.keys": None, "pymdownx.critic": None,
    "pymdownx.betterem": None, "pymdownx.emoji": None, "pymdownx.saneheaders": None,
}  # fmt: skip

#: Characters a plain text may hold besides letters and digits (and "\n" between lines).
_PROSE_PUNCTUATION = frozenset(" .,;:?!'\"()/%£€–—‘’“”…-")
#: Characters a line may start with besides letters (not digits: "1. " starts a list).
_PROSE_LINE_START = frozenset("'\"(‘“£€")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
#: Pictographs (emoji) and dingbats, which Markdown and the sanitiser pass through as they are (only
#: ``:shortcodes:`` become emoji, and ":" before a letter is not prose), with the variation selector that asks
#: for an emoji's colour form and skin tones (in the first range).
_PICTURES = "\u2600-\u27bf\ufe0f\U0001f300-\U0001faff"
#: A character that is not a letter, a digit, a newline, a picture or :data:`_PROSE_PUNCTUATION` (``\w`` is exactly the
#: characters ``str.isalnum`` accepts, and "_"), or a ":" before anything but a space or a line end.
_NOT_PROSE = re.compile(
    "[^\\w\n" + "".join(re.escape(ch) for ch in sorted(_PROSE_PUNCTUATION)) + _PICTURES + "]|_|:(?![ \n]|$)")


#: ``*words*`` and ``**words**``: after a space, "(" or the start, around letters and digits (single spaces,
#: apostrophes and hyphens between them), before a space, punctuation or the end.
#: Written to start with "*" (the character before it is looked at once past it), so a search skips to each "*".
_EMPHASIS = re.compile(r"(\*(?<![^\s(]\*)\*?)([^\W_](?:[^\W_]|[ '’-](?=[^\W_]))*)\1(?=[\s.,;:!?)]|$)")


#: ``[words](https://address)``: a link to another site, its text words as :data:`_EMPHASIS` has them, its
#: address letters, digits, ".", "-" and "/" only, after a space, "(" or the start, before a space,
#: punctuation or the end. Markdown makes it ``<a href>``; external, it gets :data:`EXTERNAL_LINK_REL`.
_LINK = re.compile(r"(?<![^\s(])\[([^\W_](?:[^\W_]|[ '’-](?=[^\W_]))*)\]\((https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9.-]*)*)\)"
                   r"(?=[\s.,;:!?)]|$)")


def _link_html(match: re.Match[str]) -> str:
    return f'<a href="{match.group(2)}" rel="{EXTERNAL_LINK_REL}">{match.group(1)}</a>'


def _emphasis_html(match: re.Match[str]) -> str:
    tag = "strong" if len(match.group(1)) == 2 else "em"
    return f"<{tag}>{match.group(2)}</{tag}>"


def _prose_paragraphs(text: str) -> list[str] | None:
    """The blocks of ``text`` as HTML (``<p>`` paragraphs, ``<ul>`` lists) when it is plain prose, else None.

    Plain prose: letters, digits, spaces and the punctuation in :data:`_PROSE_PUNCTUATION`; ":" only before
    a space or a line end (never ``:emoji:`` or ``http:``); every line starts with a letter or one of
    :data:`_PROSE_LINE_START` and neither starts nor ends with a space; blocks are separated by blank lines,
    and the text may end with newlines. A block whose every line starts with "- " is a list, one item a
    line, each item plain prose. Words may be emphasised with ``*`` or ``**`` (:data:`_EMPHASIS`): they
    become ``<em>`` and ``<strong>``, as Markdown makes them; plain words may link to another site
    (:data:`_LINK`); pictographs (:data:`_PICTURES`) are words like any other.
    """
    body = text.rstrip("\n")
    if not body:
        return None
    plain = body
    if "*" in body:
        plain_parts, html_parts, position = [], [], 0
        for match in _EMPHASIS.finditer(body):
            before = body[position:match.start()]
            plain_parts += (before, match.group(2))
            html_parts += (before, _emphasis_html(match))
            position = match.end()
        if plain_parts:
            plain = "".join(plain_parts) + body[position:]
            body = "".join(html_parts) + body[position:]
    if "[" in body:  # links after emphasis: emphasis around or inside a link is left to Markdown
        plain, count = _LINK.subn(r"\1", plain)
        body, same = _LINK.subn(_link_html, body)
        if count != same:
            return None
    kinds = _plain_prose_blocks(plain)
    if kinds is None:
        return None
    out = []
    for is_list, block in zip(kinds, _PARAGRAPH_BREAK.split(body)):
        if is_list:
            out.append("<ul>\n" + "\n".join(f"<li>{line[2:]}</li>" for line in block.split("\n")) + "\n</ul>")
        else:
            out.append(f"<p>{block}</p>")
    return out


def _plain_prose_blocks(body: str) -> list[bool] | None:
    """For each block of plain prose, whether it is a list; None when ``body`` is not plain prose."""
    if _NOT_PROSE.search(body):
        return None
    kinds = []
    for block in _PARAGRAPH_BREAK.split(body):
        lines = block.split("\n")
        is_list = lines[0].startswith("- ")
        for line in lines:
            if is_list:
                if not line.startswith("- "):
                    return None
                line = line[2:]
            first = line[:1]
            if not (first.isalpha() or first in _PROSE_LINE_START) or line[-1] == " ":
                return None
        if is_list and kinds and kinds[-1]:
            return None  # two lists a blank line apart are one "loose" list (items in <p>)
        kinds.append(is_list)
    return kinds


def _is_prose_safe(extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether every extension (with its options) leaves plain prose alone."""
    allowed_options = {}
    for extension in extensions:
        if not isinstance(extension, str):
            return False
        name = _extension_module(extension)
        if name not in _PROSE_SAFE_EXTENSIONS:
            return False
        allowed_options[name] = _PROSE_SAFE_EXTENSIONS[name]
    for name, options in configs.items():
        module = _extension_module(name)
        if module not in allowed_options:
            continue  # options of an extension not in use
        allowed = allowed_options[module]
        if allowed is not None and not set(options) <= allowed:
            return False
    return True


def _attribute_filter(reserved_prefixes: tuple[str, ...]):
    """nh3 callback: the finer rules an allow-list of names cannot express (classes starting with one of
    ``reserved_prefixes`` are dropped)."""

    def keep(tag: str, name: str, value: str) -> str | None:
        if name == "class":
            kept = [
                token
                for token in value.split()
                if token not in _RESERVED_CLASSES and not token.startswith(reserved_prefixes)
            ]
            return " ".join(kept) or None
        if name == "id":
            return value if _ID_PREFIX_RE.match(value) else None
        if name == "style":
            match = _TEXT_ALIGN_RE.fullmatch(value)
            return f"text-align: {match.group(1).lower()};" if match else None
        return value

    return keep


def _cleaner(theme_class_prefixes: tuple[str, ...] = ()) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(_RESERVED_CLASS_PREFIXES + theme_class_prefixes),
        strip_comments=True,
        link_rel=None,
        tag_attribute_values={tag: {k: set(v) for k, v in d.items()} for tag, d in _ALLOWED_ATTRIBUTE_VALUES.items()},
        set_tag_attribute_values={tag: dict(d) for tag, d in _FORCED_ATTRIBUTE_VALUES.items()},
        url_schemes=set(_URL_SCHEMES),
    )


_CLEANER = _cleaner()


def _is_external(href: str) -> bool:
    """True for links that leave the site: absolute http(s) or scheme-relative (``//host``)."""
    address = "".join(ch for ch in href if ch > " ").replace("\\", "/").lower()
    return address.startswith(("http:", "https:", "//"))


class _UserTextTreeprocessor(Treeprocessor):
    """Runs last on the element tree: demotes headings, namespaces ids, marks external links."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.id_prefix = "u00000000-"

    def run(self, root: Element) -> None:
        elements = list(root.iter())
        headings = [el for el in elements if isinstance(el.tag, str) and _HEADING_RE.fullmatch(el.tag)]
        if headings:
            top = min(int(el.tag[1]) for el in headings)
            for el in headings:
                el.tag = f"h{min(6, int(el.tag[1]) - top + _TOP_HEADING_LEVEL)}"
        ids = set()
        for el in elements:
            if el.get("id"):
                ids.add(el.get("id"))
                el.set("id", self.id_prefix + el.get("id"))
        for el in elements:
            if el.tag != "a" or not el.get("href"):
                continue
            href = el.get("href")
            if href.startswith("#") and href[1:] in ids:
                el.set("href", "#" + self.id_prefix + href[1:])
            if _is_external(href):
                el.set("rel", EXTERNAL_LINK_REL)
            else:
                el.attrib.pop("rel", None)


def _extension_module(extension: Any) -> str:
    """The dotted module an extension (name or object) comes from, for matching against the deny-list."""
    if isinstance(extension, str):
        name = extension.split(":", 1)[0]
        return name.removeprefix("markdown.extensions.")
    return type(extension).__module__


def _is_file_reading(extension: Any) -> bool:
    module = _extension_module(extension)
    return any(module == bad or module.startswith(bad + ".") for bad in _FILE_READING_EXTENSIONS)


class MarkdownRenderer:
    """Markdown to sanitised HTML for user text, with the site's own Python-Markdown extensions.

    ``extensions`` are names (``"toc"``, ``"pymdownx.superfences"``) or extension objects, as MkDocs'
    ``markdown_extensions``; ``None`` means :data:`DEFAULT_EXTENSIONS`. ``extension_configs`` maps a name to
    its options, as MkDocs' ``mdx_configs``. ``theme_class_prefixes``: the theme's classes, which user text may
    not borrow (the engine adapter names them). Extensions that read files are left out (see
    :attr:`skipped_extensions`). An extension that cannot be loaded raises :class:`ValueError` naming it.

    One ``Markdown`` instance is reused (reset between texts) behind a lock, and results are cached by text
    (the last 10,000), so rendering the same text twice costs a dictionary look-up.
    """

    def __init__(
        self,
        extensions: Sequence[Any] | None = None,
        extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
        theme_class_prefixes: Sequence[str] = (),
    ) -> None:
        requested = list(DEFAULT_EXTENSIONS if extensions is None else extensions)
        configs = dict(extension_configs or {})
        self.skipped_extensions: tuple[str, ...] = tuple(
            _extension_module(ext) for ext in requested if _is_file_reading(ext)
        )
        self.extensions: tuple[Any, ...] = tuple(ext for ext in requested if not _is_file_reading(ext))
        configs = {
            name: dict(options) for name, options in configs.items() if not _is_file_reading(name)
        }
        self._prose_fast_path = _is_prose_safe(self.extensions, configs)
        self._md = _build_markdown(list(self.extensions), configs)
        self._md.preprocessors.deregister("html_block", strict=False)
        self._md.inlinePatterns.deregister("html", strict=False)
        self._tree = _UserTextTreeprocessor(self._md)
        self._md.treeprocessors.register(self._tree, "mic_user_text", -1000)
        self._cleaner = _cleaner(tuple(theme_class_prefixes)) if theme_class_prefixes else _CLEANER
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, Markup] = OrderedDict()

    def render(self, text: str | None) -> Markup:
        """Block HTML for a Markdown field, sanitised; ``None`` or blank text gives an empty string."""
        if text is None:
            return Markup("")
        if not isinstance(text, str):
            raise TypeError(f"Markdown text must be a string, not {type(text).__name__}")
        with self._lock:
            cached = self._cache.get(text)
            if cached is not None:
                self._cache.move_to_end(text)
                return cached
            blocks = self.prose_blocks(text)
            if blocks is not None:  # what the full path gives for plain prose, without running it
                result = Markup("\n".join(blocks))
            else:
                result = self._render_markdown(text)
            self._cache[text] = result
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
            return result

    def prose_blocks(self, text: str) -> list[str] | None:
        """The blocks of ``text`` as HTML when this renderer may write it without Markdown (plain prose, and
        extensions that leave it alone); ``None`` when it must take the full path."""
        return _prose_paragraphs(text) if self._prose_fast_path else None

    def _render_markdown(self, text: str) -> Markup:
        """The full path: Markdown (no raw HTML), the tree rules, then the sanitiser. Call with the lock."""
        self._tree.id_prefix = "u" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8] + "-"
        try:
            html = self._md.reset().convert(text)
        finally:
            self._md.reset()
        return Markup(self._cleaner.clean(html).strip())


def _build_markdown(extensions: list[Any], configs: dict[str, dict[str, Any]]) -> markdown.Markdown:
    """A ``Markdown`` instance, or a ValueError naming the extension that would not load."""
    try:
        return markdown.Markdown(extensions=extensions, extension_configs=configs)
    except Exception as exc:  # extensions raise anything: ImportError, TypeError, KeyError...
        for extension in extensions:
            name = extension if isinstance(extension, str) else type(extension).__name__
            try:
                markdown.Markdown(extensions=[extension], extension_configs=configs)
            except Exception as single:
                raise ValueError(f"Markdown extension {name!r} could not be loaded: {single}") from single
        raise ValueError(f"Markdown extensions could not be loaded together: {exc}") from exc


# --- plain text ------------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "h4", "h5", "h6", "hr", "li", "ol", "p",
     "pre", "summary", "table", "td", "th", "tr", "ul"}
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "input"})
#: Parts of rendered Markdown that are navigation, not words: footnote marks and lists, permalinks.
_SKIPPED_CLASSES = frozenset({"footnote", "footnote-ref", "footnote-backref", "headerlink"})
_TRAILING_JUNK = " \t\n,;:.-\u2013\u2014([{"

_default_renderer: MarkdownRenderer | None = None
_default_lock = threading.Lock()


def _renderer() -> MarkdownRenderer:
    global _default_renderer
    with _default_lock:
        if _default_renderer is None:
            _default_renderer = MarkdownRenderer()
        return _default_renderer


class _TextExtractor(HTMLParser):
    """The words of sanitised HTML, with blocks separated by spaces and images by their alt text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self._skip_depth:
            if tag not in _VOID_TAGS:
                self._skip_depth += 1
            return
        if classes & _SKIPPED_CLASSES and tag not in _VOID_TAGS:
            self._skip_depth = 1
            return
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag not in _VOID_TAGS:
                self._skip_depth -= 1
            return
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def plain_text(markdown_text: str | None, limit: int | None = None) -> str:
    """Readable plain text of a Markdown field, for feed summaries, meta descriptions and labels.

    Formatting is dropped, blocks are joined by single spaces, images give their alt text, footnotes are left
    out. With ``limit``, the result is at most ``limit`` characters: cut at a word boundary (or inside a word
    longer than the limit) and ended with "…". The result is *text*: escape it before putting it in HTML.
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    if not markdown_text:
        return ""
    return plain_text_of_html(_renderer().render(markdown_text), limit)


#: A tag: its name, then attributes (quoted values may hold ">"). Possessive: the three kinds of piece after
#: the name start with different characters, so there is only ever one way to match and nothing to go back to.
_TAG_RE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""")


def _tags_to_words(html: str) -> str:
    """Tags dropped, a space for each tag of a block."""
    parts = _TAG_RE.split(html)  # text, "/" or "", name, text, ...
    parts[1::3] = [""] * (len(parts) // 3)
    parts[2::3] = [" " if name.lower() in _BLOCK_TAGS else "" for name in parts[2::3]]
    return "".join(parts)


def _words_of_markup(html: str) -> str:
    """The words of markup this plugin wrote: tags dropped (a space for a block), entities decoded."""
    return _html.unescape(_tags_to_words(html))


def _words_of_html(html: str) -> str:
    """The words of sanitised HTML (whitespace not yet collapsed), as :class:`_TextExtractor` gives them.

    Without classes (footnotes, permalinks are skipped by class) or images (which give their alt text), the
    same words come from dropping the tags (a space for a block) and decoding the entities: the sanitiser
    writes every "<" of text as "&lt;" and quotes every attribute, so each "<" starts a tag.
    """
    if "&" not in html and html.count("<") == html.count("<p>") + html.count("</p>"):
        return html.replace("</p>", " ").replace("<p>", " ")  # paragraphs of words only
    if "class=" not in html and "<img" not in html:
        return _words_of_markup(html)
    return _parsed_words_of_html(html)


def _parsed_words_of_html(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


def plain_text_of_html(html: str, limit: int | None = None) -> str:
    """:func:`plain_text` of a text already rendered by a :class:`MarkdownRenderer` (sanitised HTML), e.g.
    from a build's cache, so the words are not rendered a second time."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    return truncate(" ".join(_words_of_html(str(html)).split()), limit)


def truncate(text: str, limit: int | None) -> str:
    """``text`` cut to at most ``limit`` characters on a word boundary, ending "…" when cut."""
    if limit is None or len(text) <= limit:
        return text
    room = limit - 1  # for the ellipsis
    cut = text[:room]
    if not text[room].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(_TRAILING_JUNK) or text[:room].rstrip()
    return cut + "…"


# --- other outputs ---------------------------------------------------------------------------------------

#: Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), with the full-width
#: forms some spreadsheets also accept.
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_CONTROL_START = frozenset("\t\r\n")


def csv_cell(value: Any) -> str:
    """A value for one cell of an open-data CSV, with spreadsheet formulas neutralised.

    Following OWASP's CSV-injection guidance, text that starts with ``=``, ``+``, ``-``, ``@``, a tab, a
    carriage return or a line feed, or whose first non-blank character is one of ``= + - @`` (or their
    full-width forms), gets a leading ``'`` so a spreadsheet shows it as text. This includes text such as
    ``"-5"``: data fields are text, and a string is never trusted to be a number. Real numbers pass through
    as numbers (``-5`` stays ``-5``; floats that are not finite are treated as text). ``None`` is empty,
    booleans are ``true``/``false``, dates are ISO 8601. Quoting of commas, quotes and newlines is left to
    the ``csv`` module that writes the row.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = str(value)
    if text and (text[0] in _CONTROL_START or text.lstrip()[:1] in _FORMULA_START):
        return "'" + text
    return text

