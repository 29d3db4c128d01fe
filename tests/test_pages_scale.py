"""One activity with 10,000 feedback items: every permalink still lands on the activity page, the items are
on further pages in full, and no page grows heavy (issue 3's 512 KiB bar)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitekit import build, page, write_site

N = 10_000


def huge_activity() -> str:
    lines = ["title: City-wide survey — arolwg y ddinas", "summary: Everyone was asked.", "approach: consulting",
             "status: in-progress", "started: 2024-01-01", "feedback:"]
    for i in range(N):
        lines += [f"  - id: survey-response-{i:05d}", f"    said: Response number {i} says the buses are late — £3.",
                  "    date: 2024-02-01"]
        if i % 3 == 0:
            lines += ["    response: {status: done, did: Timetables changed.}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("huge")
    return build(write_site(root, activities={"2024-city-survey.yml": huge_activity()}))


def test_every_permalink_lands_on_the_activity_page_which_stays_light(site):
    html = page(site, "activities/2024-city-survey/")
    assert len(html.encode("utf-8")) < 512 * 1024
    ids = set(re.findall(r'id="(survey-response-\d{5})"', html))
    assert len(ids) == N
    # the anchors of further items sit under a link to the page that shows them in full
    group = re.search(r'<li data-mic-moved-page="([^"]+)"><a href="[^"]+">Items 101 to 200 \(page 2\)</a>(.*?)</li>',
                      html)
    assert group and 'id="survey-response-00150"' in group.group(2)


def test_no_generated_page_is_heavy_and_items_are_in_full_on_their_page(site):
    heaviest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    assert heaviest.stat().st_size < 512 * 1024, heaviest
    later = page(site, "activities/2024-city-survey/feedback/page/2/")
    assert 'id="survey-response-00150"' in later
    assert "Response number 150 says the buses are late — £3." in later
