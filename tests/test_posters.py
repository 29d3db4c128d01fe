"""CONTENT_FORMAT.md, "Published URLs, version 1.1": activities/ID/poster/, the one-page A4 noticeboard poster.

What a reader sees: the activity's title, the organisation's name, up to six answered items (done and partly
done first, most recently reached first) as "You said" and "We did", a QR code opening the activity's page
(read back from a screenshot by a barcode decoder), no site furniture, and one A4 page when printed.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
from types import SimpleNamespace as NS

import pytest

from mic_plugin.derive.posters import poster_items
from kits.sitekit import build, build_and_warnings, page, write_site

D = _dt.date


def _item(id, status=None, updates=(), communicated=None, said=D(2024, 1, 1)):
    response = None if status is None else NS(status=status, communicated=communicated,
                                              updates=[NS(date=d, status=s) for d, s in updates])
    return NS(id=id, date=said, response=response)


def test_done_and_partly_done_first_most_recently_reached_first_at_most_six():
    items = [
        _item("awaiting"),
        _item("old-done", "done", [(D(2024, 2, 1), "done")]),
        _item("considering-new", "considering", [(D(2024, 9, 1), "considering")]),
        # reached done on 1 March (the first update of the last run of done), not on 20 May
        _item("done-run", "done", [(D(2024, 2, 2), "planned"), (D(2024, 3, 1), "done"), (D(2024, 5, 20), "done")]),
        _item("partly", "partly-done", [(D(2024, 4, 1), "partly-done")]),
        _item("communicated", "not-doing", communicated=D(2024, 8, 1)),  # no update: its communicated date
        _item("said-only", "referred", said=D(2024, 7, 1)),  # nothing else: the day it was said
        _item("done-again", "done", [(D(2024, 1, 5), "done"), (D(2024, 2, 5), "planned"), (D(2024, 6, 1), "done")]),
        _item("planned", "planned", [(D(2024, 1, 10), "planned")]),
    ]
    chosen = [i.id for i in poster_items(NS(feedback=items))]
    assert chosen == ["done-again", "partly", "done-run", "old-done", "considering-new", "communicated"]
    assert [i.id for i in poster_items(NS(feedback=items), limit=20)][-3:] == [
        "communicated", "said-only", "planned"]
    assert poster_items(NS(feedback=[_item("a"), _item("b")])) == []


LONG = "really " * 60

ORG = f"""\
name: The Riverside and Wyeford Carers' Network and Community Health Partnership — {LONG[:60]}
purpose: We ask carers.
"""


def _activity(n_items: int, *, long: bool = False, title: str = "Hospital discharge") -> str:
    lines = [f"title: {title}", "summary: About going home.", "approach: co-designing", "status: in-progress",
             "started: 2024-01-01", "feedback:"]
    statuses = ["done", "partly-done", "in-progress", "not-doing", "done", "referred", "planned", "done"]
    for i in range(n_items):
        status = statuses[i % len(statuses)]
        text = ("The letter came too late and nobody told me what happens next, " + LONG) if long else f"Said {i}."
        answer = ("We changed the letter and we now phone every carer the day before, " + LONG) if long \
            else f"Did {i}."
        field = "reason" if status == "not-doing" else "did"
        lines += [f"  - id: item-{i}", f"    said: \"{text}\"", f"    date: 2024-02-{i + 1:02d}",
                  "    response:", f"      status: {status}", f"      {field}: \"{answer}\"",
                  "      updates:", f"        - {{date: 2024-03-{i + 1:02d}, status: {status}}}"]
    lines += ["  - id: waiting", "    said: Still waiting.", "    date: 2024-02-20"]
    return "\n".join(lines) + "\n"


NO_ANSWERS = """\
title: Planning
summary: Not started.
approach: consulting
status: open
started: 2024-05-01
feedback:
  - {id: nobody-yet, said: Hello., date: 2024-05-02}
"""


def _site(tmp_path, activity=None, **kw):
    return build(write_site(tmp_path, organisation=kw.pop("organisation", ORG),
                            activities={"2024-discharge.yml": activity or _activity(8),
                                        "2024-planning.yml": NO_ANSWERS}, **kw))


def test_poster_page_shows_six_answered_items_a_code_and_the_address_and_no_site_furniture(tmp_path):
    site = _site(tmp_path)
    html = page(site, "activities/2024-discharge/poster/")
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert re.search(r"<title>Hospital discharge: you said, we did - Test site</title>", html)
    for furniture in ("md-header", "md-nav", "md-footer", "md-search", "md-sidebar", "<nav", "<script"):
        assert furniture not in html, furniture
    assert "<h1>Hospital discharge</h1>" in html
    assert "The Riverside and Wyeford Carers&#39; Network" in html
    said = re.findall(r'<span class="mic-poster__label">You said</span>([^<]*)</p>', html)
    did = re.findall(r'<span class="mic-poster__label">We did</span>([^<]*)</p>', html)
    # Done and partly done first (most recently reached first), then the other answers: items 7, 4, 1, 0,
    # then 6 (planned, reached 7 March), 5 (referred, 6 March); never the item still waiting.
    assert said == ["Said 7.", "Said 4.", "Said 1.", "Said 0.", "Said 6.", "Said 5."]
    assert did == ["Did 7.", "Did 4.", "Partly done: Did 1.", "Did 0.", "Planned: Did 6.", "Referred: Did 5."]
    address = "https://example.org/report/activities/2024-discharge/"
    figure = re.search(r'<figure class="mic-poster__code" role="img" aria-label="([^"]*)"><svg ([^>]*)>', html)
    assert figure and figure.group(1) == f"QR code: scan it with a phone camera to open {address}"
    assert 'aria-hidden="true"' in figure.group(2)
    assert f'<span class="mic-poster__address">{address}</span>' in html
    activity_page = page(site, "activities/2024-discharge/")
    assert re.search(r'<a href="poster/">Print poster</a>', activity_page)
    assert not (site / "activities/2024-planning/poster").exists()  # no answer yet: no poster
    assert "Print poster" not in page(site, "activities/2024-planning/")
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if "poster" in d["location"]]


def test_long_texts_are_cut_at_a_word_with_the_whole_text_one_scan_away(tmp_path):
    site = _site(tmp_path, _activity(8, long=True))
    html = page(site, "activities/2024-discharge/poster/")
    said = re.findall(r'<span class="mic-poster__label">You said</span>([^<]*)</p>', html)
    assert len(said) == 6 and all(s.endswith("…") and len(s) <= 101 for s in said)
    assert all(s.startswith("The letter came too late") for s in said)


def test_without_site_url_no_code_and_one_warning(tmp_path):
    site, warnings = build_and_warnings(write_site(
        tmp_path, organisation=ORG, activities={"2024-discharge.yml": _activity(8), "2024-planning.yml": NO_ANSWERS},
        mkdocs={"site_url": None}))
    html = page(site, "activities/2024-discharge/poster/").split("<body>")[1]
    assert "<svg" not in html and "mic-poster__code" not in html
    assert "on our website, under “Hospital discharge”" in html
    about_posters = [m for m in warnings if "poster" in m]
    assert len(about_posters) == 1 and "site_url" in about_posters[0] and "QR code" in about_posters[0]


# --- in the browser ----------------------------------------------------------------------------------------------

A4_POINTS = (595.28, 841.89)  # 210 x 297 mm in PostScript points


def _open(chromium, path, **context):
    ctx = chromium.new_context(**context)
    tab = ctx.new_page()
    tab.goto(path.resolve().as_uri())
    return ctx, tab


@pytest.mark.browser
def test_the_code_on_the_rendered_poster_opens_the_activity_page(tmp_path, chromium):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    site = _site(tmp_path, _activity(8, long=True))
    ctx, tab = _open(chromium, site / "activities/2024-discharge/poster/index.html",
                     viewport={"width": 794, "height": 1123})
    try:
        png = tab.screenshot(full_page=True)
    finally:
        ctx.close()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [(r.format.name, r.text) for r in found] == [
        ("QRCode", "https://example.org/report/activities/2024-discharge/")]


@pytest.mark.browser
@pytest.mark.parametrize("title", ["Hospital discharge",
                                   "Co-designing the carers' hospital discharge pathway with the two acute trusts, "
                                   "the community health services and the county council's adult social care teams"])
def test_the_poster_prints_on_one_a4_page_with_six_long_items(tmp_path, chromium, title):
    pypdf = pytest.importorskip("pypdf")
    site = _site(tmp_path, _activity(8, long=True, title=title))
    ctx, tab = _open(chromium, site / "activities/2024-discharge/poster/index.html")
    try:
        assert len(tab.locator(".mic-poster__item").all()) == 6
        pdf = tab.pdf(format="A4", print_background=True)
    finally:
        ctx.close()
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    box = pages[0].mediabox
    assert abs(float(box.width) - A4_POINTS[0]) < 2 and abs(float(box.height) - A4_POINTS[1]) < 2  # A4, portrait
    text = pages[0].extract_text()
    assert "You said, we did" in text and "https://example.org/report/activities/2024-discharge/" in text.replace("\n", "")
