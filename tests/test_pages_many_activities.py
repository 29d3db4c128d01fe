"""List pages at many activities (issue 14): every "you said, we did" list page carries the filter's choices, so
past a few hundred activities with long titles their options and "browse by activity" links alone would pass
the 300 KiB a phone reader should fetch. Such a site's list pages link to the activities' own index instead
(paged, every activity's page is its items), and mic.js fills the activity filter from the compact index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kits.sitekit import build, write_site

BAR = 300 * 1024
MANY = 1_000


def activity(n: int, items: int = 1) -> str:
    title = (f"Listening event {n} at the family centre about the new timetable, the bus stops by the school, "
             "the lighting on the footpath and what young carers need after dark — digwyddiad gwrando")
    lines = [f"title: {title}", "summary: People told us what matters.", "approach: consulting",
             "status: in-progress", "started: 2024-01-01", "feedback:"]
    for i in range(items):
        lines += [f"  - id: listening-{n:04d}-{i}", f"    said: More buses after six, please ({n}, {i}).",
                  "    date: 2024-02-01"]
    return "\n".join(lines) + "\n"


def list_pages(site: Path) -> list[Path]:
    folder = site / "you-said-we-did"
    return [folder / "index.html", *sorted((folder / "page").glob("*/index.html"))]


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many")
    return build(write_site(root, activities={f"listening-{n:04d}.yml": activity(n) for n in range(MANY)}))


def test_list_pages_of_a_thousand_activities_are_light_and_lead_to_the_activities_index(many):
    pages = list_pages(many)
    assert len(pages) >= 1
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert len(html.encode()) <= BAR, (path, len(html.encode()))
        # no option or link per activity on a list page: the way to an activity is its own index
        assert not re.search(r'<option value="listening-', html)
        assert 'data-mic-fill="activities"' in html
        assert re.search(r'<a href="\.\./(?:\.\./\.\./)?activities/">Browse by activity: every activity, with its '
                         r'items \(1,000\)</a>', html), path


def test_every_activity_and_item_is_still_reachable_by_plain_links(many):
    found: set[str] = set()
    todo, seen = ["activities/"], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        html = (many / url / "index.html").read_text(encoding="utf-8")
        todo += [f"activities/page/{n}/" for n in re.findall(r'href="[./]*(?:activities/)?page/(\d+)/"', html)]
        found.update(re.findall(r'href="[./]*(?:activities/)?(listening-\d{4})/"', html))
    assert found == {f"listening-{n:04d}" for n in range(MANY)}
    html = (many / "activities" / "listening-0999" / "index.html").read_text(encoding="utf-8")
    assert 'id="listening-0999-0"' in html and "More buses after six, please (999, 0)." in html


def test_a_site_of_a_few_activities_keeps_its_choices_on_the_list_page(tmp_path):
    site = build(write_site(tmp_path, activities={f"listening-{n:04d}.yml": activity(n, 2) for n in range(3)}))
    html = (site / "you-said-we-did" / "index.html").read_text(encoding="utf-8")
    assert 'data-mic-fill' not in html
    assert len(re.findall(r'<option value="listening-\d{4}"', html)) == 3
    assert "Browse by activity (3)" in html and "every activity, with its items" not in html
