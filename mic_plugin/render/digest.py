"""Write a :class:`~mic_plugin.derive.digest.Digest` as plain text, Markdown or an HTML fragment, each from
its template (``mic/digest-text.html``, ``mic/digest-markdown.html``, ``mic/digest.html``; only the HTML one autoescaped; all named .html so that MkDocs never publishes them as static theme files)."""

from __future__ import annotations

import re

import jinja2

from ..derive.digest import Digest
from .templates import make_env
from .text import plain_text
from .words import human_date, plural

FORMATS = ("text", "markdown", "html")
TEMPLATES = {"text": "mic/digest-text.html", "markdown": "mic/digest-markdown.html", "html": "mic/digest.html"}
SAID_CHARS = 140
NOTE_CHARS = 300

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Plain text made safe to paste into Markdown (it shows as written, never as markup)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def render_digest(digest: Digest, report, fmt: str, site_url: str = "") -> str:
    """The digest in ``fmt`` (text, markdown or html). Links are absolute under ``site_url`` when given,
    otherwise relative to the site's root."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    if fmt == "html":
        env = make_env()
    else:
        env = jinja2.Environment(loader=jinja2.PackageLoader("mic_plugin", "templates"), autoescape=False,
                                 trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters.update(human_date=human_date, plural=plural, md=md_escape)
    context = {
        "digest": digest, "report": report, "site": report.site,
        "link": lambda path: base + path,
        "said": lambda item: plain_text(item.said, limit=SAID_CHARS),
        "note": lambda text: plain_text(text, limit=NOTE_CHARS) if text else "",
        "people": lambda n: "1 person" if n == 1 else f"{n:,} people",
    }
    out = env.get_template(TEMPLATES[fmt]).render(context)
    return out.rstrip("\n") + "\n"


__all__ = ["FORMATS", "md_escape", "render_digest"]
