"""One build, every page in each language (CONTENT_FORMAT.md 1.1, "Languages"), read as a Welsh reader would.

A site whose organisation.yml lists [en, cy] is built once; every generated page and file is checked in
English at the usual URLs and in Welsh under cy/: the page's language, the switch to the same page in the
other language (both ways), hreflang links, the plugin's and the theme's words, dates and numbers, the
navigation, the feed, badges and open data, and a missing translation shown in English and marked so.
"""

from __future__ import annotations

import html
import html.parser
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mic_plugin.render import i18n
from kits.sitekit import build, build_and_warnings, page, write_site
from test_plugin_options import refused

ORG = """\
name: {en: Riverside Carers, cy: Gofalwyr Glan yr Afon}
purpose:
  en: We ask carers what should change, and publish what we did.
  cy: Rydym yn gofyn i ofalwyr beth ddylai newid, ac yn cyhoeddi beth wnaethom ni.
why: [right-to-a-say]
power: {en: Carers did not choose us., cy: Nid ofalwyr a'n dewisodd ni.}
languages: [en, cy]
"""

BUS = """\
title: {en: Bus passes for carers, cy: Pasys bws i ofalwyr}
summary: {en: A survey about getting to appointments., cy: Arolwg am gyrraedd apwyntiadau.}
approach: consulting
status: completed
started: 2024-02-12
ended: 2024-06-30
themes: [{en: Transport, cy: Trafnidiaeth}]
purpose:
  aims: [{en: Later buses, cy: Bysiau hwyrach}]
participation:
  invited: 1200
  volunteered: 100
  took_part: 1250
  accessibility: [{en: step-free venue, cy: lleoliad heb risiau}]
checklist:
  organisation:
    planning:
      purpose-written: met
feedback:
  - id: bus-too-late
    said: {en: The last bus leaves too early., cy: Mae'r bws olaf yn gadael yn rhy gynnar.}
    date: 2024-03-05
    count: 3
    themes: [transport]
    response:
      status: done
      did: {en: We moved evening clinics earlier., cy: Symudon ni'r clinigau gyda'r nos yn gynharach.}
      owner: {en: Clinic team, cy: Tîm y clinig}
      communicated: 2024-04-01
      updates:
        - {date: 2024-03-20, status: done}
  - id: no-seats
    said: {en: There are no seats at the stop., cy: Does dim seddi yn yr arhosfan.}
    date: 2024-03-06
outcomes:
  - {id: listened, measure: {en: Carers who feel listened to, cy: Gofalwyr sy'n teimlo bod rhywun yn gwrando},
     type: outcome, value: 42, out_of: 100, date: 2024-03-01}
  - {id: listened, value: 68, out_of: 100, date: 2024-06-01}
updates:
  - {date: 2024-04-02, note: {en: The bus company agreed to talk., cy: Cytunodd y cwmni bws i siarad.}}
"""

# One field without its Welsh: shown in English, marked as English.
PARKING = """\
title: {en: Parking at the clinic, cy: Parcio yn y clinig}
summary: {en: Where carers can park., cy: Ble gall gofalwyr barcio.}
approach: engaging
status: open
started: 2024-05-01
feedback:
  - id: parking-costs
    said: Parking costs eight pounds.
    date: 2024-05-02
"""


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    root = tmp_path_factory.mktemp("bilingual")
    config = write_site(root, organisation=ORG, activities={"2024-bus.yml": BUS, "2024-parking.yml": PARKING},
                        mkdocs={"theme": {"name": "material", "language": "en"}})
    return build_and_warnings(config)


GENERATED = ["activities/", "activities/2024-bus/", "activities/2024-parking/", "you-said-we-did/", "quality/",
             "outcomes/", "outcomes/outcome/", "changes/", "organisation/", "data/"]


class _Text(html.parser.HTMLParser):
    """The text a reader sees, split by the language of the element it sits in (lang inherited)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.page_lang = page_lang
        self.by_lang: dict[str, list[str]] = {}
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        self.stack.append((tag, lang))
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            name, _ = self.stack.pop()
            if name in ("script", "style", "template"):
                self.skip -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if self.skip or not data.strip():
            return
        lang = next((l for _, l in reversed(self.stack) if l), self.page_lang)
        self.by_lang.setdefault(lang.split("-")[0], []).append(" ".join(data.split()))


def text_in(html_text: str, lang: str) -> str:
    parser = _Text("?")
    parser.feed(html_text)
    return " ".join(parser.by_lang.get(lang, []))


def english_phrases() -> set[str]:
    """Every phrase of the plugin's English messages (the parts between placeholders, two words or more),
    except those its Welsh translation keeps too (names such as JSON Schema)."""
    words = i18n.words_for("cy")
    out = set()
    for message in i18n.extract_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        welsh = " ".join(words._t.ngettext(ids[0], ids[-1], 5) for _ in [0]) if len(ids) > 1 else \
            words._t.gettext(ids[0])
        for text in ids:
            for part in re.split(r"%\([a-z_]+\)s|[“”\"():;,.]", text):
                part = " ".join(part.split())
                if len(part.split()) >= 2 and part not in welsh and part.lower() not in welsh.lower():
                    out.add(part)
    return out


@pytest.mark.parametrize("url", GENERATED)
def test_every_page_in_english_and_welsh_with_its_language(bilingual, url):
    site, _ = bilingual
    en, cy = page(site, url), page(site, "cy/" + url)
    assert '<html lang="en"' in en and '<html lang="cy"' in cy


@pytest.mark.parametrize("url", GENERATED)
def test_a_visible_switch_to_the_same_page_both_ways(bilingual, url):
    site, _ = bilingual
    for here, there, name, lang in ((url, "cy/" + url, "Cymraeg", "cy"), ("cy/" + url, url, "English", "en")):
        html_text = page(site, here)
        switch = re.search(r'<nav class="mic-languages"[^>]*>(.*?)</nav>', html_text, re.S)
        assert switch, here
        link = re.search(rf'<a href="([^"]+)" hreflang="{lang}" lang="{lang}">{name}</a>', switch.group(1))
        assert link, switch.group(1)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here + "x"), link.group(1)))
        assert target + "/" == there.rstrip("/") + "/" or target == there.rstrip("/")
        assert (site / there / "index.html").is_file()


@pytest.mark.parametrize("url", GENERATED)
def test_hreflang_links_for_every_language(bilingual, url):
    site, _ = bilingual
    for here in (url, "cy/" + url):
        links = dict((lang, href) for href, lang in
                     re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page(site, here)))
        assert set(links) == {"en", "cy"}, here
        for lang, href in links.items():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here + "x"), href))
            assert target.rstrip("/") + "/" == (url if lang == "en" else "cy/" + url).rstrip("/") + "/"


def test_every_permalink_in_both_languages(bilingual):
    site, _ = bilingual
    for activity, ids in (("2024-bus", ["bus-too-late", "no-seats"]), ("2024-parking", ["parking-costs"])):
        for prefix in ("", "cy/"):
            html_text = page(site, f"{prefix}activities/{activity}/")
            for feedback_id in ids:
                assert f'id="{feedback_id}"' in html_text, (prefix, feedback_id)


@pytest.mark.parametrize("url", GENERATED)
def test_a_welsh_reader_meets_no_english_words_of_the_plugin(bilingual, url):
    site, _ = bilingual
    welsh = text_in(page(site, "cy/" + url), "?") + " " + text_in(page(site, "cy/" + url), "cy")
    found = sorted(p for p in english_phrases() if p in welsh)
    assert found == [], f"English outside elements marked English on cy/{url}: {found[:10]}"


def test_the_welsh_page_reads_in_welsh(bilingual):
    site, _ = bilingual
    html_text = page(site, "cy/activities/2024-bus/")
    text = " ".join(re.sub(r"<[^>]+>", " ", html_text).split())
    for words in ("Dywedoch chi, gwnaethom ni", "Pasys bws i ofalwyr", "Wedi'i gwblhau", "Ymgynghori",
                  "12 Chwefror 2024", "Dywedoch chi, 5 Mawrth 2024", "Wedi'i wneud", "Yn aros am ymateb",
                  "Cymerodd 1,250 ran", "Tîm y clinig", "Beth wnaethom ni", "Rhestr wirio ansawdd",
                  "1 o 29 wedi'u bodloni", "Llinell amser", "Gofalwyr sy'n teimlo bod rhywun yn gwrando"):
        assert words in text.replace("&#39;", "'"), words
    # The theme's own words, from Material's Welsh: search box, skip link, navigation label.
    assert 'placeholder="Chwilio"' in html_text
    assert "Neidio i&#39;r cynnwys" in html_text or "Neidio i'r cynnwys" in html_text
    assert 'aria-label="Llywio"' in html_text


def test_the_english_page_stays_english(bilingual):
    site, _ = bilingual
    html_text = page(site, "activities/2024-bus/")
    assert "You said, we did" in html_text and "12 February 2024" in html_text
    assert 'placeholder="Search"' in html_text and "Dywedoch" not in html_text


def test_navigation_stays_in_the_page_language(bilingual):
    site, _ = bilingual
    for prefix in ("", "cy/"):
        html_text = page(site, prefix + "quality/")
        nav = html_text[html_text.index("md-nav--primary"):]
        nav = nav[:nav.index("</nav>")]
        targets = {posixpath.normpath(posixpath.join(prefix + "quality/", h)) for h in re.findall(r'href="([^"#]+)"', nav)}
        generated = {t for t in targets if t.split("/")[-1] in {"activities", "you-said-we-did", "quality", "outcomes",
                                                                "changes", "organisation", "data"}}
        assert generated, nav
        assert all(t.startswith("cy/") == (prefix == "cy/") for t in generated), (prefix, sorted(generated))
    cy_nav = page(site, "cy/quality/")
    assert "Rhestr wirio ansawdd" in cy_nav and "Cofnod newidiadau" in cy_nav
    # The site's own page (Home) exists in English only: its entry says so.
    assert re.search(r'<span lang="en">\s*Home\s*</span>', cy_nav)


def test_a_missing_translation_is_a_located_warning_and_english_marked_english(bilingual):
    site, messages = bilingual
    assert any(re.search(r"content/activities/2024-parking.yml:8: warning: feedback\[0\]\.said: has no cy "
                         r"\(Welsh\) translation", m) for m in messages), messages
    html_text = page(site, "cy/activities/2024-parking/")
    assert re.search(r'<div lang="en"><p>Parking costs eight pounds.</p>\s*</div>', html_text)
    assert "Parking costs eight pounds." not in text_in(html_text, "?") + text_in(html_text, "cy")
    listing = page(site, "cy/you-said-we-did/")
    assert '<span lang="en">Parking costs eight pounds.</span>' in listing


def test_feeds_badges_and_open_data_in_each_language(bilingual):
    site, _ = bilingual
    feed = ET.parse(site / "cy" / "changes" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "cy"
    assert feed.find("a:title", ns).text == "Gofalwyr Glan yr Afon: cofnod newidiadau"
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert any("Pasys bws i ofalwyr" in t for t in titles) and not any("Bus passes" in t for t in titles)
    english = ET.parse(site / "changes" / "feed.xml").getroot()
    assert english.find("a:title", ns).text == "Riverside Carers: change log"
    assert all(e.find("a:link", ns).get("href").startswith("https://example.org/report/cy/")
               for e in feed.findall("a:entry", ns))

    badge = html.unescape((site / "cy" / "badges" / "2024-bus.svg").read_text(encoding="utf-8"))
    assert 'aria-label="dangosyddion ansawdd: 1 o 29 wedi\'u bodloni"' in badge
    assert "quality markers: 1 of 29 met" in (site / "badges" / "2024-bus.svg").read_text(encoding="utf-8")

    data = json.loads((site / "cy" / "data" / "report.json").read_text(encoding="utf-8"))
    bus = next(a for a in data["activities"] if a["id"] == "2024-bus")
    assert bus["title"] == "Pasys bws i ofalwyr" and bus["url"].endswith("/cy/activities/2024-bus/")
    assert json.loads((site / "data" / "report.json").read_text(encoding="utf-8"))["activities"][0]["title"] in (
        "Bus passes for carers", "Parking at the clinic")
    csv = (site / "cy" / "data" / "feedback.csv").read_text(encoding="utf-8-sig")
    assert "Mae'r bws olaf yn gadael yn rhy gynnar." in csv


def test_feed_entries_write_dates_in_the_feeds_language(bilingual):
    site, _ = bilingual
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for folder, said in (("cy", "Daeth Pasys bws i ofalwyr i ben ar 30 Mehefin 2024"),
                         ("", "Bus passes for carers ended on 30 June 2024")):
        feed = ET.parse(site / folder / "activities" / "2024-bus" / "feed.xml").getroot()
        summaries = [e.find("a:summary", ns).text for e in feed.findall("a:entry", ns)]
        assert any(s.startswith(said) for s in summaries), summaries
        assert not any("2024-06-30" in s for s in summaries)


def test_numbers_and_dates_in_the_page_language(bilingual):
    site, _ = bilingual
    outcomes = page(site, "cy/outcomes/outcome/")  # the measures of one type of data, in full
    assert "68 o 100 (68%)" in outcomes and "1 Mehefin 2024" in outcomes
    assert "Cododd Gofalwyr sy&#39;n teimlo" in outcomes or "Cododd Gofalwyr sy'n teimlo" in outcomes


def test_a_one_language_site_has_no_switch_and_no_language_folder(tmp_path):
    site = build(write_site(tmp_path))
    html_text = page(site, "activities/2024-bus-passes/")
    assert "mic-languages" not in html_text and 'hreflang="' not in html_text
    assert not (site / "en").exists() and not (site / "cy").exists()


def test_a_site_adds_a_language_and_changes_a_word_with_its_own_translations(tmp_path):
    org = ORG.replace("languages: [en, cy]", "languages: [en, cy, gd]")
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "cy.po").write_text('msgid "You said, we did"\nmsgstr "Chi ddywedodd, ni wnaeth"\n', encoding="utf-8")
    (folder / "gd.po").write_text('msgid ""\nmsgstr "Language: gd\\n"\n\nmsgid "Activities"\nmsgstr "Gnìomhan"\n',
                                  encoding="utf-8")
    config = write_site(tmp_path, organisation=org, activities={"2024-parking.yml": PARKING},
                        plugin={"translations": "translations"})
    site, warnings = build_and_warnings(config)
    assert "Chi ddywedodd, ni wnaeth" in page(site, "cy/activities/2024-parking/")
    gd = page(site, "gd/activities/")
    assert '<html lang="gd"' in gd and "<h1>Gnìomhan</h1>" in gd
    # Words the site did not translate are English, marked as English.
    assert '<span lang="en">No activities have been published yet.</span>' in gd or \
        '<span lang="en">Quality checklist: %s</span>' not in gd
    assert any("the theme has no words in gd" in m for m in warnings)


def test_a_broken_translations_file_stops_the_build_naming_it(tmp_path):
    (tmp_path / "cy.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "%(num)s item"\nmsgstr "%(rhif)s eitem"\n',
                                    encoding="utf-8")
    config = write_site(tmp_path, organisation=ORG, activities={"2024-parking.yml": PARKING},
                        plugin={"translations": "cy.po"})
    said = refused(config)
    assert re.search(r"cy\.po:4: .*'rhif'", said) and "Traceback" not in said
    config = write_site(tmp_path, organisation=ORG, activities={"2024-parking.yml": PARKING},
                        plugin={"translations": "nowhere"})
    assert "mkdocs.yml: plugins.make-it-count.translations: 'nowhere' does not exist" in refused(config)


def test_alongside_mkdocs_static_i18n_for_the_sites_own_pages(tmp_path):
    """A site that also translates its own Markdown pages with mkdocs-static-i18n (which builds once per
    language, each language under LANG/): the generated pages land in each language beside them."""
    pytest.importorskip("mkdocs_static_i18n")
    config = write_site(
        tmp_path, organisation=ORG, activities={"2024-bus.yml": BUS},
        docs={"index.md": "# Home\n\nWelcome.\n", "index.cy.md": "# Hafan\n\nCroeso.\n"},
        mkdocs={"plugins": ["search", {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": "en", "default": True, "name": "English", "build": True},
            {"locale": "cy", "name": "Cymraeg", "build": True}]}},
            {"make-it-count": {"as_of": "2024-09-01"}}]})
    site = build(config)
    assert ">Hafan</h1>" in page(site, "cy/") and ">Home</h1>" in page(site, "")
    en, cy = page(site, "activities/2024-bus/"), page(site, "cy/activities/2024-bus/")
    assert '<html lang="en"' in en and "<h1>Bus passes for carers</h1>" in en
    assert '<html lang="cy"' in cy and "<h1>Pasys bws i ofalwyr</h1>" in cy and 'placeholder="Chwilio"' in cy
    assert '<link rel="alternate" href="../../../activities/2024-bus/" hreflang="en">' in cy
    assert '<link rel="alternate" href="../../cy/activities/2024-bus/" hreflang="cy">' in en
    assert 'hreflang="en" lang="en">English</a>' in cy
    assert not (site / "cy" / "cy").exists()
    assert (site / "cy" / "changes" / "feed.xml").is_file() and (site / "cy" / "data" / "report.json").is_file()


def test_the_demo_is_complete_in_english_and_welsh(tmp_path):
    """The repository's demo: --strict clean (no translation missing), every generated page in Welsh, and
    nothing of the plugin's English on them outside elements marked English."""
    repo = Path(__file__).resolve().parent.parent
    site = build(repo / "mkdocs.yml", site_dir=tmp_path / "site", strict=True)
    phrases = english_phrases()
    welsh_pages = sorted((site / "cy").rglob("index.html"))
    assert len(welsh_pages) >= 20
    # a translated theme is one theme, known by its main-language text: its feed has the same path in Welsh
    theme_feeds = sorted(p.name for p in (site / "changes" / "themes").glob("*.xml"))
    assert theme_feeds and theme_feeds == sorted(p.name for p in (site / "cy" / "changes" / "themes").glob("*.xml"))
    for path in welsh_pages:
        html_text = path.read_text(encoding="utf-8")
        assert '<html lang="cy"' in html_text, path
        text = text_in(html_text, "?") + " " + text_in(html_text, "cy")
        found = sorted(p for p in phrases if p in text)
        english = path.parent.relative_to(site / "cy")
        assert found == [], f"{path.relative_to(site)}: {found[:5]}"
        assert (site / english / "index.html").is_file(), english


def search_index(site: Path, folder: str = "") -> dict:
    return json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))


def search_base(site: Path, url: str) -> str:
    """Where the page at ``url`` loads its search index from: Material's ``search/search_index.json`` resolved
    against the ``base`` of its configuration script, as a site-relative folder ('' for the root)."""
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page(site, url), re.S)
    base = json.loads(config.group(1))["base"]
    folder = posixpath.normpath(posixpath.join(url if url.endswith("/") or not url else posixpath.dirname(url), base))
    return "" if folder == "." else folder + "/"


def test_each_language_has_its_own_search_index(bilingual):
    """A Welsh reader searching finds Welsh pages: the Welsh pages' entries are in cy/search/, the English
    ones in search/, each with text in its own language and locations that lead to pages of it."""
    site, _ = bilingual
    english, welsh = search_index(site), search_index(site, "cy")
    en_text = " ".join(d["title"] + " " + d["text"] for d in english["docs"])
    cy_text = " ".join(d["title"] + " " + d["text"] for d in welsh["docs"])
    assert "Bus passes for carers" in en_text and "The last bus leaves too early." in en_text
    assert "Pasys bws i ofalwyr" not in en_text and "Dywedoch chi" not in en_text
    assert "Pasys bws i ofalwyr" in cy_text and "Mae&#x27;r bws olaf yn gadael yn rhy gynnar." in cy_text.replace(
        "&#39;", "&#x27;").replace("'", "&#x27;")
    assert "Bus passes for carers" not in cy_text and "The last bus leaves too early." not in cy_text
    # The one item without its Welsh is found in Welsh search too, in the English it is shown in.
    assert "Parking costs eight pounds." in cy_text
    for folder, index in (("", english), ("cy/", welsh)):
        for doc in index["docs"]:
            target = posixpath.normpath(folder + doc["location"].split("#")[0] or ".")
            assert not target.startswith("cy") or folder == "cy/", doc["location"]
            path = site / target / "index.html" if (site / target).is_dir() else site / target
            assert path.is_file(), (folder, doc["location"])
    assert any(d["location"] == "activities/2024-bus/#bus-too-late" for d in welsh["docs"])


def test_welsh_is_searched_as_written(bilingual):
    """Material has no Welsh search words: the Welsh index keeps lunr's plain tokenizer and the site's
    separator, without the English stemmer or stop words; the English index keeps the site's settings."""
    site, _ = bilingual
    english, welsh = search_index(site)["config"], search_index(site, "cy")["config"]
    assert english["lang"] == ["en"] and english["pipeline"] == ["stopWordFilter"]
    assert welsh["lang"] == ["en"] and welsh["pipeline"] == [] and welsh["separator"] == english["separator"]
    assert welsh["fields"] == english["fields"]


@pytest.mark.parametrize("url", ["activities/", "activities/2024-bus/", "quality/", "changes/"])
def test_a_page_searches_the_index_of_its_language(bilingual, url):
    site, _ = bilingual
    assert search_base(site, url) == ""
    assert search_base(site, "cy/" + url) == "cy/"


def test_each_further_language_has_a_sitemap_of_its_pages(bilingual):
    """cy/sitemap.xml lists the Welsh pages only (the base of the Welsh pages, for Material's instant
    navigation); the site's sitemap still lists every page."""
    site, _ = bilingual
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    welsh = [e.text for e in ET.parse(site / "cy" / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    every = [e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert welsh == [u for u in every if u.startswith("https://example.org/report/cy/")]
    assert "https://example.org/report/cy/activities/2024-bus/" in welsh and len(welsh) >= len(GENERATED)


@pytest.mark.parametrize("prefix, directory_urls", [("report", True), ("", False)])
def test_each_language_searches_its_own_index_under_a_prefix_and_without_directory_urls(tmp_path, prefix,
                                                                                       directory_urls):
    config = write_site(tmp_path, organisation=ORG, activities={"2024-bus.yml": BUS},
                        plugin={"prefix": prefix} if prefix else None,
                        mkdocs={"theme": {"name": "material", "language": "en"}, "use_directory_urls": directory_urls})
    site, _ = build_and_warnings(config)
    start = f"{prefix}/" if prefix else ""
    activity = f"{start}activities/2024-bus/" if directory_urls else f"{start}activities/2024-bus.html"
    assert search_base(site, activity) == "" and search_base(site, "cy/" + activity) == "cy/"
    welsh = search_index(site, "cy")["docs"]
    assert any(d["location"].startswith(activity) and d["title"] == "Pasys bws i ofalwyr" for d in welsh), welsh[:3]
    for doc in welsh:
        target = site / "cy" / doc["location"].split("#")[0]
        assert (target / "index.html").is_file() if doc["location"].split("#")[0].endswith("/") else target.is_file()
    assert not any(d["location"].startswith("cy/") for d in search_index(site)["docs"])


def test_a_dirty_rebuild_keeps_the_other_pages_of_each_language_index():
    """mkdocs serve --dirty renders only the changed pages: their entries replace their old ones, the other
    pages' entries stay (as Material keeps its own index)."""
    from mic_plugin.mkdocs.search import merged_entries
    before = [{"location": "activities/", "title": "Gweithgareddau"},
              {"location": "activities/a/", "title": "Hen"}, {"location": "activities/a/#x", "title": "Hen x"}]
    now = [{"location": "activities/a/", "title": "Newydd"}]
    assert merged_entries(before, now) == [before[0], now[0]]
    assert merged_entries([], now) == now and merged_entries(before, []) == before


def test_a_further_language_the_theme_searches_with_its_own_stemmer(tmp_path):
    """A language Material has search words for (French: lunr's French stemmer and stop words) gets them in
    its index; a language the theme has no words for (Scottish Gaelic) is read as written."""
    org = ORG.replace("languages: [en, cy]", "languages: [en, fr, gd]").replace("cy:", "fr:")
    config = write_site(tmp_path, organisation=org, activities={"2024-parking.yml": PARKING.replace("cy:", "fr:")},
                        mkdocs={"theme": {"name": "material", "language": "en"}})
    site, _ = build_and_warnings(config)
    french, gaelic = search_index(site, "fr")["config"], search_index(site, "gd")["config"]
    assert french["lang"] == ["fr"] and "stopWordFilter" in french["pipeline"]
    assert gaelic["lang"] == ["en"] and gaelic["pipeline"] == []
    assert "Parcio yn y clinig" in " ".join(d["title"] for d in search_index(site, "fr")["docs"])
    assert search_base(site, "fr/activities/") == "fr/" and search_base(site, "gd/activities/") == "gd/"
    assert not any(d["location"].startswith(("fr/", "gd/")) for d in search_index(site)["docs"])


def test_the_content_formats_schema_in_each_language(bilingual):
    """data/schema.json: the content format's JSON Schema (keys and values as the YAML writes them), its
    descriptions in the edition's language; the English one is what mic schema prints."""
    site, _ = bilingual

    def descriptions(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str):
                    yield value
                else:
                    yield from descriptions(value)
        elif isinstance(node, list):
            for value in node:
                yield from descriptions(value)

    welsh = json.loads((site / "cy" / "data" / "schema.json").read_text(encoding="utf-8"))
    english = json.loads((site / "data" / "schema.json").read_text(encoding="utf-8"))
    assert set(welsh["$defs"]) == set(english["$defs"]) and welsh["$defs"].keys() == english["$defs"].keys()
    said = list(descriptions(welsh))
    assert "y sefydliad sy'n cyhoeddi'r adroddiad" in said and "beth ddywedodd pobl, heb enwau" in said
    assert "Cynllunio" in said  # the framework's stages, in Welsh
    phrases = english_phrases()
    # a promise is written in English in the YAML ('20 working days'): the Welsh says so, and shows the form
    assert not [d for d in said if any(p in d for p in phrases) and "wedi'i ysgrifennu yn Saesneg" not in d]
    assert "the organisation publishing the report" in list(descriptions(english))
    from mic_plugin.load.formats import json_schema
    from mic_plugin.load.framework import load_framework
    assert english == json_schema(load_framework())
