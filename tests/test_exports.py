"""Open data built from content nobody tuned for: report.json, feedback.csv, schema.json and the data page.

Expected records come from the content itself (read with the loader), not from the exporter.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from kits.sitekit import build, page, write_site

from mic_plugin import cli
from mic_plugin.load.loader import load_site
from mic_plugin.derive.scoring import activity_score

ORGANISATION = """\
name: Tŷ Cymunedol — Test Community Trust
purpose: We publish what we did — £12,000 a year.
data_licence: OGL-UK-3.0
"""

MESSY = """\
title: "=HYPERLINK(\\"http://evil.example\\",\\"Click\\")"
summary: |
  Gwasanaeth — *Markdown* kept as written.

  - £4.50 a day
approach: co-producing
status: completed
started: 2024-01-10
ended: 2024-07-31
themes: [Trafnidiaeth, "@risk"]
purpose:
  why: [right-to-a-say]
  aims: ["Cut waits — by half"]
  decision: Which bus route to fund
  decision_date: 2024-10-01
participation:
  invited: 20
  volunteered: 5
  took_part: 18
  hours: 7.5
  accessibility: [step-free venue, BSL interpreter]
checklist:
  organisation:
    planning:
      purpose-written: met
      strategy: {answer: partly, evidence: "Draft — to be agreed", url: "https://example.org/strategy"}
    follow-up:
      changes-communicated: {answer: not-applicable, evidence: Nobody to tell yet.}
  person:
    access:
      listened-to: met
feedback:
  - id: formula-said
    said: '=HYPERLINK("http://evil.example","Click me")'
    date: 2024-02-01
    count: 3
    source: "=cmd|' /C calc'!A0"
    themes: ["+plus", Transport]
    response:
      status: done
      did: "+1 we did it"
      owner: "@facilities"
      due: 2024-03-01
      communicated: 2024-03-10
      updates:
        - {date: 2024-02-10, status: in-progress, note: "-2 degrees in the waiting room"}
        - {date: 2024-02-20, status: done}
  - id: plus-said
    said: "+1 for later buses"
    date: 2024-02-02
  - id: minus-said
    said: "-2 degrees at the stop"
    date: 2024-02-03
    response:
      status: not-doing
      reason: "@SUM(A1:A9) is not ours to fix — the council owns shelters."
  - id: at-said
    said: "@SUM(1+1)"
    date: 2024-02-04
  - id: tab-said
    said: "\\tindented with a tab"
    date: 2024-02-05
  - id: welsh-multiline
    said: |
      Mae'r bws yn hwyr — bob dydd.
      Costs £3, "quoted", and a comma, here.

      Second paragraph; semicolon.
    date: 2024-02-06
    count: 12
    source: gweithdy
    themes: [Trafnidiaeth, Cost, money]
    response:
      status: referred
      did: Passed to the council's transport team.
      owner: Transport team
      due: 2024-12-01
"""

SECOND = """\
title: Second activity, no feedback
summary: Quiet.
approach: consulting
status: in-progress
started: 2024-05-01
outcomes:
  - id: reached
    measure: Carers reached
    type: user
    value: 10
    out_of: 40
    date: 2024-05-31
  - id: reached
    value: 12.5
    out_of: 40
    date: 2024-06-30
    target: 20
"""

OUTCOMES = """\
- id: wellbeing
  measure: Wellbeing — "llesiant"
  type: outcome
  unit: points
  value: -2
  baseline: 0
  date: 2024-06-30
  method: WEMWBS
"""

ACTIVITIES = {"2024-messy.yml": MESSY, "2024-second.yml": SECOND}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("exports")
    config = write_site(root, organisation=ORGANISATION, activities=ACTIVITIES, outcomes=OUTCOMES)
    site_dir = build(config, strict=True)
    loaded = load_site(root / "content", today=_dt.date(2024, 9, 1))
    assert loaded.ok, loaded.problems
    return root, site_dir, loaded.site


def read_csv(site_dir: Path) -> list[dict[str, str]]:
    with open(site_dir / "data" / "feedback.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def neutralised(text: str) -> str:
    """What a CSV cell must hold for ``text``: an apostrophe before anything a spreadsheet would run."""
    risky = text[:1] in ("\t", "\r", "\n") or text.lstrip()[:1] in ("=", "+", "-", "@")
    return "'" + text if risky else text


# --- feedback.csv ------------------------------------------------------------------------------------------

def test_csv_bytes_utf8_bom_and_crlf(built):
    _, site_dir, _ = built
    raw = (site_dir / "data" / "feedback.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"activity_id,activity_title,feedback_id,date,count,source,themes,said,"
                          b"status,did,reason,owner,due,communicated,permalink\r\n")
    assert raw.endswith(b"\r\n")
    raw.decode("utf-8")  # strict: every byte is UTF-8


def test_csv_one_row_per_feedback_item(built):
    _, site_dir, site = built
    rows = read_csv(site_dir)
    items = list(site.all_feedback())
    assert len(rows) == len(items) == 6
    assert sorted(r["feedback_id"] for r in rows) == sorted(f.id for f in items)
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)  # newest first


def test_csv_cells_round_trip_or_are_neutralised(built):
    _, site_dir, site = built
    rows = {r["feedback_id"]: r for r in read_csv(site_dir)}
    for item in site.all_feedback():
        row = rows[item.id]
        activity = site.activity(item.activity)
        r = item.response
        assert row["activity_id"] == activity.id
        assert row["activity_title"] == neutralised(activity.title)
        assert row["date"] == item.date.isoformat()
        assert row["count"] == str(item.count)
        assert row["source"] == neutralised(item.source)
        assert row["themes"] == neutralised("; ".join(item.themes))
        assert row["said"] == neutralised(item.said)
        assert row["status"] == (r.status if r else "awaiting")
        assert row["did"] == neutralised(r.did if r else "")
        assert row["reason"] == neutralised(r.reason if r else "")
        assert row["owner"] == neutralised(r.owner if r else "")
        assert row["due"] == (r.due.isoformat() if r and r.due else "")
        assert row["communicated"] == (r.communicated.isoformat() if r and r.communicated else "")


def test_csv_formulas_neutralised_and_text_kept(built):
    _, site_dir, _ = built
    rows = {r["feedback_id"]: r for r in read_csv(site_dir)}
    assert rows["formula-said"]["said"] == "'=HYPERLINK(\"http://evil.example\",\"Click me\")"
    assert rows["formula-said"]["activity_title"].startswith("'=HYPERLINK(")
    assert rows["formula-said"]["source"] == "'=cmd|' /C calc'!A0"
    assert rows["formula-said"]["themes"] == "'+plus; Transport"
    assert rows["formula-said"]["did"] == "'+1 we did it"
    assert rows["formula-said"]["owner"] == "'@facilities"
    assert rows["plus-said"]["said"] == "'+1 for later buses"
    assert rows["minus-said"]["said"] == "'-2 degrees at the stop"
    assert rows["minus-said"]["reason"].startswith("'@SUM(A1:A9)")
    assert rows["at-said"]["said"] == "'@SUM(1+1)"
    assert rows["tab-said"]["said"] == "'\tindented with a tab"
    welsh = rows["welsh-multiline"]
    assert welsh["said"] == ("Mae'r bws yn hwyr — bob dydd.\nCosts £3, \"quoted\", and a comma, here.\n\n"
                             "Second paragraph; semicolon.\n")
    assert welsh["themes"] == "Trafnidiaeth; Cost; money"
    assert welsh["status"] == "referred" and welsh["count"] == "12"
    assert rows["plus-said"]["status"] == "awaiting"
    for row in rows.values():
        for column, cell in row.items():
            assert cell[:1] not in ("=", "+", "-", "@", "\t"), (column, cell)


def test_csv_permalinks_are_absolute_and_land_on_the_item(built):
    _, site_dir, _ = built
    for row in read_csv(site_dir):
        link = row["permalink"]
        assert link == f"https://example.org/report/activities/{row['activity_id']}/#{row['feedback_id']}"
        path, _, fragment = link.removeprefix("https://example.org/report/").partition("#")
        assert f'id="{fragment}"' in page(site_dir, path)


def test_csv_permalinks_relative_without_site_url(tmp_path):
    config = write_site(tmp_path, activities=ACTIVITIES, mkdocs={"site_url": None})
    rows = read_csv(build(config))
    assert {r["permalink"] for r in rows} >= {"activities/2024-messy/#formula-said"}


# --- report.json -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data(built):
    _, site_dir, _ = built
    return json.loads((site_dir / "data" / "report.json").read_text(encoding="utf-8"))


def test_json_top_level(data, built):
    assert data["format_version"] == 1
    assert data["as_of"] == "2024-09-01"
    assert data["licence"] == "OGL-UK-3.0"
    assert data["organisation"]["name"] == "Tŷ Cymunedol — Test Community Trust"
    assert data["organisation"]["purpose"] == "We publish what we did — £12,000 a year."
    assert data["organisation"]["power"] is None and data["organisation"]["public_contacts"] == []
    assert data["framework"]["id"] == built[2].framework.id
    assert len(data["framework"]["markers"]) == len(built[2].framework.markers)


def test_json_holds_every_activity_with_its_fields_as_written(data, built):
    site = built[2]
    assert [a["id"] for a in data["activities"]] == [a.id for a in site.activities]
    messy = next(a for a in data["activities"] if a["id"] == "2024-messy")
    source = site.activity("2024-messy")
    assert messy["title"] == '=HYPERLINK("http://evil.example","Click")'  # JSON is not a spreadsheet: as written
    assert messy["summary"] == source.summary and "*Markdown*" in messy["summary"]
    assert (messy["started"], messy["ended"]) == ("2024-01-10", "2024-07-31")
    assert messy["themes"] == ["Trafnidiaeth", "@risk"]
    assert messy["purpose"] == {"why": ["right-to-a-say"], "aims": ["Cut waits — by half"],
                                "can_influence": [], "cannot_influence": [],
                                "decision": "Which bus route to fund", "decision_date": "2024-10-01"}
    assert messy["participation"] == {"invited": 20, "volunteered": 5, "took_part": 18, "sessions": None,
                                      "hours": 7.5, "compensation": None,
                                      "accessibility": ["step-free venue", "BSL interpreter"],
                                      "representation": None}
    assert messy["url"] == "https://example.org/report/activities/2024-messy/"


def test_json_checklist_and_scores(data, built):
    site = built[2]
    for a in data["activities"]:
        source = site.activity(a["id"])
        assert len(a["checklist"]) == len(site.framework.markers)
        answered = {c["marker"]: c for c in a["checklist"] if c["answer"] != "not-assessed"}
        assert set(answered) == set(source.checklist)
        score = activity_score(site.framework, source)
        assert a["score"]["message"] == score.message
        assert (a["score"]["met"], a["score"]["applicable"]) == (score.met, score.applicable)
    messy = next(a for a in data["activities"] if a["id"] == "2024-messy")
    strategy = next(c for c in messy["checklist"] if c["marker"] == "strategy")
    assert strategy == {"actor": "organisation", "stage": "planning", "marker": "strategy", "answer": "partly",
                        "evidence": "Draft — to be agreed", "url": "https://example.org/strategy"}
    assert messy["score"]["message"] == "2 of 28 met"  # one marker not applicable, two met
    assert data["score"]["message"] == "2 of 57 met"  # and the second activity: 0 of 29


def test_json_feedback_with_responses_and_updates(data, built):
    site = built[2]
    items = {f["id"]: f for a in data["activities"] for f in a["feedback"]}
    assert set(items) == {f.id for f in site.all_feedback()}
    for item in site.all_feedback():
        assert items[item.id]["said"] == item.said
        assert items[item.id]["status"] == item.status
    formula = items["formula-said"]
    assert formula["response"] == {
        "status": "done", "did": "+1 we did it", "reason": None, "owner": "@facilities", "due": "2024-03-01",
        "communicated": "2024-03-10",
        "updates": [{"date": "2024-02-10", "status": "in-progress", "note": "-2 degrees in the waiting room"},
                    {"date": "2024-02-20", "status": "done", "note": None}]}
    assert formula["source"] == "=cmd|' /C calc'!A0" and formula["count"] == 3
    assert items["tab-said"]["said"] == "\tindented with a tab"
    assert items["plus-said"]["response"] is None and items["plus-said"]["status"] == "awaiting"
    assert items["welsh-multiline"]["url"] == "https://example.org/report/activities/2024-messy/#welsh-multiline"


def test_json_measures_with_entries(data):
    org = data["outcomes"]
    assert org == [{"id": "wellbeing", "scope": "organisation", "measure": 'Wellbeing — "llesiant"',
                    "type": "outcome", "unit": "points",
                    "url": "https://example.org/report/outcomes/#measure_organisation_wellbeing",
                    "entries": [{"date": "2024-06-30", "value": -2, "out_of": None, "baseline": 0, "target": None,
                                 "method": "WEMWBS"}]}]
    second = next(a for a in data["activities"] if a["id"] == "2024-second")
    reached = second["outcomes"][0]
    assert [(e["date"], e["value"], e["out_of"], e["target"]) for e in reached["entries"]] == \
        [("2024-05-31", 10, 40, None), ("2024-06-30", 12.5, 40, 20)]
    assert isinstance(reached["entries"][0]["value"], int)


def test_json_sorted_keys_and_byte_identical_across_builds(built, tmp_path):
    _, site_dir, _ = built
    text = (site_dir / "data" / "report.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Tŷ" in text  # UTF-8, not \\u escapes
    config = write_site(tmp_path / "again", organisation=ORGANISATION, activities=ACTIVITIES, outcomes=OUTCOMES)
    second = build(config)
    for name in ("report.json", "feedback.csv", "schema.json"):
        assert (second / "data" / name).read_bytes() == (site_dir / "data" / name).read_bytes(), name


# --- schema.json -------------------------------------------------------------------------------------------

def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def test_schema_is_what_mic_schema_prints(built, capsys):
    _, site_dir, _ = built
    assert cli.main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert (site_dir / "data" / "schema.json").read_text(encoding="utf-8") == printed


def test_schema_accepts_the_real_files_and_rejects_a_broken_one(built):
    root, site_dir, _ = built
    schema = json.loads((site_dir / "data" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = [root / "content" / "organisation.yml", root / "content" / "outcomes.yml",
             *sorted((root / "content" / "activities").glob("*.yml"))]
    for path in files:
        document = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert not list(validator.iter_errors(document)), path
    broken = _jsonable(yaml.safe_load(MESSY))
    broken["feedback"][0]["response"]["status"] = "finished"
    assert list(validator.iter_errors(broken))


# --- the data page -------------------------------------------------------------------------------------------

def test_data_page_links_the_files_under_the_licence(built):
    _, site_dir, _ = built
    full = page(site_dir, "data/")
    start = full.index("<h1")
    body = full[start:full.index("</article>", start)]
    hrefs = re.findall(r'<a href="([^"]+)" download>', body)
    assert sorted(hrefs) == ["feedback.csv", "report.json", "schema.json"]
    for href in hrefs:
        assert (site_dir / "data" / href).is_file()
    assert re.search(r'<a href="https://spdx.org/licenses/OGL-UK-3.0.html" rel="license">OGL-UK-3.0</a>', body)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    assert "6 feedback items" in text and "2 activities" in text and "2 measures" in text
    header = (site_dir / "data" / "feedback.csv").read_bytes().decode("utf-8-sig").split("\r\n")[0].split(",")
    for column in header:  # every column explained
        assert f"<code>{column}</code>" in body
    for key in json.loads((site_dir / "data" / "report.json").read_text(encoding="utf-8")):
        assert f"<code>{key}</code>" in body or key == "licence_url", key
    link = re.search(r'<a href="data/"[^>]*>(.*?)</a>', page(site_dir, ""), re.DOTALL)
    assert link and "Open data" in link.group(1)  # in the nav


def test_prefix_and_file_urls(tmp_path):
    """Under a prefix and without directory URLs, the files move with the pages and every link still lands."""
    config = write_site(tmp_path, organisation=ORGANISATION, activities=ACTIVITIES, outcomes=OUTCOMES,
                        plugin={"prefix": "report"}, mkdocs={"use_directory_urls": False})
    site_dir = build(config, strict=True)
    data_page = site_dir / "report" / "data" / "index.html"
    for href in re.findall(r'<a href="([^"]+)" download>', data_page.read_text(encoding="utf-8")):
        assert (data_page.parent / href).resolve().is_file(), href
    rows = read_csv(site_dir / "report")
    assert rows[0]["permalink"].startswith("https://example.org/report/report/activities/2024-messy.html#")
    data = json.loads((site_dir / "report" / "data" / "report.json").read_text(encoding="utf-8"))
    assert data["outcomes"][0]["url"] == (
        "https://example.org/report/report/outcomes/index.html#measure_organisation_wellbeing")
    outcomes = (site_dir / "report" / "outcomes" / "index.html").read_text(encoding="utf-8")
    assert 'id="measure_organisation_wellbeing"' in outcomes
    index_links = re.findall(r'<li id="measure_[^"]+" data-mic-moved><a href="([^"#]+)#', outcomes)
    assert index_links
    hrefs = []
    for link in index_links:  # each measure's line links to its type's page, where its activity link lands
        typed = (site_dir / "report" / "outcomes" / link).resolve()
        found = re.findall(r'<dt>Activity</dt><dd><a href="([^"]+)">', typed.read_text(encoding="utf-8"))
        hrefs += [(typed.parent / href).resolve() for href in found]
    assert hrefs
    for target in hrefs:
        assert target.is_file(), target
