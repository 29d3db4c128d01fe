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
import re
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
from ..load.framework import FrameworkError, require_framework
from ..load.loader import load_site
from ..model.urls import Urls
from ..render.templates import make_env
from ..render.text import MarkdownRenderer
from ..site.activities import INCLUDES, expand_includes
from ..site.renderer import Renderer
from ..site.specs import PageSpec
from ..load.shown import quoted
from .htmlfix import fix_page
from .search import (folder_sitemap, index_json, language_search_config, merged_entries, search_entries,
                     search_sections, split_by_folder, with_search_base, without_items)
from .theme import MATERIAL_CLASS_PREFIXES, MATERIAL_CLASSES
from ..render.i18n import TranslationError, TranslationOptionError, languages_without_words, site_translations
from ..site.languages import Edition, alternates, editions, folder_of
from .languages import PageLanguage, language_nav, static_i18n, static_i18n_language, theme_language

PLUGIN_NAME = "make-it-count"
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
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
CSS = ("mic.css", "quality.css", "a11y.css", "report.css")
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
    translations = c.Optional(c.Type(str))
    """The site's own words for the plugin (relative to mkdocs.yml): a gettext ``LANG.po`` file or a folder
    of them, to add a language or change a word (start from ``mic_plugin/locales/messages.pot``)."""


class MakeItCountPlugin(BasePlugin[MakeItCountConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.report: Report | None = None  # the report of the pages at this build's root (main language)
        self.specs: dict[str, PageSpec] = {}
        self.editions: list[Edition] = []  # the languages this build publishes (all, unless static-i18n)
        self.all_editions: list[Edition] = []  # every language of the site (for the links between them)
        self.edition_of: dict[str, Edition] = {}  # generated page (src) -> its language's edition
        self.renderers: dict[str, Renderer] = {}  # by language
        self.heads: dict[str, list[str]] = {}  # by language
        self.page_heads: dict[str, dict[str, list[str]]] = {}  # by language: logical page -> its own head links
        self.navs: dict[str, Navigation] = {}  # by further language
        self.theme_names: dict[str, str | None] = {}  # by language: the theme's words for it
        self.page_language = PageLanguage()
        self.content_dir: Path | None = None
        self._full_content: dict[str, str] = {}
        self._search_adder = False  # not looked up yet
        self.search_folders: list[str] = []  # further languages' folders, each with a search index of its own
        self._search_before: dict[str, list[dict]] = {}  # their entries at the last build (mkdocs serve --dirty)

    # --- config ------------------------------------------------------------------------------------------
    def on_config(self, config):
        """Priority: default. Check the options, resolve paths, watch content, register templates and assets."""
        self._check_options(config)
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
    @event_priority(-150)  # after plugins that rebuild the list of the site's own files (mkdocs-static-i18n)
    def on_files(self, files: Files, config) -> Files:
        """Priority: -150, after the plugins that sort the site's own files (mkdocs-static-i18n keeps one
        language's pages and cannot read generated files). Load and validate content; add every generated
        page and file."""
        self._search_adder = False  # the search plugin makes a new index for each build
        self._full_content = {}
        self.search_folders = []
        framework_path = (self.root / self.config.framework) if self.config.framework else None
        try:
            framework = require_framework(framework_path, self._show(framework_path) if framework_path else None)
        except FrameworkError as exc:
            self._fail(exc.problems)
        markdown = MarkdownRenderer(list(config.markdown_extensions), dict(config.mdx_configs),
                                    theme_class_prefixes=MATERIAL_CLASS_PREFIXES)
        for name in markdown.skipped_extensions:
            log.info(f"{name} is not used for content fields: it reads files from the build machine")
        # The privacy rule reads Markdown as this renderer publishes it; its cache then serves the pages.
        result = load_site(self.content_dir, framework=framework, display_dir=self._show(self.content_dir),
                           render=markdown.render)
        if not result.ok:
            self._fail(result.problems)
        for problem in result.warnings:
            log.warning(str(problem))

        options = self._options(config)
        self._plan_editions(result.site, options, markdown.render, config)
        self.specs, self.edition_of = {}, {}
        for edition in self.editions:
            for spec in edition.plan.pages:
                src = edition.report.urls.src(spec.page)
                if files.get_file_from_path(src) is not None:
                    log.warning(f"{src} exists in docs_dir and is replaced by the generated page of the same name")
                    files.remove(files.get_file_from_path(src))
                files.append(File.generated(config, src, content=""))
                self.specs[src] = spec
                self.edition_of[src] = edition
            for spec in edition.plan.files:
                existing = files.get_file_from_path(spec.path)
                if existing is not None:
                    files.remove(existing)
                content = spec.content(self.renderers[edition.lang]) if callable(spec.content) else spec.content
                files.append(File.generated(config, spec.path, content=content))
        for name in CSS + JS:
            folder = THEME_FIXES_DIR if name.startswith("a11y.") else ASSETS_DIR
            files.append(File.generated(config, f"{ASSET_PREFIX}/{name}", content=(folder / name).read_bytes()))
        return files

    def _plan_editions(self, site, options: Options, markdown, config) -> None:
        """An edition per language (just the one being built, under mkdocs-static-i18n), its renderer, head
        links and the theme's words for it."""
        org = site.organisation
        translations = self._translations(config)
        every = editions(site, options, markdown, translations)
        self.all_editions = every
        i18n = static_i18n(config)
        if i18n is not None:
            # mkdocs-static-i18n builds the site once per language, each into the same folder with that
            # language's pages under LANG/: publish the edition of the language being built, at its address.
            lang, default = static_i18n_language(i18n)
            if (lang == org.languages[0]) != default:
                log.warning(f"mkdocs-static-i18n's default language and the first of organisation.yml's "
                            f"languages ({org.languages[0]}) should be the same")
            every = [e for e in every if e.lang == lang] or every[:1]
        self.editions = every
        for lang in languages_without_words([e.lang for e in self.editions], [p for p, _ in translations]):
            log.warning(f"the plugin has no words in {lang}: its pages in {lang} show them in English, marked as "
                        f"English; add {lang}.po with the option 'translations' (start from "
                        "mic_plugin/locales/messages.pot)")
        env = config.theme.get_env()
        main = org.languages[0]
        self.renderers, self.heads, self.page_heads, self.theme_names = {}, {}, {}, {}
        notes: list[str] = []  # information, said once for the whole build (e.g. how to get PDFs)
        for edition in self.editions:
            for message in edition.report.warnings:
                log.warning(message)
            notes += [n for n in edition.report.notes if n not in notes]
            self.renderers[edition.lang] = Renderer(edition.report, make_env(env, words=edition.words,
                                                                            source_language=main,
                                                                            theme_classes=MATERIAL_CLASSES))
            self.heads[edition.lang] = edition.plan.head
            self.page_heads[edition.lang] = edition.plan.page_head
            name = theme_language(env, edition.lang) if i18n is None else None
            if name is None and i18n is None and (len(self.editions) > 1 or edition.lang != "en"):
                log.warning(f"the theme has no words in {edition.lang}: its navigation, search box and skip link "
                            f"stay in {config.theme.get('language', 'en')} on the {edition.lang} pages; add "
                            f"partials/languages/{edition.lang}.html to the theme's custom_dir")
            self.theme_names[edition.lang] = name
        for message in notes:
            log.info(message)
        self.report = self.editions[0].report
        if i18n is None and len(self.editions) > 1 and self._material_search(config) is not None:
            self.search_folders = [folder_of(e.lang, main) for e in self.editions if not e.main]

    def _translations(self, config) -> list[tuple[Path, str]]:
        """The site's own PO files (option ``translations``), checked: a missing path or a broken file stops the
        build with a message naming it."""
        if not self.config.translations:
            return []
        where = self._show(Path(config.config_file_path)) if config.config_file_path else "mkdocs.yml"
        try:
            return site_translations((self.root / self.config.translations).resolve(), self.config.translations,
                                     self._show)
        except TranslationOptionError as exc:
            raise PluginError(f"{where}: plugins.{PLUGIN_NAME}.translations: {exc}") from None
        except TranslationError as exc:
            raise PluginError(str(exc)) from None

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

    def _check_options(self, config) -> None:
        """Options that would silently lose pages are configuration errors naming the option."""
        where = self._show(Path(config.config_file_path)) if config.config_file_path else "mkdocs.yml"
        problems = []
        prefix = self.config.prefix
        parts = prefix.replace("\\", "/").strip("/").split("/") if prefix.strip("/") else []
        if prefix.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", prefix) or any(
                not part or set(part) == {"."} for part in parts):
            problems.append(f"prefix: {quoted(prefix)} leads outside the site (or nowhere); write a folder inside "
                            "it, e.g. report or reports/2024")
        for name in ("page_size", "list_page_size", "feed_entries"):
            value = getattr(self.config, name)
            if value is not None and value < 1:
                problems.append(f"{name}: must be at least 1, not {value}")
        if problems:
            raise PluginError("\n".join(f"{where}: plugins.{PLUGIN_NAME}.{p}" for p in problems))

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
            page_size=self.config.page_size or DEFAULT_PAGE_SIZE,
            list_size=self.config.list_page_size or self.config.page_size or DEFAULT_LIST_PAGE_SIZE,
            feed_entries=self.config.feed_entries,
            git=self.config.git,
            year_starts=year_starts,
        )

    # --- nav ---------------------------------------------------------------------------------------------
    def on_nav(self, nav: Navigation, config, files) -> Navigation:
        """Keep generated detail pages, and the pages of further languages, out of the nav (Material renders
        the whole nav into every page); make each further language its own nav, leading to its own pages."""
        primary = self.editions[0] if self.editions else None
        hidden = {src for src, spec in self.specs.items() if not spec.nav or self.edition_of[src] is not primary}

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
        self.navs = {}
        if primary is not None and len(self.editions) > 1:
            main_src = {spec.page: primary.report.urls.src(spec.page) for spec in primary.plan.pages}
            for edition in self.editions[1:]:
                twin_of = {}
                for spec in edition.plan.pages:
                    page = files.get_file_from_path(edition.report.urls.src(spec.page))
                    if spec.page in main_src and page is not None and page.page is not None:
                        twin_of[main_src[spec.page]] = page.page
                self.navs[edition.lang] = language_nav(nav, twin_of, primary.lang)
        return nav

    # --- pages -------------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown, page: Page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        page.meta["template"] = spec.layout or "mic/page.html"
        if "title" not in vars(page):  # a title written in the site's nav: is kept (the page's <h1> is ours)
            page.title = escape(str(spec.title))  # plain text: the theme also puts titles in attributes
        if spec.description:
            # Material prints {{ page.meta.description }} into an attribute unescaped: escape it here (issue 8).
            page.meta["description"] = escape(str(spec.description))
        if not spec.nav and not spec.source:  # lists of records indexed on their own pages: keep search light
            page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, html, page: Page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:  # a site's own page: expand <!-- make-it-count:NAME --> include markers
            if self.report is None:
                return html
            renderer = self.renderers[self.editions[0].lang]
            html, unknown = expand_includes(html, self.report, lambda s: renderer.render(s, page.url))
            for name in unknown:
                log.warning(f"{page.file.src_uri}: unknown include <!-- make-it-count:{name} -->; "
                            f"known: {', '.join(sorted(INCLUDES))}")
            return html
        page.toc = get_toc([{"level": h.level, "id": h.id, "name": str(escape(str(h.title))), "children": []}
                            for h in spec.headings])
        return self.renderers[self.edition_of[page.file.src_uri].lang].render(spec, page.url)

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
        self.page_language.leave(config)
        if spec is None:
            return context
        full = self._full_content.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
            if not (page.meta.get("search") or {}).get("exclude"):
                self._index_page(page, spec, self._search_index(config))
        edition = self.edition_of[page.file.src_uri]
        page.edit_url = edition.report.edit_url(spec.source) if spec.source else None
        site_name = config.site_name or ""
        if site_name and edition is not self.editions[0]:
            # The site's name is in the main language; a <title> holds no element to say so: the organisation's
            # name in the page's language stands in for it.
            site_name = str(edition.report.site.organisation.name)
        context["mic_head_title"] = escape(str(spec.title)) + (escape(" - ") + escape(site_name) if site_name else "")
        self._in_language(context, page, spec, edition, config)
        return context

    def _in_language(self, context, page: Page, spec: PageSpec, edition: Edition, config) -> None:
        """The page in its language: the theme's words, its language's nav, and the same page in the others
        (Material's ``extra.alternate``: head links and language menu; and a visible link above the page)."""
        if edition.lang in self.navs:
            context["nav"] = self.navs[edition.lang]
        name = self.theme_names.get(edition.lang)
        if name == config.theme.get("language"):
            name = None
        others = alternates(self.all_editions, spec.page) if len(self.all_editions) > 1 else []
        alternate = [{"name": e.name, "link": url, "lang": e.lang} for e, url in others] or None
        self.page_language.enter(config, name, alternate)
        context["mic_languages"] = [
            {"name": e.name, "lang": e.lang, "href": Urls.relative(url, page.url)}
            for e, url in others if e is not edition]
        context["mic_languages_label"] = edition.words.gettext("This page in other languages")

    on_page_context = CombinedEvent(_hide_from_search, _page_context)

    def _index_page(self, page: Page, spec: PageSpec, add) -> None:
        """This page's search entries: its sections (feedback items left out), then one entry per item."""
        html = page.content
        light = without_items(html)
        for section_id, title, text in search_sections(light if light is not None else html):
            add({"location": page.url + (f"#{section_id}" if section_id else ""),
                 "title": title or str(page.title or escape(spec.title)), "text": f"<p>{text}</p>" if text else ""})
        if light is not None:
            for entry in search_entries(self.edition_of[page.file.src_uri].report, spec.page, page.url):
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
        """Priority: default. Put the theme back in the site's language; add the plan's head links (relative to
        this page, of the page's language), fix the theme's markup."""
        self.page_language.leave(config)
        edition = self.edition_of.get(page.file.src_uri) or (self.editions[0] if self.editions else None)
        if edition is not None and page.file.src_uri in self.edition_of and self.theme_names.get(edition.lang) is None:
            # The theme has no words in this language (warned): the page is in it all the same.
            output = _HTML_LANG.sub(f'<html lang="{edition.lang}"', output, count=1)
        if edition is not None and page.file.src_uri in self.edition_of and edition is not self.editions[0] \
                and config.site_name:
            # The site's name is written in the main language: where the theme shows it as text, it says so.
            name = "|".join(re.escape(n) for n in {config.site_name, str(escape(config.site_name))})
            output = re.sub(rf">(\s*)({name})(\s*)<", rf'>\1<span lang="{self.editions[0].lang}">\2</span>\3<', output)
        spec = self.specs.get(page.file.src_uri)
        head = self.heads.get(edition.lang, []) if edition is not None else []
        if spec is not None and edition is not None:
            head = head + self.page_heads.get(edition.lang, {}).get(spec.page, [])
        if head and "</head>" in output:
            base = Urls.relative("", page.url).removeprefix("./")  # "" at the root, else "../../" and so on
            links = "".join(h.replace("{base}", base) for h in head)
            output = output.replace("</head>", links + "</head>", 1)
        folder = next((f for f in self.search_folders if page.url.startswith(f + "/")), None)
        if folder is not None:  # a page of a further language searches that language's index
            output = with_search_base(output, Urls.relative(folder + "/", page.url)) or output
        if spec is not None:
            # The page is in `output` now; MkDocs would keep its content to the end of the build for nothing
            # (234 MiB of HTML at 10,000 items: the build's peak memory is at its end).
            page.content = None
        return fix_page(output)

    # --- search: one index per language ------------------------------------------------------------------
    @staticmethod
    def _material_search(config):
        """Material's search plugin, when the site uses it and it is enabled (its index: ``entries``)."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if type(plugin).__module__.startswith("material.") and isinstance(getattr(index, "entries", None), list) \
                    and getattr(plugin, "config", {}).get("enabled", True) is not False:
                return plugin
        return None

    @event_priority(50)  # before the search plugin writes search/search_index.json
    def on_post_build(self, config):
        """Each further language's pages leave the site's search index for an index of their own,
        ``LANG/search/search_index.json``, which those pages load (:func:`.search.with_search_base`): a reader
        searching a Welsh page finds Welsh pages, read with the settings the theme has for Welsh. Beside it,
        ``LANG/sitemap.xml`` lists that language's pages, for Material's instant navigation."""
        search = self._material_search(config) if self.search_folders else None
        if search is None:
            return
        by_folder = split_by_folder(search.search_index.entries, self.search_folders)
        if getattr(search, "is_dirty", False):  # only the changed pages were rendered: keep the others' entries
            by_folder = {f: merged_entries(self._search_before.get(f, []), e) for f, e in by_folder.items()}
            self._search_before = by_folder
        env = config.theme.get_env()
        offline = any(type(p).__module__.startswith("material.plugins.offline")
                      and getattr(p, "config", {}).get("enabled", True) is not False for p in config.plugins.values())
        main = self.editions[0].lang
        english = env.get_template("partials/languages/en.html").module.t
        for edition in self.editions[1:]:
            folder = folder_of(edition.lang, main)
            name = self.theme_names.get(edition.lang)
            words = env.get_template(f"partials/languages/{name}.html").module.t if name else None
            settings = language_search_config(words, english, dict(search.config))
            data = index_json(settings, by_folder.get(folder, []))
            target = Path(config.site_dir) / folder / "search"
            target.mkdir(parents=True, exist_ok=True)
            (target / "search_index.json").write_text(data, encoding="utf-8")
            if offline:  # Material's offline plugin: the index as a script too, for file:// reading
                (target / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
            sitemap = Path(config.site_dir) / "sitemap.xml"
            own = folder_sitemap(sitemap.read_text(encoding="utf-8"), folder, config.site_url or "") \
                if sitemap.is_file() else None
            if own is not None:  # instant navigation among this language's pages (see folder_sitemap)
                (Path(config.site_dir) / folder / "sitemap.xml").write_text(own, encoding="utf-8")
