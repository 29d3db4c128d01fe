"""Quality badges: an activity's checklist score drawn as a shields.io "flat" SVG, and as endpoint JSON.

A badge reads ``LABEL | MESSAGE``, for example ``quality | 12 of 27 met``. The drawing follows the shape
shields.io uses for its flat style, so the badges sit well next to other README badges:

- a 20px high badge with 3px rounded corners (a ``clipPath``) and a faint ``linearGradient`` over it;
- the label on grey ``#555`` at the left, the message on the score colour at the right;
- text in 11px ``Verdana,Geneva,DejaVu Sans,sans-serif``, drawn at ``scale(.1)`` with ten-times
  coordinates (``font-size="110"``) so positions stay whole numbers, each text preceded by a shadow copy
  one pixel lower at ``fill-opacity=".3"``, and each given a ``textLength`` so it fills exactly the width
  that was measured for it, whatever font the viewer actually has.

Accessibility: the ``<svg>`` carries ``role="img"`` and ``aria-label="LABEL: MESSAGE"``, its first child is
``<title>LABEL: MESSAGE</title>``, and the drawn text sits in a ``<g aria-hidden="true">`` so a screen reader
says the badge once. Colour never carries meaning on its own: the message states the numbers.

Safety: label and message are text from the content (an attacker may write them). Every piece of text is
XML-escaped on the way in (``& < > " '``), characters XML 1.0 cannot hold are replaced, and the only other
values in the markup are numbers computed here and a colour validated as hex. Text can therefore never
become an element or an attribute.

Text widths come from :data:`WIDTHS_FILE`, a per-character advance-width table for the 11px badge font
(see :func:`build_width_table` for how it is made), with estimates by Unicode class for characters outside
it (see :func:`char_width`).

Public API: :data:`BAND_COLOURS`, :func:`text_width`, :func:`badge_svg`, :func:`badge_endpoint` (a score's
colour is :func:`mic_plugin.derive.scoring.badge_color`). Everything is deterministic: the same arguments give byte-identical output.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import unicodedata
from bisect import bisect_right
from pathlib import Path

from .xml import clean, escape

__all__ = [
    "FONT_FAMILY",
    "FONT_SIZE_PX",
    "LABEL_COLOR",
    "BAND_COLOURS",
    "WIDTHS_FILE",
    "badge_endpoint",
    "badge_svg",
    "build_width_table",
    "char_width",
    "text_width",
]

#: The font stack shields.io uses for flat badges.
FONT_FAMILY = "Verdana,Geneva,DejaVu Sans,sans-serif"
#: Badge text size in CSS pixels.
FONT_SIZE_PX = 11
#: Background of the label (left) half: white text on it has a contrast ratio of 7.5:1.
LABEL_COLOR = "#555"
#: The advance-width table shipped with the package.
WIDTHS_FILE = Path(__file__).resolve().parent.parent / "data" / "verdana-widths.json"

_HEIGHT = 20
_HORIZONTAL_PADDING = 5
_SCALE = 10  # text is drawn at scale(.1) with coordinates ten times larger, as shields.io does
_CORNER_RADIUS = 3

# Score colours: the hues of shields.io's palette (red, orange, yellow, yellowgreen, green, lightgrey),
# darkened until white 11px text on them reaches WCAG AA contrast (4.5:1). Shields' own bright colours give
# white text only 2.0:1 to 3.6:1 (#dfb317 yellow is 2.0:1), which fails for small text.
_GREY = "#767676"  # 4.5:1
_RED = "#c13f2e"  # 5.2:1
_ORANGE = "#a9510f"  # 5.4:1
_YELLOW = "#8b6800"  # 5.2:1
_YELLOWGREEN = "#5f7000"  # 5.5:1
_GREEN = "#2e7d1f"  # 5.2:1
BAND_COLOURS = {"none": _GREY, "low": _RED, "fair": _ORANGE, "mid": _YELLOW, "high": _YELLOWGREEN, "full": _GREEN}
"""The badge colour of each score band (:func:`mic_plugin.derive.scoring.band`; a score's colour is
:func:`mic_plugin.derive.scoring.badge_color`)."""

_HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_WHITESPACE = re.compile(r"\s+")
_ZWJ = "\u200d"


# --- measuring text -------------------------------------------------------------------------------


class _WidthTable:
    """Advance widths in px, looked up by code point from sorted, non-overlapping ranges."""

    def __init__(self, data: dict) -> None:
        scale = data["size_px"] / data["units_per_em"]
        ranges = sorted(data["ranges"])
        self.starts = [first for first, _last, _units in ranges]
        self.ends = [last for _first, last, _units in ranges]
        self.widths = [units * scale for _first, _last, units in ranges]
        # Fallback for a letter the table lacks and cannot be reduced to one it has: a wide letter,
        # so the badge rather has a little air than clipped text.
        self.unknown = self.get("m") or 0.6 * data["size_px"] * 1.6

    def get(self, char: str) -> float | None:
        cp = ord(char)
        i = bisect_right(self.starts, cp) - 1
        if i >= 0 and cp <= self.ends[i]:
            return self.widths[i]
        return None


@functools.cache
def _table() -> _WidthTable:
    with WIDTHS_FILE.open(encoding="utf-8") as handle:
        return _WidthTable(json.load(handle))


def char_width(char: str) -> float:
    """Return the advance width in px of one character in 11px badge text.

    From the table when the character is in it; otherwise estimated by its Unicode class:

    - combining marks, format characters (zero-width joiners, direction marks, variation selectors) and
      other zero-width characters: 0;
    - a letter with accents the table lacks: the width of its base letter (``ŵ`` as ``w``);
    - East Asian wide and fullwidth characters (CJK, kana, hangul): 1em (11px); wide symbols such as
      emoji: 1.25em, the usual advance of colour emoji fonts;
    - a regional indicator letter (half of a flag): 0.625em, so a flag pair measures 1.25em;
    - anything else: the width of ``m``, on the wide side so text is not squeezed.
    """
    if len(char) != 1:
        raise ValueError(f"char_width takes one character, got {char!r}")
    table = _table()
    width = table.get(char)
    if width is not None:
        return width
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf", "Cc", "Cs") or unicodedata.combining(char):
        return 0.0
    decomposed = unicodedata.normalize("NFD", char)
    if decomposed[0] != char:
        base = table.get(decomposed[0])
        if base is not None:
            return base
    em = float(FONT_SIZE_PX)
    if 0x1F1E6 <= ord(char) <= 0x1F1FF:
        return 0.625 * em
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.25 * em if category.startswith("S") else em
    return table.unknown


def text_width(text: str) -> float:
    """Return the width in px of ``text`` set in 11px Verdana (the badge font), as measured for layout.

    The sum of :func:`char_width` over the characters, except that a character joined to the one before
    it by a zero-width joiner, or an emoji skin-tone modifier, adds nothing: such a sequence draws as one
    emoji. Text is measured as given; :func:`badge_svg` collapses whitespace before measuring.
    """
    total = 0.0
    previous = ""
    for char in text:
        joined = previous == _ZWJ or 0x1F3FB <= ord(char) <= 0x1F3FF
        if not joined:
            total += char_width(char)
        previous = char
    return total


def _layout_width(text: str) -> int:
    """Whole-pixel width reserved for ``text``: measured width rounded up, then up to an odd number.

    Odd widths put the text centre on a half pixel, which with the badge's one-pixel offsets keeps glyph
    edges on the pixel grid (the rounding shields.io uses, though it rounds down first).
    """
    width = math.ceil(text_width(text) - 1e-9)
    return width if width % 2 else width + 1


# --- drawing ---------------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    """Text as the badge shows it: XML-invalid characters replaced by U+FFFD, whitespace runs collapsed."""
    if not isinstance(text, str):
        raise TypeError(f"badge text must be a string, got {type(text).__name__}")
    text = clean(text, "\ufffd")
    return _WHITESPACE.sub(" ", text).strip()


def _normalise_color(color: str) -> str:
    """Return ``color`` as lower-case ``#rgb``/``#rrggbb``; raise ``ValueError`` unless it is hex."""
    if not isinstance(color, str) or not _HEX_COLOR.fullmatch(color):
        raise ValueError(f"badge colour must be a hex colour such as '#2e7d1f', got {color!r}")
    return "#" + color.lstrip("#").lower()


def _relative_luminance(color: str) -> float:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(digits[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _text_colors(background: str) -> tuple[str, str]:
    """(text, shadow) colours: white on a dark background, dark grey on a light one, whichever contrasts more."""
    if _contrast(background, "#fff") >= _contrast(background, "#333"):
        return "#fff", "#010101"
    return "#333", "#ccc"


def _text_elements(text: str, centre_x: int, width: int, background: str) -> str:
    """Shadow copy and text, in the ten-times coordinate system."""
    if not text:
        return ""
    fill, shadow = _text_colors(background)
    x, length, body = centre_x, _SCALE * width, escape(text)
    return (
        f'<text x="{x}" y="150" fill="{shadow}" fill-opacity=".3" transform="scale(.1)" '
        f'textLength="{length}">{body}</text>'
        f'<text x="{x}" y="140" fill="{fill}" transform="scale(.1)" textLength="{length}">{body}</text>'
    )


def badge_svg(label: str, message: str, color: str) -> str:
    """Return a flat, accessible badge as an SVG document string (no XML declaration, no trailing newline).

    ``label`` is drawn on grey at the left and ``message`` on ``color`` (hex, ``#`` optional) at the right.
    An empty label gives a one-part badge. Whitespace runs in the text are collapsed to one space (SVG
    would draw them so anyway) and characters XML cannot hold become U+FFFD; the ``aria-label`` and
    ``<title>`` read ``LABEL: MESSAGE`` with the same text. Raises ``ValueError`` for a colour that is not
    hex. The ``clipPath`` and gradient ids are derived from the arguments, so several different badges can be
    inlined in one page without their ids clashing, and the same arguments give the same bytes.
    """
    color = _normalise_color(color)
    label = _clean_text(label)
    message = _clean_text(message)
    accessible = escape(f"{label}: {message}" if label else message)

    label_width = _layout_width(label) if label else 0
    message_width = _layout_width(message) if message else 0
    left = label_width + 2 * _HORIZONTAL_PADDING if label else 0
    right = message_width + 2 * _HORIZONTAL_PADDING
    total = left + right
    label_color = LABEL_COLOR if label else color

    # Text centres, following shields.io: the label sits one pixel right of its box's centre and the
    # message one pixel left of its box's, leaving a little more air at the join.
    label_x = _SCALE * (1 + _HORIZONTAL_PADDING) + 5 * label_width
    message_x = _SCALE * (left + _HORIZONTAL_PADDING + (-1 if label else 0)) + 5 * message_width

    digest = hashlib.sha256("\0".join((label, message, color)).encode("utf-8")).hexdigest()[:8]
    clip_id, gradient_id = f"r-{digest}", f"s-{digest}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{_HEIGHT}" '
        f'role="img" aria-label="{accessible}">',
        f"<title>{accessible}</title>",
        f'<linearGradient id="{gradient_id}" x2="0" y2="100%">'
        '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/>'
        "</linearGradient>",
        f'<clipPath id="{clip_id}">'
        f'<rect width="{total}" height="{_HEIGHT}" rx="{_CORNER_RADIUS}" fill="#fff"/>'
        "</clipPath>",
        f'<g clip-path="url(#{clip_id})">'
        f'<rect width="{left}" height="{_HEIGHT}" fill="{label_color}"/>'
        f'<rect x="{left}" width="{right}" height="{_HEIGHT}" fill="{color}"/>'
        f'<rect width="{total}" height="{_HEIGHT}" fill="url(#{gradient_id})"/>'
        "</g>",
        f'<g aria-hidden="true" fill="#fff" text-anchor="middle" font-family="{FONT_FAMILY}" '
        f'text-rendering="geometricPrecision" font-size="{_SCALE * FONT_SIZE_PX}">',
        _text_elements(label, label_x, label_width, label_color) if label else "",
        _text_elements(message, message_x, message_width, color),
        "</g>",
        "</svg>",
    ]
    return "".join(parts)


def badge_endpoint(label: str, message: str, color: str) -> dict:
    """Return the badge as shields.io endpoint JSON data (serialise it with ``json.dumps``).

    ``{"schemaVersion": 1, "label": ..., "message": ..., "color": ...}`` with the colour as hex digits
    without ``#`` (shields.io reads bare hex, and a ``#`` would need URL-escaping). Label and message are
    cleaned as in :func:`badge_svg`, so the JSON and the SVG say the same thing; shields.io escapes them
    itself when it draws. Raises ``ValueError`` for a colour that is not hex.
    """
    return {
        "schemaVersion": 1,
        "label": _clean_text(label),
        "message": _clean_text(message),
        "color": _normalise_color(color).lstrip("#"),
    }


# --- making the width table (maintainers only; needs fontTools) ----------------------------------


def build_width_table(font_path: str | Path) -> dict:
    """Measure every character of a TrueType font and return the width table data for :data:`WIDTHS_FILE`.

    The shipped table was made from DejaVu Sans 2.37 (``fonts-dejavu-core``), the free font named in the
    badge font stack and the one that draws badges where Verdana is missing; its Latin advance widths are
    close to Verdana's (``build`` measures 27.05px, where shields.io reserves 27px for it in Verdana), and
    ``textLength`` makes the drawn text fill exactly the measured width in any font. Widths are kept in
    font units, as ranges ``[first, last, advance]`` of consecutive code points with equal advance. The
    Private Use Area is left out, as its glyphs mean nothing outside the font. Regenerate with::

        python -m mic_plugin.render.badges /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

    Needs ``fontTools`` (``pip install fonttools``), which is not a runtime dependency.
    """
    from fontTools.ttLib import TTFont  # imported here: only maintainers regenerate the table

    font = TTFont(str(font_path))
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    name = font["name"]
    ranges: list[list[int]] = []
    for cp in sorted(cmap):
        if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
            continue
        advance = metrics[cmap[cp]][0]
        if ranges and ranges[-1][1] == cp - 1 and ranges[-1][2] == advance:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp, advance])
    return {
        "font": f"{name.getDebugName(4)} {name.getDebugName(5)}",
        "note": "Advance widths of the badge font (Verdana 11px stand-in); see "
        "mic_plugin.render.badges.build_width_table.",
        "size_px": FONT_SIZE_PX,
        "units_per_em": font["head"].unitsPerEm,
        "ranges": ranges,
    }


def _dump_width_table(data: dict) -> str:
    """Serialise table data deterministically, one range per line so changes diff well."""
    head = {key: value for key, value in data.items() if key != "ranges"}
    lines = [json.dumps(head, sort_keys=True, ensure_ascii=False)[:-1] + ', "ranges": [']
    lines.append(",\n".join(json.dumps(r) for r in data["ranges"]))
    lines.append("]}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m mic_plugin.render.badges FONT.ttf  (writes " + str(WIDTHS_FILE) + ")")
    WIDTHS_FILE.write_text(_dump_width_table(build_width_table(sys.argv[1])), encoding="utf-8")
    print(f"wrote {WIDTHS_FILE}")
