"""Issue 8 end to end: hostile text in every field builds, shows its words, and nothing executable or
formula-like reaches any page, feed, badge or export.

Two real sites are built from the same structure: one whose every text field carries the classic XSS
payloads (``hostilekit.PAYLOADS``), and a clean twin with plain words in the same places. Every output file
of the hostile site is parsed (HTML with ``html.parser``, XML and SVG with ElementTree, the feed also with
feedparser, JSON with ``json``, the CSV with ``csv``); what could run (scripts, event handlers, dangerous
URLs, frames, styles, forms, base/meta-refresh) must be exactly what the theme puts in the clean twin.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import re
import subprocess
import sys
import textwrap
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from kits.hostilekit import (
    FORMULAS,
    PAYLOADS,
    SCRIPT,
    dump,
    formula_activity,
    harmless,
    hostile,
    hostile_content,
    hostile_md,
    hostile_url,
    json_strings,
    read_csv,
    scan_fragment_features,
    scan_html,
    svg_features,
    text_fields,
    visible_text,
)
from kits.sitekit import ACTIVITY, ORGANISATION, build, build_refused, write_site

ATOM = "{http://www.w3.org/2005/Atom}"
PLAIN_LABELS = ("orgname", "orgcontact", "title", "theme", "aim", "caninfluence", "cannotinfluence", "decision",
                "compensation", "accessibility", "source", "fbtheme", "owner", "owner2", "measure", "unit",
                "method", "orgmeasure", "orgunit", "orgmethod")
MARKDOWN_LABELS = ("orgpurpose", "orgpower", "orgabout", "summary", "representation", "evidence", "naevidence",
                   "said", "did", "note", "said2", "reason", "said3", "activitynote")


DOCS = {"index.md": "# Home\n\n<!-- make-it-count:organisation -->\n"}


def _write(root: Path, clean: bool, plugin: dict | None = None, mkdocs: dict | None = None) -> Path:
    organisation, activities, outcomes = hostile_content(clean=clean)
    files = {name: dump(data) for name, data in activities.items()}
    files["2024-formulas.yml"] = dump(formula_activity())
    return write_site(root, organisation=dump(organisation), activities=files, outcomes=dump(outcomes),
                      docs=DOCS, plugin={"page_size": 2, **(plugin or {})}, mkdocs=mkdocs)


def _twins(factory, name: str, **options) -> tuple[Path, Path]:
    """(hostile site dir, clean twin site dir), built with ``--strict``."""
    hostile_dir = build(_write(factory.mktemp(name), clean=False, **options), strict=True)
    clean_dir = build(_write(factory.mktemp(name + "-clean"), clean=True, **options), strict=True)
    return hostile_dir, clean_dir


def _leaks(hostile_dir: Path, clean_dir: Path) -> dict[str, list[str]]:
    """Per page: what could run or restyle it that the clean twin's pages do not have."""
    theirs = set()
    for path in clean_dir.rglob("*.html"):
        theirs |= set(scan_html(path.read_text(encoding="utf-8")).features)
    leaks = {}
    for path in sorted(hostile_dir.rglob("*.html")):
        features = scan_html(path.read_text(encoding="utf-8")).features
        extra = {f for f in features if f not in theirs}
        twin = clean_dir / path.relative_to(hostile_dir)
        if twin.exists():  # same page in the clean twin: not even one more of the theme's own
            extra |= set(features - scan_html(twin.read_text(encoding="utf-8")).features)
        extra = {f for f in extra if not harmless(f)}
        if extra:
            leaks[_rel(path, hostile_dir)] = sorted(map(str, extra))
    return leaks


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """(hostile site dir, clean twin site dir)."""
    return _twins(tmp_path_factory, "site")


@pytest.fixture(scope="module")
def site(sites) -> Path:
    return sites[0]


@pytest.fixture(scope="module")
def texts(site) -> dict[str, str]:
    """Visible text of every HTML page, by path."""
    return {p.relative_to(site).as_posix(): visible_text(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


# --- HTML ------------------------------------------------------------------------------------------------


def test_no_page_has_anything_executable_the_clean_twin_lacks(sites):
    hostile_dir, _ = sites
    pages = {_rel(p, hostile_dir) for p in hostile_dir.rglob("*.html")}
    # index pages split (page_size 2), theme and status pages, the home page with the organisation include
    assert {"index.html", "you-said-we-did/page/2/index.html", "activities/2024-hostile/index.html",
            "organisation/index.html", "changes/index.html", "404.html"} <= pages
    assert _leaks(*sites) == {}


RICH_MARKDOWN = """\
markdown_extensions:
  - toc: {permalink: true}
  - tables
  - attr_list
  - md_in_html
  - admonition
  - footnotes
  - def_list
  - abbr
  - pymdownx.details
  - pymdownx.tasklist: {custom_checkbox: true}
  - pymdownx.magiclink
  - pymdownx.arithmatex: {generic: true}
  - pymdownx.snippets: {base_path: ["/"], check_paths: false}
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def test_site_markdown_extensions_do_not_open_a_way_in(tmp_path_factory):
    """attr_list, md_in_html, superfences (mermaid), snippets (reads files!), arithmatex... on the site's pages."""
    built = []
    for name, clean in (("rich", False), ("rich-clean", True)):
        config = _write(tmp_path_factory.mktemp(name), clean=clean)
        config.write_text(config.read_text(encoding="utf-8") + RICH_MARKDOWN, encoding="utf-8")
        built.append(build(config, strict=True))
    hostile_dir, clean_dir = built
    assert _leaks(hostile_dir, clean_dir) == {}
    text = visible_text((hostile_dir / "activities/2024-hostile/index.html").read_text(encoding="utf-8"))
    assert "Qsummary emphasis and strong" in text and "md in html" in text
    for path in hostile_dir.rglob("*"):
        if path.is_file() and not _rel(path, hostile_dir).startswith("assets/"):
            assert b"root:x:0:0" not in path.read_bytes(), _rel(path, hostile_dir)  # snippets never read files
    page = (hostile_dir / "activities/2024-hostile/index.html").read_text(encoding="utf-8")
    for used in ('class="admonition note"', 'class="footnote"', 'class="task-list"', "<dl>", "<details>"):
        assert used in page, used  # the extensions did run on user text
    assert 'class="mermaid"' not in page  # Mermaid would run the diagram's "click ... javascript:" callback
    assert 'id="attrid"' not in page  # attr_list ids are namespaced, never bare


def test_home_page_include_shows_the_organisation_inertly(site):
    text = visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert "Qorgpurpose emphasis and strong" in text and SCRIPT in text


def test_prefixed_site_without_directory_urls_is_as_safe(tmp_path_factory):
    hostile_dir, clean_dir = _twins(tmp_path_factory, "prefixed", plugin={"prefix": "report"},
                                    mkdocs={"use_directory_urls": False})
    page = hostile_dir / "report/activities/2024-hostile.html"
    assert "Qtitle <script>alert(1)</script>" in visible_text(page.read_text(encoding="utf-8"))
    assert _leaks(hostile_dir, clean_dir) == {}
    for path in hostile_dir.rglob("*.html"):
        for title in re.findall(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.DOTALL):
            assert "<" not in title, _rel(path, hostile_dir)
    for svg in hostile_dir.rglob("*.svg"):
        assert svg_features(svg) == [], svg.name


def test_json_embedded_in_pages_is_data_that_parses(site):
    """<script type="application/json"> (the theme's config, any data a page embeds): nothing written by
    the public ends it early, so each still parses whole."""
    bodies = [body for path in site.rglob("*.html")
              for body in scan_html(path.read_text(encoding="utf-8")).data_scripts]
    assert bodies
    for body in bodies:
        json.loads(body)


def test_the_scan_finds_payloads_when_they_are_live(sites):
    """The checker itself: the same payloads pasted raw into a page are all reported."""
    features = scan_html("<html><body>" + " ".join(PAYLOADS) + "</body></html>").features
    kinds = {f[0] if f[0] != "tag" else f[1] for f in features}
    assert {"script", "on-attribute", "url", "style-attribute", "iframe", "object", "embed", "style", "base",
            "form", "meta"} <= kinds


def test_every_field_shows_its_words(texts):
    for label in PLAIN_LABELS:  # plain text: shown exactly as written (whitespace collapsed)
        words = " ".join(hostile(label).split())
        if label in ("theme", "fbtheme"):
            words = words.replace(";", ",")  # a theme may not hold ';' (hostilekit writes ',')
        assert any(words in text for text in texts.values()), label
    for label in MARKDOWN_LABELS:  # Markdown: formatting applied, raw HTML shown as text, links kept as words
        start = f"Q{label} emphasis and strong"
        end = "<script>alert(2)</script>"  # the field's last list item
        shown = [text[text.index(start):] for text in texts.values() if start in text]
        shown = [text[: text.index(end)] for text in shown if end in text]  # pages with excerpts aside
        assert shown, label
        for text in shown:
            for words in (SCRIPT, "<img src=x onerror=alert(1)>", "<iframe src=\"https://evil.example/frame\">",
                          "jslink", "datalink", "ahref", "vblink", "styled", "click", "{{ 7*7 }}", "{% raw %}",
                          "${7*7}", "]]>", "</title><script>alert(1)</script>", "<!-- comment -->",
                          "<style>body{display:none}</style>", "<form action=", "ok item"):
                assert words in text, (label, words)


def test_template_syntax_is_not_evaluated(sites, texts):
    _, clean_dir = sites
    clean = {_rel(p, clean_dir): visible_text(p.read_text(encoding="utf-8")) for p in clean_dir.rglob("*.html")}
    for name, text in texts.items():
        if "{{ 7*7 }}" in text:
            assert text.count("49") == clean.get(name, "").count("49"), name
    assert sum(text.count("{{ 7*7 }}") for text in texts.values()) >= len(PLAIN_LABELS)


def test_markdown_links_keep_only_safe_targets(site):
    page = (site / "activities/2024-hostile/index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a [^>]*?href="([^"]*)"', page)
    assert "https://example.org/ok" in hrefs  # a Markdown link still works
    assert not [h for h in hrefs if h.lower().lstrip().startswith(("javascript", "data:", "vbscript"))]


def test_evidence_url_is_one_attribute_with_the_address_as_written(site):
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a" and "Qevidenceurl" in (dict(attrs).get("href") or ""):
                found.append(attrs)

    Links(convert_charrefs=True).feed((site / "activities/2024-hostile/index.html").read_text(encoding="utf-8"))
    assert found
    for attrs in found:
        assert dict(attrs)["href"] == hostile_url("evidenceurl")
        assert not [name for name, _ in attrs if name.startswith("on")]


def test_titles_stay_inert_even_for_the_striptags_trap(site):
    """Material writes {{ page.title | striptags }}; the <title> must hold no markup, only the words."""
    for path in site.rglob("*.html"):
        raw = re.findall(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.DOTALL)
        assert len(raw) == 1, path
        assert "<" not in raw[0], _rel(path, site)
    scan = scan_html((site / "activities/2024-hostile/index.html").read_text(encoding="utf-8"))
    title = " ".join(re.findall(r"<title>(.*?)</title>", (site / "activities/2024-hostile/index.html")
                                .read_text(encoding="utf-8"), re.DOTALL))
    assert "&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;" in title  # the entities are shown, not decoded
    shown = "".join(scan.text)
    assert "Qtitle <script>alert(1)</script>" in shown
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_meta_description_stays_one_attribute(site):
    """Material prints page.meta.description unescaped inside content="..."."""
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        metas = re.findall(r"<meta [^>]*>", html.split("</head>")[0])
        for meta in metas:
            assert "<" not in meta[1:] and "onerror" not in meta.replace("onerror=alert(1)&gt;", ""), meta
    page = (site / "activities/index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="Every involvement activity of Qorgname &lt;script&gt;', page)


# --- the feed --------------------------------------------------------------------------------------------


def test_feed_is_valid_xml_and_carries_text_not_markup(site):
    raw = (site / "changes/feed.xml").read_bytes()
    root = ET.fromstring(raw)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) >= 5
    texts = []
    for element in root.iter():
        kind = element.get("type")
        if element.tag in (f"{ATOM}title", f"{ATOM}subtitle", f"{ATOM}summary", f"{ATOM}content", f"{ATOM}rights"):
            assert kind in (None, "text", "html", "xhtml"), kind
            if kind == "html":
                assert not scan_fragment_features(element.text or ""), element.text
            if kind == "xhtml":
                assert not scan_fragment_features(ET.tostring(element, encoding="unicode"))
            texts.append(element.text or "")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            if name == "href":
                assert value.startswith("https://example.org/report/"), value
    joined = "\n".join(texts)
    assert " ".join(hostile("orgname").split()) in " ".join(joined.split())  # feed title: the name as written
    assert "]]>" in joined and SCRIPT in joined

    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(entries)
    assert any("Qtitle" in e.title for e in parsed.entries)


# --- badges, JSON, CSV ------------------------------------------------------------------------------------


def test_badges_hold_no_script(site):
    svgs = sorted((site / "badges").glob("*.svg"))
    assert {p.name for p in svgs} >= {"2024-hostile.svg", "2024-formulas.svg", "organisation.svg"}
    for path in svgs:
        assert svg_features(path) == [], path.name
        endpoint = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert endpoint["schemaVersion"] == 1
        assert "<" not in json.dumps(endpoint)


def test_report_json_carries_every_text_exactly_as_written(site):
    published = set(json_strings(json.loads((site / "data/report.json").read_text(encoding="utf-8"))))
    organisation, activities, outcomes = hostile_content()
    written = [text for _, text in text_fields([organisation, activities, outcomes])]
    assert len(written) >= len(PLAIN_LABELS) + len(MARKDOWN_LABELS)
    missing = [s[:40] for s in written if s not in published]
    assert missing == []
    for value in FORMULAS.values():  # data, not a spreadsheet: no quote added
        assert value in published, value


def test_csv_neutralises_formula_cells_and_keeps_the_rest(site):
    rows = {row["feedback_id"]: row for row in read_csv(site / "data/feedback.csv")}
    one, two = rows["formula-one"], rows["formula-two"]
    assert one["activity_title"] == "'" + FORMULAS["title"]
    assert one["said"] == "'" + FORMULAS["said"]
    assert one["source"] == "'" + FORMULAS["source"]
    assert one["owner"] == "'" + FORMULAS["owner"]
    assert one["themes"] == "'" + FORMULAS["theme"]
    assert one["did"] == "'" + FORMULAS["did"]
    assert two["reason"] == "'" + FORMULAS["reason"]
    assert two["said"] == "'-5"
    assert rows["hostile-said"]["said"] == hostile_md("said")  # not formula-like: exactly as written
    assert rows["hostile-said"]["owner"] == hostile("owner")
    for row in rows.values():
        for name, cell in row.items():
            assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), (name, cell)


# --- every other output file -------------------------------------------------------------------------------


def pdf_actions(path) -> list[str]:
    """What a PDF could do besides being read: actions other than going to a web address or a place in itself,
    addresses other than http(s), and document-level scripts or actions."""
    import pypdf
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    found = [key for key in ("/OpenAction", "/AA", "/AcroForm") if key in root]
    if "/Names" in root and "/JavaScript" in root["/Names"]:
        found.append("/Names/JavaScript")
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is None:
                continue
            kind = action.get("/S")
            if kind not in ("/URI", "/GoTo"):
                found.append(f"action {kind}")
            elif kind == "/URI" and not str(action.get("/URI")).startswith(("http://", "https://")):
                found.append(f"link to {action.get('/URI')}")
    return found


def test_every_output_file_is_checked(sites):
    """Nothing is published that these tests do not parse; the theme's assets are byte-identical to the twin."""
    hostile_dir, clean_dir = sites
    for path in sorted(p for p in hostile_dir.rglob("*") if p.is_file()):
        rel = _rel(path, hostile_dir)
        if rel.startswith("assets/"):
            assert path.read_bytes() == (clean_dir / rel).read_bytes(), rel
        elif path.suffix == ".html":
            continue  # scanned above
        elif path.suffix == ".xml":  # the sitemap and the feeds (the change log's, each activity's, each theme's)
            ET.parse(path)
        elif rel == "sitemap.xml.gz":
            ET.fromstring(gzip.decompress(path.read_bytes()))
        elif path.suffix == ".svg":
            assert svg_features(path) == [], rel
        elif rel == "search/search_index.json":
            for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]:
                # Material's search shows titles and text as HTML: they must be inert fragments
                assert not scan_fragment_features(doc["title"]), doc["location"]
                assert not scan_fragment_features(doc["text"]), doc["location"]
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            read_csv(path)
        elif path.suffix == ".pdf":
            assert pdf_actions(path) == [], rel
        else:
            pytest.fail(f"{rel}: an output file no check parses")


def test_search_index_shows_the_words(site):
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = [visible_text(doc["title"]) for doc in docs]
    assert any(t.startswith("Qtitle <script>alert(1)</script>") for t in titles)


def test_filter_index_is_data_with_the_words_as_written(site):
    index = json.loads((site / "you-said-we-did/items.json").read_text(encoding="utf-8"))
    assert hostile("title") in json_strings(index)


# --- the privacy rule, end to end ------------------------------------------------------------------------


def _personal(label: str) -> str:
    """A member of the public's e-mail address or phone number, different for each field."""
    return f"p.{label}@mail.example" if len(label) % 2 else f"07700 900{len(label):03d}"


def test_personal_details_in_any_field_stop_the_build_and_publish_nothing(tmp_path, monkeypatch):
    organisation, activities, outcomes = hostile_content(
        plain=lambda label: f"Q{label} ring {_personal(label)}",
        markdown=lambda label: f"Q{label} *said*\n\nring {_personal(label)} today",
        url=lambda label: f"https://example.org/Q{label}?to={_personal(label)}",
    )
    config = write_site(tmp_path, organisation=dump(organisation), outcomes=dump(outcomes),
                        activities={name: dump(data) for name, data in activities.items()})
    monkeypatch.chdir(tmp_path)
    messages = _build_fails(config)
    expected = []
    for display, data in (("content/organisation.yml", organisation), ("content/outcomes.yml", outcomes),
                          ("content/activities/2024-hostile.yml", activities["2024-hostile.yml"])):
        lines = (tmp_path / display).read_text(encoding="utf-8").splitlines()
        for field, text in text_fields(data):
            if field == "contact":  # organisation.contact may hold a contact address
                continue
            detail = re.search(r"p\.\w+@mail\.example|07700 900\d{3}", text).group(0)
            kind = "an e-mail address" if "@" in detail else "a phone number"
            found = [m for m in messages if re.search(rf"{re.escape(display)}:(\d+): {re.escape(field)}: "
                                                       rf"contains {kind} \(", m)]
            assert len(found) == 1, (field, messages)
            line = int(re.search(rf"{re.escape(display)}:(\d+):", found[0]).group(1))
            assert detail in lines[line - 1], (field, line)  # the message points at the text
            assert detail not in found[0]  # and does not repeat the personal detail in the build log
            expected.append(field)
    assert len(expected) == len(PLAIN_LABELS) - 1 + len(MARKDOWN_LABELS) + 1  # all but contact, plus the url
    assert len(messages) == len(expected) + 1  # and the summary line
    assert not (tmp_path / "site" / "activities").exists()
    assert not (tmp_path / "site" / "data" / "report.json").exists()


def test_public_contacts_and_the_contact_field_may_hold_contact_details(tmp_path):
    organisation, activities, outcomes = hostile_content(clean=True)
    organisation["contact"] = "involvement@trust.example"
    organisation["public_contacts"] = ["0300 123 4567", "helpline@trust.example"]
    activities["2024-hostile.yml"]["feedback"][0]["response"]["did"] = (
        "Ring our helpline on 0300 123 4567 or write to [us](mailto:helpline@trust.example).")
    config = write_site(tmp_path, organisation=dump(organisation), outcomes=dump(outcomes),
                        activities={name: dump(data) for name, data in activities.items()})
    site_dir = build(config, strict=True)
    page = visible_text((site_dir / "activities/2024-hostile/index.html").read_text(encoding="utf-8"))
    assert "Ring our helpline on 0300 123 4567 or write to us." in page


# --- safe YAML loading, end to end -----------------------------------------------------------------------

DANGEROUS_TAGS = (
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/new:os.system ["touch {marker}"]',
    "!!python/name:os.system",
    "!!python/module:os",
    '!!python/object/apply:subprocess.check_output [["touch", "{marker}"]]',
)


def _build_fails(config: Path) -> list[str]:
    """Build ``config``; it must stop with the plugin's error, no traceback. Returns the error messages."""
    return build_refused(config)[1].messages(logging.ERROR)


@pytest.mark.parametrize("tag", DANGEROUS_TAGS)
@pytest.mark.parametrize("where", ["title", "said", "document", "organisation"])
def test_object_tags_fail_the_build_and_never_run(tmp_path, monkeypatch, tag, where):
    marker = Path(f"/tmp/pwned-{uuid.uuid4().hex}")
    value = tag.format(marker=marker)
    activity = ACTIVITY
    organisation = ORGANISATION
    if where == "title":
        activity = ACTIVITY.replace("title: Bus passes for carers", f"title: {value}")
    elif where == "said":
        activity = ACTIVITY.replace("said: Parking costs £8.", f"said: {value}")
    elif where == "document":
        activity = value + "\n"
    else:
        organisation = ORGANISATION.replace("name: Tŷ Cymunedol — Test Community Trust", f"name: {value}")
    config = write_site(tmp_path, organisation=organisation, activities={"2024-bus-passes.yml": activity})
    monkeypatch.chdir(tmp_path)
    messages = _build_fails(config)
    assert not marker.exists()
    name = tag.split()[0]
    target = "content/organisation.yml" if where == "organisation" else "content/activities/2024-bus-passes.yml"
    assert any(m.startswith(f"make-it-count: {target}:") and f"the tag '{name}' is not allowed" in m
               for m in messages), messages
    assert not (tmp_path / "site" / "activities").exists()


def test_alias_bomb_fails_fast(tmp_path, monkeypatch):
    names = "abcdefghij"
    bomb = "  a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"  {names[i + 1]}: &{names[i + 1]} [{', '.join(['*' + names[i]] * 10)}]\n" for i in range(9))
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": ACTIVITY + "bomb:\n" + bomb})
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    messages = _build_fails(config)
    assert time.monotonic() - started < 10  # 10**10 entries if expanded: it is never walked
    assert any(m.startswith("make-it-count: content/activities/2024-bus-passes.yml:") and "alias bomb" in m
               for m in messages), messages


def test_oversized_file_gets_the_size_message(tmp_path, monkeypatch):
    config = write_site(tmp_path)
    path = tmp_path / "content" / "activities" / "2024-big.yml"
    with path.open("w", encoding="utf-8") as out:
        out.write(ACTIVITY.replace("bus-too-late", "big-one").replace("parking-costs", "big-two"))
        line = "# " + "x" * 1022 + "\n"
        for _ in range(17 * 1024):
            out.write(line)
    monkeypatch.chdir(tmp_path)
    messages = _build_fails(config)
    assert any(m.startswith("make-it-count: content/activities/2024-big.yml:") and "MiB" in m
               and "largest accepted" in m for m in messages), messages


def test_the_mkdocs_command_shows_the_message_not_a_traceback(tmp_path):
    marker = Path(f"/tmp/pwned-{uuid.uuid4().hex}")
    activity = ACTIVITY.replace("said: Parking costs £8.", f'said: !!python/object/apply:os.system ["touch {marker}"]')
    activity = activity.replace("owner: Clinic operations team", "owner: jane.doe@gmail.com")
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": activity})
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)], cwd=tmp_path,
                         check=False, capture_output=True, text=True, timeout=120)
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert "Traceback" not in output
    assert "content/activities/2024-bus-passes.yml:" in output
    assert "the tag '!!python/object/apply:os.system' is not allowed" in output
    assert "feedback[0].response.owner: contains an e-mail address" in output
    assert "jane.doe@gmail.com" not in output
    assert not marker.exists()
    assert not (tmp_path / "site" / "activities").exists()


def test_a_javascript_evidence_url_is_a_contract_error(tmp_path, monkeypatch):
    activity = ACTIVITY + textwrap.dedent("""\
        checklist:
          organisation:
            planning:
              strategy: {answer: met, evidence: "Our strategy", url: "javascript:alert(1)"}
              notice-given: {answer: met, evidence: "Letters", url: "data:text/html,<script>alert(1)</script>"}
        """)
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": activity})
    monkeypatch.chdir(tmp_path)
    messages = _build_fails(config)
    for field in ("checklist.organisation.planning.strategy.url", "checklist.organisation.planning.notice-given.url"):
        assert any(f": {field}: " in m and "not a web address" in m for m in messages), (field, messages)


# --- in a real browser ------------------------------------------------------------------------------------


@pytest.mark.browser
def test_in_a_real_browser_nothing_runs(site, chromium):
    """Every page of the hostile site, and the feedback filter (mic.js builds rows from the JSON index with
    the hostile text), loaded in headless Chromium: no dialog opens, no element from user text appears."""
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    from kits.browserkit import serve_directory

    dialogs, requests = [], []
    live = """() => [...document.querySelectorAll('*')].filter(el => {
        const tag = el.tagName.toLowerCase();
        if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) return true;
        if (tag === 'script' && (el.textContent || '').includes('alert')) return true;
        if ([...el.attributes].some(a => a.name.toLowerCase().startsWith('on'))) return true;
        return ['href', 'src', 'action', 'formaction', 'xlink:href'].some(name => /^(javascript|data|vbscript):/
            .test((el.getAttribute(name) || '').replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase()));
    }).map(el => el.outerHTML.slice(0, 120))"""
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve_directory(site))
        context = chromium.new_context()
        stack.callback(context.close)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url) if "evil.example" in r.url else None)

        def local_only(route):  # no network: fonts and the attacker's host are refused at once
            (route.continue_ if route.request.url.startswith(base) else route.abort)()

        page.route("**/*", local_only)
        page.set_content("<p>self-check</p><img src=x onerror=alert('self-check')>")  # the checks can fail
        page.wait_for_timeout(100)
        assert page.evaluate(live) and dialogs == [("about:blank", "self-check")]
        dialogs.clear()
        for path in sorted(site.rglob("*.html")):
            page.goto(base + _rel(path, site), wait_until="load")
            page.wait_for_timeout(20)
            assert page.evaluate(live) == [], _rel(path, site)
        page.goto(base + "you-said-we-did/", wait_until="load")
        page.wait_for_selector("form[data-mic-ready]")
        theme = page.locator("#mic-filter-theme option", has_text="Qfbtheme").get_attribute("value")
        page.select_option("#mic-filter-theme", theme)
        page.wait_for_function("document.body.innerText.includes('Qsaid emphasis') || "
                               "document.body.innerText.includes('Qsaid *emphasis*')")
        page.wait_for_timeout(200)
        assert page.evaluate(live) == []
        assert "<script>alert(1)</script>" in page.inner_text("body")  # shown as words
        page.select_option("#mic-filter-activity", "2024-hostile")
        page.wait_for_timeout(200)
        assert page.evaluate(live) == []
    assert dialogs == []
    assert requests == []  # no image, frame or base pointed the browser at the attacker's host
