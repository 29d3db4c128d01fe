"""Pages and files: the annual involvement reports (``CONTENT_FORMAT.md``, "Published URLs, version 1.1").

* ``reports/``: every reporting year that holds a dated record, newest first, each with its headline
  figures and its PDF; years with nothing dated between them are named, so a gap is never unexplained;
* ``reports/YEAR/``: the year's report (``mic/report.html``), written for the public and a board. It prints
  as a document (``report.css``: A4, a title page, page numbers, no site furniture, link addresses written
  out). It stays under 300 KiB however large the year: each long part (the items said by activity, the
  activities, the changes, what we could not do, the answers reported back, the outcome measures) shows its
  first entries, as many as its share of the page holds, and links to
* ``reports/YEAR/KIND/`` (and ``.../page/N/``): that part in full, paged by size (:data:`LISTS`);
* ``reports/YEAR/report.pdf``: the same report body, rendered from the same template, as a PDF by
  :mod:`mic_plugin.render.pdf` (the optional extra ``pdf``), holding the whole year (:data:`PDF_SCALE`).
  Without WeasyPrint, the build says once how to get PDFs and no page links to one.

The figures come from :mod:`mic_plugin.derive.reports`; ``late`` from the response-time promise.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from importlib import resources

from markupsafe import Markup

from babel.dates import format_date
from ..derive import quality
from ..derive.outcomes import measure_anchor
from ..derive.promise import lateness
from ..derive.report import Report
from ..derive.reports import Years, YearReport
from ..render import pdf
from ..render.i18n import N_
from .paging import Pager, paginate
from .specs import FileSpec, Heading, PageSpec

SECTION = "reports"
PDF_NAME = "report.pdf"
CSS_ASSET = "report.css"

REPORT_SECTIONS = (
    ("mic_report_purpose", N_("Why we involve people")),
    ("mic_report_said", N_("What people told us")),
    ("mic_report_activities", N_("Activities that ran")),
    ("mic_report_changed", N_("What changed because of what people said")),
    ("mic_report_not_doing", N_("What we could not do, and why")),
    ("mic_report_reported", N_("Answers reported back")),
    ("mic_report_outcomes", N_("Outcome measures")),
    ("mic_report_notes", N_("About the figures")),
)
"""Section anchors of a year's report, in order, with their headings in English (translated where shown).
The anchors contain '_', so they never equal a feedback id."""


LISTS = (
    # kind, title of its full list, the most estimated HTML the report page shows of it, intro of its full list
    ("said", N_("Items said, by activity"), 20_000,
     N_("How many items of feedback each activity heard during the year, and where they stand now.")),
    ("activities", N_("Activities that ran"), 35_000,
     N_("Each activity that ran during the year, with its approach, status, dates, the people who took part "
        "and its quality checklist score.")),
    ("changed", N_("What changed because of what people said"), 70_000,
     N_("Each response that reached “done” or “partly done” during the year, whenever the words were said.")),
    ("not_doing", N_("What we could not do, and why"), 35_000,
     N_("Each response that reached “not doing” during the year, with our reason.")),
    ("reported", N_("Answers reported back"), 30_000,
     N_("Each answer reported back to the people who said it during the year.")),
    ("outcomes", N_("Outcome measures"), 35_000,
     N_("Each outcome measure with a value dated in the year, each value beside the one before it.")),
)
"""The report's long parts, each a list of entries. A year with more than fit the report page (its estimated
HTML: together at most about 225 KB, so that the page stays under 300 KiB however large the site and
whatever the mix) shows the first ones there and links to the full list on pages of its own:
``reports/YEAR/KIND/`` and ``reports/YEAR/KIND/page/N/``.

The PDF holds the whole year: it has no page weight to keep, so each list is printed in full up to
:data:`PDF_SCALE` times what the page shows (together about 900 KB of HTML, some 300 A4 pages), which holds
every entry of any ordinary year. Only beyond that (thousands of long entries in one year) does it print the
first ones and the address of the full list, as the page does: laying out a PDF costs about a second per
10 KB of HTML and its memory grows with it, and a year of 4 MB (700 long changes) took six minutes and
1.4 GB to print, in every build."""
PDF_SCALE = 4
"""How many times the report page's share of each list the PDF prints (see :data:`LISTS`)."""
LIST_PAGE_BYTES = 240_000
"""Estimated HTML of the entries of one page of a full list, at most (the page's frame adds some 20 KB)."""
ITEM_BYTES = 1_000
"""HTML of an item in a list of responses besides its texts, activity title and ids (status, dates, links,
labels)."""


@dataclass
class ReportList:
    """One of a year's long parts: every entry, those the report page shows, and the pages of the full list."""

    kind: str
    title: str  # in the page's language
    intro: str
    base: str  # logical page of the full list
    entries: list
    shown: list  # on the report page
    printed: list  # in the PDF
    pages: list[tuple[int, int]]  # the full list's pages (only used when ``rest``)

    @property
    def rest(self) -> int:
        return len(self.entries) - len(self.shown)


def _size(text) -> int:
    """Bytes of a text in the page, with room for escaping and Markdown's markup."""
    return len(str(text or "").encode("utf-8")) * 11 // 10


def _weight(entry, kind: str) -> int:
    """The estimated HTML of one entry of a list of ``kind`` (measured on built pages, rounded up): links are
    written twice (the link and its address on paper), long texts as Markdown."""
    if kind == "said":  # (activity, figures): one row
        activity = entry[0]
        return 350 + 3 * len(activity.id) + _size(activity.title)
    if kind == "activities":  # ActivityInYear: one row
        activity = entry.activity
        return 500 + 3 * len(activity.id) + _size(activity.title)
    if kind == "outcomes":  # MeasureInYear: a table, a row per value, a link to the measure
        return (700 + 4 * len(entry.measure.id) + _size(entry.measure.measure)
                + (_size(entry.activity.title) + 4 * len(entry.activity.id) if entry.activity else 0)
                + sum(260 + _size(v.text) + (_size(b.text) if b else 0) for v, b in entry.values))
    item, r = entry.item, entry.item.response
    ids = 3 * (len(item.id) + len(entry.activity.id)) + _size(entry.activity.title)
    if kind == "reported":
        return ITEM_BYTES // 2 + ids
    return ITEM_BYTES + ids + _size(item.said) + _size(r.did or r.reason) + _size(item.source)


@dataclass
class Reports:
    """The site's reporting years and their reports, made once per build (``report.derived``)."""

    report: Report
    years: Years = field(init=False)
    pdfs: dict[str, int] = field(default_factory=dict)  # year name -> size in bytes of its PDF, once made
    _lists: dict[str, dict[str, ReportList]] = field(default_factory=dict)

    def __post_init__(self):
        report = self.report
        late = lateness(report)  # the year's "late" figure needs a promise; without one it is not shown
        self.years = Years(report.site, report.options.year_starts, report.as_of,
                           late.is_late if late.promise else None, report.words)

    def all(self) -> list[YearReport]:
        """Every year's report, newest first."""
        return [self.years.report(y) for y in self.years.years]

    def page(self, name: str) -> str:
        return f"{SECTION}/{name}"

    def lists(self, year: YearReport) -> dict[str, ReportList]:
        """The year's lists of items (see :data:`LISTS`), made once."""
        out = self._lists.get(year.name)
        if out is None:
            out = self._lists[year.name] = {}
            _ = self.report.words.gettext
            for kind, title, shown_bytes, intro in LISTS:
                entries = {"said": year.said_activities, "activities": year.activities, "changed": year.changed,
                           "not_doing": year.not_doing, "reported": year.reported_back,
                           "outcomes": year.measures}[kind]
                weights = [_weight(e, kind) for e in entries]
                shown = paginate(weights, max(1, len(entries)), shown_bytes)[0][1]
                printed = paginate(weights, max(1, len(entries)), PDF_SCALE * shown_bytes)[0][1]
                pages = paginate(weights, self.report.options.list_page_size, LIST_PAGE_BYTES)
                out[kind] = ReportList(kind, _(title), _(intro), f"{self.page(year.name)}/{kind.replace('_', '-')}",
                                       entries, entries[:shown], entries[:printed], pages)
        return out

    def pdf_url(self, name: str) -> str:
        """The PDF's site-relative URL (prefix included)."""
        return self.report.urls.file(f"{SECTION}/{name}/{PDF_NAME}")

    def title(self, year: YearReport) -> str:
        """``Annual involvement report 2024-25``, ``... 2025-26 (so far)``, in the report's language."""
        _ = self.report.words.gettext
        if year.so_far:
            return _("Annual involvement report %(year)s (so far)", year=year.name)
        return _("Annual involvement report %(year)s", year=year.name)

    def list_title(self, lst: ReportList, year: YearReport, number: int = 1, count: int = 1) -> str:
        """``What changed because of what people said, 2024-25 (page 2 of 3)``."""
        _ = self.report.words.gettext
        number_ = self.report.words.number
        title = (_("%(list)s, %(year)s so far", list=lst.title, year=year.name) if year.so_far
                 else _("%(list)s, %(year)s", list=lst.title, year=year.name))
        if count > 1:
            title = _("%(title)s (page %(number)s of %(count)s)", title=title, number=number_(number),
                      count=number_(count))
        return title


def reports(report: Report) -> Reports:
    return report.derived(Reports)


def pages(report: Report) -> list[PageSpec]:
    r = reports(report)
    _ = report.words.gettext
    name = report.site.organisation.name
    every = r.all()
    starts = report.options.year_starts
    first_day = format_date(_dt.date(2001, starts.month, starts.day), "d MMMM", locale=report.words.locale)
    out = [PageSpec(
        SECTION, _("Annual reports"), "mic/reports.html", nav=True,
        context=lambda: {"reports": r, "years": every, "gaps": r.years.gaps(), "year_starts": first_day},
        headings=[Heading(2, f"mic_year_{y.name}", r.title(y)) for y in every],
        description=_("%(name)s's annual involvement reports, one for each reporting year: what people said, what "
                      "changed because of it, and what could not be done.", name=name))]
    for year in every:
        out.append(PageSpec(
            r.page(year.name), r.title(year), "mic/report.html",
            context=(lambda y=year: _context(r, y)),
            headings=[Heading(2, anchor, _(title)) for anchor, title in REPORT_SECTIONS],
            description=(_("How %(name)s involved people in %(year)s so far: what they said, what changed, what "
                           "could not be done, and why.", name=name, year=year.name) if year.so_far else
                         _("How %(name)s involved people in %(year)s: what they said, what changed, what could "
                           "not be done, and why.", name=name, year=year.name))))
        for lst in r.lists(year).values():
            if lst.rest:
                out.extend(_list_pages(r, year, lst))
    return out


def _list_pages(r: Reports, year: YearReport, lst: ReportList) -> list[PageSpec]:
    """The pages of a list too long for the report page: every entry, ``list_page_size`` a page at most."""
    _ = r.report.words.gettext
    out = []
    count = len(lst.pages)
    for number, (start, end) in enumerate(lst.pages, start=1):
        pager = Pager(lst.base, number, count, len(lst.entries), start + 1, end)
        title = r.list_title(lst, year, number, count)
        out.append(PageSpec(
            pager.page_of(number), title, "mic/report-list.html",
            context=(lambda p=pager, s=start, e=end, t=title: {
                **_context(r, year), "list": lst, "pager": p, "entries": lst.entries[s:e], "heading": t}),
            description=_("%(list)s: the full list of the annual involvement report %(year)s.", list=lst.title,
                          year=year.name)))
    return out


def _context(r: Reports, year: YearReport, document: bool = False) -> dict:
    report = r.report
    site_url = report.options.site_url

    def address(target: str) -> str:
        """A site-relative URL written out for paper: absolute with ``site_url``, else as it is."""
        return site_url + target if site_url else target

    return {"year": year, "reports": r, "title": r.title(year), "organisation": report.site.organisation,
            "address": address, "document": document, "measure_anchor": measure_anchor,
            "lists": _printed(r.lists(year)) if document else r.lists(year), "promise": lateness(report).promise,
            "score_text": lambda score: quality.score_text(score, report.words),
            "pdf_url": r.pdf_url(year.name) if pdf.available() else "",
            "sections": REPORT_SECTIONS}


def _css_string(text: str) -> str:
    """``text`` as a CSS string, safe inside ``<style>`` too: quotes, backslashes and markup characters as
    CSS escapes."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>&\n' else c for c in text) + '"'


def _printed(lists: dict[str, ReportList]) -> dict[str, ReportList]:
    """The lists as the PDF shows them (:data:`PDF_SCALE`): every entry of an ordinary year."""
    return {kind: replace(lst, shown=lst.printed) for kind, lst in lists.items()}


def page_style(report: Report) -> str:
    """The printed report's running footer in the report's language (``Page 2 of 9``), as CSS: the words of
    ``@page`` margin boxes cannot come from the page's text, so each report page and PDF states its own."""
    parts = report.words.gettext("Page %(page)s of %(pages)s", page="\0page\0", pages="\0pages\0").split("\0")
    content = " ".join(f"counter({piece})" if i % 2 else _css_string(piece) for i, piece in enumerate(parts) if piece)
    # The title page has no number: said again here, as a later rule of the same page wins in some browsers.
    return (f"@page mic-report {{ @bottom-right {{ content: {content}; }} }} "
            "@page mic-report:first { @bottom-right { content: none; } }")


def page_head(report: Report) -> dict[str, list[str]]:
    """Each year's report page: its running footer on paper, in the page's language (:func:`page_style`)."""
    r = reports(report)
    style = f"<style>{page_style(report)}</style>"
    return {r.page(year.name): [style] for year in r.all()}


def files(report: Report) -> list[FileSpec]:
    """``reports/YEAR/report.pdf`` for every year, when WeasyPrint is installed; otherwise a note, once."""
    r = reports(report)
    every = r.all()
    if not every:
        return []
    if not pdf.available():
        report.note(pdf.HOW_TO_GET_PDFS)
        return []
    return [FileSpec(r.pdf_url(y.name), (lambda renderer, y=y: _pdf(r, y, renderer)), "application/pdf")
            for y in every]


def _pdf(r: Reports, year: YearReport, renderer) -> bytes:
    """The year's report as a PDF: the report page's body, rendered by the same template for the PDF's own
    address (so relative links resolve from it), inside a plain document with the print style sheet."""
    report = r.report
    url = r.pdf_url(year.name)
    spec = PageSpec(r.page(year.name), r.title(year), "mic/report.html", context=_context(r, year, document=True))
    body = renderer.render(spec, url)
    css = resources.files("mic_plugin").joinpath("assets", "mic", CSS_ASSET).read_text(encoding="utf-8")
    document = renderer.env.get_template("mic/report-document.html").render(
        title=spec.title, organisation=report.site.organisation, body=Markup(body),
        css=Markup(css + "\n" + page_style(report)), lang=report.language)
    base = report.options.site_url + url if report.options.site_url else None
    out = pdf.html_to_pdf(document, base)
    r.pdfs[year.name] = len(out)
    return out
