"""An Atom 1.0 (RFC 4287) writer: pure, deterministic, no dependencies.

The caller gives plain text (never HTML) and absolute URLs; this module escapes everything it writes, drops
characters XML 1.0 cannot carry, and writes dates as RFC 3339 at midnight UTC. Nothing here reads a clock:
the feed's ``updated`` is whatever the caller says (the newest entry's date), so the same feed object always
gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from .xml import xml_text

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"



@dataclass(frozen=True)
class FeedEntry:
    """One ``<entry>``: every text is plain text, ``link`` an absolute URL."""

    id: str
    title: str
    updated: _dt.date
    link: str
    summary: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    """The ``<feed>``: ``id`` stable across builds, ``updated`` from the content (never a build time)."""

    id: str
    title: str
    updated: _dt.date
    self_url: str
    alternate_url: str
    author: str
    entries: list[FeedEntry] = field(default_factory=list)
    subtitle: str = ""
    rights: str = ""
    language: str = ""
    generator: str = "Make It Count"


def atom_date(value: _dt.date) -> str:
    """An RFC 3339 timestamp for a date (midnight UTC): ``2024-03-05T00:00:00Z``."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    return f"{value.isoformat()}T00:00:00Z"


def _element(name: str, text: str, indent: str, **attrs: str) -> str:
    attributes = "".join(f' {k}="{xml_text(v)}"' for k, v in attrs.items() if v)
    return f"{indent}<{name}{attributes}>{xml_text(text)}</{name}>\n"


def _link(href: str, rel: str, indent: str, media_type: str = "") -> str:
    type_attr = f' type="{xml_text(media_type)}"' if media_type else ""
    return f'{indent}<link rel="{rel}"{type_attr} href="{xml_text(href)}"/>\n'


def atom_xml(feed: Feed) -> str:
    """The feed as an Atom 1.0 document (UTF-8 text, ``\\n`` line ends, entries in the order given)."""
    lang = f' xml:lang="{xml_text(feed.language)}"' if feed.language else ""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n', f'<feed xmlns="{ATOM_NS}"{lang}>\n']
    out.append(_element("id", feed.id, "  "))
    out.append(_element("title", feed.title, "  ", type="text"))
    if feed.subtitle:
        out.append(_element("subtitle", feed.subtitle, "  ", type="text"))
    out.append(_element("updated", atom_date(feed.updated), "  "))
    out.append(_link(feed.self_url, "self", "  ", MEDIA_TYPE))
    out.append(_link(feed.alternate_url, "alternate", "  ", "text/html"))
    out.append(f"  <author>\n{_element('name', feed.author, '    ')}  </author>\n")
    if feed.rights:
        out.append(_element("rights", feed.rights, "  ", type="text"))
    if feed.generator:
        out.append(_element("generator", feed.generator, "  "))
    for entry in feed.entries:
        out.append("  <entry>\n")
        out.append(_element("id", entry.id, "    "))
        out.append(_element("title", entry.title, "    ", type="text"))
        out.append(_element("updated", atom_date(entry.updated), "    "))
        out.append(_link(entry.link, "alternate", "    ", "text/html"))
        for term in entry.categories:
            out.append(f'    <category term="{xml_text(term)}"/>\n')
        if entry.summary:
            out.append(_element("summary", entry.summary, "    ", type="text"))
        out.append("  </entry>\n")
    out.append("</feed>\n")
    return "".join(out)


__all__ = ["MEDIA_TYPE", "Feed", "FeedEntry", "atom_date", "atom_xml"]
