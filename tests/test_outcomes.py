"""The outcomes page and each activity's outcomes section, built from content nobody tuned for.

Sites are built for real (mkdocs build in tmp_path); assertions are on the HTML a reader gets.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from kits.sitekit import build, page, write_site

ACTIVITY = """\
title: Bws i'r ysbyty — carers' transport
summary: |
  Getting to appointments. Tocyn bws costs £4.50 — too much.
approach: co-designing
status: in-progress
started: 2024-02-01
feedback:
  - id: 2024-bws-listened-to-title
    said: "An id equal to what the chart would name its title without the plugin's underscore"
    date: 2024-02-03
outcomes:
  - id: listened-to
    measure: Carers who felt listened to — "gwrando"
    type: feedback
    unit: people
    value: 21
    out_of: 50
    date: 2024-03-05
    baseline: 15
    target: 40
    method: exit survey (self-report)
  - id: listened-to
    value: 30
    out_of: 50
    date: 2024-06-05
  - id: listened-to
    value: 33.5
    out_of: 50
    date: 2024-08-05
    method: exit survey, asked by a carer
  - id: reported-back
    measure: Answers reported back
    type: engagement
    value: 29
    out_of: 38
    date: 2024-04-30
  - id: reported-back
    value: 36
    out_of: 43
    date: 2024-07-31
  - id: fares-paid
    measure: "Fares paid by carers <b>each month</b> (£)"
    type: outcome
    unit: £
    value: 1250000
    date: 2024-05-01
"""

QUIET = """\
title: A planned activity with no measures
summary: Not started yet.
approach: informing
status: planned
started: 2024-08-01
"""

OUTCOMES = """\
- id: carers-registered
  measure: Carers registered (Cymraeg yn gyntaf)
  type: user
  unit: carers
  value: 1840
  date: 2023-03-31
- id: carers-registered
  value: 2115
  date: 2024-03-31
- id: temperature-gap
  measure: Change in wellbeing score
  type: outcome
  value: -2
  baseline: 0
  target: 5
  date: 2024-06-30
  method: WEMWBS, before and after
- id: huge
  measure: A count too large to draw
  type: engagement
  value: 2000000000000000
  date: 2024-01-01
- id: huge
  value: 3000000000000000
  date: 2024-02-01
- id: listened-to
  measure: Members who felt listened to, organisation-wide
  type: feedback
  unit: "%"
  value: 64
  date: 2024-07-01
"""


def words(fragment: str) -> str:
    """The text of an HTML fragment as a reader hears it: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def body(page_html: str) -> str:
    start = page_html.index("<h1")
    return page_html[start:page_html.index("</article>", start)]


def section(page_html: str, anchor: str) -> str:
    """The <section> of the measure whose heading has id ``anchor``."""
    match = re.search(rf'<section class="mic-measure" aria-labelledby="{re.escape(anchor)}">(.*?)</section>',
                      page_html, re.DOTALL)
    assert match, f"no measure section {anchor}"
    return match.group(1)


def ids(page_html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', page_html)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("outcomes")
    config = write_site(root, activities={"2024-bws.yml": ACTIVITY, "2024-quiet.yml": QUIET}, outcomes=OUTCOMES)
    return build(config, strict=True)


@pytest.fixture(scope="module")
def index_page(site) -> str:
    return body(page(site, "outcomes/"))


TYPES = ("user", "engagement", "feedback", "outcome", "impact")


@pytest.fixture(scope="module")
def outcomes_page(site) -> str:
    """Every type's page (the measures in full), one after the other."""
    return "".join(body(page(site, f"outcomes/{t}/")) for t in TYPES if (site / "outcomes" / t).is_dir())


def test_types_in_the_seed_order_each_with_its_questions(index_page):
    positions = [index_page.index(f'<h2 id="mic_data_{t}">') for t in TYPES]
    assert positions == sorted(positions)
    text = words(index_page)
    assert "User data The characteristics of the service users you aim to reach." in text
    assert "Is the service effective at reaching the target group?" in text
    assert "Can you attribute this change to your service?" in text  # impact's questions, though it is empty
    assert "No impact measures published yet." in text
    for present in ("user", "engagement", "feedback", "outcome"):
        assert f"No {present} measures published yet" not in text


def test_every_measure_under_its_type(site, index_page):
    expected = {
        "user": ["measure_organisation_carers-registered"],
        "engagement": ["measure_organisation_huge", "measure_2024-bws_reported-back"],
        "feedback": ["measure_organisation_listened-to", "measure_2024-bws_listened-to"],
        "outcome": ["measure_organisation_temperature-gap", "measure_2024-bws_fares-paid"],
    }
    # the index: each measure by name under its type, its line holding the anchor, linking to it in full
    cuts = re.split(r'<h2 id="mic_data_([a-z]+)">', index_page)
    found = {cuts[i]: re.findall(r'<li id="(measure_[^"]+)"', cuts[i + 1]) for i in range(1, len(cuts), 2)}
    assert found == {**expected, "impact": []}
    for anchor in sum(expected.values(), []):
        href = re.search(rf'<li id="{anchor}" data-mic-moved><a href="([^"]+)">', index_page).group(1)
        path, _, fragment = href.partition("#")
        assert fragment == anchor
        assert f'<h3 id="{anchor}">' in (site / "outcomes" / path / "index.html").read_text(encoding="utf-8")
    # each type's page: its measures in full, in the same order; a type without measures has no page
    for data_type, anchors in expected.items():
        assert re.findall(r'<h3 id="(measure_[^"]+)"', body(page(site, f"outcomes/{data_type}/"))) == anchors
    assert not (site / "outcomes" / "impact").exists()
    assert 'href="user/"' in index_page and 'href="impact/"' not in index_page


def test_latest_value_with_out_of_baseline_target_method_and_date(outcomes_page):
    text = words(section(outcomes_page, "measure_2024-bws_listened-to"))
    # latest: 33.5 of 50 people = 67%; baseline and target carried from the first entry; the newer method
    assert text.startswith('Carers who felt listened to — "gwrando" 33.5 of 50 (67%) people on 5 August 2024')
    assert "Baseline 15 people" in text
    assert "Target 40 people" in text
    assert "Method exit survey, asked by a carer" in text
    assert "Activity Bws i'r ysbyty — carers' transport" in text


def test_single_values_have_no_chart(outcomes_page):
    fares = section(outcomes_page, "measure_2024-bws_fares-paid")
    assert "<svg" not in fares and "<table" not in fares
    text = words(fares)
    assert text.startswith("Fares paid by carers <b>each month</b> (£) £1,250,000 on 1 May 2024")
    assert "<b>" not in fares  # plain text, escaped
    gap = words(section(outcomes_page, "measure_organisation_temperature-gap"))
    assert "-2 on 30 June 2024" in gap and "Baseline 0" in gap and "Target 5" in gap
    assert "Method WEMWBS, before and after" in gap and "Activity Organisation-wide" in gap
    pct = words(section(outcomes_page, "measure_organisation_listened-to"))
    assert "64% on 1 July 2024" in pct


def test_series_are_charts_with_their_numbers_in_a_table(outcomes_page):
    sec = section(outcomes_page, "measure_2024-bws_listened-to")
    svg = re.search(r"<svg[^>]*>.*?</svg>", sec, re.DOTALL).group(0)
    assert 'role="img"' in svg
    title = words(re.search(r"<title[^>]*>(.*?)</title>", svg, re.DOTALL).group(1))
    assert title == ('Carers who felt listened to — "gwrando" rose from 21 of 50 (42%) people on 5 March 2024 '
                     "to 33.5 of 50 (67%) people on 5 August 2024 (3 values).")
    table = re.search(r"<table.*?</table>", sec, re.DOTALL).group(0)
    assert '<th scope="col">Date</th>' in table
    assert "<caption>" in table
    rows = [words(r) for r in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.DOTALL)]
    assert rows == ["5 March 2024 21 of 50 (42%) people", "5 June 2024 30 of 50 (60%) people",
                    "5 August 2024 33.5 of 50 (67%) people"]
    registered = section(outcomes_page, "measure_organisation_carers-registered")
    assert "<svg" in registered
    assert ["31 March 2023 1,840 carers", "31 March 2024 2,115 carers"] == \
        [words(r) for r in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", registered, re.DOTALL)]


def test_series_too_large_to_draw_keeps_its_figures(outcomes_page):
    sec = section(outcomes_page, "measure_organisation_huge")
    assert "<svg" not in sec
    rows = [words(r) for r in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", sec, re.DOTALL)]
    assert rows == ["1 January 2024 2,000,000,000,000,000", "1 February 2024 3,000,000,000,000,000"]


def test_series_out_of_a_changing_whole_is_charted_as_percentages(outcomes_page):
    sec = section(outcomes_page, "measure_2024-bws_reported-back")
    title = words(re.search(r"<title[^>]*>(.*?)</title>", sec, re.DOTALL).group(1))
    assert title == ("Answers reported back (as a percentage) rose from 76% on 30 April 2024 to 84% on "
                     "31 July 2024 (2 values).")
    rows = [words(r) for r in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", sec, re.DOTALL)]
    assert rows == ["30 April 2024 29 of 38 (76%)", "31 July 2024 36 of 43 (84%)"]


def test_activity_link_goes_to_the_activity_page(site, outcomes_page):
    sec = section(outcomes_page, "measure_2024-bws_listened-to")
    href = re.search(r'<dt>Activity</dt><dd><a href="([^"]+)">', sec).group(1)
    target = (site / "outcomes" / "feedback" / href / "index.html").resolve()
    assert target == (site / "activities" / "2024-bws" / "index.html").resolve() and target.exists()


def test_ids_unique_and_plugin_made_ones_contain_an_underscore(site, outcomes_page):
    for html_page in (page(site, "outcomes/"), page(site, "outcomes/engagement/"), page(site, "activities/2024-bws/")):
        counts = Counter(ids(html_page))
        assert [i for i, n in counts.items() if n > 1] == []
    chart_ids = re.findall(r'<(?:title|desc) id="([^"]+)"', outcomes_page)
    assert chart_ids and all("_" in i for i in chart_ids)
    for svg in re.findall(r"<svg[^>]*>", outcomes_page):
        for ref in re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', svg):
            assert f'id="{ref}"' in outcomes_page


def test_activity_page_shows_its_own_measures(site):
    full = page(site, "activities/2024-bws/")
    start = full.index('<h2 id="mic_outcomes">')
    end = full.find("<h2 ", start + 1)
    part = full[start:end if end != -1 else full.index("</article>")]
    anchors = re.findall(r'<h3 id="(measure_[^"]+)"', part)
    # its three measures, in the order of the five types: engagement, feedback, outcome
    assert anchors == ["measure_2024-bws_reported-back", "measure_2024-bws_listened-to", "measure_2024-bws_fares-paid"]
    text = words(part)
    assert "33.5 of 50 (67%) people on 5 August 2024" in text
    assert "<dt>Activity</dt>" not in part  # no link back to itself
    assert part.count("<svg") == 2  # the two series
    assert "organisation-wide" not in text.lower()


def test_activity_without_measures_says_so(site):
    full = page(site, "activities/2024-quiet/")
    start = full.index('<h2 id="mic_outcomes">')
    assert "No measures published for this activity yet." in words(full[start:start + 400])


def test_site_without_any_measures(tmp_path):
    config = write_site(tmp_path, activities={"2024-quiet.yml": QUIET})
    text = words(body(page(build(config), "outcomes/")))
    assert "No measures are published yet" in text
    for t in ("user", "engagement", "feedback", "outcome", "impact"):
        assert f"No {t} measures published yet." in text


def test_outcomes_page_is_in_the_nav(site):
    link = re.search(r'<a href="outcomes/"[^>]*>(.*?)</a>', page(site, ""), re.DOTALL)
    assert link and words(link.group(1)) == "Outcomes"


def test_an_index_too_heavy_for_every_name_keeps_each_anchor_under_a_link_to_its_page(tmp_path, monkeypatch):
    """With so many measures that their names would make outcomes/ heavy, the index keeps only their anchors,
    grouped under a link to the type page holding them, so outcomes/#measure_SCOPE_ID still lands."""
    from mic_plugin.site import outcomes as site_outcomes

    monkeypatch.setattr(site_outcomes, "INDEX_BYTES", 0)
    monkeypatch.setattr(site_outcomes, "PAGE_MEASURES", 1)  # one measure a page: several pages per type
    config = write_site(tmp_path, activities={"2024-bws.yml": ACTIVITY}, outcomes=OUTCOMES)
    site = build(config, strict=True)
    index = body(page(site, "outcomes/"))
    assert "<li id=" not in index
    groups = re.findall(r'<li data-mic-moved-page="([^"]+)"><a href="([^"]+)">([^<]+)</a>[^<]*((?:<i id="[^"]+"></i>)+)</li>',
                        index)
    assert [g[2] for g in groups if g[0].startswith("engagement/")] == ["Engagement data, page 1",
                                                                         "Engagement data, page 2"]
    for target, href, _, anchors in groups:
        assert target == href
        held = body(page(site, f"outcomes/{href}"))
        for anchor in re.findall(r'id="([^"]+)"', anchors):
            assert f'<h3 id="{anchor}">' in held
    assert sum(g[3].count("<i id=") for g in groups) == 7  # every measure of the site


def test_an_index_too_heavy_even_for_bare_anchors_says_where_the_others_are_in_a_map(tmp_path, monkeypatch):
    """With more measures than bare anchors keep the index light (thousands), the index keeps the first
    measures of each type in turn, and outcomes/pages.json names the page of every other one, as an address
    relative to the file: every measure is in exactly one of the two, and each address holds its chart."""
    from urllib.parse import urljoin

    from mic_plugin.site import outcomes as site_outcomes

    monkeypatch.setattr(site_outcomes, "INDEX_BYTES", 0)
    monkeypatch.setattr(site_outcomes, "PAGE_MEASURES", 1)
    # room for about three bare anchors (ids of about 40 characters)
    monkeypatch.setattr(site_outcomes, "ANCHORS_BYTES_MAX", 3 * 52)
    config = write_site(tmp_path, activities={"2024-bws.yml": ACTIVITY}, outcomes=OUTCOMES)
    site = build(config, strict=True)
    index = body(page(site, "outcomes/"))
    kept = re.findall(r'<i id="([^"]+)"></i>', index)
    assert 1 <= len(kept) <= 3
    # the first measures of different types, not the first three of one type
    kept_types = [re.search(rf'data-mic-moved-page="(\w+)/[^"]*"><a [^>]*>[^<]*</a>[^<]*(?:<i id="[^"]+"></i>)*'
                            rf'<i id="{k}">', index).group(1) for k in kept]
    assert len(set(kept_types)) == len(kept)
    assert 'data-mic-map="pages.json"' in index
    mapping = json.loads(page(site, "outcomes/pages.json"))
    assert mapping["version"] == 1
    assert not set(kept) & set(mapping["items"])
    assert len(kept) + len(mapping["items"]) == 7  # every measure of the site, once
    for anchor, address in mapping["items"].items():
        target = urljoin("outcomes/pages.json", address)
        assert target.startswith("outcomes/") and target.endswith("/")
        assert f'<h3 id="{anchor}">' in body(page(site, target))


def test_an_index_with_room_for_every_anchor_publishes_no_map(site):
    assert not (site / "outcomes" / "pages.json").exists()
    assert "data-mic-map" not in page(site, "outcomes/")


def test_the_map_is_linked_where_it_is_under_a_prefix(tmp_path, monkeypatch):
    """With ``prefix: report`` the map is report/outcomes/pages.json, and the index's link to it leads there."""
    from urllib.parse import urljoin

    from mic_plugin.site import outcomes as site_outcomes

    monkeypatch.setattr(site_outcomes, "INDEX_BYTES", 0)
    monkeypatch.setattr(site_outcomes, "ANCHORS_BYTES_MAX", 60)
    site = build(write_site(tmp_path, activities={"2024-bws.yml": ACTIVITY}, outcomes=OUTCOMES,
                            plugin={"prefix": "report"}), strict=True)
    index = page(site, "report/outcomes/")
    where = re.search(r'data-mic-map="([^"]+)"', index).group(1)
    assert (site / urljoin("report/outcomes/", where)).is_file()
