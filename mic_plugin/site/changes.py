"""The change log's pages (``changes/``, ``changes/page/N/``), its Atom feed (``changes/feed.xml``) and the feed's
``<link>`` in every page's head.

The log is derived in :mod:`mic_plugin.derive.changes`; its pages are drawn by ``mic/changes.html``.
"""

from __future__ import annotations

from markupsafe import escape

from ..derive.changes import FEED_PATH, attach
from ..derive.report import Report
from ..render.atom import MEDIA_TYPE, atom_xml
from .specs import FileSpec, Heading, PageSpec


MISSING_SITE_URL = (
    f"The news feeds ({FEED_PATH}, activities/ID/feed.xml, changes/themes/THEME.xml) are not "
    "written: an Atom feed needs absolute links, and site_url is not set. "
    "Set site_url in mkdocs.yml to the address the site is published at (e.g. site_url: "
    "https://example.org/involvement/) to publish the feed.")


def pages(report: Report) -> list[PageSpec]:
    """``changes/`` and, for long logs, ``changes/page/N/``."""
    change_log = attach(report)
    name = report.site.organisation.name
    _ = report.words.gettext
    out = []
    for log_page in change_log.pages:
        title = _("Change log") if log_page.number == 1 else _("Change log, page %(number)s",
                                                              number=report.words.number(log_page.number))
        out.append(PageSpec(
            log_page.page, title, "mic/changes.html", nav=log_page.number == 1,
            context=(lambda p=log_page: {"change_log": change_log, "log_page": p}),
            headings=[Heading(2, m.anchor, m.label + (" " + _("(continued)") if m.continued else ""))
                      for m in log_page.months],
            description=_("What changed in %(name)s's involvement work, newest first.", name=name)))
    return out


def files(report: Report) -> list[FileSpec]:
    """``changes/feed.xml``, when ``site_url`` is set (a feed needs absolute links); otherwise a warning."""
    change_log = attach(report)
    if not change_log.has_feed:
        report.warn(MISSING_SITE_URL)
        return []
    return [FileSpec(change_log.feed_url(), atom_xml(change_log.feed()).encode("utf-8"), MEDIA_TYPE)]


def head(report: Report) -> list[str]:
    """The feed's ``<link rel="alternate">`` for every page, so feed readers find it."""
    change_log = attach(report)
    if not change_log.has_feed:
        return []
    title = str(escape(report.words.gettext("%(name)s: change log", name=report.site.organisation.name)))
    title = title.replace("{", "&#123;")  # keep {base} ours
    href = escape(change_log.feed_url())
    return [f'<link rel="alternate" type="{MEDIA_TYPE}" title="{title}" href="{{base}}{href}">']
