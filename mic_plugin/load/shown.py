"""What a reader sees of a text: the characters that show nothing, the control characters that must not be
published, and the look-alike characters that read as the same thing.

Three rules of the content format rest on these (CONTENT_FORMAT.md, "Errors" and "Privacy"):

* a required text that shows nothing (only white space and invisible characters) is empty;
* control characters other than tab and line breaks are errors;
* contact details and themes are compared as a reader reads them: after Unicode compatibility normalisation
  (NFKC: full-width ``＠`` is ``@``, ``①`` is ``1``), without invisible characters, with every dash a hyphen
  and every space a space.

*Invisible* is a general rule, not a list of examples: Unicode's Default_Ignorable_Code_Point property (zero
width spaces and joiners, soft hyphen, word joiner, variation selectors, Hangul fillers, tags...), every format
character (category Cf) except the few that draw a mark (the prepended concatenation marks such as U+0600),
and the characters fonts draw as empty although Unicode calls them symbols (U+2800 BRAILLE PATTERN BLANK).
"""

from __future__ import annotations

import re
import sys
import unicodedata

#: Default_Ignorable_Code_Point (Unicode 15, DerivedCoreProperties.txt).
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
#: Format characters that do draw something (prepended concatenation marks: number signs, end of ayah...).
_VISIBLE_FORMAT = frozenset((0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891,
                             0x08E2, 0x110BD, 0x110CD))
#: Drawn as nothing by fonts, though not ignorable by Unicode's rules.
_BLANK_LOOKING = frozenset((0x2800,))


#: Unicode's format characters (category Cf) as ranges, for the Unicode versions Python ships with here;
#: another version is read from ``unicodedata`` at import (a scan of every code point: about 0.2 s, which
#: every ``mic validate`` would otherwise pay at start-up). tests/test_load_fastpaths.py checks the table.
_FORMAT_RANGES = {
    "14.0.0": (
        (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
        (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
        (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
        (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ),
}  # fmt: skip


def format_code_points() -> frozenset[int]:
    """Every code point of category Cf in the running Python's Unicode database."""
    ranges = _FORMAT_RANGES.get(unicodedata.unidata_version)
    if ranges is None:
        return frozenset(cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf")
    return frozenset(cp for first, last in ranges for cp in range(first, last + 1))


def _invisible_code_points() -> frozenset[int]:
    points = set(_BLANK_LOOKING)
    for first, last in _DEFAULT_IGNORABLE:
        points.update(range(first, last + 1))
    points.update(format_code_points() - _VISIBLE_FORMAT)
    return frozenset(points)


def _char_class(points) -> re.Pattern[str]:
    """A regular expression matching any one of ``points`` (as ranges, so searching is done in C)."""
    ranges: list[list[int]] = []
    for cp in sorted(points):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                     for a, b in ranges) + "]")


INVISIBLE: frozenset[int] = _invisible_code_points()
"""Code points that show nothing to a reader (see the module's rule)."""

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""C0 and C1 controls except tab and line breaks, lone surrogates and the BMP's noncharacters."""

_REMOVE_INVISIBLE = dict.fromkeys(INVISIBLE)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\u30fc\ufe58\ufe63\uff0d"
_DOTS = "\u00b7\u2022\u2219\u22c5\u30fb"
_READER = {**_REMOVE_INVISIBLE, **{ord(d): "-" for d in _DASHES}, **{ord(d): "." for d in _DOTS}}
# str.translate looks every character of a long text up in these tables; a search of the same characters
# as one class is done in C, so texts with none of them (nearly all) are left as they are at once.
_INVISIBLE_RE = _char_class(INVISIBLE)
_READER_RE = _char_class(_READER)


def first_control(text: str) -> re.Match[str] | None:
    return _CONTROL_RE.search(text)


def shows_nothing(text: str) -> bool:
    """True when a reader would see nothing of ``text``: only white space and invisible characters."""
    if text.isascii():
        return not text.strip()
    return all(ch.isspace() or ord(ch) in INVISIBLE or _CONTROL_RE.match(ch) for ch in text)


def without_invisible(text: str) -> str:
    if text.isascii() or not _INVISIBLE_RE.search(text):
        return text
    return text.translate(_REMOVE_INVISIBLE)


def _as_reader_sees(match: re.Match[str]) -> str:
    return _READER[ord(match.group())] or ""


def as_read(text: str) -> str:
    """``text`` as a reader reads it, for finding what it says: invisible characters removed, NFKC applied,
    every dash a hyphen, every middle dot a full stop, and every run of white space one space."""
    return " ".join(folded(text).split())


def folded(text: str) -> str:
    """:func:`as_read` with the white space left as it is."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", without_invisible(text))
        if _READER_RE.search(text):
            # Replacing each match is the same as text.translate(_READER), which looks every character of a
            # long text up in the table (most texts have a dash or two in thousands of characters).
            text = _READER_RE.sub(_as_reader_sees, text)
    return text


def comparable(text: str) -> str:
    """The key two texts are compared by when only their reading matters (themes): :func:`as_read`,
    without regard to case."""
    return as_read(text).casefold()


def quoted(value: object) -> str:
    """``value`` between single quotes, with line breaks, tabs and control characters written as escapes, so
    one problem stays on one line (and a value can never start a line of its own, such as ``::error``)."""
    text = str(value)
    if text.isprintable() and "'" not in text:
        return f"'{text}'"
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "'" + "".join(out) + "'"
