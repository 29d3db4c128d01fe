"""The quality page of a large organisation: 200 activities, every one covered, under 512 KiB."""

from __future__ import annotations

import random

from kits.sitekit import build, page, write_site
from test_quality import expected, framework_data, random_activity, short
from kits.htmltree import parse, table_rows

import yaml


def test_200_activities_fit_in_one_quality_page(tmp_path):
    fw = framework_data()
    rng = random.Random(200)
    files = {}
    for n in range(200):
        text = random_activity(rng, fw, n)
        data = yaml.safe_load(text)
        # long titles, as people write them
        data["title"] = f"Activity {n}: " + "listening to carers about transport, respite and money — " * 2
        files[f"2023-activity-{n:03d}.yml"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    site_dir = build(write_site(tmp_path, activities=files))
    html = page(site_dir, "quality/")
    assert len(html.encode("utf-8")) < 512 * 1024
    table = parse(html).find("div", class_="mic-q-table").find("table")
    rows = table_rows(table.find("tbody"))
    assert len(rows) == 200
    columns = [(a["id"], s["id"]) for a in fw["actors"] for s in fw["stages"]]
    by_id = {name.rsplit(".", 1)[0]: yaml.safe_load(text)["checklist"] for name, text in files.items()}
    for row in rows:
        activity_id = row[0].find("a").attrs["href"].split("activities/")[1].split("/")[0]
        checklist = by_id.pop(activity_id)
        assert row[1].words() == short(expected(checklist, fw))
        assert [c.words() for c in row[3:]] == [short(expected(checklist, fw, a, s)) for a, s in columns]
    assert not by_id
