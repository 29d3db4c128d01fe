"""The annual involvement reports (reports/, reports/YEAR/, reports/YEAR/report.pdf), built for real and read
as a reader gets them: the pages' words and figures, and the PDF's text opened with a PDF library.

The content spans five reporting years (1 April starts, read on 1 September 2025):

* 2021-22 holds only an outcome value;
* 2022-23 an activity and one item;
* 2023-24 nothing dated (an activity runs through it, but no record is dated in it): no report;
* 2024-25 most of the feedback, said up to 31 March 2025;
* 2025-26, the current year: an item said on 1 April 2025, and responses said earlier that reached their
  status in it.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

import pypdf
import pytest

from mic_plugin.render import pdf as pdf_engine
from kits.sitekit import LogCapture, build, page, write_site
from test_outcomes import body
from test_outcomes import words as _words

needs_pdf = pytest.mark.skipif(
    not pdf_engine.available() and not os.environ.get("MIC_REQUIRE_PDF"),
    reason='WeasyPrint is not installed: pip install -e ".[test,pdf]" (and Pango, see .ci/run) to test the PDFs')

OLD = """\
title: Carers' café pilot
summary: A café morning for carers.
approach: engaging
status: completed
started: 2022-05-01
ended: 2022-09-30
participation: {took_part: 14}
feedback:
  - id: old-cafe-hours
    said: Open the café on Saturdays too.
    date: 2022-06-10
    response:
      status: done
      did: The café now opens on the first Saturday of each month.
      communicated: 2022-07-15
      updates:
        - {date: 2022-07-01, status: done}
"""

LONG = """\
title: Long-running carers' panel
summary: A panel that met for two years.
approach: co-producing
status: completed
started: 2022-06-01
ended: 2024-04-01
"""

BUS = """\
title: Bus passes for carers
summary: Getting to appointments.
approach: consulting
status: in-progress
started: 2024-04-01
participation: {took_part: 23}
feedback:
  - id: bus-march
    said: The 6 o'clock bus never waits for the hospital shuttle.
    date: 2025-03-31
    count: 4
    response:
      status: done
      did: The shuttle now leaves ten minutes earlier.
      communicated: 2025-04-10
      updates:
        - {date: 2025-03-31, status: in-progress}
        - {date: 2025-04-01, status: done}
  - id: bus-april
    said: Nobody told us the timetable changed.
    date: 2025-04-01
    count: 2
  - id: fares
    said: Make buses free for carers.
    date: 2024-06-01
    count: 10
    response:
      status: not-doing
      reason: The council sets fares, not us; we passed your words to its transport committee.
      communicated: 2025-02-03
      updates:
        - {date: 2024-07-01, status: considering}
        - {date: 2025-02-01, status: not-doing}
  - id: aba
    said: A seat for carers in the waiting room.
    date: 2024-05-01
    response:
      status: partly-done
      did: Two seats are now kept for carers on clinic days.
      updates:
        - {date: 2024-06-01, status: partly-done}
        - {date: 2024-08-01, status: in-progress}
        - {date: 2025-05-05, status: partly-done}
  - id: told-no-updates
    said: Put the bus times on the clinic letter.
    date: 2024-10-10
    count: 3
    response:
      status: done
      did: Clinic letters now carry the bus times.
      communicated: 2025-01-15
  - id: dated-only
    said: Let carers book the shuttle by phone.
    date: 2024-11-11
    response:
      status: partly-done
      did: Phone booking works on weekdays.
outcomes:
  - id: riders
    measure: Carers using the shuttle each week
    type: engagement
    unit: carers
    value: 5
    date: 2024-05-01
  - id: riders
    value: 9
    date: 2025-02-01
  - id: riders
    value: 12
    date: 2025-06-01
"""

OUTCOMES = """\
- id: members
  measure: Carers registered with us
  type: user
  value: 100
  date: 2021-06-30
- id: members
  value: 130
  date: 2024-12-31
"""

ACTIVITIES = {"2022-cafe.yml": OLD, "2022-panel.yml": LONG, "2024-bus.yml": BUS}


def site_config(root: Path, **plugin) -> Path:
    return write_site(root, activities=ACTIVITIES, outcomes=OUTCOMES, plugin={"as_of": "2025-09-01", **plugin})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(site_config(tmp_path_factory.mktemp("reports")), strict=True)


def words(fragment: str) -> str:
    """The text as a reader reads it (no space left before punctuation where a tag ended)."""
    return re.sub(r" ([).,;:])", r"\1", _words(fragment))


def report(site: Path, year: str) -> str:
    return body(page(site, f"reports/{year}/"))


def part(report_html: str, anchor: str) -> str:
    """The section of a report whose heading has id ``anchor``."""
    match = re.search(rf'<section class="mic-report__part" aria-labelledby="{anchor}">(.*?)</section>', report_html,
                      re.DOTALL)
    assert match, f"no section {anchor}"
    return match.group(1)


def figures(report_html: str) -> dict[str, str]:
    """The headline figures as a reader reads them: term -> number."""
    said = part(report_html, "mic_report_said")
    return {words(dt): words(dd) for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", said)}


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(path).pages).split())


# --- which years ---------------------------------------------------------------------------------------------

def test_the_index_lists_every_year_with_a_dated_record_newest_first_and_names_the_empty_one(site):
    index = body(page(site, "reports/"))
    titles = re.findall(r'<h2 id="mic_year_([^"]+)"', index)
    assert titles == ["2025-26", "2024-25", "2022-23", "2021-22"]
    assert "Annual involvement report 2025-26 (so far)" in words(index)
    assert "No report for 2023-24: nothing in the records is dated in that year." in words(index)
    assert "Reporting years start on 1 April" in words(index)
    assert not (site / "reports" / "2023-24").exists()
    assert "2024-25/" in re.findall(r'href="([^"]+)"', index)


def test_the_index_gives_each_year_its_headline_figures(site):
    card = re.search(r'id="mic_year_2024-25".*?</section>', page(site, "reports/"), re.DOTALL).group(0)
    text = words(card)
    assert "1 April 2024 to 31 March 2025" in text
    assert "5 items of feedback said by 19 people · 2 activities ran · 2 changes made because of what people " \
           "said · 1 thing we could not do, with our reasons · 2 answers reported back" in text


@needs_pdf
def test_the_index_and_each_report_link_to_the_pdf_with_its_size(site):
    card = re.search(r'id="mic_year_2024-25".*?</section>', page(site, "reports/"), re.DOTALL).group(0)
    assert '<a href="2024-25/report.pdf" download>' in card
    size = (site / "reports" / "2024-25" / "report.pdf").stat().st_size
    assert f"as a PDF (PDF, {-(-size // 1024):,} KB, tagged for screen readers)" in words(card)
    html = report(site, "2024-25")
    assert '<a href="report.pdf" download>Download this report as a PDF' in html


def test_a_year_with_only_outcomes_has_a_report_of_them(site):
    html = report(site, "2021-22")
    assert "No feedback is recorded as said during this year." in words(part(html, "mic_report_said"))
    assert "No activity ran during this year." in words(part(html, "mic_report_activities"))
    outcomes = words(part(html, "mic_report_outcomes"))
    assert "1 measure had a value dated in the year" in outcomes
    assert "30 June 2021 100 None: the first value" in outcomes
    assert "No value before this year; last value in this year: 100 (on 30 June 2021)" in outcomes


# --- what people said, and where it stands ----------------------------------------------------------------------

def test_feedback_counts_in_the_year_it_was_said_31_march_and_1_april_apart(site):
    assert figures(report(site, "2024-25")) == {
        "Items of feedback": "5", "Answered": "5", "Done or partly done": "4", "Not doing": "1",
        "Awaiting a response": "0"}
    assert figures(report(site, "2025-26")) == {
        "Items of feedback": "1", "Answered": "0", "Done or partly done": "0", "Not doing": "0",
        "Awaiting a response": "1"}
    said = words(part(report(site, "2024-25"), "mic_report_said"))
    assert "we recorded 5 items of feedback, said by 19 people" in said
    assert "This is where those items stand on 1 September 2025." in said
    assert "Done 2 Partly done 2 Not doing 1" in said
    assert "Bus passes for carers 5 19 5 4 1 0" in said


def test_the_current_year_reads_so_far_and_names_the_reading_date(site):
    html = page(site, "reports/2025-26/")
    assert "<title>Annual involvement report 2025-26 (so far) - Test site</title>" in html
    assert "Tŷ Cymunedol — Test Community Trust Annual involvement report 2025-26 so far The year so far" in \
        words(html)
    text = words(report(site, "2025-26"))
    assert "The year so far: from 1 April 2025 to 1 September 2025. The reporting year runs until 31 March " \
           "2026, so these figures will still change." in text
    assert "During the year so far we recorded 1 item" in text
    past = words(report(site, "2024-25"))
    assert "so far" not in past and "The reporting year from 1 April 2024 to 31 March 2025." in past


# --- activities -----------------------------------------------------------------------------------------------------

def test_activities_that_ran_started_by_the_last_day_and_had_not_ended_before_the_first(site):
    def ran(year):
        table = part(report(site, year), "mic_report_activities")
        return [words(t) for t in re.findall(r'<tr><th scope="row"><a [^>]*>([^<]+)</a>', table)]
    assert ran("2024-25") == ["Bus passes for carers", "Long-running carers' panel"]  # the panel ended on day one
    assert ran("2025-26") == ["Bus passes for carers"]
    assert ran("2022-23") == ["Long-running carers' panel", "Carers' café pilot"]
    table = words(part(report(site, "2024-25"), "mic_report_activities"))
    assert "Bus passes for carers Consulting In progress 1 April 2024 to now 23 0 of 29 met (0%)" in table
    assert "Long-running carers' panel Co-producing Completed 1 June 2022 to 1 April 2024 Not recorded" in table


# --- what changed, what could not be done, what was reported back ---------------------------------------------

def items_in(html: str, anchor: str) -> list[str]:
    return re.findall(r'href="\.\./\.\./activities/2024-bus/#([a-z-]+)"', part(html, anchor))


def test_a_response_counts_as_a_change_in_the_year_it_reached_its_status(site):
    last, this = report(site, "2024-25"), report(site, "2025-26")
    assert items_in(last, "mic_report_changed") == ["dated-only", "told-no-updates"]
    assert items_in(this, "mic_report_changed") == ["bus-march", "aba"]  # said last year, done this year
    changed = words(part(this, "mic_report_changed"))
    assert "2 responses reached “done” or “partly done” during the year" in changed
    assert ("Done on 1 April 2025 · Bus passes for carers, item bus-march · said by 4 people on 31 March 2025 "
            "You said The 6 o'clock bus never waits for the hospital shuttle. We did The shuttle now leaves ten "
            "minutes earlier.") in changed
    assert "Partly done on 5 May 2025" in changed  # the last run of partly-done began then, not in June 2024


def test_what_we_could_not_do_says_why(site):
    last = report(site, "2024-25")
    assert items_in(last, "mic_report_not_doing") == ["fares"]
    text = words(part(last, "mic_report_not_doing"))
    assert "Not doing since 1 February 2025 · Bus passes for carers, item fares · said by 10 people" in text
    assert "Why we are not doing it The council sets fares, not us; we passed your words to its transport " \
           "committee." in text
    assert "No response reached “not doing” during this year." in words(part(report(site, "2025-26"),
                                                                                "mic_report_not_doing"))


def test_answers_reported_back_in_the_year_they_were_communicated(site):
    last, this = report(site, "2024-25"), report(site, "2025-26")
    assert items_in(last, "mic_report_reported") == ["told-no-updates", "fares"]
    assert items_in(this, "mic_report_reported") == ["bus-march"]
    assert "We reported 2 answers back to the people who said them during the year (13 people)" in \
        words(part(last, "mic_report_reported"))


def test_every_item_links_to_its_permalink_and_writes_its_address_for_paper(site):
    html = report(site, "2024-25")
    link = re.search(r'<a href="([^"]+)" data-mic-print="([^"]+)">Bus passes for carers, item fares</a>', html)
    assert link.groups() == ("../../activities/2024-bus/#fares", "https://example.org/report/activities/2024-bus/#fares")
    assert (site / "activities" / "2024-bus" / "index.html").read_text(encoding="utf-8").count('id="fares"') == 1


# --- outcomes, purpose and power -------------------------------------------------------------------------------

def test_outcome_values_in_the_year_beside_the_value_before_them(site):
    last = words(part(report(site, "2024-25"), "mic_report_outcomes"))
    assert "2 measures had a value dated in the year" in last
    assert "1 May 2024 5 carers None: the first value 1 February 2025 9 carers 5 carers on 1 May 2024" in last
    assert "31 December 2024 130 100 on 30 June 2021" in last
    this = words(part(report(site, "2025-26"), "mic_report_outcomes"))
    assert "1 June 2025 12 carers 9 carers on 1 February 2025" in this
    assert "At the end of the year before: 9 carers (on 1 February 2025); last value in this year: 12 carers" in this
    assert "Carers registered" not in this


def test_the_report_states_purpose_and_power(site):
    text = words(part(report(site, "2022-23"), "mic_report_purpose"))
    assert "Our purpose We ask people who use our services what should change" in text
    assert "How we recognise power People who use our services did not choose us" in text
    assert "People should have a say" in text


# --- the PDF ------------------------------------------------------------------------------------------------------

@needs_pdf
def test_each_year_has_a_pdf_of_its_report_with_its_figures_and_items(site):
    pdf = site / "reports" / "2024-25" / "report.pdf"
    reader = pypdf.PdfReader(pdf)
    text = pdf_text(pdf)
    assert "Annual involvement report 2024-25" in text and "Tŷ Cymunedol — Test Community Trust" in text
    assert "we recorded 5 items of feedback, said by 19 people" in text
    assert "Clinic letters now carry the bus times." in text  # a change
    assert "The council sets fares, not us" in text  # a reason
    assert "(https://example.org/report/activities/2024-bus/#fares)" in text.replace(" ", "")  # address on paper
    assert "Page 2 of" in text
    assert "The 6 o'clock bus never waits" not in text  # reached done in the next year
    assert reader.metadata.title == "Annual involvement report 2024-25"
    assert reader.metadata.author == "Tŷ Cymunedol — Test Community Trust"
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox  # A4: 595 x 842 points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@needs_pdf
def test_the_pdf_is_tagged_with_its_language_and_links_to_the_site(site):
    reader = pypdf.PdfReader(site / "reports" / "2025-26" / "report.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF boolean
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    links = [a.get_object() for p in reader.pages for a in p.get("/Annots") or []]
    uris = {a["/A"].get("/URI") for a in links if "/A" in a}
    assert "https://example.org/report/activities/2024-bus/#bus-march" in uris
    assert "https://example.org/report/reports/2025-26/" in uris
    assert "so far" in pdf_text(site / "reports" / "2025-26" / "report.pdf")


@needs_pdf
def test_two_builds_make_the_same_pdf_bytes(site, tmp_path, caplog):
    pdf_engine.html_to_pdf.cache_clear()  # made again, not taken from the previous build's
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        again = build(site_config(tmp_path))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    for year in ("2025-26", "2021-22"):
        first = (site / "reports" / year / "report.pdf").read_bytes()
        assert first == (again / "reports" / year / "report.pdf").read_bytes()
        assert b"CreationDate" not in first and b"ModDate" not in first


def test_without_weasyprint_the_build_says_once_how_to_get_pdfs_and_links_to_none(tmp_path, monkeypatch):
    from mic_plugin.render import pdf
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint raises ImportError
    pdf._weasyprint.cache_clear()
    capture = LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    level = logger.level
    logger.setLevel(logging.INFO)  # as mkdocs build sets it
    try:
        out = build(site_config(tmp_path), strict=True)
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
        pdf._weasyprint.cache_clear()
    said = [m for m in capture.messages(logging.INFO) if "PDF" in m]
    assert said == ['make-it-count: PDFs of the annual reports are not made because WeasyPrint is not installed; to make them, '
                    'pip install "make-it-count[pdf]" (WeasyPrint also needs Pango: on Debian or Ubuntu, '
                    'apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)']
    assert not list(out.rglob("*.pdf"))
    assert (out / "reports" / "2024-25" / "index.html").exists()
    for html in out.rglob("*.html"):
        assert ".pdf" not in html.read_text(encoding="utf-8"), html


# --- other reporting years --------------------------------------------------------------------------------------

def test_calendar_years_with_year_starts_01_01(tmp_path):
    out = build(site_config(tmp_path, year_starts="01-01"), strict=True)
    index = body(page(out, "reports/"))
    assert re.findall(r'<h2 id="mic_year_([^"]+)"', index) == ["2025", "2024", "2022", "2021"]
    assert "No report for 2023" in words(index) and "Reporting years start on 1 January" in words(index)
    html = report(out, "2025")
    assert figures(html)["Items of feedback"] == "2"  # 31 March and 1 April 2025 are one calendar year
    assert "The year so far: from 1 January 2025 to 1 September 2025" in words(html)
    if pdf_engine.available():
        assert "Annual involvement report 2025 so far" in pdf_text(out / "reports" / "2025" / "report.pdf")


# --- a year too long for one page -----------------------------------------------------------------------------

def test_a_year_with_more_changes_than_fit_a_page_lists_the_first_and_every_one_on_pages_of_their_own(tmp_path):
    said = "The café should stay open later on Thursdays — " + "carers finish work late and miss it. " * 12
    lines = ["title: Big consultation", "summary: Many people.", "approach: consulting", "status: completed",
             "started: 2024-04-01", "ended: 2025-03-01", "feedback:"]
    for i in range(400):
        lines += [f"  - id: big-{i:03d}", f"    said: \"{said} ({i})\"", "    date: 2024-05-01",
                  f"    response: {{status: done, did: \"We changed the Thursday hours, item {i}. {said}\"}}"]
    out = build(write_site(tmp_path, activities={"2024-big.yml": "\n".join(lines) + "\n"},
                           plugin={"as_of": "2025-09-01", "list_page_size": 150}), strict=True)
    html = page(out, "reports/2024-25/")
    assert len(html.encode("utf-8")) < 512 * 1024
    shown = items_in_any(part(body(html), "mic_report_changed"))
    assert 10 < len(shown) < 400 and shown == [f"big-{i:03d}" for i in range(len(shown))]
    assert f"These are the first {len(shown)} of 400." in words(part(body(html), "mic_report_changed"))
    full = []
    pages = sorted((out / "reports" / "2024-25" / "changed").rglob("index.html"), key=lambda p: len(str(p)))
    assert len(pages) >= 3
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert len(text.encode("utf-8")) < 512 * 1024
        full += items_in_any(body(text))
    assert sorted(full) == [f"big-{i:03d}" for i in range(400)]
    assert "What changed because of what people said, 2024-25 (page 1 of" in page(out, "reports/2024-25/changed/")
    if pdf_engine.available():  # the PDF prints more of them (see test_the_pdf_holds_the_whole_year)
        text = pdf_text(out / "reports" / "2024-25" / "report.pdf")
        printed = re.search(r"These are the first ([0-9]+) of 400\.", text)
        assert printed and len(shown) < int(printed.group(1)) < 400, printed
        last = int(printed.group(1)) - 1
        assert f"We changed the Thursday hours, item {last}." in text
        assert f"We changed the Thursday hours, item {last + 1}." not in text


def stall(i: int) -> str:
    return (f"title: Stall {i} at the market, a short chat with carers\nsummary: A chat.\napproach: informing\n"
            f"status: completed\nstarted: 2024-06-01\nended: 2024-06-02\nparticipation: {{took_part: {i % 40}}}\n"
            f"feedback:\n  - id: stall-{i:04d}\n    said: More benches.\n    date: 2024-06-01\n"
            f"    response: {{status: done, did: Two benches., communicated: 2024-07-01}}\n")


@needs_pdf
def test_the_pdf_holds_the_whole_year_where_the_page_shows_the_first(tmp_path):
    """A year of 80 activities with a change each: the page shows the first activities and changes and links
    to the rest; the PDF prints every one of them."""
    did = "Two benches by the café door, and a third by the bus stop. " * 3
    activities = {f"2024-stall-{i:04d}.yml": stall(i).replace("did: Two benches.", f'did: "{did}({i})"')
                  for i in range(80)}
    out = build(write_site(tmp_path, activities=activities, plugin={"as_of": "2025-06-01"}))
    report = page(out, "reports/2024-25/")
    assert re.search(r"These are the first [0-9]+ of 80\.", report)  # on the page, the first only
    text = pdf_text(out / "reports" / "2024-25" / "report.pdf")
    assert "These are the first" not in text
    for i in range(80):
        assert f"Stall {i} at the market" in text, i
        assert f"a third by the bus stop. ({i})" in text, i


def items_in_any(html: str) -> list[str]:
    return re.findall(r'href="(?:\.\./)+activities/2024-big/#(big-[0-9]+)"', html)


def test_late_items_are_counted_against_the_promise(tmp_path):
    pytest.importorskip("mic_plugin.derive.promise", reason="the response-time promise (issue 18) is not on main yet")
    organisation = "name: Trust\npurpose: We listen.\nrespond_within: 10 days\n"
    activity = """\
title: Drop-in
summary: A drop-in.
approach: engaging
status: in-progress
started: 2025-04-01
feedback:
  - {id: waited-long, said: Nobody answered., date: 2025-06-01}
  - {id: waited-long-too, said: Still nothing., date: 2025-08-01, count: 3}
  - {id: just-said, said: Said yesterday., date: 2025-08-31}
  - {id: answered, said: Answered., date: 2025-05-01, response: {status: considering}}
"""
    out = build(write_site(tmp_path, organisation=organisation, activities={"2025-drop-in.yml": activity},
                           plugin={"as_of": "2025-09-01"}))
    html = report(out, "2025-26")
    assert figures(html)["Late"] == "2" and figures(html)["Awaiting a response"] == "3"
    assert "awaiting a response for longer than the 10 days we promise" in words(part(html, "mic_report_said"))
    assert "Late" not in figures(report(build(site_config(tmp_path / "no-promise")), "2024-25"))
