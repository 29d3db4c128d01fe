"""The privacy rule: no e-mail addresses or telephone numbers in published text, except the organisation's
own public contacts (``organisation.public_contacts``) and ``organisation.contact`` (CONTENT_FORMAT.md,
"Privacy").

The rule applies to a text **as a reader will see it**, so each text is looked at in every form a reader or
a program meets it:

* as written, after the look-alike folding of :func:`mic_plugin.load.shown.as_read` (invisible characters
  removed, NFKC, every dash a hyphen, every run of white space, line breaks included, one space) and with
  backslashes taken out;
* with its character references decoded (``jo&#64;example.org``);
* for a Markdown field, as rendered: the words a reader sees (emphasis or code inside a number is gone, so is
  a backslash escape), the text of image descriptions and link titles, and every link target, percent-decoded
  (``mailto:``, ``%40`` inside a URL).

Telephone numbers are found by libphonenumber's rules (the ``phonenumbers`` port) in the organisation's
country: a full number it finds *possible*, written in national form (starting with the country's trunk
prefix, ``0`` in the UK), in international form (``+44``, ``0044``), or one it finds *valid*. That finds the
ranges reserved for drama (07700 900xxx, 01632 960xxx) and any separators, and leaves dates, times, ISBNs,
grid references, sums of money and file names alone. A public contact matches however it is written, because
numbers are compared in E.164 form (``0300 123 4567`` is ``+44 (0)300 123 4567``).

Most texts hold no ``@`` and fewer than seven digits; they are passed over after one cheap test, and the
Markdown of a field is rendered only when its source could hide a contact detail (the renderer's cache then
serves the build the same HTML).
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import unquote

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from .shown import INVISIBLE, as_read, folded

EMAIL = "e-mail address"
PHONE = "phone number"

# A domain label: letters or digits (any script: IDN), hyphens inside. The top level is letters (or xn--).
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
EMAIL_RE = re.compile(rf"(?<![\w.+'-])[\w.+'-]+@(?:{_LABEL}\.)+(?:[^\W\d_]{{2,63}}|xn--[a-z0-9-]+)(?![\w-])",
                      re.IGNORECASE)
#: The last part of a file name, which an address's top-level domain never is: ``logo@2x.png``.
_FILE_ENDINGS = frozenset(
    "png jpg jpeg gif svg webp avif bmp ico tif tiff heic pdf doc docx xls xlsx ppt pptx odt ods odp rtf csv txt "
    "htm html css js mjs json xml yml yaml md mp3 mp4 m4a wav ogg webm mov avi zip gz".split())
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"[+(]?\d[\d ().\-/]*\d")
_ISBN_BEFORE = re.compile(r"isbn(?:-1[03])?\s*:?\s*$", re.IGNORECASE)
_GRID_BEFORE = re.compile(r"(?<![A-Za-z])[HJNOST][A-HJ-Z]\s*$")
_MONEY_BEFORE = re.compile(r"[£$€¥]\s*$")
_ANY_DIGIT = re.compile(r"\d")
_PHONE_LINK = re.compile(
    r"(?<![\w.+-])(?:(?:tel|sms|callto|facetime(?:-audio)?)\s*:\s*"
    r"|(?P<intl>wa\.me/|whatsapp://send/?\?(?:[^\s#]*?&)?phone=|api\.whatsapp\.com/send/?\?(?:[^\s#]*?&)?phone="
    r"|viber://(?:chat|add)/?\?(?:[^\s#]*?&)?number=|t\.me/|signal\.me/#p/))"
    r"(?P<number>[^\s\"'<>()\[\]{}&?#/,;]+)", re.IGNORECASE)
"""A link that dials, texts or opens a chat with a number (``tel:``, ``sms:``, ``callto:``, ``facetime:``,
WhatsApp, Viber, Telegram and Signal links): the number is a contact detail however the link writes it
(percent-escaped spaces, ``%2B`` for ``+``). Chat links write numbers in international form without the
``+`` (``wa.me/447700900123``): ``intl``."""
_MIN_DIGITS = 7
"""No telephone number a library finds possible in any country has fewer digits (after folding)."""
_SEVEN_IN_A_RUN = re.compile(r"\d(?:[ ().\-/]*\d){%d}" % (_MIN_DIGITS - 1))
"""Seven digits joined only by what a :data:`_DIGIT_RUN` may hold between digits (the quick test for one)."""


@dataclass(frozen=True)
class Found:
    kind: str  # EMAIL or PHONE
    text: str  # as found (folded)
    start: int  # where it starts in the text as written, or -1 when only a rendered form shows it
    where: str = ""  # "" (the text), "a link" or "the text as a reader sees it"
    key: str = ""  # the address in lower case, or the number in E.164 form

    @property
    def masked(self) -> str:
        """The finding with most of it hidden, so error logs do not repeat personal data."""
        if self.kind == EMAIL:
            text = self.text[7:] if self.text.lower().startswith("mailto:") else self.text
            local, _, domain = text.partition("@")
            return f"{local[:1]}…@{domain}" if domain else f"mailto:{text[:1]}…"
        digits = "".join(ch for ch in self.text if ch.isdigit())
        return f"{digits[:4]}…{digits[-2:]}"

    def message(self) -> str:
        """What was found, where, and what to do about it."""
        article = "an" if self.kind == EMAIL else "a"
        where = f" in {self.where}" if self.where else ""
        advice = "Remove it"
        if self.kind == PHONE:
            advice += (", or, if it is the organisation's own number, list it in organisation.yml public_contacts "
                       "(written in any form)")
        return f"contains {article} {self.kind} ({self.masked}){where}; published text must not identify anyone. {advice}"


def could_hold_contact(text: str) -> bool:
    """False when no form of ``text`` can hold an address or a number: no ``@`` (nor ``&`` or ``%`` that
    could encode one, nor a look-alike) and fewer than seven digits."""
    if "@" in text or "&" in text or "%" in text or (":" in text and "mailto" in text.lower()):
        return True
    if text.isascii():
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, b"0123456789")) >= _MIN_DIGITS
    text = unicodedata.normalize("NFKC", text)
    return "@" in text or "%" in text or len(_ANY_DIGIT.findall(text)) >= _MIN_DIGITS


def _digits(text: str) -> int:
    return sum(1 for ch in text if ch.isdigit())


def _is_isbn(digits: str) -> bool:
    if len(digits) == 10:
        return sum((10 - i) * int(d) for i, d in enumerate(digits)) % 11 == 0
    if len(digits) == 13 and digits.startswith(("978", "979")):
        return sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10 == 0
    return False


class PrivacyRule:
    """Finds personal contact details in text, allowing the organisation's listed public contacts.

    ``country`` is the ISO 3166-1 code numbers are read in (default GB). ``render`` turns a Markdown text into
    sanitised HTML (a :class:`~mic_plugin.render.text.MarkdownRenderer`'s ``render``; default: the plugin's
    default renderer), so rendered forms are checked as a reader will see them.
    """

    def __init__(self, public_contacts: list[str] | tuple[str, ...] = (), country: str = "GB",
                 render: Callable[[str], str] | None = None):
        self.country = (country or "GB").upper()
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(self.country)
        self.trunk = (metadata.national_prefix or "") if metadata else ""
        self._render = render
        # With the default renderer (``mic validate``), a text its Markdown cannot change in a way that shows
        # a contact detail is not rendered (rendering_adds_nothing). A build passes its own renderer, whose
        # output it publishes and reuses, so every Markdown text is rendered and checked as before.
        self._quick = render is None
        self.emails: set[str] = set()
        self.phones: set[str] = set()
        for contact in public_contacts:
            for form in {as_read(contact), as_read(_html.unescape(contact))}:
                self.emails.update(m.group(0).lower() for m in EMAIL_RE.finditer(form))
                self.phones.update(self._number_keys(form))

    # --- the forms of a text ---------------------------------------------------------------------------------

    def find(self, text: str, markdown: bool = False) -> list[Found]:
        """Every contact detail in ``text`` that is not one of the public contacts, each once."""
        if not could_hold_contact(text):
            return []
        found: dict[tuple[str, str], Found] = {}

        def add(items):
            for f in items:
                found.setdefault((f.kind, f.key), f)

        written = _unescaped(text)
        add(self._in_text(written, located=written == text and text.isascii() and "\\" not in text))
        if markdown and not (self._quick and rendering_adds_nothing(text)):
            words, targets = _rendered(self._markdown(text))
            for target in targets:
                add(self._in_target(target))
            add(self._in_text(words, where="the text as a reader sees it"))
        if "&" in written:
            add(self._in_text(_html.unescape(written), where="the text as a reader sees it"))
        return sorted(found.values(), key=lambda f: (f.start, f.kind, f.key))

    def find_in_id(self, value: str) -> list[Found]:
        """Contact details in an id (ids are published in web addresses)."""
        return self._in_text(value) if could_hold_contact(value) else []

    def _markdown(self, text: str) -> str:
        if self._render is None:
            from ..render.text import _renderer
            self._render = _renderer().render
        return str(self._render(text))

    def _in_target(self, target: str) -> list[Found]:
        address = unquote(_html.unescape(target))
        if address.lower().startswith("mailto:"):
            to = as_read(address[7:].split("?", 1)[0])
            if to.lower() in self.emails:
                return []
            emails = self._emails(to, "a link")
            return emails or [Found(EMAIL, "mailto:" + to, -1, "a link", to.lower())]
        read = as_read(address)
        return self._emails(read, "a link") + self._linked_phones(read)

    def _in_text(self, text: str, *, where: str = "", located: bool = False) -> list[Found]:
        """Findings in ``text``; with ``located``, their start is the offset in the text as written."""
        read = as_read(text)
        out = self._emails(read, where) + self._phones(_URL_RE.sub(" ", read), where) + self._linked_phones(read)
        if not out:
            return out
        if located:
            starts = _locate(text, read)
            return [Found(f.kind, f.text, starts(f.start), f.where, f.key) for f in out]
        return [Found(f.kind, f.text, -1, f.where, f.key) for f in out]

    # --- e-mail addresses and numbers ------------------------------------------------------------------------

    def _emails(self, read: str, where: str) -> list[Found]:
        if "@" not in read:
            return []
        out = []
        for m in EMAIL_RE.finditer(read):
            address = m.group(0).strip(".")
            if address.rsplit(".", 1)[-1].lower() in _FILE_ENDINGS or address.lower() in self.emails:
                continue
            out.append(Found(EMAIL, address, m.start(), where, address.lower()))
        return out

    def _numbers(self, read: str):
        """``(start, raw, E.164)`` of every telephone number in ``read`` (already folded)."""
        if not _SEVEN_IN_A_RUN.search(read):  # no _DIGIT_RUN with seven digits
            return
        for match in PhoneNumberMatcher(read, self.country, leniency=Leniency.POSSIBLE, max_tries=10_000):
            number, raw, start = match.number, match.raw_string, match.start
            if not self._counts(number, raw, read[:start]):
                continue
            yield start, raw, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def _counts(self, number, raw: str, before: str) -> bool:
        digits = "".join(ch for ch in raw if ch.isdigit())
        if _is_isbn(digits) and (len(digits) == 13 or _ISBN_BEFORE.search(before)):
            return False
        if _GRID_BEFORE.search(before) or _MONEY_BEFORE.search(before):
            return False
        if phonenumbers.is_valid_number(number):
            return True
        written = raw.lstrip("([ ")
        full = written.startswith(("+", "00")) or (self.trunk and written.startswith(self.trunk))
        return bool(full) and len(str(number.national_number)) >= 9

    def _number_keys(self, read: str) -> set[str]:
        keys = {key for _, _, key in self._numbers(read)}
        for m in _DIGIT_RUN.finditer(read):  # a public contact may be a short or unusual number: take it whole
            try:
                number = phonenumbers.parse(m.group(0), self.country)
            except phonenumbers.NumberParseException:
                continue
            keys.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        return keys

    def _phones(self, read: str, where: str) -> list[Found]:
        return [Found(PHONE, raw, start, where, key) for start, raw, key in self._numbers(read)
                if key not in self.phones]

    def _linked_phones(self, read: str) -> list[Found]:
        """Numbers that links dial or message (:data:`_PHONE_LINK`), written anywhere in ``read``: web
        addresses are taken out of the search for numbers in text, these are not."""
        if ":" not in read and "/" not in read:
            return []
        out = []
        for link in _PHONE_LINK.finditer(read):
            number = as_read(unquote(link.group("number")))
            if link.group("intl") and not number.startswith(("+", "00")):
                number = "+" + number
            out += [Found(PHONE, raw, link.start("number"), "a link", key) for _, raw, key in self._numbers(number)
                    if key not in self.phones]
        return out


# --- when rendering cannot add a finding (the default renderer: extra and sane_lists, raw HTML shown) ---------------

_NOT_MODELLED = re.compile(r"[@&%<{}`\\|]")
_CODE_LINE = re.compile(r"\n(?: {4}|\t)")


def _not_modelled(text: str) -> bool:
    """What the quick test leaves to the renderer: anything that can make or hide an address (@, character and
    percent escapes, mailto), raw HTML and autolinks, attribute lists, code spans and blocks, backslash
    escapes, tables, footnotes."""
    return bool(_NOT_MODELLED.search(text) or "~~~" in text or "[^" in text or "mailto" in text.lower()
                or text.startswith(("    ", "\t")) or _CODE_LINE.search(text))
_SIMPLE_LINK = re.compile(r"(!?)\[([^\[\]\n^][^\[\]\n]*|)\]\(([^()\s<>\"'\[\]]*)\)")
"""``[words](address)`` or ``![words](address)``: no title, no brackets inside, the address in one piece."""
_MARKUP = re.compile(r"[*_#>+=]")
_DEFINITION = re.compile(r"(?<!\S):")
"""Characters Markdown may take away from a word (emphasis, headings, quotes, list marks, underlines, a
definition's ':', :data:`_DEFINITION`): all taken away, so runs of digits are joined as far as any rendering could join them."""
_URL_START = re.compile(r"https?://|www\.", re.IGNORECASE)
_URL_WORD = re.compile(r"\S*(?:https?://|www\.)\S*", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]+")
_SEVEN_DIGITS = re.compile(r"\d(?:[^A-Za-z\d]*\d){%d}" % (_MIN_DIGITS - 1))
"""Seven digits with no ASCII letter between them."""


def _link_words(match: re.Match[str]) -> str:
    """What a reader sees of a simple link (its words) or image (its description, between spaces)."""
    if match.group(1):
        return f" {match.group(2)} " if match.group(2) else ""
    return match.group(2)


def _digits_only(match: re.Match[str]) -> str:
    return _LETTERS.sub("", match.group())


def rendering_adds_nothing(text: str) -> bool:
    """True when the default renderer's HTML of ``text`` cannot show a contact detail that the text as written
    does not show (so :meth:`PrivacyRule.find` need not render it); False when it might, or when the text uses
    Markdown this test does not model.

    The rendered forms add a finding only through an address (``@``, ``%40``, ``&#64;``, ``mailto:``: all left
    to the renderer) or through a run of seven digits that the markup kept apart in the written text. With
    what is modelled (paragraphs, lists, quotes, headings, emphasis, simple links and images), rendering keeps
    every word in place and every line break, drops some of :data:`_MARKUP` and turns a link or image into its
    words. An ASCII letter outside a web address therefore stays between the digits before and after it (the
    phone search takes web addresses out, and a letter ends a run of digits), so seven digits with no such
    letter between them, with all of :data:`_MARKUP` dropped, are the least any rendering could show a
    number with. tests/test_privacy_quick.py checks this against the renderer.
    """
    if _not_modelled(text) or (not text.isascii() and _not_modelled(unicodedata.normalize("NFKC", text))):
        return False
    plain = _SIMPLE_LINK.sub(_link_words, text) if "[" in text else text
    if "[" in plain or "]" in plain:
        return False
    if ":" in plain:
        plain = _DEFINITION.sub("", plain)
    bare = folded(_MARKUP.sub("", plain))  # white space as it is: any of it may join digits
    if _URL_START.search(bare):
        bare = _URL_WORD.sub(_digits_only, bare)  # its letters may be taken out with the address
    return _SEVEN_DIGITS.search(bare) is None


def _unescaped(text: str) -> str:
    """The text with backslashes taken out: ``jo@example\\.org`` reads as an address in any field."""
    return text.replace("\\", "") if "\\" in text else text


def _locate(text: str, read: str):
    """A function from an offset in ``as_read(text)`` to the offset in ``text`` (ASCII text: only runs of
    white space were folded)."""
    positions = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and positions:
                positions.append(i)
            in_space = True
        else:
            positions.append(i)
            in_space = False

    def start(offset: int) -> int:
        return positions[offset] if 0 <= offset < len(positions) else -1
    return start


class _Rendered(HTMLParser):
    """The words of sanitised HTML (descriptions and titles included) and its link and image targets."""

    _BLOCKS = frozenset("address blockquote br dd div dl dt h1 h2 h3 h4 h5 h6 hr li ol p pre table td th tr ul".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCKS:
            self.words.append(" ")
        for name, value in attrs:
            if not value:
                continue
            if name in ("href", "src"):
                self.targets.append(value)
            elif name in ("alt", "title"):
                self.words.append(f" {value} ")

    def handle_endtag(self, tag):
        if tag in self._BLOCKS:
            self.words.append(" ")

    def handle_data(self, data):
        self.words.append(data)


def _rendered(html: str) -> tuple[str, list[str]]:
    parser = _Rendered()
    parser.feed(html)
    parser.close()
    return "".join(parser.words), parser.targets


__all__ = ["EMAIL", "EMAIL_RE", "PHONE", "Found", "INVISIBLE", "PrivacyRule", "could_hold_contact"]
