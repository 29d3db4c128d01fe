"""Post-process a finished HTML page so it passes the W3C Nu HTML checker.

Material for MkDocs 9.x writes a few attributes that HTML does not allow, outside any template block a
site could override. The worst offender is in its ``base.html``::

    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">

``autocomplete`` is only allowed on text-like ``<input>`` types, so the Nu checker reports an error for the
drawer and search toggles on every page. With ``navigation.sections`` its ``partials/nav-item.html`` also
writes ``<label ... tabindex="">`` for section titles; an empty ``tabindex`` is not an integer (browsers
ignore it, the checker reports it).

Material's table of contents (``partials/toc.html``) always writes ``<label class="md-nav__title"
for="__toc">``, but the checkbox it names is only written by ``partials/nav-item.html`` for a page that is
in the navigation. On a page outside the nav (an activity page, a later page of a list, any
``not_in_nav`` page) the label points at nothing, which the checker reports ("must be the ID of a non-hidden
form control"). Clicking that label does nothing either, so on such a page its ``for`` is removed and the
label stays as the table of contents' visible title.

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

__all__ = ["AUTOCOMPLETE_INPUT_TYPES", "TOC_TOGGLE_ID", "fix_page", "fix_start_tag"]

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

#: The id of Material's table-of-contents toggle (see the module text).
TOC_TOGGLE_ID = "__toc"

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


def _is_invalid(tag_name: str, attributes: dict[str, str | None], name: str, value: str | None,
                dangling: frozenset[str] = frozenset()) -> bool:
    """The rules: which attribute of which element HTML does not allow (and browsers ignore)."""
    if name == "for" and tag_name == "label":
        return value is not None and value.strip() in dangling
    if name == "tabindex":
        return value is None or not value.strip()
    if name == "autocomplete" and tag_name == "input":
        input_type = (attributes.get("type") or "").strip().lower() or "text"
        return input_type not in AUTOCOMPLETE_INPUT_TYPES
    return False


def fix_start_tag(tag: str, dangling: frozenset[str] = frozenset()) -> str:
    """Return one start tag with the attributes HTML forbids there removed; every other byte is kept.

    Removed: ``autocomplete`` on an ``<input>`` whose type is not text-like (checkbox, radio, file,
    submit, button, reset, image), an empty ``tabindex`` on any element, and ``for`` on a ``<label>`` when
    its value is one of ``dangling`` (ids that no element of the page has).

    >>> fix_start_tag('<input type="checkbox" id="__drawer" autocomplete="off">')
    '<input type="checkbox" id="__drawer">'
    >>> fix_start_tag('<input type="text" autocomplete="off">')
    '<input type="text" autocomplete="off">'
    >>> fix_start_tag('<label class="md-nav__link" for="__nav_2" tabindex="">')
    '<label class="md-nav__link" for="__nav_2">'
    >>> fix_start_tag('<label class="md-nav__title" for="__toc">', frozenset({"__toc"}))
    '<label class="md-nav__title">'
    """
    lowered = tag.lower()
    tag_name = _TAG_NAME.match(lowered).group(1)
    if ("tabindex" not in lowered and not (tag_name == "input" and "autocomplete" in lowered)
            and not (dangling and tag_name == "label" and "for" in lowered)):
        return tag
    matches = list(_ATTRIBUTE.finditer(tag, 1 + len(tag_name)))
    attributes: dict[str, str | None] = {}
    for match in matches:
        attributes.setdefault(match.group("name").lower(), _attribute_value(match))
    pieces: list[str] = []
    position = 0
    for match in matches:
        if _is_invalid(tag_name, attributes, match.group("name").lower(), _attribute_value(match), dangling):
            pieces.append(tag[position : match.start()])
            position = match.end()
    if not pieces:
        return tag
    pieces.append(tag[position:])
    return "".join(pieces)


def _dangling_toc_label(html: str) -> frozenset[str]:
    """``{"__toc"}`` when the page has a label for Material's TOC toggle but no element with that id."""
    last = html.rfind(TOC_TOGGLE_ID)
    if last < 0:
        return frozenset()
    for match in _SCAN.finditer(html):
        if match.start() > last:  # no later tag holds the id
            break
        tag = match.group("tag")
        if tag and TOC_TOGGLE_ID in tag:
            start = 1 + len(_TAG_NAME.match(tag).group(1))
            for found in _ATTRIBUTE.finditer(tag, start):
                if found.group("name").lower() == "id" and (_attribute_value(found) or "").strip() == TOC_TOGGLE_ID:
                    return frozenset()
    return frozenset({TOC_TOGGLE_ID})


def fix_page(html: str) -> str:
    """Return ``html`` with the markup errors Material for MkDocs writes removed (see the module text).

    Safe to call on any HTML string (MkDocs' ``on_post_page`` output, a 404 page, a fragment); a page
    without such errors comes back unchanged, and ``fix_page(fix_page(x)) == fix_page(x)``.
    """
    dangling = _dangling_toc_label(html)
    # Scan only as far as the last place any attribute name (or dangling id) the rules act on occurs;
    # Material writes them near the top of the page, and later tags would come back unchanged. The scan
    # still starts at the beginning, so comments and raw-text elements are recognised exactly as before.
    # In UTF-8 bytes (ASCII letters lowered; faster than str.lower(), which may also change lengths), a
    # position is never smaller than the same place's position in characters: a safe bound for the scan.
    lowered = html.encode("utf-8", "surrogatepass").lower()
    needles = (b"tabindex", b"autocomplete", *(d.lower().encode("utf-8", "surrogatepass") for d in dangling))
    last = max(lowered.rfind(needle) for needle in needles)
    if last < 0:
        return html
    pieces: list[str] = []
    position = 0
    for match in _SCAN.finditer(html):
        if match.start() > last:
            break
        tag = match.group("tag")
        if tag is None:
            continue
        fixed = fix_start_tag(tag, dangling)
        if fixed != tag:
            pieces.append(html[position : match.start()])
            pieces.append(fixed)
            position = match.end()
    if not pieces:
        return html
    pieces.append(html[position:])
    return "".join(pieces)
