"""Feeds to follow one activity or one theme: ``activities/ID/feed.xml`` and ``changes/themes/THEME.xml``.

Both are parts of the change log: the same entries (ids, titles, summaries, links) as ``changes/feed.xml``,
written by the same Atom writer (:meth:`~mic_plugin.derive.changes.ChangeLog.feed_of`), so a reader who
follows both sees one entry once. An activity's feed holds every change its file records; a theme's feed
holds the changes to the feedback items with that theme (response updates, answers reported back). THEME is
the theme's address on the site (the slug of ``you-said-we-did/?theme=THEME``: lower case, accents dropped,
each run of other characters one ``-``).

Like the change log's own feed they need absolute links, so they are written only when ``site_url`` is set
(the change log warns once otherwise). Activity pages link their feed, also in ``<head>``
(:func:`page_head`); the "you said, we did" filter lists the theme feeds. Templates get the
:class:`Feeds` of the build as ``feeds``.
"""

from __future__ import annotations

import functools

from markupsafe import escape

from ..derive.changes import Change, attach
from ..derive.feedback import views
from ..derive.report import Report, View
from ..render.atom import MEDIA_TYPE, Feed, atom_xml
from .specs import FileSpec


class Feeds(View):
    """The activity and theme feeds of one report (``feeds`` in templates)."""

    @property
    def enabled(self) -> bool:
        """Whether feeds are published (they need ``site_url``)."""
        return attach(self.report).has_feed

    # --- addresses ---------------------------------------------------------------------------------------------
    def activity_path(self, activity_id: str) -> str:
        """Site-relative URL of an activity's feed."""
        return self.report.urls.file(f"activities/{activity_id}/feed.xml")

    def theme_path(self, theme_slug: str) -> str:
        """Site-relative URL of a theme's feed."""
        return self.report.urls.file(f"changes/themes/{theme_slug}.xml")

    # --- entries -----------------------------------------------------------------------------------------------
    @functools.cached_property
    def _by_theme(self) -> dict[str, list[Change]]:
        """Theme slug -> changes to feedback items with that theme, newest first (every theme of the site)."""
        v = views(self.report)
        out: dict[str, list[Change]] = {slug: [] for slug in v.theme_slugs.values()}
        for change in attach(self.report).entries:
            if change.feedback is not None:
                for slug, _ in v.item_themes(change.feedback):
                    out[slug].append(change)
        return out

    @functools.cached_property
    def _by_activity(self) -> dict[str, list[Change]]:
        out: dict[str, list[Change]] = {a.id: [] for a in self.report.activities}
        for change in attach(self.report).entries:
            out[change.activity.id].append(change)
        return out

    @functools.cached_property
    def _theme_items(self) -> dict[str, tuple[int, object]]:
        """Theme slug -> (feedback items with it, the newest date one of them was said)."""
        v = views(self.report)
        out: dict[str, tuple[int, object]] = {}
        for item in self.report.feedback:
            for slug, _ in v.item_themes(item):
                n, newest = out.get(slug, (0, item.date))
                out[slug] = (n + 1, max(newest, item.date))
        return out

    @functools.cached_property
    def themes(self) -> list[tuple[str, str, int]]:
        """(slug, theme as first written, feedback items with it) of each theme that feedback items carry,
        in the order the filter lists them."""
        v = views(self.report)
        labels = {slug: v.themes[key] for key, slug in v.theme_slugs.items()}
        return sorted(((slug, labels[slug], n) for slug, (n, _) in self._theme_items.items()),
                      key=lambda t: (t[1].casefold(), t[0]))

    # --- feeds -------------------------------------------------------------------------------------------------
    def activity_feed(self, activity) -> Feed:
        report = self.report
        name = report.site.organisation.name
        path = self.activity_path(activity.id)
        return attach(report).feed_of(
            self._by_activity[activity.id], feed_id=path, self_path=path, alternate=report.urls.activity(activity.id),
            title=report.words.gettext("%(title)s: changes (%(name)s)", title=activity.title, name=name),
            subtitle=report.words.gettext("What changed in %(name)s's activity “%(title)s”: you said, we did.",
                                          name=name, title=activity.title),
            updated=activity.started)

    def theme_feed(self, theme_slug: str, label: str) -> Feed:
        report = self.report
        name = report.site.organisation.name
        path = self.theme_path(theme_slug)
        said = self._theme_items.get(theme_slug)
        return attach(report).feed_of(
            self._by_theme.get(theme_slug, []), feed_id=path, self_path=path,
            alternate=f"{report.urls.page('you-said-we-did')}?theme={theme_slug}",
            title=report.words.gettext("%(theme)s: you said, we did (%(name)s)", theme=label, name=name),
            subtitle=report.words.gettext("What changed for what people told %(name)s about %(theme)s.", name=name,
                                          theme=label),
            updated=said[1] if said else None)


def feeds(report: Report) -> Feeds:
    """The report's :class:`Feeds`, made once per build."""
    return report.derived(Feeds)


# --- the plan ------------------------------------------------------------------------------------------------

def files(report: Report) -> list[FileSpec]:
    """One feed per activity and one per theme, when ``site_url`` is set."""
    f = feeds(report)
    if not f.enabled:
        return []
    out = [FileSpec(f.activity_path(a.id), atom_xml(f.activity_feed(a)).encode("utf-8"), MEDIA_TYPE)
           for a in report.activities]
    v = views(report)
    for key, slug in sorted(v.theme_slugs.items(), key=lambda kv: kv[1]):
        out.append(FileSpec(f.theme_path(slug), atom_xml(f.theme_feed(slug, v.themes[key])).encode("utf-8"),
                            MEDIA_TYPE))
    return out


def page_head(report: Report) -> dict[str, list[str]]:
    """An activity page's ``<link rel="alternate">`` to its own feed, for that page only."""
    f = feeds(report)
    if not f.enabled:
        return {}
    out = {}
    for a in report.activities:
        title = str(escape(report.words.gettext("%(title)s: changes", title=a.title))).replace("{", "&#123;")
        out[f"activities/{a.id}"] = [
            f'<link rel="alternate" type="{MEDIA_TYPE}" title="{title}" href="{{base}}{escape(f.activity_path(a.id))}">']
    return out


__all__ = ["Feeds", "feeds", "files", "page_head"]
