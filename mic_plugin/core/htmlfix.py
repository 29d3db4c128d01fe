"""Post-process a finished HTML page so it passes the W3C Nu HTML checker.

Material for MkDocs 9.x writes a few attributes that HTML does not allow, outside any template block a
site could override. The worst offender is in its ``base.html``::

    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">

``autocomplete`` is only allowed on text-like ``<input>`` types, so the Nu checker reports an error for the
drawer and search toggles on every page. :func:`fix_page` removes such attributes and changes nothing else:
the rest of the page is returned byte for byte, so output stays deterministic and diffs stay small.

This is pure string processing (no MkDocs, no HTML parser round trip that would re-serialise the page).
It scans tags with a quote-aware pattern and leaves comments and raw-text elements (``script``, ``style``,
``textarea``, ``title``) untouched, so markup quoted inside them is never rewritten.
"""

from __future__ import annotations

import re

__all__ = ["AUTOCOMPLETE_INPUT_TYPES", "fix_page", "fix_input_tag"]

#: ``<input type>`` values on which HTML allows the ``autocomplete`` attribute (HTML Living Standard,
#: "autofill"; the same list the Nu checker prints). An input without ``type`` is a text input.
AUTOCOMPLETE_INPUT_TYPES = frozenset(
    {
        "color",
        "date",
        "datetime-local",
        "email",
        "hidden",
        "month",
        "number",
        "password",
        "range",
        "search",
        "tel",
        "text",
        "time",
        "url",
        "week",
    }
)

# One alternation, scanned left to right: a comment or a raw-text element is skipped whole (group
# "skip"); an <input> start tag is offered to fix_input_tag (group "input"). Attribute values may hold
# ">" inside quotes, hence the quote-aware tag body.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_SCAN = re.compile(
    r"(?P<skip><!--.*?-->"
    r"|<(?P<raw>script|style|textarea|title)\b" + _TAG_BODY + r">.*?</(?P=raw)\s*>)"
    r"|(?P<input><input\b" + _TAG_BODY + r">)",
    re.IGNORECASE | re.DOTALL,
)

# One attribute inside a start tag: leading whitespace, name, optional value (double, single or unquoted).
_ATTRIBUTE = re.compile(
    r"""(?P<space>\s+)(?P<name>[^\s"'>/=]+)"""
    r"""(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""",
)


def _attribute_value(match: re.Match[str]) -> str | None:
    """Return the unquoted value of an attribute match, or None for a bare attribute."""
    value = match.group("value")
    if value is None:
        return None
    if value[:1] in "\"'":
        return value[1:-1]
    return value


def fix_input_tag(tag: str) -> str:
    """Return one ``<input ...>`` start tag with attributes HTML forbids for its type removed.

    Today that is ``autocomplete`` on any input whose ``type`` is not text-like (checkbox, radio, file,
    submit, button, reset, image). Every other byte of the tag is kept.

    >>> fix_input_tag('<input type="checkbox" id="__drawer" autocomplete="off">')
    '<input type="checkbox" id="__drawer">'
    >>> fix_input_tag('<input type="text" autocomplete="off">')
    '<input type="text" autocomplete="off">'
    """
    attributes = list(_ATTRIBUTE.finditer(tag, 6))  # after "<input"
    input_type = "text"
    for attribute in attributes:
        if attribute.group("name").lower() == "type":
            input_type = (_attribute_value(attribute) or "").strip().lower() or "text"
            break
    if input_type in AUTOCOMPLETE_INPUT_TYPES:
        return tag
    pieces: list[str] = []
    position = 0
    for attribute in attributes:
        if attribute.group("name").lower() == "autocomplete":
            pieces.append(tag[position : attribute.start()])
            position = attribute.end()
    if not pieces:
        return tag
    pieces.append(tag[position:])
    return "".join(pieces)


def _replace(match: re.Match[str]) -> str:
    if match.group("input") is not None:
        return fix_input_tag(match.group("input"))
    return match.group(0)


def fix_page(html: str) -> str:
    """Return ``html`` with the markup errors Material for MkDocs writes on every page removed.

    Safe to call on any HTML string (MkDocs' ``on_post_page`` output, a 404 page, a fragment); a page
    without such errors comes back unchanged, and ``fix_page(fix_page(x)) == fix_page(x)``.
    """
    return _SCAN.sub(_replace, html)
