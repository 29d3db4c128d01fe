"""The MkDocs adapter: a thin event router around the engine-independent core.

Phases (in MkDocs' order):

* ``on_config``: resolve options, watch the content folder, put the package templates on the theme's
  search path (after the site's ``custom_dir``, so a site can override any ``mic/*.html``), add our CSS/JS.
* ``on_files``: load and validate the content (invalid content stops the build here, before any page is
  rendered, with every ``file:line: field: message``), plan the site, and add every page and file with
  ``File.generated`` (nothing is written into ``docs_dir``).
* ``on_nav``: keep generated detail pages (one per activity, later index pages) out of an automatic nav.
* ``on_page_markdown`` / ``on_page_content``: generated pages skip Markdown; their body is rendered by the
  core from templates, and their table of contents set from the headings the core declares.
* ``on_page_context``: "Suggest a change" links to the source YAML.
* ``on_post_page``: fixes for the theme's own accessibility and validity problems.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..derive.report import Options, Report
from ..derive.years import parse_year_starts
from ..load.framework import load_framework
from ..load.loader import load_site
from ..load.problems import Problems
from ..model.urls import Urls
from ..render.templates import Renderer, make_env
from ..render.text import MarkdownRenderer
from ..site.activities import INCLUDES, expand_includes
from ..site.plan import build_plan
from ..site.specs import PageSpec
from .htmlfix import fix_page
from .search import search_entries, search_sections, without_items

PLUGIN_NAME = "make-it-count"
log = get_plugin_logger(PLUGIN_NAME)

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE / "templates"
ASSETS_DIR = PACKAGE / "assets" / "mic"
THEME_FIXES_DIR = Path(__file__).resolve().parent / "assets"
"""The CSS and JavaScript that fix Material's own accessibility problems (beside :mod:`.htmlfix`)."""
ASSET_PREFIX = "assets/make-it-count"
DEFAULT_PAGE_SIZE = 100
"""Feedback items shown in full on each page of an activity (about 1 KB of HTML each)."""
DEFAULT_LIST_PAGE_SIZE = 400
"""Rows of a compact list page (a few hundred bytes each; no page grows past a few hundred KB)."""
CSS = ("mic.css", "quality.css", "a11y.css")
JS = ("mic.js", "a11y.js")


class MakeItCountConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    framework = c.Optional(c.Type(str))
    """A quality framework file (relative to mkdocs.yml) to use instead of the built-in one."""
    prefix = c.Type(str, default="")
    """A folder to publish the generated pages under, e.g. ``report`` (default: the site root)."""
    as_of = c.Optional(c.Type((str, _dt.date)))
    """The reading date for "awaiting for N days" and "overdue" (default: the day of the build)."""
    page_size = c.Optional(c.Type(int))
    """Feedback items shown in full on each page of an activity (default 100); also the rows of each list
    page when ``list_page_size`` is not set."""
    list_page_size = c.Optional(c.Type(int))
    """Rows on each page of the compact lists, "you said, we did" and the change log (default 400, or
    ``page_size`` when that is set)."""
    feed_entries = c.Type(int, default=50)
    """Entries in the Atom feed."""
    git = c.Type(bool, default=True)
    """Show when each record's file last changed, from git, where the site is a git repository."""
    year_starts = c.Type(object, default="04-01")
    """The day each reporting year starts, ``MM-DD`` (default ``04-01``: 1 April, the UK financial year)."""
    edit_uri = c.Optional(c.Type(str))
    """Edit link base for content files, relative to ``repo_url`` and pointing at the repository root
    (e.g. ``edit/main/``). Default: ``edit_uri`` with the docs folder taken off its end."""


class MakeItCountPlugin(BasePlugin[MakeItCountConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.report: Report | None = None
        self.specs: dict[str, PageSpec] = {}
        self.renderer: Renderer | None = None
        self.content_dir: Path | None = None
        self.head: list[str] = []
        self.page_head: dict[str, list[str]] = {}  # logical page -> its own <head> links
        self._full_content: dict[str, str] = {}
        self._search_adder = False  # not looked up yet

    # --- config ------------------------------------------------------------------------------------------
    def on_config(self, config):
        """Priority: default. Resolve paths, watch content, register templates and assets."""
        root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        self.root = root
        self.content_dir = (root / self.config.content_dir).resolve()
        if str(self.content_dir) not in [str(Path(w).resolve()) for w in config.watch]:
            config.watch.append(str(self.content_dir))
        if str(TEMPLATES_DIR) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES_DIR))
        for name in CSS:
            if f"{ASSET_PREFIX}/{name}" not in config.extra_css:
                config.extra_css.append(f"{ASSET_PREFIX}/{name}")
        for name in JS:
            if f"{ASSET_PREFIX}/{name}" not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(f"{ASSET_PREFIX}/{name}")
        return config

    # --- files -------------------------------------------------------------------------------------------
    def on_files(self, files: Files, config) -> Files:
        """Priority: default. Load and validate content; add every generated page and file."""
        self._search_adder = False  # the search plugin makes a new index for each build
        self._full_content = {}
        framework_path = (self.root / self.config.framework) if self.config.framework else None
        problems = Problems()
        framework = load_framework(framework_path, self._show(framework_path) if framework_path else None, problems)
        if framework is None:
            self._fail(problems.sorted())
        result = load_site(self.content_dir, framework=framework, display_dir=self._show(self.content_dir))
        if not result.ok:
            self._fail(result.problems)
        for problem in result.warnings:
            log.warning(str(problem))

        options = self._options(config)
        markdown = MarkdownRenderer(list(config.markdown_extensions), dict(config.mdx_configs))
        for name in markdown.skipped_extensions:
            log.info(f"{name} is not used for content fields: it reads files from the build machine")
        self.report = Report(result.site, options, markdown.render)
        plan = build_plan(self.report)
        for message in self.report.warnings:
            log.warning(message)
        self.head = plan.head
        self.page_head = plan.page_head
        self.renderer = Renderer(self.report, make_env(config.theme.get_env()))
        self.specs = {}
        for spec in plan.pages:
            src = options.urls.src(spec.page)
            if files.get_file_from_path(src) is not None:
                log.warning(f"{src} exists in docs_dir and is replaced by the generated page of the same name")
                files.remove(files.get_file_from_path(src))
            files.append(File.generated(config, src, content=""))
            self.specs[src] = spec
        for spec in plan.files:
            existing = files.get_file_from_path(spec.path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, spec.path, content=spec.content))
        for name in CSS + JS:
            folder = THEME_FIXES_DIR if name.startswith("a11y.") else ASSETS_DIR
            files.append(File.generated(config, f"{ASSET_PREFIX}/{name}", content=(folder / name).read_bytes()))
        return files

    def _fail(self, problems):
        for problem in problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        count = sum(1 for p in problems if p.is_error)
        raise PluginError(f"{count} problem{'s' if count != 1 else ''} in the content (listed above); "
                          "fix them and build again (mic validate shows the same list)")

    def _show(self, path: Path) -> str:
        try:
            return os.path.relpath(path, Path.cwd()).replace(os.sep, "/")
        except ValueError:
            return str(path)

    def _options(self, config) -> Options:
        as_of = self.config.as_of
        if isinstance(as_of, str):
            try:
                as_of = _dt.date.fromisoformat(as_of.strip())
            except ValueError:
                where = self._show(Path(config.config_file_path)) if config.config_file_path else "mkdocs.yml"
                raise PluginError(f"{where}: plugins.{PLUGIN_NAME}.as_of: '{as_of}' is not a date written as "
                                  "YYYY-MM-DD")
        try:
            year_starts = parse_year_starts(self.config.year_starts)
        except ValueError as error:
            where = self._show(Path(config.config_file_path)) if config.config_file_path else "mkdocs.yml"
            raise PluginError(f"{where}: plugins.{PLUGIN_NAME}.year_starts: {error}")
        edit_uri = self.config.edit_uri
        if edit_uri is None and config.edit_uri:
            docs_rel = os.path.relpath(config.docs_dir, self.root).replace(os.sep, "/").strip("/")
            edit_uri = config.edit_uri.rstrip("/")
            if docs_rel and edit_uri.endswith("/" + docs_rel):
                edit_uri = edit_uri[: -len(docs_rel)]
            edit_uri = edit_uri.rstrip("/") + "/"
        return Options(
            as_of=as_of or _dt.date.today(),
            urls=Urls(self.config.prefix, config.use_directory_urls),
            site_name=config.site_name or "",
            site_url=(config.site_url or "").rstrip("/") + "/" if config.site_url else "",
            repo_url=config.repo_url or "",
            edit_uri=edit_uri or "",
            content_path=os.path.relpath(self.content_dir, self.root).replace(os.sep, "/"),
            page_size=max(1, self.config.page_size or DEFAULT_PAGE_SIZE),
            list_size=max(1, self.config.list_page_size or self.config.page_size or DEFAULT_LIST_PAGE_SIZE),
            feed_entries=max(1, self.config.feed_entries),
            git=self.config.git,
            year_starts=year_starts,
        )

    # --- nav ---------------------------------------------------------------------------------------------
    def on_nav(self, nav: Navigation, config, files) -> Navigation:
        """Keep generated detail pages out of the nav: Material renders the whole nav into every page."""
        hidden = {src for src, spec in self.specs.items() if not spec.nav}

        def keep(items):
            out = []
            for item in items:
                if isinstance(item, Section):
                    item.children = keep(item.children)
                    only = item.children[0] if len(item.children) == 1 else None
                    if isinstance(only, Page) and only.file.src_uri in self.specs:
                        only.parent = item.parent  # "Activities > Activities" becomes "Activities"
                        out.append(only)
                    elif item.children:
                        out.append(item)
                elif isinstance(item, Page) and item.file.src_uri in hidden:
                    continue
                else:
                    out.append(item)
            return out

        nav.items = keep(nav.items)
        return nav

    # --- pages -------------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown, page: Page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta["template"] = spec.layout or "mic/page.html"
        if "title" not in vars(page):  # a title written in the site's nav: is kept (the page's <h1> is ours)
            page.title = escape(spec.title)
        if spec.description:
            # Material prints {{ page.meta.description }} into an attribute unescaped: escape it here (issue 8).
            page.meta["description"] = escape(spec.description)
        if not spec.nav and not spec.source:  # lists of records indexed on their own pages: keep search light
            page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, html, page: Page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:  # a site's own page: expand <!-- make-it-count:NAME --> include markers
            if self.report is None:
                return html
            html, unknown = expand_includes(html, self.report, lambda s: self.renderer.render(s, page.url))
            for name in unknown:
                log.warning(f"{page.file.src_uri}: unknown include <!-- make-it-count:{name} -->; "
                            f"known: {', '.join(sorted(INCLUDES))}")
            return html
        page.toc = get_toc([{"level": h.level, "id": h.id, "name": str(escape(h.title)), "children": []}
                            for h in spec.headings])
        return self.renderer.render(spec, page.url)

    # --- search: generated pages go into the index as entries, not as HTML for the search plugin to parse ---
    @event_priority(100)  # before the search plugin reads page.content
    def _hide_from_search(self, context, page: Page, config, nav):
        """Generated pages: the search plugin reads an empty page, and the index gets this page's entries from
        the core after it (:meth:`_page_context`): a section per heading with an id, as the search plugin
        makes them, and one entry per feedback item at its permalink. The same words are found, each item
        at the item itself, without a parser walking hundreds of items' HTML."""
        spec = self.specs.get(page.file.src_uri)
        if spec is None or page.content is None or self._search_index(config) is None:
            return context
        self._full_content[page.file.src_uri] = page.content
        page.content = ""
        return context

    @event_priority(-100)  # after the search plugin
    def _page_context(self, context, page: Page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return context
        full = self._full_content.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
            if not (page.meta.get("search") or {}).get("exclude"):
                self._index_page(page, spec, self._search_index(config))
        page.edit_url = self.report.edit_url(spec.source) if spec.source else None
        site_name = config.site_name or ""
        context["mic_head_title"] = escape(spec.title) + (escape(" - ") + escape(site_name) if site_name else "")
        return context

    on_page_context = CombinedEvent(_hide_from_search, _page_context)

    def _index_page(self, page: Page, spec: PageSpec, add) -> None:
        """This page's search entries: its sections (feedback items left out), then one entry per item."""
        html = page.content
        light = without_items(html)
        for section_id, title, text in search_sections(light if light is not None else html):
            add({"location": page.url + (f"#{section_id}" if section_id else ""),
                 "title": title or str(page.title or escape(spec.title)), "text": f"<p>{text}</p>" if text else ""})
        if light is not None:
            for entry in search_entries(self.report, spec.page, page.url):
                add(entry)

    def _search_index(self, config):
        """A function adding one entry (location, title, text) to the site's search index, for the search
        plugins whose index this adapter knows (Material's and MkDocs' own); None otherwise (the search plugin
        then reads the items' HTML as it reads any page)."""
        if self._search_adder is not False:
            return self._search_adder
        adder = None
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is None or getattr(plugin, "config", {}).get("enabled", True) is False:
                continue
            if isinstance(getattr(index, "entries", None), list):  # Material for MkDocs
                adder = index.entries.append
            elif callable(getattr(index, "_add_entry", None)):  # MkDocs' own search
                adder = lambda e, add=index._add_entry: add(title=e["title"], text=e["text"], loc=e["location"])
            break
        self._search_adder = adder
        return adder

    def on_post_template(self, output_content, template_name, config):
        """Static templates (404.html) get the same markup fixes as pages."""
        return fix_page(output_content) if template_name.endswith(".html") else output_content

    def on_post_page(self, output, page, config):
        """Priority: default. Add the plan's head links (relative to this page), fix the theme's markup."""
        spec = self.specs.get(page.file.src_uri)
        head = self.head + (self.page_head.get(spec.page, []) if spec is not None else [])
        if head and "</head>" in output:
            base = Urls.relative("", page.url).removeprefix("./")  # "" at the root, else "../../" and so on
            links = "".join(h.replace("{base}", base) for h in head)
            output = output.replace("</head>", links + "</head>", 1)
        return fix_page(output)
