"""The "you said, we did" pages: every item reachable without JavaScript, figures, filters, the JSON index."""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from pathlib import Path

import pytest

from mic_plugin.model import vocab
from mic_plugin.load.loader import load_site
from kits.sitekit import ACTIVITY, build, page, write_site

STATUSES = ["done", "planned", "not-doing", "considering", None, "referred", "partly-done", "in-progress", None]


def many_items_activity(title: str, prefix: str, year: int, themes: list[list[str]]) -> str:
    """An activity with one item per entry of STATUSES (None: awaiting), with varied themes and counts."""
    lines = [f"title: {title}", "summary: Lots of comments — some *long*.", "approach: engaging",
             "status: completed", f"started: {year}-01-01", f"ended: {year}-12-31", "feedback:"]
    for i, status in enumerate(STATUSES):
        lines += [f"  - id: {prefix}-{i}", f"    said: \"Item {prefix} {i}: £{i}0 — costs <b>too</b> much\"",
                  f"    date: {year}-02-{i + 1:02d}", f"    count: {i + 2}",
                  f"    themes: {json.dumps(themes[i % len(themes)])}"]
        if status:
            lines += ["    response:", f"      status: {status}"]
            if status == "not-doing":
                lines.append("      reason: No budget.")
            else:
                lines.append(f"      did: Did {prefix} {i}.")
            if i % 2 == 0:
                lines.append(f"      communicated: {year}-03-01")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("ysw")
    activities = {
        "2024-bus-passes.yml": ACTIVITY,
        "2023-big.yml": many_items_activity("Big survey", "big", 2023, [["Money"], ["money", "Housing"], []]),
        "2022-old.yml": many_items_activity("Old forum", "old", 2022, [["MONEY"], ["Gofal â Chymraeg"]]),
    }
    config = write_site(root, activities=activities, plugin={"page_size": 4})
    return root, build(config, strict=True)


def text_of(fragment: str) -> str:
    inline = re.sub(r"</?(?:a|em|strong|span|time|code)\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def rows(doc: str) -> list[str]:
    return re.findall(r'<li class="mic-row[^"]*">.*?</li>\n', doc, re.S)


def permalinks(doc: str, url: str) -> list[str]:
    """The permalinks a list page links to, resolved to site-relative URLs."""
    out = []
    for row in rows(doc):
        href = html.unescape(re.search(r'<p class="mic-row__more"><a href="([^"]+)"', row).group(1))
        path, _, fragment = href.partition("#")
        out.append(posixpath.normpath(posixpath.join(url, path)) + "/#" + fragment)
    return out


def walk(out: Path, first: str) -> list[tuple[str, str]]:
    """Follow "Next page" links from ``first``; return (url, html) of every page."""
    pages, url = [], first
    while url:
        doc = page(out, url)
        pages.append((url, doc))
        nxt = re.search(r'<a href="([^"]+)" rel="next">', doc)
        url = posixpath.normpath(posixpath.join(url, nxt.group(1))) + "/" if nxt else None
    return pages


def test_every_item_reachable_without_javascript_linking_to_its_permalink(site):
    root, out = site
    loaded = load_site(root / "content").site
    everything = [f for a in loaded.activities for f in a.feedback]
    pages = walk(out, "you-said-we-did/")
    assert len(pages) == -(-len(everything) // 4)
    assert pages[1][0] == "you-said-we-did/page/2/"
    links = [link for url, doc in pages for link in permalinks(doc, url)]
    assert sorted(links) == sorted(f"activities/{f.activity}/#{f.id}" for f in everything)
    # newest first
    by_id = {f.id: f for f in everything}
    dates = [by_id[link.split("#")[1]].date for link in links]
    assert dates == sorted(dates, reverse=True)
    # each permalink's target exists on the activity page
    for link in links:
        path, _, fragment = link.partition("#")
        assert f'id="{fragment}"' in page(out, path)
    assert all(len(rows(doc)) <= 4 for _, doc in pages)


def test_rows_show_status_in_words_and_escape_text(site):
    _, out = site
    doc = page(out, "you-said-we-did/")
    first = text_of(rows(doc)[0])
    assert first.startswith("Awaiting response 6 March 2024 · 1 person · Bus passes for carers")
    assert "Awaiting a response for" in first
    body = "".join(doc for _, doc in walk(out, "you-said-we-did/"))
    assert "<b>too</b>" not in body and "&lt;b&gt;too&lt;/b&gt;" in body
    assert "Item big 0: £00 — costs" in text_of(body)
    for label in ("Done", "Planned", "Not doing", "Considering", "Referred", "Partly done", "In progress"):
        assert f">{label}</span>" in body


def test_headline_figures_add_up(site):
    root, out = site
    loaded = load_site(root / "content").site
    items = [f for a in loaded.activities for f in a.feedback]
    figures = text_of(re.search(r'<dl class="mic-figures">.*?</dl>', page(out, "you-said-we-did/"), re.S).group(0))
    people = sum(f.count for f in items)
    answered = sum(1 for f in items if f.response)
    done = sum(1 for f in items if f.response and f.response.status in ("done", "partly-done"))
    reported = sum(1 for f in items if f.response and f.response.communicated)
    assert f"People who said these things {people:,} in {len(items)} items" in figures
    assert f"Answered {answered} {len(items) - answered} awaiting a response" in figures
    assert f"Done or partly done {done}" in figures
    assert f"Reported back {reported}" in figures


def test_no_pre_filtered_pages_the_form_counts_each_status_and_theme(site):
    """Filtering by status and theme happens in the browser, over every item; the form's choices count the
    items (themes compared without case, shown as first written)."""
    root, out = site
    loaded = load_site(root / "content").site
    items = [f for a in loaded.activities for f in a.feedback]
    assert not (out / "you-said-we-did/status").exists() and not (out / "you-said-we-did/theme").exists()
    form = re.search(r"<form class=\"mic-filter\".*?</form>", page(out, "you-said-we-did/"), re.S).group(0)
    for status in {f.status for f in items}:
        label = vocab.AWAITING_LABEL if status == "awaiting" else vocab.RESPONSE_STATUSES[status]
        count = sum(1 for f in items if f.status == status)
        assert f'<option value="{status}">{label} ({count})</option>' in form
    assert '<option value="cancelled">' not in form
    money = sum(1 for f in items if "money" in [t.casefold() for t in f.themes])
    assert f'<option value="money">Money ({money})</option>' in form  # "Money" is written before "money", "MONEY"
    assert '<option value="gofal-a-chymraeg">Gofal â Chymraeg (' in form


def test_item_themes_link_to_the_list_filtered_by_theme(site):
    _, out = site
    doc = page(out, "activities/2023-big/")
    article = re.search(r'<article class="mic-item" id="big-1">.*?</article>', doc, re.S).group(0)
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)">(?:money|Money|Housing)</a>', article)]
    targets = sorted(posixpath.normpath(posixpath.join("activities/2023-big/", h.split("?")[0])) + "/?" +
                     h.split("?")[1] for h in hrefs)
    assert targets == ["you-said-we-did/?theme=housing", "you-said-we-did/?theme=money"]


def test_filter_form_is_labelled_hidden_until_script_and_announces(site):
    _, out = site
    doc = page(out, "you-said-we-did/page/2/")
    form = re.search(r"<form class=\"mic-filter\".*?</form>", doc, re.S).group(0)
    assert " hidden " in form  # shown by mic.js; without it, the complete list and the activity links remain
    for name in ("status", "theme", "activity"):
        assert f'<label for="mic-filter-{name}">' in form and f'<select id="mic-filter-{name}" name="{name}">' in form
    assert 'role="status" aria-live="polite"' in doc
    index_href = html.unescape(re.search(r'data-index="([^"]+)"', form).group(1))
    assert posixpath.normpath(posixpath.join("you-said-we-did/page/2/", index_href)) == "you-said-we-did/items.json"
    assert "Browse by activity" in doc and "#mic_feedback" in doc


def test_json_index_holds_every_item(site):
    root, out = site
    loaded = load_site(root / "content").site
    data = json.loads((out / "you-said-we-did/items.json").read_text(encoding="utf-8"))
    items = [f for a in loaded.activities for f in a.feedback]
    assert sorted(i[0] for i in data["items"]) == sorted(f.id for f in items)
    by_id = {f.id: f for f in items}
    for fid, a, s, themes, date, count, snippet in data["items"]:
        f = by_id[fid]
        assert data["activities"][a][0] == f.activity
        assert data["activities"][a][2] == f"activities/{f.activity}/"
        assert data["statuses"][s][0] == f.status
        assert {data["themes"][t][1].casefold() for t in themes} == {t.casefold() for t in f.themes}
        assert date == f.date.isoformat() and count == f.count
        if fid.startswith(("big-", "old-")):  # short texts: the words as written (raw HTML stays text)
            assert snippet == f.said
    assert ["money", "Money"] in data["themes"]


def test_single_page_without_pager_when_few_items(tmp_path):
    out = build(write_site(tmp_path))
    doc = page(out, "you-said-we-did/")
    assert 'class="mic-pager"' not in doc and len(rows(doc)) == 2
    assert not (out / "you-said-we-did/page").exists()


def test_as_of_drives_waiting_days(tmp_path):
    out = build(write_site(tmp_path, plugin={"as_of": "2024-12-31"}))
    days = (dt.date(2024, 12, 31) - dt.date(2024, 3, 6)).days
    assert f"Awaiting a response for {days} days." in text_of(page(out, "you-said-we-did/"))


def test_large_activity_splits_its_feedback_and_keeps_every_permalink(site):
    """page_size 4: the activity page holds items 1-4 in full; 5-8 and 9 are on further pages, and each
    keeps an element with its id on the activity page that links to its full text."""
    root, out = site
    loaded = load_site(root / "content").site
    big = next(a for a in loaded.activities if a.id == "2023-big")
    doc = page(out, "activities/2023-big/")
    full = re.findall(r'<article class="mic-item" id="([^"]+)">', doc)
    assert full == [f.id for f in big.feedback[:4]]
    for i, item in enumerate(big.feedback[4:], start=4):
        number = 2 + (i - 4) // 4
        stub = re.search(rf'<li id="{item.id}" data-mic-moved="([^"]+)"><a href="([^"]+)">(.*?)</a></li>', doc)
        assert stub, item.id
        assert posixpath.normpath(posixpath.join("activities/2023-big/", stub.group(2))) == \
            f"activities/2023-big/feedback/page/{number}/#{item.id}"
        assert text_of(stub.group(3)).endswith(item.said)  # the words as written, escaped
        target = page(out, f"activities/2023-big/feedback/page/{number}/")
        assert f'<article class="mic-item" id="{item.id}">' in target
        assert text_of(target).count(f"Did big {i}.") == (1 if item.response and item.response.did else 0)
    assert not (out / "activities/2023-big/feedback/page/4").exists()
    assert len(re.findall(r'<article class="mic-item"', page(out, "activities/2023-big/feedback/page/3/"))) == 1
    assert "data-mic-moved" not in page(out, "activities/2024-bus-passes/")  # small activities are one page
    assert not (out / "activities/2024-bus-passes/feedback").exists()


def test_list_snippets_are_the_builds_plain_text_of_each_text(tmp_path):
    """A row's first words come from the one HTML-to-text path (report.excerpt): no stray space where inline
    markup closes before punctuation, cut on a word boundary."""
    from mic_plugin.derive.feedback import SNIPPET_CHARS, views
    from mic_plugin.derive.report import Options, Report

    said = "We asked *twice*, then wrote to [the council](https://example.org). " + "Long words here. " * 20
    activity = ACTIVITY.replace("said: The last bus leaves before evening appointments end.", f"said: {said}")
    config = write_site(tmp_path, activities={"2024-bus-passes.yml": activity})
    result = load_site(config.parent / "content", today=dt.date(2024, 9, 1))
    assert result.ok, result.problems
    report = Report(result.site, Options(as_of=dt.date(2024, 9, 1)))
    item = next(f for f in report.feedback if f.id == "bus-too-late")
    snippet = views(report).snippet(item)
    assert snippet.startswith("We asked twice, then wrote to the council. Long words here.")
    assert snippet == report.excerpt(item.said, SNIPPET_CHARS) and len(snippet) <= SNIPPET_CHARS
    assert snippet.endswith("…") and not snippet[:-1].endswith(" ")
    assert views(report).answer_snippet(item) == "We moved evening clinics to finish by 17:30."
