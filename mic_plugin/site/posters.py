"""Pages: ``activities/ID/poster/``, an activity's "you said, we did" as a one-page A4 noticeboard poster.

"You said, we did" boards hang on wards and in community centres. The poster shows the activity's title, the
organisation's name, up to six answered items (:func:`mic_plugin.derive.posters.poster_items`) in large
print, and a QR code opening the activity's page. The code needs the page's absolute address, so the site
needs ``site_url``; without it posters have no code and the build warns once.

A poster is a page of its own layout (``mic/poster-page.html``: no navigation, header or footer of the
theme), its body ``mic/poster.html``; both can be overridden like every template. Texts are cut to a length
that keeps six items on one page (the whole text is one scan away, on the activity page).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

from ..derive.posters import POSTER_ITEMS, poster_items
from ..derive.report import Report, View
from ..model.records import Activity, Feedback
from ..render.qr import qr_svg
from .specs import PageSpec

SAID_CHARS = 100
"""Characters of "you said" a poster prints at most (whole words, then an ellipsis)."""
DID_CHARS = 120
"""Characters of "we did" (or why not) a poster prints at most."""

MISSING_SITE_URL = (
    "Posters (activities/ID/poster/) have no QR code: the code must hold the activity page's "
    "full address, and site_url is not set. Set site_url in mkdocs.yml to the address the site is published at "
    "(e.g. site_url: https://example.org/involvement/) to print codes on posters.")


@dataclass(frozen=True)
class Poster:
    activity: Activity
    items: list[Feedback]
    page: str  # logical page: activities/ID/poster
    address: str  # the activity page's absolute address ('' without site_url)

    @property
    def code(self) -> Markup:
        """The QR code opening :attr:`address`, as inline SVG ('' without an address)."""
        return qr_svg(self.address) if self.address else Markup("")


class Posters(View):
    """The posters of one report (``posters`` in templates)."""

    @functools.cached_property
    def _posters(self) -> dict[str, Poster]:
        report = self.report
        site_url = report.options.site_url
        out = {}
        for activity in report.activities:
            items = poster_items(activity, POSTER_ITEMS)
            if items:
                address = site_url.rstrip("/") + "/" + report.urls.activity(activity.id) if site_url else ""
                out[activity.id] = Poster(activity, items, page_name(activity.id), address)
        return out

    def of(self, activity: Activity) -> Poster | None:
        """The activity's poster, or None when it has no answered item."""
        return self._posters.get(activity.id)

    def said(self, item: Feedback) -> str:
        return self.report.excerpt(item.said, SAID_CHARS)

    def did(self, item: Feedback) -> str:
        """What was done (or is being done, or why not), cut to fit; '' when the answer has no text yet."""
        r = item.response
        return self.report.excerpt(r.did or r.reason, DID_CHARS) if r is not None else ""

    def __iter__(self):
        return iter(self._posters.values())


def page_name(activity_id: str) -> str:
    """The logical page of an activity's poster."""
    return f"activities/{activity_id}/poster"


def posters(report: Report) -> Posters:
    return report.derived(Posters)


# --- the plan ------------------------------------------------------------------------------------------------

def pages(report: Report) -> list[PageSpec]:
    """One poster page per activity with answers (none in the navigation)."""
    all_posters = list(posters(report))
    if all_posters and not report.options.site_url:
        report.warn(MISSING_SITE_URL)
    name = report.site.organisation.name
    _ = report.words.gettext
    return [PageSpec(p.page, _("%(title)s: you said, we did", title=p.activity.title), "mic/poster.html",
                     layout="mic/poster-page.html",
                     context=(lambda p=p: {"poster": p, "posters": posters(report), "activity": p.activity,
                                           "organisation": report.site.organisation}),
                     description=_("A poster of what people told %(name)s and what was done: %(title)s.", name=name,
                                   title=p.activity.title))
            for p in all_posters]


__all__ = ["MISSING_SITE_URL", "Poster", "Posters", "page_name", "pages", "posters"]
