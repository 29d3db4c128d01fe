"""Page weight at mixes nobody tuned for (issue 14): no HTML page over 300 KiB, every item reachable by plain
links, and every permalink ``activities/ID/#FEEDBACK-ID`` finding its item.

One site, unlike the benchmark's content: 250 small activities with long titles and summaries (the
activities index is paged), two with very long texts (items of several kilobytes), and one activity with
3,000 items whose ids are 80 characters long (the longest allowed), so its page cannot keep an anchor for every item (3,000 x 87
bytes is 255 KiB on its own)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from kits.browserkit import serve_directory
from kits.sitekit import build, write_site

BAR = 300 * 1024
SMALL = 250
LONG_IDS = 3_000
WORDY = 2
HUGE = "2024-every-household-asked"


def long_id(i: int) -> str:
    return f"household-response-from-the-north-east-ward-of-the-borough-number-{i:05d}-about-bins-and-recycl"[:80]


def huge_activity() -> str:
    lines = ["title: Every household asked — pob aelwyd", "summary: The whole borough was asked about bins.",
             "approach: consulting", "status: in-progress", "started: 2024-05-01", "feedback:"]
    for i in range(LONG_IDS):
        lines += [f"  - id: {long_id(i)}", f"    said: Bins {i} are collected late on our street.",
                  "    date: 2024-06-01"]
        if i % 4 == 0:
            lines.append("    response: {status: planned, owner: Waste team}")
    return "\n".join(lines) + "\n"


def small_activity(n: int) -> str:
    title = f"Drop-in number {n} at the community centre on the corner of the long high street — sesiwn galw heibio"
    summary = ("People came to talk about what matters to them in the neighbourhood, and what they "
               "would change first. ") * 3
    return "\n".join([f"title: {title}", f"summary: {summary}", "approach: informing", "status: completed",
                      f"started: {2015 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                      f"ended: {2015 + n % 9}-{1 + n % 12:02d}-{1 + n % 28:02d}", "feedback:",
                      f"  - id: drop-in-{n}-item", "    said: More benches, please.", "    date: 2024-01-02"]) + "\n"


def wordy_activity(n: int) -> str:
    paragraph = ("We waited a long time for an answer and nobody told us what was happening with the plan for "
                 "the park, so we want the council to write to everyone on the estate. ") * 6
    lines = [f"title: Long conversation {n}", "summary: |", *(f"  {paragraph}" for _ in range(4)),
             "approach: co-designing", "status: completed", "started: 2023-02-01", "ended: 2023-09-01",
             "feedback:"]
    for i in range(40):
        lines += [f"  - id: long-{n}-{i}", "    said: |", *(f"      {paragraph}\n" for _ in range(8)),
                  "    date: 2023-03-01", "    response:", "      status: done", "      did: |",
                  *(f"        {paragraph}\n" for _ in range(4))]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mixes")
    activities = {f"drop-in-{n:04d}.yml": small_activity(n) for n in range(SMALL)}
    activities.update({f"long-{n}.yml": wordy_activity(n) for n in range(WORDY)})
    activities[f"{HUGE}.yml"] = huge_activity()
    return build(write_site(root, activities=activities))


def html_of(site: Path, url: str) -> str:
    path = site / url
    return (path / "index.html" if url.endswith("/") or not url else path).read_text(encoding="utf-8")


def links(html: str, url: str) -> set[str]:
    """Site-relative targets of the plain links of the page at ``url``."""
    return {urljoin("/" + url, href)[1:] for href in re.findall(r'<a [^>]*href="([^"#:]*)(?:#[^"]*)?"', html)
            if href}


def test_no_page_over_the_bar(site):
    heavy = sorted((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")
                   if p.stat().st_size > BAR)
    assert not heavy, heavy[-5:]


def pages_of(site: Path, first: str) -> set[str]:
    """A paged list's pages (``first`` and ``first`` + ``page/N/``), found by following its own page links as a reader
    would."""
    pages, todo = {first}, [first]
    while todo:
        url = todo.pop()
        for target in links(html_of(site, url), url):
            if re.fullmatch(re.escape(first) + r"page/\d+/", target) and target not in pages:
                pages.add(target)
                todo.append(target)
    return pages


def test_the_activities_index_is_paged_and_every_activity_is_on_one_of_its_pages(site):
    index = html_of(site, "activities/")
    pages = pages_of(site, "activities/")
    assert len(pages) > 1
    listed = []
    for url in pages:
        listed += re.findall(r'<h2 class="mic-card__title"><a href="([^"]+)"', html_of(site, url))
    ids = sorted(href.rstrip("/").split("/")[-1] for href in listed)
    expected = sorted([f"drop-in-{n:04d}" for n in range(SMALL)] + [f"long-{n}" for n in range(WORDY)] + [HUGE])
    assert ids == expected
    assert "Page 1 of" in index and 'rel="next"' in index


def items_in_full(site: Path, activity: str) -> dict[str, str]:
    """Each item id -> the page (site-relative URL) that shows it in full."""
    out: dict[str, str] = {}
    for path in (site / "activities" / activity).rglob("index.html"):
        url = str(path.parent.relative_to(site)) + "/"
        for item in re.findall(r'<article class="mic-item[^"]*" id="([^"]+)"', path.read_text(encoding="utf-8")):
            assert item not in out, item
            out[item] = url
    return out


def test_every_item_of_the_huge_activity_is_in_full_on_a_page_linked_from_its_activity_page(site):
    full = items_in_full(site, HUGE)
    assert set(full) == {long_id(i) for i in range(LONG_IDS)}
    reachable = links(html_of(site, f"activities/{HUGE}/"), f"activities/{HUGE}/") | {f"activities/{HUGE}/"}
    assert set(full.values()) <= reachable


def test_every_permalink_of_the_huge_activity_leads_to_its_item(site):
    url = f"activities/{HUGE}/"
    html = html_of(site, url)
    full = items_in_full(site, HUGE)
    anchored = set(re.findall(r'\sid="?([^"\s>]+)', html)) & set(full)
    # the page keeps as many anchors as it can carry: each under the link to the page holding its item
    groups = re.findall(r'<li data-mic-moved-page="([^"]+)" data-mic-page="(\d+)"><a href="[^"]+">[^<]*</a>'
                        r'((?:<p id=[^>]+>)*)</li>', html)
    assert groups
    for target, _, anchors in groups:
        for item in re.findall(r"<p id=([^>]+)>", anchors):
            assert full[item] == urljoin("/" + url, target)[1:], item
    assert len(anchored) > 1_000  # as many as fit, the first further items first
    # the others: the map beside the page names the page holding each; the page points the script at it
    rest = set(full) - anchored
    assert rest, "3,000 ids of 80 characters cannot all keep an anchor under 300 KiB"
    where = re.search(r'<ul class="mic-moved-pages" data-mic-map="([^"]+)">', html).group(1)
    mapping = json.loads((site / urljoin("/" + url, where)[1:]).read_text(encoding="utf-8"))["items"]
    assert set(mapping) == rest
    page_of = {int(n): urljoin("/" + url, target)[1:] for target, n, _ in groups}
    for item in rest:
        assert page_of[mapping[item]] == full[item], item
    # without JavaScript, the page says so where the pages are listed
    assert "with JavaScript on the link goes on to the item by itself" in html


def test_the_links_to_many_further_pages_share_the_anchors_room(tmp_path, monkeypatch):
    """An activity with hundreds of further pages (10,000 items with long texts) spends tens of kilobytes on the
    links to them: the anchors make room, so links and anchors together stay within their budget, and every
    item is still under an anchor or in the map."""
    from mic_plugin.site import activities as site_activities

    budget = 30_000  # scaled down: 300 items a page each (page_size 4), 75 pages, ids of 80 characters
    monkeypatch.setattr(site_activities, "ANCHORS_BYTES_MAX", budget)
    lines = ["title: Every household asked", "summary: Bins.", "approach: consulting", "status: open",
             "started: 2024-05-01", "feedback:"]
    for i in range(300):
        lines += [f"  - id: {long_id(i)}", f"    said: Bins {i} are late.", "    date: 2024-06-01"]
    site = build(write_site(tmp_path, activities={"2024-bins.yml": "\n".join(lines) + "\n"},
                            plugin={"page_size": 4}))
    html = html_of(site, "activities/2024-bins/")
    moved = re.search(r'<ul class="mic-moved-pages".*?</ul>', html, re.DOTALL).group(0)
    assert moved.count("data-mic-page=") == 74
    assert len(moved.encode("utf-8")) <= budget
    anchored = set(re.findall(r"<p id=([^>]+)>", moved))
    mapping = json.loads(page_json(site, "activities/2024-bins/feedback/pages.json"))["items"]
    assert anchored and not anchored & set(mapping)
    assert anchored | set(mapping) | set(items_in_full(site, "2024-bins")) == {long_id(i) for i in range(300)}


def page_json(site: Path, url: str) -> str:
    return (site / url).read_text(encoding="utf-8")


def test_long_texts_spread_over_pages_and_every_small_permalink_lands(site):
    for n in range(WORDY):
        full = items_in_full(site, f"long-{n}")
        assert len(full) == 40 and len(set(full.values())) > 2
        html = html_of(site, f"activities/long-{n}/")
        found = set(re.findall(r'\sid="?([^"\s>]+)', html))
        assert set(full) <= found
    assert 'id="drop-in-7-item"' in html_of(site, "activities/drop-in-0007/")


# --- with JavaScript: a permalink to an item without an anchor goes on to its page ------------------------------

def many_short_items(n: int) -> str:
    lines = ["title: Street survey", "summary: Short answers.", "approach: consulting", "status: open",
             "started: 2024-02-01", "feedback:"]
    for i in range(n):
        lines += [f"  - id: answer-{i:04d}", f"    said: Answer {i}.", "    date: 2024-02-02"]
    lines.append("outcomes:")
    for i, kind in enumerate(("user", "engagement", "feedback", "outcome", "impact") * 2):
        lines += [f"  - id: measure-{i}", f"    measure: Measure number {i}", f"    type: {kind}",
                  f"    value: {i + 1}", "    date: 2024-03-01"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium):
    from mic_plugin.site import activities as site_activities
    from mic_plugin.site import outcomes as site_outcomes

    root = tmp_path_factory.mktemp("map")
    saved = (site_activities.ANCHORS_BYTES_MAX, site_outcomes.INDEX_BYTES, site_outcomes.PAGE_MEASURES,
             site_outcomes.ANCHORS_BYTES_MAX)
    # a small site whose page has room for the links to its 50 further pages and about 35 anchors
    link = site_activities.PAGE_LINK_BYTES + 2 * len("activities/2024-street/feedback/page/10000/")
    site_activities.ANCHORS_BYTES_MAX = 51 * link + 600
    # and an outcomes index with room for the bare anchors of about four of its ten measures
    site_outcomes.INDEX_BYTES, site_outcomes.PAGE_MEASURES, site_outcomes.ANCHORS_BYTES_MAX = 0, 1, 4 * 45
    try:
        out = build(write_site(root, activities={"2024-street.yml": many_short_items(200)}, plugin={"page_size": 4}))
    finally:
        (site_activities.ANCHORS_BYTES_MAX, site_outcomes.INDEX_BYTES, site_outcomes.PAGE_MEASURES,
         site_outcomes.ANCHORS_BYTES_MAX) = saved
    with serve_directory(out) as base:
        yield chromium, base, out


def lands(browser, address: str, landing: str, selector: str) -> bool:
    """Whether opening ``address`` goes on (mic.js) to a page whose address matches ``landing`` and which holds
    exactly one ``selector``."""
    page = browser.new_page()
    try:
        page.goto(address)
        page.wait_for_url(re.compile(landing), timeout=10_000)
        return page.locator(selector).count() == 1
    finally:
        page.close()


def test_permalinks_go_on_to_their_items_with_javascript(served):
    browser, base, out = served
    html = html_of(out, "activities/2024-street/")
    assert "<p id=answer-0010>" in html and "id=answer-0199" not in html
    for item in ("answer-0010", "answer-0199"):  # one with an anchor here, one named only in the map
        assert lands(browser, base + f"activities/2024-street/#{item}",
                     rf".*/activities/2024-street/feedback/page/\d+/#{item}$", f'article[id="{item}"]')


def test_measure_permalinks_go_on_to_their_charts_with_javascript(served):
    """outcomes/#ANCHOR reaches the measure's type page, whether the index kept its anchor or only
    outcomes/pages.json names its page."""
    browser, base, out = served
    index = html_of(out, "outcomes/")
    kept = re.findall(r'<i id="([^"]+)"></i>', index)
    mapped = list(json.loads((out / "outcomes" / "pages.json").read_text(encoding="utf-8"))["items"])
    assert kept and mapped
    for anchor in (kept[0], mapped[0], mapped[-1]):
        assert lands(browser, base + f"outcomes/#{anchor}", rf".*/outcomes/\w+/(page/\d+/)?#{anchor}$",
                     f'h3[id="{anchor}"]')


def test_the_quality_table_is_continued_on_further_pages_with_every_activity_once(site):
    pages = pages_of(site, "quality/")
    assert len(pages) > 1
    rows = []
    for url in pages:
        html = html_of(site, url)
        assert "All activities" in html  # the site's totals on every page of the table
        rows += re.findall(r'<tr><th scope="row"><a href="([^"#]+)#mic_checklist">', html)
    ids = sorted(href.rstrip("/").split("/")[-1] for href in rows)
    assert ids == sorted([f"drop-in-{n:04d}" for n in range(SMALL)] + [f"long-{n}" for n in range(WORDY)] + [HUGE])
    assert 'id="mic_quality_markers"' in html_of(site, "quality/")  # the markers explained stay on quality/
