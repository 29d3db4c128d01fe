"""The one escaper for text put into XML or HTML we write ourselves (SVG badges and charts, the Atom feed,
snippets), and the one rule for characters XML cannot carry.

Pages are rendered by Jinja with autoescaping; this is for the writers that build XML as strings.
"""

from __future__ import annotations

import re

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 does not allow anywhere (C0 controls other than tab, LF and CR; lone surrogates, which
UTF-8 cannot carry; U+FFFE and U+FFFF): any of them makes the document unparseable."""


def clean(text: object, replacement: str = "") -> str:
    """``text`` as a string without the characters XML cannot carry (each replaced by ``replacement``)."""
    return XML_INVALID.sub(replacement, str(text))


def escape(text: str) -> str:
    """``text`` escaped for XML or HTML character data and for a double-quoted attribute value: ``&``, ``<``,
    ``>`` and ``"`` as entities, and a carriage return as ``&#13;`` (a parser would turn a raw one into a line
    feed). Already-escaped text is text: escaped again."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;"))


def xml_text(value: object) -> str:
    """``value`` as XML character data or an attribute value: invalid characters removed, then escaped."""
    return escape(clean(value))
