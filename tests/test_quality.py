"""Quality checklist and badges, as a reader sees them on a built site.

Every expected score here is computed in the test from the contract's rule ("applicable = markers in scope
minus those answered not-applicable; met = markers answered met; not assessed counts as applicable and not
met"), from the YAML the test wrote and the framework file, never from the plugin's own scoring.
"""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from kits.sitekit import build, page, write_site
from kits.htmltree import Node, checklist_tables, parse, section, table_rows

DEFAULT_FRAMEWORK = Path(__file__).resolve().parent.parent / "mic_plugin" / "data" / "framework.yml"
SVG = "{http://www.w3.org/2000/svg}"
LABEL = "quality markers"
ANSWER_WORDS = {"met": "Met", "partly": "Partly met", "not-met": "Not met", "not-applicable": "Not applicable",
                None: "Not assessed"}
SITE_URL = "https://example.org/report/"


# --- the contract's rule, written again here ---------------------------------------------------------------


def framework_data(path: Path = DEFAULT_FRAMEWORK) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def answer_in(checklist: dict | None, marker: dict) -> str | None:
    """The answer a checklist gives a marker, or None when it is not assessed."""
    value = (((checklist or {}).get(marker["actor"]) or {}).get(marker["stage"]) or {}).get(marker["id"])
    return value["answer"] if isinstance(value, dict) else value


def expected(checklist: dict | None, fw: dict, actor: str | None = None, stage: str | None = None) -> tuple[int, int]:
    met = applicable = 0
    for marker in fw["markers"]:
        if (actor and marker["actor"] != actor) or (stage and marker["stage"] != stage):
            continue
        answer = answer_in(checklist, marker)
        if answer == "not-applicable":
            continue
        applicable += 1
        met += answer == "met"
    return met, applicable


def message(score: tuple[int, int]) -> str:
    return f"{score[0]} of {score[1]} met"


def short(score: tuple[int, int]) -> str:
    """A cell of the quality page's table, whose caption says "met of applicable"."""
    return f"{score[0]} of {score[1]}"


def with_percent(score: tuple[int, int], text=message) -> str:
    met, applicable = score
    if not applicable:
        return text(score)
    share = int(Fraction(100 * met, applicable) + Fraction(1, 2))  # whole number, halves up
    return f"{text(score)} ({share}%)"


def colour(score: tuple[int, int]) -> str:
    """The bands documented for the badge: grey for 0 of 0, then red/orange/yellow/yellowgreen below 25/50/75/100%."""
    met, applicable = score
    if not applicable:
        return "767676"
    share = Fraction(met, applicable)
    for limit, hex_ in ((Fraction(1, 4), "c13f2e"), (Fraction(1, 2), "a9510f"), (Fraction(3, 4), "8b6800"),
                        (Fraction(1), "5f7000")):
        if share < limit:
            return hex_
    return "2e7d1f"


# --- content -----------------------------------------------------------------------------------------------

MIXED = """\
title: "Cymorth i ofalwyr — Welsh-language carers' group"
summary: |
  A monthly group in Welsh and English; travel paid (£12 a session).
approach: co-producing
status: in-progress
started: 2024-02-01
purpose:
  decision: Which evening the group meets
  decision_date: 2024-04-15
participation:
  invited: 14
  volunteered: 6
  took_part: 18
  compensation: "£12 travel per session — paid on the day"
  accessibility: [step-free venue, BSL interpreter, "Welsh and English — dwyieithog"]
checklist:
  organisation:
    planning:
      principles-agreed: met
      purpose-written: {answer: met, evidence: "Written brief:\\n\\n- our aims\\n- what **cannot** change", url: "https://trust.example/brief?a=1&b=2"}
      strategy: {answer: partly, evidence: "<script>alert('xss')</script><img src=x onerror=alert(1)> Draft only"}
      notice-given: not-met
    access:
      accessible-venues: {answer: met, url: 'https://trust.example/venue"><script>alert(2)</script>'}
      invited-vs-volunteered: met
    follow-up:
      changes-communicated: partly
      loop-closed: {answer: met, evidence: "Every item answered within a month — see the *you said, we did* list"}
  person:
    access:
    follow-up:
      continued-involvement: {answer: not-applicable, evidence: "The group is ongoing; nobody has left yet."}
      increased-engagement: {answer: not-applicable, evidence: "Too early to say — ask again next year."}
feedback:
  - id: evening-clash
    said: Tuesday evenings clash with the youth club.
    date: 2024-02-10
    response: {status: done, did: We moved to Wednesdays., communicated: 2024-03-01}
  - id: welsh-papers
    said: Papers should come in Welsh first.
    date: 2024-02-11
    response: {status: planned, did: Translating the March papers.}
  - id: parking
    said: The car park is full by six.
    date: 2024-02-12
outcomes:
  - {id: felt-heard, measure: People who felt heard, type: outcome, value: 15, out_of: 18, date: 2024-05-01}
  - {id: attendance, measure: People at each meeting, type: engagement, value: 12, date: 2024-05-01}
"""

NONE = """\
title: Nothing checked yet
summary: An activity with no checklist at all.
approach: informing
status: planned
started: 2024-08-01
"""

FULL_STAGE_NA = """\
title: "A drop-in: every person marker not applicable at follow-up"
summary: Drop-in sessions.
approach: engaging
status: completed
started: 2023-05-01
ended: 2023-07-01
checklist:
  organisation:
  person:
    planning:
      several-ways-to-be-involved: met
      training-available: met
    follow-up:
      continued-involvement: {answer: not-applicable, evidence: A one-off drop-in.}
      increased-engagement: {answer: not-applicable, evidence: A one-off drop-in.}
"""


def random_checklist(rng: random.Random, fw: dict) -> dict:
    """Answers nobody tuned: any answer or none, bare or with evidence."""
    out: dict = {}
    for marker in fw["markers"]:
        roll = rng.random()
        if roll < 0.25:
            continue  # not assessed
        answer = rng.choice(["met", "met", "partly", "not-met", "not-applicable"])
        if answer == "not-applicable" or rng.random() < 0.3:
            value = {"answer": answer, "evidence": f"Noted by the panel — £{rng.randint(1, 99)} spent"}
        else:
            value = answer
        out.setdefault(marker["actor"], {}).setdefault(marker["stage"], {})[marker["id"]] = value
    return out


def random_activity(rng: random.Random, fw: dict, n: int) -> str:
    data = {"title": f"Activity {n}: café conversations — round {n}", "summary": f"Round {n} of *listening*.",
            "approach": "consulting", "status": "open", "started": f"2023-{1 + n % 12:02d}-{1 + n % 27:02d}",
            "checklist": random_checklist(rng, fw)}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def all_met(fw: dict) -> dict:
    out: dict = {}
    for marker in fw["markers"]:
        out.setdefault(marker["actor"], {}).setdefault(marker["stage"], {})[marker["id"]] = "met"
    return out


def main_activities() -> dict[str, str]:
    fw = framework_data()
    rng = random.Random(20240901)
    files = {"2024-mixed.yml": MIXED, "2024-none.yml": NONE, "2023-drop-in.yml": FULL_STAGE_NA,
             "2022-all-met.yml": yaml.safe_dump({"title": "Everything met", "summary": "Done well.",
                                                 "approach": "co-designing", "status": "completed",
                                                 "started": "2022-01-10", "ended": "2022-03-01",
                                                 "checklist": all_met(fw)}, sort_keys=False)}
    for n in range(1, 7):
        files[f"2023-random-{n}.yml"] = random_activity(rng, fw, n)
    return files


def checklists(files: dict[str, str]) -> dict[str, dict | None]:
    """Activity id -> its checklist as the test wrote it."""
    return {name.rsplit(".", 1)[0]: (yaml.safe_load(text) or {}).get("checklist") for name, text in files.items()}


@pytest.fixture(scope="module")
def main_site(tmp_path_factory):
    files = main_activities()
    root = tmp_path_factory.mktemp("quality-site")
    site_dir = build(write_site(root, activities=files), strict=True)
    return site_dir, checklists(files)


def activity_root(site_dir: Path, activity_id: str) -> Node:
    return parse(page(site_dir, f"activities/{activity_id}/"))


# --- activity pages -----------------------------------------------------------------------------------------


def test_activity_checklists_agree_with_the_contract(main_site):
    site_dir, answers = main_site
    fw = framework_data()
    actors = [(a["id"], a["name"]) for a in fw["actors"]]
    stages = [(s["id"], s["name"]) for s in fw["stages"]]
    for activity_id, checklist in answers.items():
        root = activity_root(site_dir, activity_id)
        sec = section(root, "mic_checklist")
        overall = expected(checklist, fw)
        assert f"Overall: {with_percent(overall)}." in sec.words(), activity_id

        summary = sec.find("div", class_="mic-q-summary").find("table")
        rows = [[c.words() for c in row] for row in table_rows(summary)]
        assert rows[0] == ["Actor"] + [name for _, name in stages] + ["All stages"]
        for (actor_id, actor_name), row in zip(actors, rows[1:]):
            assert row == [actor_name] + [message(expected(checklist, fw, actor_id, s)) for s, _ in stages] + \
                [message(expected(checklist, fw, actor_id))], (activity_id, actor_id)
        assert rows[-1] == ["All actors"] + [message(expected(checklist, fw, None, s)) for s, _ in stages] + \
            [message(overall)]

        for actor_id, actor_name in actors:
            heading = root.by_id(f"mic_checklist_{actor_id}")
            assert heading.words() == f"{actor_name}: {with_percent(expected(checklist, fw, actor_id))}"
        captions = [t.find("caption").words() for t in checklist_tables(sec)]
        assert captions == [f"{an}, {sn}: {with_percent(expected(checklist, fw, a, s))}"
                            for a, an in actors for s, sn in stages
                            if any(m["actor"] == a and m["stage"] == s for m in fw["markers"])]

        marker_rows = [row for t in checklist_tables(sec) for row in table_rows(t)[1:]]
        assert len(marker_rows) == len(fw["markers"])
        for marker, row in zip(fw["markers"], marker_rows):
            assert row[0].find("a").words() == marker["text"]
            answer = answer_in(checklist, marker)
            # the answer in words for a screen reader, and a symbol that is hidden from it
            assert row[1].words(skip_hidden=True) == ANSWER_WORDS[answer], (activity_id, marker["id"])
            icons = row[1].find_all(None, **{"aria-hidden": "true"})
            assert len(icons) == 1 and icons[0].words() and icons[0].words() not in ANSWER_WORDS[answer]


def test_no_checklist_scores_0_of_29_and_says_not_assessed(main_site):
    site_dir, _ = main_site
    sec = section(activity_root(site_dir, "2024-none"), "mic_checklist")
    assert "Overall: 0 of 29 met (0%)." in sec.words()
    answers = [c.words(skip_hidden=True) for t in checklist_tables(sec)
               for row in table_rows(t)[1:] for c in row[1:2]]
    assert answers == ["Not assessed"] * 29


def test_a_stage_answered_all_not_applicable_reads_0_of_0_without_percentage(main_site):
    site_dir, _ = main_site
    root = activity_root(site_dir, "2023-drop-in")
    captions = [t.find("caption").words() for t in checklist_tables(root)]
    assert "Person, Follow-up: 0 of 0 met" in captions
    assert "0 of 0 met (" not in root.words()
    # and the quality page's row says so too
    row = quality_rows(site_dir)["2023-drop-in"]
    assert row[-1] == "0 of 0"  # Person · Follow-up, the last actor x stage column


def test_evidence_is_markdown_and_hostile_html_is_inert(main_site):
    site_dir, _ = main_site
    sec = section(activity_root(site_dir, "2024-mixed"), "mic_checklist")
    assert not sec.find_all("script")
    for node in sec.iter():
        assert not any(name.startswith("on") for name in node.attrs), node
        for name in ("href", "src"):
            assert not (node.attrs.get(name) or "").lower().startswith("javascript:")
    rows = {row[0].find("a").words(): row for t in checklist_tables(sec)
            for row in table_rows(t)[1:]}
    brief = rows["Purpose is agreed and written down"][2]
    assert [li.words() for li in brief.find_all("li")] == ["our aims", "what cannot change"]
    assert brief.find("strong").words() == "cannot"
    assert brief.find("a").attrs["href"] == "https://trust.example/brief?a=1&b=2"
    assert "Draft only" in rows["Strategy drawn up"][2].words()
    venue_link = rows["Venues are accessible to all users"][2].find("a")
    assert venue_link.attrs["href"] == 'https://trust.example/venue"><script>alert(2)</script>'
    assert venue_link.words() == "Evidence link"
    raw = page(site_dir, "activities/2024-mixed/")
    assert "<script>alert" not in raw and "onerror=alert" not in raw.replace("onerror=alert(1)&gt;", "")


def test_badge_shown_with_copyable_snippets_using_absolute_urls(main_site):
    site_dir, answers = main_site
    fw = framework_data()
    for activity_id, checklist in answers.items():
        sec = section(activity_root(site_dir, activity_id), "mic_checklist")
        alt = f"{LABEL}: {message(expected(checklist, fw))}"
        img = sec.find("img")
        assert img.attrs["alt"] == alt
        assert (site_dir / "activities" / activity_id / img.attrs["src"]).resolve() == \
            (site_dir / "badges" / f"{activity_id}.svg").resolve()
        snippets = [c.text() for c in sec.find_all("code")]
        svg_url = f"{SITE_URL}badges/{activity_id}.svg"
        link = f"{SITE_URL}activities/{activity_id}/#mic_checklist"
        assert f"[![{alt}]({svg_url})]({link})" in snippets
        html_snippet = next(s for s in snippets if s.startswith("<a "))
        snippet_img = parse(html_snippet).find("img")
        assert snippet_img.attrs == {"src": svg_url, "alt": alt}
        assert parse(html_snippet).find("a").attrs["href"] == link


def test_badge_files_read_correctly_and_match_the_score(main_site):
    site_dir, answers = main_site
    fw = framework_data()
    total = (0, 0)
    for activity_id, checklist in answers.items():
        score = expected(checklist, fw)
        total = (total[0] + score[0], total[1] + score[1])
        check_badge(site_dir, activity_id, score)
    check_badge(site_dir, "organisation", total)


def check_badge(site_dir: Path, name: str, score: tuple[int, int]) -> None:
    spoken = f"{LABEL}: {message(score)}"
    root = ET.fromstring((site_dir / "badges" / f"{name}.svg").read_bytes())
    assert root.get("role") == "img" and root.get("aria-label") == spoken, name
    assert root[0].tag == f"{SVG}title" and root[0].text == spoken
    # every drawn text is hidden from assistive technology, so the badge is read once
    for text in root.iter(f"{SVG}text"):
        parents = [g for g in root.iter(f"{SVG}g") if text in list(g)]
        assert parents and parents[0].get("aria-hidden") == "true"
    drawn = [t.text for t in root.iter(f"{SVG}text") if t.get("fill-opacity") is None]
    assert drawn == [LABEL, message(score)]
    data = json.loads((site_dir / "badges" / f"{name}.json").read_text(encoding="utf-8"))
    assert data == {"schemaVersion": 1, "label": LABEL, "message": message(score), "color": colour(score)}


# --- the quality page --------------------------------------------------------------------------------------


def quality_rows(site_dir: Path) -> dict[str, list[str]]:
    """Activity id -> the words of its row's cells after the title: all markers, lowest, then each actor x stage."""
    table = parse(page(site_dir, "quality/")).find("div", class_="mic-q-table").find("table")
    out = {}
    for row in table_rows(table.find("tbody")):
        href = row[0].find("a").attrs["href"]
        activity_id = href.split("activities/")[1].split("/")[0]
        out[activity_id] = [c.words() for c in row[1:]]
    return out


def test_quality_page_covers_every_activity_and_adds_up(main_site):
    site_dir, answers = main_site
    fw = framework_data()
    columns = [(a["id"], s["id"]) for a in fw["actors"] for s in fw["stages"]]
    rows = quality_rows(site_dir)
    assert set(rows) == set(answers)
    for activity_id, checklist in answers.items():
        assert rows[activity_id][0] == short(expected(checklist, fw))
        assert rows[activity_id][2:] == [short(expected(checklist, fw, a, s)) for a, s in columns]
    root = parse(page(site_dir, "quality/"))
    foot = table_rows(root.find("div", class_="mic-q-table").find("table").find("tfoot"))[0]
    totals = []
    for a, s in columns + [(None, None)]:
        scores = [expected(c, fw, a, s) for c in answers.values()]
        totals.append((sum(x for x, _ in scores), sum(y for _, y in scores)))
    assert [c.words() for c in foot[3:]] == [with_percent(s, short) for s in totals[:-1]]
    assert foot[1].words() == with_percent(totals[-1], short)
    assert f"Across {len(answers)} activities: {with_percent(totals[-1])}." in \
        section(root, "mic_quality_overall").words()
    assert root.find("img", src="../badges/organisation.svg").attrs["alt"] == f"{LABEL}: {message(totals[-1])}"


def test_quality_page_names_the_gaps_in_words(main_site):
    site_dir, answers = main_site
    fw = framework_data()
    names = {(a["id"], s["id"]): f"{a['name']} · {s['name']}" for a in fw["actors"] for s in fw["stages"]}
    shares = {}
    for key in names:
        scores = [expected(c, fw, *key) for c in answers.values()]
        met, applicable = sum(x for x, _ in scores), sum(y for _, y in scores)
        if applicable:
            shares[key] = Fraction(met, applicable)
    lowest = min(shares.values())
    root = parse(page(site_dir, "quality/"))
    first = section(root, "mic_quality_gaps").find("li").words()
    assert first.startswith("Lowest: ")
    assert any(first.startswith(f"Lowest: {names[k]}: ") for k, v in shares.items() if v == lowest)
    # each activity's "Lowest" cell names one of its own lowest stages, with the share
    rows = quality_rows(site_dir)
    for activity_id, checklist in answers.items():
        cells = {k: expected(checklist, fw, *k) for k in names}
        scored = {k: Fraction(m, a) for k, (m, a) in cells.items() if a}
        text = rows[activity_id][1]
        if not scored:
            assert text == "Nothing applicable"
            continue
        low = min(scored.values())
        ties = [names[k] for k, v in scored.items() if v == low]
        share = int(low * 100 + Fraction(1, 2))
        if len(ties) > 2:
            assert text.startswith(f"{len(ties)} tied at {share}%, including ") and text.split("including ")[1] in ties
        else:
            assert text == "; ".join(ties) + f" ({share}%)", (activity_id, text)


def test_markers_explained_with_source_and_every_link_lands(main_site):
    site_dir, answers = main_site
    fw = framework_data()
    root = parse(page(site_dir, "quality/"))
    explained = section(root, "mic_quality_markers")
    for marker in fw["markers"]:
        dt = root.by_id(f"mic_marker_{marker['id']}")
        assert dt.tag == "dt" and dt.words() == marker["text"]
        assert marker["help"] in explained.words()
    assert fw["source"] in explained.words()
    ids = {n.attrs["id"] for n in root.iter() if "id" in n.attrs}
    for activity_id in answers:
        for a in section(activity_root(site_dir, activity_id), "mic_checklist").find_all("a"):
            href = a.attrs["href"]
            if href.startswith("../../quality/#"):
                assert href.split("#")[1] in ids


def test_figures_beside_data_backed_markers(main_site):
    site_dir, _ = main_site
    sec = section(activity_root(site_dir, "2024-mixed"), "mic_checklist")
    figures = {row[0].find("a").words(): row[0].find("p", class_="mic-q-figures").words()
               for t in checklist_tables(sec) for row in table_rows(t)[1:]
               if row[0].find_all("p", class_="mic-q-figures")}
    invited_share = int(Fraction(100 * 14, 14 + 6) + Fraction(1, 2))
    assert figures["Percentage of users who are invited compared to those who volunteered"] == \
        f"Figures: 14 invited, 6 volunteered ({invited_share}% invited)"
    assert figures["Changes made are communicated to those involved"] == \
        "Figures: 1 of 3 feedback items reported back to the people who gave it (33%)"
    assert figures["Closed the loop: staff are required to act on feedback"] == \
        "Figures: 2 of 3 feedback items have a response (67%), 1 awaiting one"
    assert figures["Venues are accessible to all users"] == \
        "Figures: 3 accessibility provisions listed: step-free venue, BSL interpreter, Welsh and English — dwyieithog"
    assert figures["Appropriate compensation is given"] == \
        "Figures: compensation: £12 travel per session — paid on the day"
    assert figures["Appropriate outcomes and process measures are used which are relevant to users"] == \
        "Figures: 2 measures recorded (1 engagement, 1 outcome)"
    import datetime as dt
    days = (dt.date(2024, 4, 15) - dt.date(2024, 2, 1)).days
    assert figures["Timing allowed for influence on decisions"] == \
        f"Figures: started 1 February 2024, decision date 15 April 2024 ({days} days after the start)"
    # data-backed markers with no data say so, rather than going quiet
    none = section(activity_root(site_dir, "2024-none"), "mic_checklist")
    none_figures = [p.words() for p in none.find_all("p", class_="mic-q-figures")]
    assert "Figures: invited and volunteered not recorded" in none_figures
    assert "Figures: no feedback recorded" in none_figures


def test_badges_and_quality_page_are_byte_identical_across_builds(main_site, tmp_path):
    site_dir, _ = main_site
    again = build(write_site(tmp_path, activities=main_activities()), strict=True)
    for path in sorted((site_dir / "badges").iterdir()):
        assert (again / "badges" / path.name).read_bytes() == path.read_bytes(), path.name
    assert page(again, "quality/") == page(site_dir, "quality/")


def test_without_site_url_snippets_are_relative_and_say_so(tmp_path):
    site_dir = build(write_site(tmp_path, activities={"2024-none.yml": NONE}, mkdocs={"site_url": None}))
    sec = section(activity_root(site_dir, "2024-none"), "mic_checklist")
    snippets = [c.text() for c in sec.find_all("code")]
    alt = f"{LABEL}: 0 of 29 met"
    assert f"[![{alt}](badges/2024-none.svg)](activities/2024-none/#mic_checklist)" in snippets
    assert "put the site's full address in front of them" in sec.words()
    assert not any("shields.io" in s for s in snippets)
    # the organisation badge on quality/ as well
    quality = section(parse(page(site_dir, "quality/")), "mic_quality_overall")
    assert f"[![{alt}](badges/organisation.svg)](quality/)" in [c.text() for c in quality.find_all("code")]

