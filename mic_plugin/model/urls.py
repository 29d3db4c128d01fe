"""Published URLs (``CONTENT_FORMAT.md``, "Published URLs"), in one place.

Every generated page has a source name (``activities/x.md``, as MkDocs names files) and a site-relative URL
(``activities/x/`` with directory URLs, ``activities/x.html`` without). Templates link with
:meth:`Urls.relative`, so links work on any host and under any base path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    prefix: str = ""
    directory_urls: bool = True

    def _p(self, path: str) -> str:
        prefix = self.prefix.strip("/")
        return f"{prefix}/{path}" if prefix else path

    # source names (what MkDocs calls src_uri) ---------------------------------------------------------------
    def src(self, page: str) -> str:
        """``activities`` -> ``activities/index.md``; ``activities/x`` -> ``activities/x.md``."""
        page = page.strip("/")
        if page in ("", "index") or page.endswith("/index"):
            return self._p(f"{page}.md" if page else "index.md")
        return self._p(f"{page}/index.md") if page.count("/") == 0 else self._p(f"{page}.md")

    def url_of_src(self, src: str) -> str:
        """The URL MkDocs gives a source file (mirrors ``File._get_url``)."""
        stem, _ = posixpath.splitext(src)
        if self.directory_urls:
            if posixpath.basename(stem) == "index":
                d = posixpath.dirname(stem)
                return f"{d}/" if d else "./"
            return f"{stem}/"
        return f"{stem}.html"

    # pages --------------------------------------------------------------------------------------------------
    def page(self, page: str) -> str:
        return self.url_of_src(self.src(page))

    def activities(self) -> str:
        return self.page("activities")

    def activity(self, activity_id: str) -> str:
        return self.page(f"activities/{activity_id}")

    def feedback(self, activity_id: str, feedback_id: str) -> str:
        return f"{self.activity(activity_id)}#{feedback_id}"

    def file(self, path: str) -> str:
        """A generated non-page file (badge, feed, data), e.g. ``badges/x.svg``."""
        return self._p(path)

    @staticmethod
    def relative(target: str, from_url: str) -> str:
        """``target`` (site-relative URL, maybe with #fragment) as a link from the page at ``from_url``."""
        if target.startswith(("http://", "https://", "mailto:", "#")):
            return target
        path, hash_, fragment = target.partition("#")
        base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
        base = "" if base in ("./", "/") else base.lstrip("./")
        if path in ("", "./"):
            path = ""
        rel = posixpath.relpath("/" + path, "/" + base) if path or base else "."
        if (path.endswith("/") or not path) and rel != ".":
            rel += "/"
        if rel == ".":
            rel = "./"
        return rel + (hash_ + fragment if hash_ else "")
