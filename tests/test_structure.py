"""Plain structure of every generated page, without a browser: one ``h1``, headings in order, tables with
captions and scoped header cells, dates written for people and machine-readable in ``<time datetime>``,
status told in words.

Two sites are checked: the demo (the repository's own ``mkdocs.yml`` and ``content/``), and a "messy" site
written here from content nobody tuned for the pages: long texts, Welsh, £ and em dashes, Markdown lists,
empty optional sections, an activity with no checklist, one with many items (its feedback split over
further pages, and "you said, we did" over several pages), items awaiting a response and overdue ones.

This module is also the place the browser tests (``tests/browser/test_generated_pages.py`` and friends)
get their sites from: :func:`built_site` builds each site once per test process.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import html.parser
import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from kits.sitekit import build

REPO_ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-05-01"

# ---------------------------------------------------------------------------------------------------------
# The messy site

MESSY_ORGANISATION = """\
name: Cymdeithas Gofalwyr Glannau — Riverbank Carers' Association
purpose: |
  We ask the people who use our services — and the people who *don't*, because they cannot reach us —
  what should change. We publish what they said, what we did, and what we decided **not** to do and why.

  - Our budget for involvement is £14,500 a year — about £9.70 for each carer on our register.
  - We pay for replacement care so that carers can take part.
  - Mae croeso i chi ysgrifennu atom yn Gymraeg: you are welcome to write to us in Welsh.
why: [benefits-participants, improves-services, right-to-a-say]
power: |
  Carers did not choose us: the council funds us to support them. That makes the relationship unequal, so
  we ask an independent panel of carers to review this report before it is published.
contact: https://riverbank.example/contact
public_contacts: ["0300 123 4567"]
respond_within: 140 working days
holidays: GB-WLS
"""

MESSY_OUTCOMES = """\
- id: carers-registered
  measure: Carers on our register on 31 March — every carer who has asked for support at least once
  type: user
  unit: carers
  value: 1490
  date: 2025-03-31
- id: carers-registered
  value: 1620
  date: 2026-03-31
- id: answered-in-time
  measure: Feedback answered within three months
  type: feedback
  value: 41
  out_of: 57
  date: 2026-03-31
  target: 50
  baseline: 30
  method: this report
"""

LONG = (
    "Roedd y bws olaf yn gadael cyn diwedd y cyfarfod — the last bus left before the meeting ended, so "
    "carers from the valleys had to choose between hearing the answer and getting home before their "
    "replacement care finished; several said the taxi home cost more than £25, which is more than a "
    "day's Carer's Allowance, and that this alone stops them coming. "
)

LLAIS = f"""\
title: Llais Gofalwyr — carers' voice in Welsh and English, with a deliberately long title that wraps
summary: |
  A bilingual listening tour — *taith wrando* — of nine community halls in 2025.

  1. Every meeting in Welsh and English, with simultaneous translation.
  2. Travel paid (up to £30) and replacement care arranged.
  3. Notes sent to everyone who came — in the language they chose.

  {LONG}
approach: co-designing
status: completed
started: 2025-01-10
ended: 2025-11-30
themes: [Welsh language, transport, Arian / money]
purpose:
  why: [right-to-a-say]
  aims:
    - Hear carers who never come to our English-only meetings
    - "Agree three changes with carers — not for them"
  can_influence: [Where and when we meet, What we ask the council for]
  cannot_influence: [Bus timetables, set by the transport authority]
  decision: Our 2026–27 plan for carers in the west of the county
  decision_date: 2026-06-30
participation:
  invited: 120
  volunteered: 45
  took_part: 131
  sessions: 9
  hours: 22.5
  compensation: Travel up to £30 and replacement care
  accessibility: [step-free venue, hearing loop, Welsh–English translation, BSL on request]
  representation: |
    Compared with carers on our register, more Welsh speakers (48% against 19%), and
    *fewer working carers* — see the aims for next year.
checklist:
  organisation:
    planning:
      principles-agreed: met
      purpose-written: {{answer: met, evidence: "Written with the carers' panel — **agreed** in January", url: "https://riverbank.example/llais/purpose"}}
      strategy: partly
      timing-for-influence: {{answer: not-met, evidence: "The council's budget was set before we reported"}}
      notice-given: met
    access:
      accessible-venues: {{answer: met, evidence: "- step-free\\n- hearing loop\\n- quiet room"}}
      invited-vs-volunteered: {{answer: not-applicable, evidence: "Everyone was both invited and welcome to come unasked"}}
    monitoring: {{}}
    follow-up:
      changes-communicated: partly
  person:
    access:
      listened-to: {{answer: met, evidence: "38 of 41 said so in the exit survey (93%)"}}
      able-to-disagree: not-met
outcomes:
  - id: welsh-speakers
    measure: Carers who took part in Welsh
    type: engagement
    unit: people
    value: 63
    out_of: 131
    date: 2025-11-30
    method: attendance register
updates:
  - date: 2025-06-01
    note: |
      Halfway — *hanner ffordd*. Five halls visited; notes sent out in Welsh and English.
  - date: 2025-12-10
    note: Report published; the three changes agreed with carers are listed under "you said, we did".
feedback:
  - id: llais-last-bus
    said: |
      {LONG}

      - No bus after 18:10 from Cwm Uchaf
      - Taxi home: £25–£32
    date: 2025-02-14
    count: 27
    source: listening meeting
    themes: [transport, Arian / money]
    response:
      status: partly-done
      did: |
        We moved four of the nine meetings to finish by 17:30 — *not all*, because two halls are only
        free in the evening. We now pay taxi fares home up to £30.
      owner: Involvement team
      due: 2025-06-30
      communicated: 2025-07-15
      updates:
        - {{date: 2025-03-01, status: considering}}
        - {{date: 2025-04-20, status: in-progress, note: "Asked the halls for afternoon bookings."}}
        - {{date: 2025-06-25, status: partly-done, note: "Four halls changed; two could not."}}
  - id: llais-welsh-forms
    said: "Mae'r ffurflenni yn Saesneg yn unig — the forms are in English only."
    date: 2025-03-02
    count: 9
    themes: [Welsh language]
    response:
      status: in-progress
      did: Translating the three most used forms.
      owner: Communications team
      due: 2025-09-30
  - id: llais-overdue-plan
    said: Tell us what happens next — and when.
    date: 2025-03-20
    count: 4
    response:
      status: planned
      owner: Involvement team
      due: 2025-10-01
  - id: llais-council-budget
    said: Ask the council to fund more respite — £ for breaks, not leaflets.
    date: 2025-04-11
    count: 15
    themes: [breaks, Arian / money]
    response:
      status: referred
      did: Passed to the council's carers' commissioning lead, who will answer at the March forum.
      owner: Chief executive
  - id: llais-no-parking
    said: Build a car park at every hall.
    date: 2025-05-05
    response:
      status: not-doing
      reason: |
        We do not own the halls and cannot build on their land. **Instead**, we choose halls near bus stops.
      communicated: 2025-06-01
  - id: llais-awaiting
    said: Nobody has answered my question about the carers' card — *neb*.
    date: 2025-09-09
    count: 2
    source: comment card
  - id: llais-awaiting-2
    said: "A list:\\n\\n- more evening sessions\\n- crèche\\n- a quieter room"
    date: 2025-10-30
"""

BARE = """\
title: Drop-in at the library (no checklist, nothing optional)
summary: A weekly drop-in. Nothing else about it has been written down yet.
approach: informing
status: in-progress
started: 2024-02-01
themes: []
purpose:
  aims: []
  can_influence: []
participation: {}
feedback:
  - id: bare-awaiting-long
    said: The library's lift has been broken for weeks — I cannot get upstairs with my mum's wheelchair.
    date: 2024-03-01
"""

PLANNED = """\
title: Young adult carers' survey
summary: Planned for the autumn.
approach: consulting
status: planned
started: 2026-09-01
"""


def many_items(count: int = 130) -> str:
    """An activity with ``count`` items: long and short texts, every response status, awaiting items."""
    statuses = [None, "considering", "planned", "in-progress", "done", "partly-done", "referred", "not-doing"]
    lines = [
        "title: Carers' survey 2024 — £, Cymraeg and long answers",
        "summary: |",
        "  Our biggest survey: 1,204 replies. *Every* comment is published below.",
        "approach: consulting",
        "status: completed",
        "started: 2024-01-08",
        "ended: 2024-12-20",
        "themes: [Surveys]",
        "checklist:",
        "  organisation:",
        "    planning: {purpose-written: met, principles-agreed: partly}",
        "feedback:",
    ]
    themes = [["money"], ["Gofal â Chymraeg", "transport"], [], ["Health appointments"]]
    for i in range(count):
        status = statuses[i % len(statuses)]
        day = dt.date(2024, 1, 10) + dt.timedelta(days=i * 2)
        said = f"Item {i}: " + ("Costau — costs of £{i}0 a week are too much. " * (1 + (i % 5) * 3)).format(i=i)
        lines += [
            f"  - id: survey-{i:03d}",
            f"    said: {yaml.safe_dump(said, width=10**6).strip()}",
            f"    date: {day.isoformat()}",
            f"    count: {1 + i % 9}",
            f"    themes: {themes[i % len(themes)]}",
        ]
        if i % 11 == 0:
            lines.append("    source: free-text answer")
        if status:
            lines += ["    response:", f"      status: {status}"]
            if status == "not-doing":
                lines.append("      reason: Not something we can change — the council sets it.")
            elif status in ("done", "partly-done", "referred") or i % 3 == 0:
                lines.append(f"      did: \"Changed it (item {i}):\\n\\n- step one\\n- step two\"")
            if status not in ("done", "not-doing") and i % 2 == 0:
                lines.append("      due: 2025-01-31")  # overdue on AS_OF
            if i % 4 == 0:
                lines.append(f"      communicated: {(day + dt.timedelta(days=30)).isoformat()}")
    return "\n".join(lines) + "\n"


MESSY_HOME = """\
# Croeso — welcome

What carers told us, and what happened next.

<!-- make-it-count:organisation -->
"""

PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default",
     "toggle": {"icon": "material/brightness-7", "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
     "toggle": {"icon": "material/brightness-4", "name": "Switch to light mode"}},
]


def write_messy_site(root: Path) -> Path:
    """Write the messy site's mkdocs.yml, docs/ and content/ under ``root``; return the mkdocs.yml path."""
    content = root / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(MESSY_ORGANISATION, encoding="utf-8")
    (content / "outcomes.yml").write_text(MESSY_OUTCOMES, encoding="utf-8")
    activities = {"2025-llais.yml": LLAIS, "2024-bare.yml": BARE, "2026-planned.yml": PLANNED,
                  "2024-survey.yml": many_items()}
    for name, text in activities.items():
        (content / "activities" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(MESSY_HOME, encoding="utf-8")
    config = {
        "site_name": "Riverbank Carers — you said, we did",
        "site_url": "https://riverbank.example/report/",
        "repo_url": "https://github.com/riverbank/report",
        "edit_uri": "edit/main/docs/",
        "copyright": "© 2026 Riverbank Carers' Association — data CC-BY-4.0",
        "theme": {"name": "material", "palette": PALETTE,
                  "features": ["navigation.instant", "navigation.top", "content.action.edit"]},
        "plugins": ["search", {"make-it-count": {"as_of": AS_OF, "page_size": 50, "git": False}}],
        "markdown_extensions": ["attr_list", "admonition", "tables", {"toc": {"permalink": True}}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------------------
# Building the sites (once per test process)


@dataclass(frozen=True)
class BuiltSite:
    """A built site: its folder, the URL path it is published under, its own (non-generated) pages."""

    name: str
    site_dir: Path
    url_path: str  # e.g. "involvement/" from site_url: the folder a server must put the site under
    own_pages: frozenset[str] = field(default_factory=frozenset)  # site-relative HTML paths from docs/

    def html_files(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))

    def generated_pages(self) -> list[Path]:
        """Every page the plugin made (not the site's own Markdown pages, not 404.html)."""
        return [p for p in self.html_files()
                if self.rel(p) not in self.own_pages and self.rel(p) != "404.html"]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.site_dir).as_posix()


def _tempdir(label: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=f"mic-a11y-{label}-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def _own_pages(docs_dir: Path) -> frozenset[str]:
    pages = set()
    for md in docs_dir.rglob("*.md"):
        rel = md.relative_to(docs_dir).with_suffix("")
        pages.add("index.html" if rel.name in ("index", "README") and rel.parent == Path(".")
                  else (rel.parent / "index.html").as_posix() if rel.name in ("index", "README")
                  else (rel / "index.html").as_posix())
    return frozenset(pages)


def _url_path(site_url: str) -> str:
    path = re.sub(r"^[a-z]+://[^/]+", "", site_url or "").strip("/")
    return path + "/" if path else ""


@functools.cache
def built_site(name: str) -> BuiltSite:
    """Build a site once per process and return it. Names:

    * ``demo``: the repository's mkdocs.yml and content, exactly as shipped;
    * ``demo-browser``: the same, with a light/dark palette that follows the reader's system (so the
      dark scheme can be checked) and 20 items per list page (so later "you said, we did" pages exist);
    * ``messy``: the messy site above (palette too, instant navigation, 50 items per page).
    """
    out = _tempdir(name)
    if name in ("demo", "demo-browser"):
        config_file = REPO_ROOT / "mkdocs.yml"
        raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        overrides = {}
        if name == "demo-browser":
            theme = dict(raw["theme"], palette=PALETTE)
            plugins = [p if not (isinstance(p, dict) and "make-it-count" in p)
                       else {"make-it-count": dict(p["make-it-count"] or {}, page_size=20)}
                       for p in raw["plugins"]]
            overrides = {"theme": theme, "plugins": plugins}
        build(config_file, site_dir=out / "site", **overrides)
        docs = REPO_ROOT / raw.get("docs_dir", "docs")
        return BuiltSite(name, out / "site", _url_path(raw.get("site_url", "")), _own_pages(docs))
    if name == "messy":
        config_file = write_messy_site(out / "project")
        build(config_file, site_dir=out / "site")
        return BuiltSite(name, out / "site", "report/", _own_pages(out / "project" / "docs"))
    raise KeyError(name)


# ---------------------------------------------------------------------------------------------------------
# Reading pages (html.parser: no third-party HTML library)

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)  # Node or str
    parent: Node | None = None

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else " " + c.text() + " " for c in self.children).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, *tags: str) -> list[Node]:
        return [n for n in self.iter() if n.tag in tags]

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # close it (and anything left open inside)
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def content_of(document: Node) -> Node:
    """The page's article (Material's ``md-content__inner``), where our templates render; on a page with a layout
    of its own (a poster, without the theme's frame), its ``<main>``."""
    main = None
    for node in document.iter():
        if node.tag == "article" and node.has_class("md-content__inner"):
            return node
        if node.tag == "main" and main is None:
            main = node
    if main is not None and not any(n.has_class("md-content") for n in document.iter()):
        return main
    raise AssertionError("no <article class='md-content__inner'> in the page")


# ---------------------------------------------------------------------------------------------------------
# Checks: each returns a list of problems (empty when the page is fine), so a failure lists all of them.

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
HUMAN_DATE = re.compile(
    r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")
BARE_ISO_DATE = re.compile(r"(?<![\w/.-])\d{4}-\d{2}-\d{2}(?![\w/-]|\.\w)")


def heading_problems(document: Node) -> list[str]:
    """Exactly one h1 in the page, first in the article; no heading level skipped going down."""
    problems = []
    h1s = document.find_all("h1")
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} <h1> elements: {[h.text() for h in h1s]}")
    levels = [(int(h.tag[1]), h.text()) for h in content_of(document).find_all(*HEADINGS)]
    if levels and levels[0][0] != 1:
        problems.append(f"the first heading is h{levels[0][0]} ({levels[0][1]!r}), not the h1")
    for (before, _), (level, text) in zip(levels, levels[1:]):
        if level > before + 1:
            problems.append(f"h{before} is followed by h{level} ({text!r}): a level skipped")
    for h in document.find_all(*HEADINGS):
        if not h.text().replace("¶", "").strip():
            problems.append(f"empty <{h.tag}>")
    return problems


def table_problems(document: Node) -> list[str]:
    """Every table has a non-empty caption, a header row, and every th says what it heads (scope)."""
    problems = []
    for number, table in enumerate(content_of(document).find_all("table"), 1):
        caption = [c for c in table.children if isinstance(c, Node) and c.tag == "caption"]
        if not caption or not caption[0].text():
            problems.append(f"table {number} has no caption")
        name = caption[0].text() if caption else f"table {number}"
        ths = table.find_all("th")
        if not any(th.parent and th.parent.parent and th.parent.parent.tag == "thead" for th in ths):
            problems.append(f"{name!r}: no header row in <thead>")
        for th in ths:
            if th.attrs.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                problems.append(f"{name!r}: <th> {th.text()!r} has no scope")
            if not th.text():
                problems.append(f"{name!r}: empty <th>")
    return problems


def date_problems(document: Node) -> list[str]:
    """Dates read "5 March 2024" and carry datetime="2024-03-05"; no bare YYYY-MM-DD in the text people read."""
    problems = []
    article = content_of(document)
    html = document.find_all("html")
    lang = html[0].attrs.get("lang", "en") if html else "en"
    for time in article.find_all("time"):
        stamp, text = time.attrs.get("datetime", ""), time.text()
        if not lang.startswith("en"):  # a page in another language: its dates as that language writes them
            from mic_plugin.render.i18n import words_for
            words = words_for(lang)
            if ISO_MONTH.match(stamp):
                expected = words.month_year(int(stamp[:4]), int(stamp[5:]))
            elif ISO_DATE.match(stamp):
                expected = words.date(dt.date.fromisoformat(stamp))
            else:
                expected = None
            if expected is None or text != expected:
                problems.append(f"<time datetime={stamp}> reads {text!r}, not {expected!r} in {lang}")
            continue
        if ISO_MONTH.match(stamp):  # a month: "October 2023" with datetime="2023-10"
            try:
                written = dt.datetime.strptime(text, "%B %Y").strftime("%Y-%m")
            except ValueError:
                written = None
            if written != stamp:
                problems.append(f"<time datetime={stamp}> says {text!r}")
            continue
        if not ISO_DATE.match(stamp):
            problems.append(f"<time> {text!r} has datetime={stamp!r}")
            continue
        if not HUMAN_DATE.match(text):
            problems.append(f"<time datetime={stamp}> reads {text!r}, not a date written for people")
            continue
        day, month, year = text.split()
        written = dt.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
        if written.isoformat() != stamp:
            problems.append(f"<time datetime={stamp}> says {text!r}")

    def walk(node: Node):
        for child in node.children:
            if isinstance(child, str):
                for match in BARE_ISO_DATE.finditer(child):
                    problems.append(f"bare date {match.group(0)!r} in <{node.tag}>: {child.strip()[:80]!r}")
            elif child.tag not in ("code", "pre", "script", "style"):
                walk(child)

    walk(article)
    return problems


def status_problems(document: Node, labels: set[str]) -> list[str]:
    """Status, answers and scores are told in words (colour, borders and symbols only add to them)."""
    problems = []
    article = content_of(document)
    for node in article.iter():
        if node.has_class("mic-status") and node.text() not in labels:
            problems.append(f"status label reads {node.text()!r}, not one of the status words")
        if node.has_class("mic-answer"):
            words = "".join(c if isinstance(c, str) else (c.text() if not c.has_class("mic-answer__icon") else "")
                            for c in node.children).strip()
            icon = [c for c in node.children if isinstance(c, Node) and c.has_class("mic-answer__icon")]
            if not words:
                problems.append(f"an answer shows only a symbol: {node.text()!r}")
            if icon and icon[0].attrs.get("aria-hidden") != "true":
                problems.append(f"the symbol of answer {words!r} is read out as well as the words")
        if node.has_class("mic-q-cell") and not re.search(r"\d+ (of|o) \d+", node.text()):  # English, Welsh
            problems.append(f"a score cell reads {node.text()!r}")
    return problems


def label_problems(document: Node) -> list[str]:
    """Every ``<label for>`` names an element of the page (Material's TOC title used not to, off the nav)."""
    ids = {n.attrs["id"] for n in document.iter() if "id" in n.attrs}
    return [f"<label for={n.attrs['for']!r}> {n.text()!r} names no element"
            for n in document.find_all("label") if "for" in n.attrs and n.attrs["for"] not in ids]


def status_words() -> set[str]:
    from mic_plugin.derive import changes
    from mic_plugin.model import vocab

    from mic_plugin.render.i18n import shipped_languages, words_for

    english = {*vocab.ACTIVITY_STATUSES.values(), *vocab.RESPONSE_STATUSES.values(), *vocab.APPROACHES.values(),
               vocab.AWAITING_LABEL, changes.NO_RESPONSE_LABEL, "Late"}  # "Late": awaiting past the promise
    return {words_for(lang).gettext(label) for lang in shipped_languages() for label in english}  # each language's


# ---------------------------------------------------------------------------------------------------------
# Tests

SITES = ["demo", "messy"]


@pytest.fixture(scope="module", params=SITES)
def site(request) -> BuiltSite:
    return built_site(request.param)


def _report(site: BuiltSite, check) -> str:
    failures = []
    for path in site.generated_pages():
        failures += [f"{site.rel(path)}: {problem}" for problem in check(parse(path))]
    return "\n".join(failures)


def test_the_sites_have_every_page_type(site):
    pages = {site.rel(p) for p in site.generated_pages()}
    expected = {"activities/index.html", "you-said-we-did/index.html", "quality/index.html",
                "outcomes/index.html", "changes/index.html", "data/index.html", "organisation/index.html"}
    assert expected <= pages
    assert sum(p.startswith("activities/") and p.count("/") == 2 for p in pages) >= 3
    if site.name == "messy":
        assert {"you-said-we-did/page/2/index.html", "you-said-we-did/page/3/index.html"} <= pages
        assert any(p.startswith("activities/2024-survey/") and "/page/" in p for p in pages), sorted(pages)


def test_one_h1_and_headings_in_order(site):
    assert _report(site, heading_problems) == ""


#: docs/content-format.md is the shared contract copied verbatim: its "# Version 1.1 additions" part is a
#: second top-level heading, as in the contract itself.
_VERBATIM_H1 = {"content-format/index.html": 2}


def test_own_pages_and_404_have_one_h1(site):
    for rel in [*site.own_pages, "404.html"]:
        assert len(parse(site.site_dir / rel).find_all("h1")) == _VERBATIM_H1.get(rel, 1), rel


def test_tables_have_captions_and_scoped_headers(site):
    assert _report(site, table_problems) == ""
    tables = sum(len(content_of(parse(p)).find_all("table")) for p in site.generated_pages())
    assert tables >= 10  # the check looked at real tables (checklists, quality, outcomes)


def test_dates_are_written_for_people_and_machine_readable(site):
    assert _report(site, date_problems) == ""
    activity = next(p for p in site.generated_pages() if site.rel(p).startswith("activities/2"))
    assert content_of(parse(activity)).find_all("time")


def test_status_is_told_in_words(site):
    words = status_words()
    assert _report(site, lambda d: status_problems(d, words)) == ""


def test_every_label_names_an_element_of_its_page(site):
    failures = [f"{site.rel(p)}: {problem}" for p in site.html_files() for problem in label_problems(parse(p))]
    assert failures == []
    # pages outside the nav still show the table of contents, titled
    activity = parse(next(p for p in site.generated_pages() if site.rel(p).startswith("activities/2")))
    titles = [n for n in activity.find_all("label") if n.has_class("md-nav__title") and "contents" in n.text()]
    assert titles and "for" not in titles[0].attrs


def test_toc_label_fix_is_exact():
    from mic_plugin.mkdocs.htmlfix import fix_page

    label = '<label class="md-nav__title" for="__toc">Table of contents</label>'
    assert fix_page(f"<nav>{label}</nav>") == '<nav><label class="md-nav__title">Table of contents</label></nav>'
    in_nav = f'<input class="md-toggle" type="checkbox" id="__toc">{label}'
    assert fix_page(in_nav) == in_nav  # the toggle is there: the label works and is kept
    quoted = f"<!-- <input id='__toc'> -->{label}"
    assert 'for="__toc"' not in fix_page(quoted)  # a commented-out toggle does not count


def test_messy_site_says_awaiting_and_overdue_in_words():
    site = built_site("messy")
    page = content_of(parse(site.site_dir / "activities/2025-llais/index.html")).text()
    assert "Awaiting a response for" in page  # within the promise (126 working days)
    assert "Late: no answer after 163 working days; we aim to answer within 140." in page
    assert re.search(r"\d+ days? overdue", page)
    bare = content_of(parse(site.site_dir / "activities/2024-bare/index.html")).text()
    assert "0 of 29 met" in bare  # no checklist: silence never raises a score, and it says so


def test_checks_catch_broken_markup(tmp_path):
    """The checks above fail on pages that break the rules (so a pass means something)."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><body><h1>A</h1><article class='md-content__inner'><h1>B</h1><h3>C</h3>"
        "<table><tr><th>x</th></tr></table><p>Said on 2024-03-05.</p><time datetime='2024-03-05'>6 March 2024</time>"
        "<time datetime='2023-10'>November 2023</time><span class='mic-status mic-status--done'></span>"
        "<span class='mic-answer'><span class='mic-answer__icon'>✓</span></span></article></body></html>",
        encoding="utf-8",
    )
    document = parse(page)
    assert any("2 <h1>" in p for p in heading_problems(document))
    assert any("h1 is followed by h3" in p for p in heading_problems(document))
    assert {"table 1 has no caption", "'table 1': no header row in <thead>", "'table 1': <th> 'x' has no scope"} \
        <= set(table_problems(document))
    dates = date_problems(document)
    assert any("bare date '2024-03-05'" in p for p in dates) and any("says '6 March 2024'" in p for p in dates)
    assert any("says 'November 2023'" in p for p in dates)
    statuses = status_problems(document, status_words())
    assert any("status label reads ''" in p for p in statuses)
    assert any("only a symbol" in p for p in statuses) and any("read out" in p for p in statuses)
