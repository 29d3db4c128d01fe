"""The annual involvement report in every language of a site (issue 16; CONTENT_FORMAT.md 1.1, "Languages" and
"Published URLs, version 1.1"), read as a Welsh reader reads it: the index cy/reports/, each year's report
cy/reports/YEAR/, its full lists, and its PDF (the PDF's text opened with a PDF library).

Nothing is special-cased to Welsh: a site that adds Scottish Gaelic with its own translations file gets its
report in Gaelic as far as the file goes, the rest in English marked as English, and a site that changes a
Welsh word sees its word on the report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest

from mic_plugin.render import i18n
from mic_plugin.render import pdf as pdf_engine
from kits.sitekit import build, build_and_warnings, page, write_site
from test_languages_site import BUS, ORG, PARKING, english_phrases, text_in

needs_pdf = pytest.mark.skipif(not pdf_engine.available(), reason="WeasyPrint is not installed")

# A not-doing answer whose reason has no Welsh (shown in English, marked English), a late item (the promise),
# and a year with many long changes, so that its report links to its full list on pages of their own.
ORG_PROMISE = ORG + "respond_within: 20 working days\n"

FARES = """\
title: {en: Fares for carers, cy: Prisiau i ofalwyr}
summary: {en: What carers pay., cy: Beth mae gofalwyr yn ei dalu.}
approach: consulting
status: in-progress
started: 2024-04-02
feedback:
  - id: free-fares
    said: {en: Make buses free for carers., cy: Gwnewch fysiau am ddim i ofalwyr.}
    date: 2024-04-03
    count: 7
    response:
      status: not-doing
      reason: The council sets fares and we passed on your words.
      communicated: 2024-05-01
  - id: still-waiting
    said: {en: Nobody has answered me., cy: Does neb wedi fy ateb.}
    date: 2024-05-01
"""


def many_changes(n: int = 160) -> str:
    lines = ["title: {en: Big conversation, cy: Y sgwrs fawr}", "summary: {en: Everyone., cy: Pawb.}",
             "approach: consulting", "status: completed", "started: 2024-04-01", "ended: 2024-08-01", "feedback:"]
    welsh = "Dylai'r caffi aros ar agor yn hwyrach ar ddydd Iau i ofalwyr sy'n gorffen gwaith yn hwyr. " * 8
    english = "The café should stay open later on Thursdays for carers who finish work late. " * 8
    for i in range(n):
        lines += [f"  - id: big-{i:03d}", f"    said: {{en: \"{english}{i}\", cy: \"{welsh}{i}\"}}",
                  "    date: 2024-05-01",
                  f"    response: {{status: done, did: {{en: \"We changed the hours, {i}.\", "
                  f"cy: \"Gwnaethom newid yr oriau, {i}.\"}}}}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reports-cy")
    config = write_site(root, organisation=ORG_PROMISE, activities={
        "2024-bus.yml": BUS, "2024-parking.yml": PARKING, "2024-fares.yml": FARES, "2024-big.yml": many_changes()},
        mkdocs={"theme": {"name": "material", "language": "en"}})
    return build(config)


def welsh_report_pages(site: Path) -> list[Path]:
    return sorted((site / "cy" / "reports").rglob("index.html"))


def readable(html_text: str) -> str:
    """The text as a reader reads it (no space left before punctuation where a tag ended)."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html_text).replace("&#39;", "'").split())
    return re.sub(r" ([).,;:])", r"\1", text)


def test_every_welsh_report_page_is_welsh_with_no_english_words_of_the_plugin(bilingual):
    pages = welsh_report_pages(bilingual)
    urls = {str(p.parent.relative_to(bilingual)) for p in pages}
    assert {"cy/reports", "cy/reports/2023-24", "cy/reports/2024-25", "cy/reports/2024-25/changed"} <= urls, urls
    phrases = english_phrases()
    for path in pages:
        html_text = path.read_text(encoding="utf-8")
        assert '<html lang="cy"' in html_text, path
        text = text_in(html_text, "?") + " " + text_in(html_text, "cy")
        found = sorted(p for p in phrases if p in text)
        assert found == [], f"{path.relative_to(bilingual)}: {found[:5]}"
        english = path.parent.relative_to(bilingual / "cy")
        assert (bilingual / english / "index.html").is_file(), english


def test_the_welsh_index_of_reports_reads_in_welsh(bilingual):
    text = readable(page(bilingual, "cy/reports/"))
    for words in ("Adroddiadau blynyddol", "Mae blynyddoedd adrodd yn dechrau ar 1 Ebrill",
                  "Adroddiad blynyddol ar gynnwys pobl 2024-25 (hyd yma)", "Adroddiad blynyddol ar gynnwys pobl 2023-24",
                  "1 Ebrill 2024 i 1 Medi 2024, hyd yma (mae'r flwyddyn yn parhau tan 31 Mawrth 2025)",
                  "1 Ebrill 2023 i 31 Mawrth 2024"):
        assert words in text, words
    assert "Annual" not in text and "so far" not in text


def test_the_welsh_report_of_a_past_year_reads_in_welsh(bilingual):
    html_text = page(bilingual, "cy/reports/2023-24/")
    text = readable(html_text)
    for words in ("Adroddiad blynyddol ar gynnwys pobl 2023-24", "Gofalwyr Glan yr Afon",
                  "Y flwyddyn adrodd o 1 Ebrill 2023 i 31 Mawrth 2024.",
                  "Beth ddywedodd pobl wrthym", "Pasys bws i ofalwyr", "Ymgynghori", "Wedi'i gwblhau",
                  "12 Chwefror 2024 i 30 Mehefin 2024", "1,250",
                  "Wedi'i wneud ar 20 Mawrth 2024", "Pasys bws i ofalwyr, eitem bus-too-late",
                  "dywedwyd gan 3 o bobl ar 5 Mawrth 2024", "Dywedoch chi", "Mae'r bws olaf yn gadael yn rhy gynnar.",
                  "Gwnaethom ni", "Symudon ni'r clinigau gyda'r nos yn gynharach.",
                  "Gofalwyr sy'n teimlo bod rhywun yn gwrando", "42 o 100", "Am y ffigurau",
                  "Pam rydym yn cynnwys pobl", "Sut rydym yn cydnabod grym", "Nid ofalwyr a'n dewisodd ni."):
        assert words in text, words
    # the table of contents beside the report (the page's headings) is Welsh too
    toc = html_text[html_text.index('md-nav--secondary'):]
    toc = readable(toc[:toc.index("</nav>")])
    assert "Beth newidiodd o ganlyniad i'r hyn a ddywedodd pobl" in toc and "Atebion a adroddwyd yn ôl" in toc
    # the running footer on paper: "Tudalen 2 o 9"
    assert '@bottom-right { content: "Tudalen " counter(page) " o " counter(pages); }' in html_text
    assert '"Page "' in page(bilingual, "reports/2023-24/") and '"Tudalen "' not in page(bilingual, "reports/2023-24/")


def test_the_welsh_report_of_the_current_year_says_so_far_late_and_not_doing(bilingual):
    html_text = page(bilingual, "cy/reports/2024-25/")
    text = readable(html_text)
    for words in ("Adroddiad blynyddol ar gynnwys pobl 2024-25 hyd yma",
                  "Y flwyddyn hyd yma: o 1 Ebrill 2024 i 1 Medi 2024.",
                  "Yn ystod y flwyddyn hyd yma, cofnodwyd", "Yn hwyr",
                  "yn aros am ymateb am fwy na'r 20 diwrnod gwaith rydym yn ei addo",
                  "Ni fyddwn yn gwneud hyn ers 1 Mai 2024", "Pam nad ydym yn ei wneud",
                  "Gwnewch fysiau am ddim i ofalwyr.", "dywedwyd gan 7 o bobl ar 3 Ebrill 2024",
                  "Atebion a adroddwyd yn ôl yn 2024-25"):
        assert words in text, words
    # the reason has no Welsh: shown in English, marked as English
    assert re.search(r'<div lang="en"><p>The council sets fares and we passed on your words.</p>\s*</div>', html_text)
    # a long list: the first entries here, all of them on pages of their own, in Welsh
    assert re.search(r"Dyma'r [0-9]+ cyntaf o 160\. Y rhestr lawn o 160 ymateb: Beth newidiodd o ganlyniad i'r hyn "
                     r"a ddywedodd pobl \([0-9]+ tudalen\)", text), text[text.index("Dyma'r"):][:200]
    listing = readable(page(bilingual, "cy/reports/2024-25/changed/"))
    assert "Beth newidiodd o ganlyniad i'r hyn a ddywedodd pobl, 2024-25 hyd yma" in listing
    assert "Dyma'r rhestr lawn, 160 ymateb; mae'n rhan o'r ddogfen Adroddiad blynyddol ar gynnwys pobl 2024-25 " \
           "(hyd yma)" in listing


@needs_pdf
def test_the_welsh_pdf_is_welsh_down_to_its_running_footer_and_language(bilingual):
    path = bilingual / "cy" / "reports" / "2023-24" / "report.pdf"
    reader = pypdf.PdfReader(path)
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    assert reader.trailer["/Root"]["/Lang"] == "cy"
    assert reader.metadata.title == "Adroddiad blynyddol ar gynnwys pobl 2023-24"
    for words in ("Adroddiad blynyddol ar gynnwys pobl 2023-24", "Tudalen 2 o", "Cynnwys",
                  "Beth newidiodd o ganlyniad i'r hyn a ddywedodd pobl", "Mae'r adroddiad hwn ar y we yn",
                  "12 Chwefror 2024", "Wedi'i wneud ar 20 Mawrth 2024"):
        assert words in text, words
    found = sorted(p for p in english_phrases() if p in text)
    assert found == [], found[:5]
    assert "Page 2 of" in " ".join(p.extract_text() for p in pypdf.PdfReader(
        bilingual / "reports" / "2023-24" / "report.pdf").pages)


# --- any language: a site's own translations file -------------------------------------------------------------

GD = '''msgid ""
msgstr "Language: gd\\n"

msgid "Annual reports"
msgstr "Aithisgean bliadhnail"

msgid "Annual involvement report %(year)s"
msgstr "Aithisg bhliadhnail air com-pàirteachadh %(year)s"

msgid "Page %(page)s of %(pages)s"
msgstr "Duilleag %(page)s à %(pages)s"

msgid "What people told us"
msgstr "Na thuirt daoine rinn"
'''


def test_a_language_added_by_the_site_gets_its_report_and_the_rest_is_english_marked_english(tmp_path):
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "gd.po").write_text(GD, encoding="utf-8")
    (folder / "cy.po").write_text('msgid "Annual reports"\nmsgstr "Adroddiadau\'r flwyddyn"\n', encoding="utf-8")
    org = ORG.replace("languages: [en, cy]", "languages: [en, cy, gd]")
    config = write_site(tmp_path, organisation=org, activities={"2024-bus.yml": BUS},
                        plugin={"translations": "translations", "as_of": "2025-09-01"})
    site, _ = build_and_warnings(config)
    assert "<h1>Adroddiadau&#39;r flwyddyn</h1>" in page(site, "cy/reports/")  # a word the site changed

    index = page(site, "gd/reports/")
    assert '<html lang="gd"' in index and "<h1>Aithisgean bliadhnail</h1>" in index
    report = page(site, "gd/reports/2023-24/")
    assert "Aithisg bhliadhnail air com-pàirteachadh 2023-24" in report
    assert '<h2 id="mic_report_said">Na thuirt daoine rinn</h2>' in report
    assert '@bottom-right { content: "Duilleag " counter(page) " à " counter(pages); }' in report
    assert '<span lang="en">Contents</span>' in report  # not in the site's file: English, marked English
    # nothing of the plugin's English outside elements marked English, in the report itself (the navigation's
    # titles of other sections are the site-wide navigation's business)
    gd_words = " ".join(line for line in GD.splitlines() if line.startswith("msgstr"))
    phrases = {p for p in english_phrases() | _all_phrases() if p not in gd_words}
    for url in ("gd/reports/", "gd/reports/2023-24/"):
        html_text = page(site, url)
        html_text = html_text[html_text.index("<article"):html_text.index("</article>")]
        text = text_in(html_text, "?") + " " + text_in(html_text, "gd")
        found = sorted(p for p in phrases if p in text)
        assert found == [], (url, found[:5])
    if pdf_engine.available():
        reader = pypdf.PdfReader(site / "gd" / "reports" / "2023-24" / "report.pdf")
        assert reader.trailer["/Root"]["/Lang"] == "gd"
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert "Aithisg bhliadhnail air com-pàirteachadh 2023-24" in text and "Duilleag 2 à" in text


def _all_phrases() -> set[str]:
    """Every phrase of two words or more of the plugin's English messages."""
    out = set()
    for message in i18n.extract_catalog():
        for text in (message.id if isinstance(message.id, (tuple, list)) else (message.id,)):
            for part in re.split(r"%\([a-z_]+\)s|[“”\"():;,.]", text or ""):
                part = " ".join(part.split())
                if len(part.split()) >= 2:
                    out.add(part)
    return out
