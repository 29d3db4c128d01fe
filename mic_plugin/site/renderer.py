"""Page bodies from their specs: a :class:`~mic_plugin.site.specs.PageSpec` rendered with its template (through
the autoescaping environment :func:`mic_plugin.render.templates.make_env` gives) and a context of the report,
its addresses and the page's own (``spec.build_context()``). An engine adapter makes one per language."""

from __future__ import annotations

import jinja2

from ..derive.report import Report
from ..model.urls import Urls
from .specs import PageSpec


class Renderer:
    """Renders :class:`PageSpec` bodies for one build.

    Links: ``url(target)`` gives the shortest link from the page to a site-relative URL; ``root`` (the way
    back to the site root, e.g. ``../../``) is for the many links of long lists, written ``root ~ target``
    without working out a relative path each time."""

    def __init__(self, report: Report, env: jinja2.Environment):
        self.report = report
        self.env = env

    def render(self, spec: PageSpec, page_url: str) -> str:
        template = self.env.get_template(spec.template)
        urls = self.report.urls

        root = Urls.relative("", page_url)  # the way back to the site root: "../../", or "./" at the root

        def url(target: str) -> str:
            """A site-relative URL as the shortest link from this page."""
            return Urls.relative(target, page_url)

        context = {
            "report": self.report, "site": self.report.site, "urls": urls, "url": url, "root": root,
            "page_url": page_url,
            "md": self.report.markdown, "spec": spec, "as_of": self.report.as_of,
            "edit_url": self.report.edit_url(spec.source) if spec.source else "",
        }
        context.update(spec.build_context())
        return template.render(context)


__all__ = ["Renderer"]
