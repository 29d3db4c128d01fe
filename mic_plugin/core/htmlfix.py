"""Post-process a finished HTML page so it passes the W3C Nu HTML checker.

Material for MkDocs 9.x writes a few attributes that HTML does not allow, outside any template block a
site could override. The worst offender is in its ``base.html``::

    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">

``autocomplete`` is only allowed on text-like ``<input>`` types, so the Nu checker reports an error for the
drawer and search toggles on every page. With ``navigation.sections`` its ``partials/nav-item.html`` also
writes ``<label ... tabindex="">`` for section titles; an empty ``tabindex`` is not an integer (browsers
ignore it, the checker reports it).

:func:`fix_page` removes exactly those attributes and changes nothing else: the rest of the page is
returned byte for byte, so output stays deterministic and diffs stay small. Browsers ignore an empty
``tabindex``, so removing it changes nothing. Material puts ``autocomplete="off"`` on its toggles so that
Firefox does not restore a ticked drawer or search toggle on reload or back/forward; ``a11y.js`` keeps
that behaviour by unticking them on such navigations.

This is pure string processing (no MkDocs, no HTML parser round trip that would re-serialise the page).
It scans tags with a quote-aware pattern and leaves comments and raw-text elements (``script``, ``style``,
``textarea``, ``title``) untouched, so markup quoted inside them is never rewritten.
"""

from __future__ import annotations

import re

__all__ = ["AUTOCOMPLETE_INPUT_TYPES", "fix_page", "fix_start_tag"]

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
# "skip"); any other start tag is offered to fix_start_tag (group "tag"). Attribute values may hold ">"
# inside quotes, hence the quote-aware tag body.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_SCAN = re.compile(
    r"(?P<skip><!--.*?-->"
    r"|<(?P<raw>script|style|textarea|title)\b" + _TAG_BODY + r">.*?</(?P=raw)\s*>)"
    r"|(?P<tag><[a-zA-Z][^\s/>]*" + _TAG_BODY + r">)",
    re.IGNORECASE | re.DOTALL,
)

# One attribute inside a start tag: leading whitespace, name, optional value (double, single or unquoted).
_ATTRIBUTE = re.compile(
    r"""(?P<space>\s+)(?P<name>[^\s"'>/=]+)"""
    r"""(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""",
)
_TAG_NAME = re.compile(r"<([^\s/>]+)")


def _attribute_value(match: re.Match[str]) -> str | None:
    """Return the unquoted value of an attribute match, or None for a bare attribute."""
    value = match.group("value")
    if value is None:
        return None
    if value[:1] in "\"'":
        return value[1:-1]
    return value


def _is_invalid(tag_name: str, attributes: dict[str, str | None], name: str, value: str | None) -> bool:
    """The rules: which attribute of which element HTML does not allow (and browsers ignore)."""
    if name == "tabindex":
        return value is None or not value.strip()
    if name == "autocomplete" and tag_name == "input":
        input_type = (attributes.get("type") or "").strip().lower() or "text"
        return input_type not in AUTOCOMPLETE_INPUT_TYPES
    return False


def fix_start_tag(tag: str) -> str:
    """Return one start tag with the attributes HTML forbids there removed; every other byte is kept.

    Removed: ``autocomplete`` on an ``<input>`` whose type is not text-like (checkbox, radio, file,
    submit, button, reset, image), and an empty ``tabindex`` on any element.

    >>> fix_start_tag('<input type="checkbox" id="__drawer" autocomplete="off">')
    '<input type="checkbox" id="__drawer">'
    >>> fix_start_tag('<input type="text" autocomplete="off">')
    '<input type="text" autocomplete="off">'
    >>> fix_start_tag('<label class="md-nav__link" for="__nav_2" tabindex="">')
    '<label class="md-nav__link" for="__nav_2">'
    """
    lowered = tag.lower()
    tag_name = _TAG_NAME.match(lowered).group(1)
    if "tabindex" not in lowered and not (tag_name == "input" and "autocomplete" in lowered):
        return tag
    matches = list(_ATTRIBUTE.finditer(tag, 1 + len(tag_name)))
    attributes: dict[str, str | None] = {}
    for match in matches:
        attributes.setdefault(match.group("name").lower(), _attribute_value(match))
    pieces: list[str] = []
    position = 0
    for match in matches:
        if _is_invalid(tag_name, attributes, match.group("name").lower(), _attribute_value(match)):
            pieces.append(tag[position : match.start()])
            position = match.end()
    if not pieces:
        return tag
    pieces.append(tag[position:])
    return "".join(pieces)


def _replace(match: re.Match[str]) -> str:
    if match.group("tag") is not None:
        return fix_start_tag(match.group("tag"))
    return match.group(0)


def fix_page(html: str) -> str:
    """Return ``html`` with the markup errors Material for MkDocs writes removed (see the module text).

    Safe to call on any HTML string (MkDocs' ``on_post_page`` output, a 404 page, a fragment); a page
    without such errors comes back unchanged, and ``fix_page(fix_page(x)) == fix_page(x)``.
    """
    return _SCAN.sub(_replace, html)
