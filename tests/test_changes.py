"""The change log as a reader meets it: changes/ pages, the Atom feed, the head link and activity timelines.

The content here is messy on purpose (Welsh, £, em dashes, Markdown lists, hostile HTML, several changes on one
day, a long history that needs several pages). Expected entries are counted from the YAML itself, not from
the code under test.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import yaml

from mic_plugin.derive import changes
from mic_plugin.site.changes import PAGE_BYTES, LogPages
from mic_plugin.site.changes import pages as change_log_pages
from mic_plugin.model import vocab
from mic_plugin.load.loader import load_site
from mic_plugin.derive.report import Options, Report
from mic_plugin.model.urls import Urls
from mic_plugin.mkdocs.plugin import DEFAULT_LIST_PAGE_SIZE
from kits.sitekit import build, build_and_warnings, page, write_site

BUS = """\
title: Bus passes for carers — Tocynnau bws i ofalwyr
summary: |
  A survey about getting to appointments.

  - long waits — over an hour
  - cost: £4.50 a day
approach: consulting
status: completed
started: 2024-03-01
ended: 2024-06-30
themes: [Transport]
updates:
  - date: 2024-05-20
    note: First of two notes on one day.
  - date: 2024-05-20
    note: |
      Second note, same day:

      - timetable sent to the council
      - *Diolch* to everyone
  - date: 2024-06-02
    note: 'Hostile? <script>alert("x")</script> & "quotes" — £10'
feedback:
  - id: bus-too-late
    said: The last bus leaves before evening appointments end — ask the *council*.
    date: 2024-03-05
    count: 12
    response:
      status: done
      did: We moved evening clinics to finish by 17:30.
      communicated: 2024-06-01
      updates:
        - {date: 2024-04-01, status: in-progress, note: Talking to the bus company.}
        - {date: 2024-05-20, status: done}
  - id: parking-costs
    said: Parking costs £8.
    date: 2024-03-06
  - id: welsh-signs
    said: "Arwyddion yn Gymraeg, os gwelwch yn dda: signs in Welsh please."
    date: 2024-03-07
    response:
      status: not-doing
      reason: The bus stops belong to the council; we passed it on.
      updates:
        - {date: 2024-05-20, status: considering}
        - {date: 2024-05-20, status: not-doing, note: "The council owns the signs."}
"""

FORUM = """\
title: Carers' forum
summary: A monthly forum.
approach: engaging
status: in-progress
started: 2024-05-20
"""


def long_activity(n_updates: int) -> str:
    """An activity with many updates, one a week from 2023-01-02 (a history that needs several pages)."""
    start = _dt.date(2023, 1, 2)
    updates = "".join(f"  - date: {(start + _dt.timedelta(days=7 * i)).isoformat()}\n    note: Week {i + 1} — £{i}.\n"
                      for i in range(n_updates))
    return ("title: Long-running panel\nsummary: A panel that meets weekly.\napproach: co-producing\n"
            "status: in-progress\nstarted: 2023-01-02\nupdates:\n" + updates)


def expected_entries(content: Path) -> int:
    """Every dated change the YAML records, counted straight from the files."""
    total = 0
    for path in sorted((content / "activities").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        total += 1 + ("ended" in data) + len(data.get("updates") or [])
        for item in data.get("feedback") or []:
            response = item.get("response") or {}
            total += len(response.get("updates") or []) + ("communicated" in response)
    return total


class Links(HTMLParser):
    """Collects <a> and <link> elements and the text of <li class="mic-change ...">."""

    def __init__(self):
        super().__init__()
        self.anchors: list[dict] = []
        self.links: list[dict] = []
        self.changes = 0
        self.h2: list[str] = []
        self._h2 = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a":
            self.anchors.append(a)
        elif tag == "link":
            self.links.append(a)
        elif tag == "li" and "mic-change" in (a.get("class") or "").split():
            self.changes += 1
        elif tag == "h2" and (a.get("id") or "").startswith("mic_"):
            self._h2 = ""

    def handle_data(self, data):
        if self._h2 is not None:
            self._h2 += data

    def handle_endtag(self, tag):
        if tag == "h2" and self._h2 is not None:
            self.h2.append(self._h2.strip())
            self._h2 = None


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


def resolve(page_url: str, href: str) -> str:
    """Site-relative path a relative href on the page at page_url points to (fragment dropped)."""
    href = href.split("#")[0]
    if not href:
        return page_url
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_url.rstrip("/") + "/x") if page_url.endswith("/")
                                               else posixpath.dirname(page_url), href))
    return joined + ("/" if href.endswith("/") else "")


@pytest.fixture()
def messy(tmp_path):
    activities = {"2024-bus-passes.yml": BUS, "2024-forum.yml": FORUM, "2023-panel.yml": long_activity(23)}
    config = write_site(tmp_path / "s", activities=activities, plugin={"page_size": 7, "feed_entries": 10})
    return config


# --- the model -------------------------------------------------------------------------------------------

def _report(tmp_path, activities, **options) -> Report:
    config = write_site(tmp_path / "m", activities=activities)
    result = load_site(config.parent / "content", today=_dt.date(2024, 9, 1))
    assert result.ok, result.problems
    return Report(result.site, Options(as_of=_dt.date(2024, 9, 1), **options))


def test_every_dated_change_is_an_entry_newest_first_with_a_total_order(tmp_path):
    report = _report(tmp_path, {"2024-bus-passes.yml": BUS, "2024-forum.yml": FORUM})
    log = changes.ChangeLog(report)
    entries = log.entries
    assert len(entries) == expected_entries(tmp_path / "m" / "content") == 11
    assert [c.date for c in entries] == sorted((c.date for c in entries), reverse=True)
    # 2024-05-20: the forum started, two bus updates, and two response updates on one day
    day = [(c.kind, c.activity.id, c.feedback.id if c.feedback else "", c.to_status, c.note[:6])
           for c in entries if c.date == _dt.date(2024, 5, 20)]
    assert day == [
        ("response", "2024-bus-passes", "bus-too-late", "done", ""),
        ("response", "2024-bus-passes", "welsh-signs", "not-doing", "The co"),
        ("response", "2024-bus-passes", "welsh-signs", "considering", ""),
        ("update", "2024-bus-passes", "", None, "Second"),
        ("update", "2024-bus-passes", "", None, "First "),
        ("started", "2024-forum", "", None, ""),
    ]
    keys = [c.key for c in entries]
    assert len(set(keys)) == len(keys)
    # shuffled input gives the same order: the sort key is total
    shuffled = list(entries)
    random.Random(5).shuffle(shuffled)
    assert shuffled != entries
    assert sorted(shuffled, key=lambda c: c.sort_key) == entries


def test_response_updates_say_from_which_status_to_which(tmp_path):
    report = _report(tmp_path, {"2024-bus-passes.yml": BUS})
    steps = [(c.feedback.id, c.from_label, c.to_label) for c in reversed(changes.ChangeLog(report).entries)
             if c.kind == "response"]
    assert steps == [("bus-too-late", "No response", "In progress"),
                     ("welsh-signs", "No response", "Considering"),
                     ("welsh-signs", "Considering", "Not doing"),
                     ("bus-too-late", "In progress", "Done")]
    log = changes.ChangeLog(report)
    timeline = log.for_activity("2024-bus-passes")
    assert [(c.kind, c.to_status) for c in timeline if c.feedback and c.feedback.id == "bus-too-late"] == [
        ("response", "in-progress"), ("response", "done"), ("reported-back", "done")]
    assert [c for c in timeline if c.feedback and c.feedback.id == "parking-costs"] == []
    by_item = {}
    for fid, old, new in steps:
        by_item.setdefault(fid, []).append((old, new))
    assert by_item == {"bus-too-late": [("No response", "In progress"), ("In progress", "Done")],
                       "welsh-signs": [("No response", "Considering"), ("Considering", "Not doing")]}


def test_feed_entries_link_to_the_record_and_have_plain_text(tmp_path):
    report = _report(tmp_path, {"2024-bus-passes.yml": BUS},
                     site_url="https://example.org/report", urls=Urls("mic", True))
    feed = changes.ChangeLog(report).feed()
    links = {e.link for e in feed.entries}
    assert "https://example.org/report/mic/activities/2024-bus-passes/#welsh-signs" in links
    assert "https://example.org/report/mic/activities/2024-bus-passes/" in links
    hostile = next(e for e in feed.entries if "Hostile" in e.summary)
    assert '<script>alert("x")</script> & "quotes" — £10' in hostile.summary  # text, for the writer to escape
    said = next(e for e in feed.entries if e.link.endswith("#bus-too-late"))
    assert "*" not in said.title and "ask the council" in said.title


def test_pages_split_by_page_size_and_months_continue(tmp_path):
    report = _report(tmp_path, {"2023-panel.yml": long_activity(23)}, page_size=5)
    log = LogPages(report)
    assert len(log.entries) == 24
    assert [len(p.entries) for p in log.pages] == [5, 5, 5, 5, 4]
    assert [p.page for p in log.pages][:2] == ["changes", "changes/page/2"]
    seen = [c.key for p in log.pages for m in p.months for c in m.entries]
    assert seen == [c.key for c in log.entries]
    for p in log.pages[1:]:
        prev_month = log.pages[p.number - 2].entries[-1].month
        assert p.months[0].continued == (p.entries[0].month == prev_month)
    specs = change_log_pages(report)
    assert [s.page for s in specs] == [p.page for p in log.pages]
    assert [s.nav for s in specs] == [True, False, False, False, False]


def test_long_notes_make_shorter_pages_and_every_entry_stays_in_order(tmp_path):
    """40 updates, list pages of 100 entries, but each note is 30,000 characters: pages split by weight
    (at most PAGE_BYTES of estimated HTML each, one entry at least), none heavy."""
    start = _dt.date(2023, 1, 2)
    note = "Long note, " * 2_700  # about 30,000 characters
    updates = "".join(f"  - date: {(start + _dt.timedelta(days=7 * i)).isoformat()}\n    note: {note}{i}\n"
                      for i in range(40))
    activity = ("title: Long notes\nsummary: Many words.\napproach: consulting\nstatus: in-progress\n"
                "started: 2023-01-02\nupdates:\n" + updates)
    report = _report(tmp_path, {"2023-long.yml": activity}, page_size=100)
    log = LogPages(report)
    sizes = [len(p.entries) for p in log.pages]
    assert sum(sizes) == 41 and len(sizes) > 1 and max(sizes) <= PAGE_BYTES // 60_000 + 1
    assert [c.key for p in log.pages for c in p.entries] == [c.key for c in log.entries]
    assert [p.first for p in log.pages] == [1 + sum(sizes[:i]) for i in range(len(sizes))]
    for p in log.pages:  # every entry's link from a timeline goes to the page that holds it
        for c in p.entries:
            assert log.url_of(c).startswith(report.urls.page(p.page) + "#mic_")


def test_list_page_size_sets_change_log_pages(tmp_path):
    report = _report(tmp_path, {"2023-panel.yml": long_activity(23)}, page_size=2, list_size=10)
    assert [len(p.entries) for p in LogPages(report).pages] == [10, 10, 4]


# --- built sites ------------------------------------------------------------------------------------------

def test_changes_pages_show_every_entry_reachable_by_links(messy):
    site = build(messy)
    content = messy.parent / "content"
    total = expected_entries(content)
    assert total == 11 + 24
    # follow "Older changes" from changes/ to the end, without JavaScript
    url, seen_urls, count, months = "changes/", [], 0, []
    while url:
        html = page(site, url)
        parsed = parse(html)
        seen_urls.append(url)
        count += parsed.changes
        months += [h for h in parsed.h2]
        older = [a["href"] for a in parsed.anchors if a.get("rel") == "next"]
        url = resolve(url, older[0]) if older else None
    assert count == total
    assert len(seen_urls) == -(-total // 7) == 5
    assert seen_urls[1] == "changes/page/2/"
    # month headings newest first; a month split over two pages says so
    plain = [m.replace(" (continued)", "") for m in months]
    dates = [_dt.datetime.strptime(m, "%B %Y") for m in plain]
    assert dates == sorted(dates, reverse=True)
    assert any(m.endswith("(continued)") for m in months)
    first = page(site, "changes/")
    assert '<h2 id="mic_2024-06">June 2024</h2>' in first
    assert 'aria-current="page"' in first


def test_change_log_entries_link_to_their_records_and_keep_text_safe(messy):
    site = build(messy)
    html = "".join(page(site, u) for u in ["changes/", "changes/page/2/", "changes/page/3/"])
    assert 'href="../activities/2024-bus-passes/#welsh-signs"' in html
    assert 'href="../../../activities/2024-bus-passes/#bus-too-late"' in html or \
        'href="../activities/2024-bus-passes/#bus-too-late"' in html
    assert "<script>alert" not in html
    assert '<p>Hostile? &lt;script&gt;alert("x")&lt;/script&gt; &amp; "quotes" — £10</p>' in html
    assert "<li>timetable sent to the council</li>" in html  # Markdown notes rendered
    assert "<em>Diolch</em>" in html
    assert re.search(r"from <span[^>]*>In progress</span> to <span[^>]*>Done</span>", html)
    assert re.search(r"from <span[^>]*>No response</span> to <span[^>]*>Considering</span>", html)


def test_feed_is_valid_atom_newest_first_with_absolute_links(messy):
    site = build(messy)
    raw = (site / "changes" / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == 10  # feed_entries
    dates = [e.updated_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    assert parsed.feed.updated_parsed == dates[0]
    assert all(e.link.startswith("https://example.org/report/") for e in parsed.entries)
    assert parsed.feed.author_detail.name == "Tŷ Cymunedol — Test Community Trust"
    assert len({e.id for e in parsed.entries}) == 10
    self_link = next(l.href for l in parsed.feed.links if l.rel == "self")
    assert self_link == "https://example.org/report/changes/feed.xml"
    for e in parsed.entries:  # each link points at a page that was built
        path = e.link.removeprefix("https://example.org/report/").split("#")[0]
        assert (site / path / "index.html").is_file()
    hostile = next(e for e in parsed.entries if "Hostile" in e.summary)
    assert '<script>alert("x")</script> & "quotes" — £10' in hostile.summary
    assert b"<script>" not in raw


def test_rebuild_gives_a_byte_identical_feed_wherever_it_is_built(tmp_path):
    activities = {"2024-bus-passes.yml": BUS, "2024-forum.yml": FORUM}
    one = write_site(tmp_path / "one", activities=activities, plugin={"as_of": "2024-09-01"})
    two = write_site(tmp_path / "two", activities=activities, plugin={"as_of": "2025-01-01"})
    first = (build(one) / "changes" / "feed.xml").read_bytes()
    again = (build(one) / "changes" / "feed.xml").read_bytes()
    elsewhere = (build(two) / "changes" / "feed.xml").read_bytes()
    assert first == again == elsewhere
    assert _dt.date.today().isoformat().encode() not in first
    changes_page = page(build(one), "changes/")
    assert changes_page == page(build(one), "changes/")


def test_every_page_links_to_the_feed_under_a_prefix(tmp_path):
    config = write_site(tmp_path / "p", activities={"2024-bus-passes.yml": BUS}, plugin={"prefix": "report"},
                        docs={"index.md": "# Home\n", "about/more.md": "# More\n"})
    site = build(config)
    assert (site / "report" / "changes" / "feed.xml").is_file()
    for url in ["", "about/more/", "report/activities/", "report/activities/2024-bus-passes/", "report/changes/"]:
        links = [l for l in parse(page(site, url)).links if l.get("type") == "application/atom+xml"]
        if url == "report/activities/2024-bus-passes/":  # an activity page also links its own feed
            own = links.pop()
            assert own["title"].endswith(": changes")
            assert resolve(url, own["href"]).lstrip("./") == "report/activities/2024-bus-passes/feed.xml"
        assert len(links) == 1, url
        assert links[0]["rel"] == "alternate"
        assert links[0]["title"] == "Tŷ Cymunedol — Test Community Trust: change log"
        assert resolve(url or "./", links[0]["href"]).lstrip("./") == "report/changes/feed.xml", (url, links)


def test_missing_site_url_gives_a_clear_message_and_no_feed(tmp_path):
    config = write_site(tmp_path / "n", activities={"2024-bus-passes.yml": BUS}, mkdocs={"site_url": None})
    site, said = build_and_warnings(config)
    warnings = [m for m in said if "feed" in m]
    assert len(warnings) == 1 and "site_url" in warnings[0] and "changes/feed.xml" in warnings[0]
    assert not (site / "changes" / "feed.xml").exists()
    html = page(site, "changes/")
    assert "application/atom+xml" not in html
    assert html.count('class="mic-change ') == expected_entries(config.parent / "content")


def test_missing_site_url_fails_a_strict_build(tmp_path):
    from mkdocs.exceptions import Abort

    config = write_site(tmp_path / "n", activities={"2024-bus-passes.yml": BUS}, mkdocs={"site_url": None})
    with pytest.raises(Abort):
        build(config, strict=True)


def timeline_of(html: str) -> str:
    section = html[html.index('<h2 id="mic_timeline">'):]
    return section[: section.index("</ol>")]


def test_activity_page_shows_its_timeline_oldest_first(messy):
    """The activity's own changes one by one; steps on responses counted per month, linking to the items and
    to the change log, where each step is listed."""
    site = build(messy)
    html = page(site, "activities/2024-bus-passes/")
    section = timeline_of(html)
    dates = re.findall(r'<time datetime="([0-9-]+)">', section)
    assert [d[:7] for d in dates] == sorted(d[:7] for d in dates)  # months ("2024-05") among days
    assert dates[0] == "2024-03-01" and dates[-1] == "2024-06-30"
    data = yaml.safe_load((messy.parent / "content/activities/2024-bus-passes.yml").read_text(encoding="utf-8"))
    # started, ended and each update: one line each; response steps: one line per month
    steps: dict[str, list[tuple[str, str]]] = {}
    for item in data["feedback"]:
        response = item.get("response") or {}
        for update in response.get("updates") or []:
            steps.setdefault(update["date"].isoformat()[:7], []).append(("response", update["status"]))
        if "communicated" in response:
            steps.setdefault(response["communicated"].isoformat()[:7], []).append(("reported", item["id"]))
    assert len(dates) == 2 + len(data["updates"]) + len(steps)
    lines = re.findall(r'<li class="mic-change mic-change--responses">(.*?)</li>', section, re.S)
    assert len(lines) == len(steps) == 3
    for line in lines:
        day = re.search(r'<time datetime="([0-9-]+)">', line).group(1)
        moved = [status for kind, status in steps[day] if kind == "response"]
        reported = [x for kind, x in steps[day] if kind == "reported"]
        words = " ".join(re.sub(r"<[^>]+>", "", line).split())
        if moved:
            assert f"{len(moved)} response update{'s' if len(moved) > 1 else ''} (" in words
            for status in set(moved):
                assert f"{moved.count(status)} to {vocab.RESPONSE_STATUSES[status]}" in words
        if reported:
            assert f"{len(reported)} answer reported back" in words
        # the items, on this page, and the change log page holding the day's steps
        hrefs = re.findall(r'href="([^"]+)"', line)
        items = [h[1:] for h in hrefs if h.startswith("#")]
        assert items and all(f'id="{i}"' in html for i in items)
        (log_href,) = [h for h in hrefs if not h.startswith("#")]
        target = page(site, resolve("activities/2024-bus-passes/", log_href))
        month = log_href.split("#")[1]
        assert f'<h2 id="{month}">' in target
        assert f'activities/2024-bus-passes/#{items[0]}"' in target
    assert '<time datetime="2024-05">May 2024</time>: <strong>Responses</strong>: 3 response updates (1 to' in section
    assert "Carers&#39; forum" not in section and "Long-running panel" not in section
    # same day, in the order written: first note before second
    assert section.index("First of two") < section.index("Second note")
    assert "<li><em>Diolch</em> to everyone</li>" in section and "&lt;script&gt;alert" in section
    forum = page(site, "activities/2024-forum/")
    assert timeline_of(forum).count('class="mic-change ') == 1


def test_a_big_activity_keeps_a_short_timeline(tmp_path):
    """60 items answered over four months: four lines, not 180; no list of 60 links."""
    lines = ["title: Big survey", "summary: Many answers.", "approach: consulting", "status: completed",
             "started: 2024-01-01", "ended: 2024-12-01", "feedback:"]
    for i in range(60):
        lines += [f"  - id: item-{i}", f"    said: Point number {i} — £{i}.", "    date: 2024-02-01", "    response:",
                  "      status: done", "      did: Done.", "      communicated: 2024-06-01", "      updates:",
                  f"        - {{date: 2024-0{3 + i % 2}-01, status: planned}}", "        - {date: 2024-05-01, status: done}"]
    config = write_site(tmp_path / "b", activities={"2024-big.yml": "\n".join(lines) + "\n"})
    section = timeline_of(page(build(config), "activities/2024-big/"))
    assert section.count('class="mic-change ') == 2 + 4  # started, ended; 1 March, 1 April, 1 May, 1 June
    words = " ".join(re.sub(r"<[^>]+>", "", section).split())
    assert "30 response updates (30 to Planned)" in words and "60 response updates (60 to Done)" in words
    assert "60 answers reported back" in words
    assert 'href="#item-' not in section


def test_the_demo_site_content_nobody_tuned_for_is_all_on_the_change_log(tmp_path):
    root = Path(__file__).resolve().parent.parent
    site = build(root / "mkdocs.yml", site_dir=tmp_path / "site")
    total = expected_entries(root / "content")
    url, count, pages = "changes/", 0, 0
    while url:
        parsed = parse(page(site, url))
        count, pages = count + parsed.changes, pages + 1
        older = [a["href"] for a in parsed.anchors if a.get("rel") == "next"]
        url = resolve(url, older[0]) if older else None
    assert count == total and pages == -(-total // DEFAULT_LIST_PAGE_SIZE)
    parsed = feedparser.parse((site / "changes" / "feed.xml").read_bytes())
    assert parsed.bozo == 0 and len(parsed.entries) == min(50, total)
    dates = [e.updated_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)


def test_one_pager_window_for_feedback_lists_and_the_change_log():
    from mic_plugin.site.changes import LogPage
    from mic_plugin.site.paging import Pager, window

    assert window(1, 1) == [1]
    assert window(2, 10) == [1, 2, 3, 4, 0, 10]
    assert window(5, 10) == [1, 0, 3, 4, 5, 6, 7, 0, 10]
    assert window(10, 10, around=1) == [1, 0, 9, 10]
    for number in range(1, 13):
        pager = Pager("you-said-we-did", number, 12, 600, 1, 50)
        assert pager.window() == LogPage(number, 12, [], 1, []).window() == window(number, 12)
