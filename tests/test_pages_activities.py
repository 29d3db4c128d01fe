"""The activities index, activity pages and the organisation overview, as a reader gets them.

Each test builds a real site (Material for MkDocs, the plugin as installed) from content written here, then
reads the HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re

import pytest

from mic_plugin.model import vocab
from mic_plugin.load.loader import load_site
from mic_plugin.derive.scoring import activity_score
from kits.sitekit import ACTIVITY, LogCapture, build, page, write_site

AS_OF = dt.date(2024, 9, 1)

WELSH = """\
title: "Gofal yn Gymraeg — <Welsh> care & support"
summary: |
  Sesiynau galw heibio **dwyieithog**. Costs £0 to attend.
approach: co-producing
status: in-progress
started: 2024-07-01
themes: [Welsh language, TRANSPORT]
participation:
  invited: 20
  volunteered: 15
  took_part: 30
  compensation: £15 voucher — and travel
  accessibility: [step-free venue, BSL interpreter]
purpose:
  why: [right-to-a-say]
  aims: [Carers choose the language of their assessment]
  can_influence: [Which days the sessions run]
  cannot_influence: [The national eligibility criteria]
  decision: Whether to fund a Welsh-speaking worker
  decision_date: 2024-12-01
feedback:
  - id: welsh-forms
    said: |
      Forms only in English:

      - the assessment form
      - the *carer's* leaflet <script>alert('said')</script>
    date: 2024-07-10
    count: 4
    themes: [welsh LANGUAGE]
    response:
      status: planned
      did: Translating both, with a Welsh-speaking carer checking them.
      owner: Communications Officer
      due: 2024-08-01
  - id: welsh-phone
    said: "Ffôn: nobody answers in Welsh <img src=x onerror=alert(1)>"
    date: 2024-08-20
  - id: welsh-not-doing
    said: Run sessions every day.
    date: 2024-07-12
    response:
      status: not-doing
      reason: We have **one** worker; two sessions a week is what we can keep up.
      communicated: 2024-08-01
"""

EMPTY = """\
title: Planned listening event
summary: Nothing has happened yet.
approach: informing
status: planned
started: 2024-10-01
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("activities")
    config = write_site(root, activities={"2024-bus-passes.yml": ACTIVITY, "2024-welsh.yml": WELSH,
                                          "2024-planned.yml": EMPTY},
                        mkdocs={"repo_url": "https://github.com/example/site", "edit_uri": "edit/main/docs/"},
                        docs={"index.md": "# Home\n\nIntro.\n\n<!-- make-it-count:organisation -->\n\nAfter.\n"})
    return root, build(config)


INLINE = re.compile(r"</?(?:a|em|strong|span|time|code|abbr)\b[^>]*>")


def text_of(fragment: str) -> str:
    """What a reader reads: inline tags dropped, block tags as spaces, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", INLINE.sub("", fragment))).split())


def article(doc: str) -> str:
    """The page body (Material's content <article>)."""
    start = doc.index('<article class="md-content__inner')
    return doc[start:doc.index("</article>\n", doc.rindex('class="mic-'))]


def element_with_id(doc: str, id_: str) -> str:
    match = re.search(rf'<article class="mic-item" id="{re.escape(id_)}">.*?</article>', doc, re.S)
    assert match, f"no element with id={id_}"
    return match.group(0)


def test_activities_index_newest_first_with_status_approach_summary_and_score(site):
    root, out = site
    doc = page(out, "activities/")
    titles = [text_of(t) for t in re.findall(r'<h2 class="mic-card__title">(.*?)</h2>', doc)]
    assert titles == ["Planned listening event", "Gofal yn Gymraeg — <Welsh> care & support", "Bus passes for carers"]
    loaded = load_site(root / "content").site
    body = text_of(article(doc))
    cards = [text_of(c) for c in doc.split('<li class="mic-card mic-activity-card">')[1:]]
    for activity in loaded.activities:
        score = activity_score(loaded.framework, activity).message
        card = next(c for c in cards if c.startswith(activity.title))
        assert f"Quality checklist: {score}" in card
        assert vocab.ACTIVITY_STATUSES[activity.status] in card
        assert vocab.APPROACHES[activity.approach] in card
    assert "Sesiynau galw heibio dwyieithog. Costs £0 to attend." in body
    assert "<strong>dwyieithog</strong>" in doc
    assert "&lt;Welsh&gt; care &amp; support" in doc and "<Welsh>" not in doc


def test_every_feedback_item_at_its_permalink_with_its_response(site):
    _, out = site
    doc = page(out, "activities/2024-bus-passes/")
    done = text_of(element_with_id(doc, "bus-too-late"))
    for words in ("Done", "You said, 5 March 2024", "The last bus leaves before evening appointments end.",
                  "Said by 12 people", "survey", "What we did", "We moved evening clinics to finish by 17:30.",
                  "Owner: Clinic operations team", "Due 1 May 2024", "Reported back on 1 June 2024",
                  "History (2 updates)", "1 April 2024: In progress Talking to the bus company.", "20 May 2024: Done"):
        assert words in done, words
    assert "<em>17:30</em>" in element_with_id(doc, "bus-too-late")
    assert "overdue" not in done  # done on time is never overdue

    waiting = text_of(element_with_id(doc, "parking-costs"))
    days = (AS_OF - dt.date(2024, 3, 6)).days
    assert "Awaiting response You said, 6 March 2024" in waiting
    assert f"Awaiting a response for {days} days." in waiting


def test_overdue_not_doing_and_escaping(site):
    _, out = site
    doc = page(out, "activities/2024-welsh/")
    planned = element_with_id(doc, "welsh-forms")
    text = text_of(planned)
    assert f"{(AS_OF - dt.date(2024, 8, 1)).days} days overdue." in text
    assert "Not reported back yet" in text and "Planned" in text
    assert "<li>the assessment form</li>" in planned  # Markdown list rendered
    assert "<script>alert" not in doc and "<img src=x" not in doc and 'onerror="alert' not in doc
    refused = text_of(element_with_id(doc, "welsh-not-doing"))
    assert "Not doing" in refused and "Why we are not doing it" in refused
    assert "We have one worker; two sessions a week is what we can keep up." in refused
    assert "Reported back on 1 August 2024" in refused
    # Themes compared without case, shown as first written: activities are read newest first, so this
    # activity's "TRANSPORT" is the first spelling and the older activity's "Transport" is the same theme.
    assert "Themes: Welsh language, TRANSPORT" in text_of(doc)


def test_purpose_and_participation_in_plain_words(site):
    _, out = site
    body = text_of(article(page(out, "activities/2024-welsh/")))
    for words in ("Why we involved people People should have a say", "What we hoped would happen",
                  "Carers choose the language of their assessment", "What people could influence Which days",
                  "What people could not influence The national eligibility criteria",
                  "The decision it fed Whether to fund a Welsh-speaking worker, due on 1 December 2024.",
                  "20 people were invited individually", "15 people came forward without being asked",
                  "30 took part (86% of the 35 invited or volunteering)", "57% were invited and 43% volunteered.",
                  "Compensation £15 voucher — and travel", "step-free venue", "BSL interpreter"):
        assert words in body, words
    assert '<figure class="mic-funnel">' in page(out, "activities/2024-welsh/")


def test_empty_optional_sections_say_so(site):
    _, out = site
    body = text_of(article(page(out, "activities/2024-planned/")))
    assert "This record does not yet say why the activity took place" in body
    assert "This record does not yet say who took part." in body
    assert "No feedback from this activity has been published yet." in body


def test_section_anchors_and_toc(site):
    _, out = site
    doc = page(out, "activities/2024-bus-passes/")
    for anchor in ("mic_purpose", "mic_participation", "mic_feedback"):
        assert f'id="{anchor}"' in doc
        assert f'href="#{anchor}"' in doc  # table of contents


def test_organisation_page_and_home_page_include(site):
    _, out = site
    org = text_of(article(page(out, "organisation/")))
    for words in ("Why we involve people", "Our purpose", "including when the answer is no. Budget: £12,000 a year.",
                  "It's good for the people involved", "It can improve decisions and services",
                  "People should have a say", "Power", "People who use our services did not choose us"):
        assert words in org, words
    assert "github.com/example/site/edit/main/content/organisation.yml" in page(out, "organisation/")
    home = page(out, "")
    assert "make-it-count:organisation" not in home
    body = text_of(article(home))
    assert body.index("Intro.") < body.index("Our purpose") < body.index("People should have a say") < body.index("After.")
    assert 'href="activities/"' in home


def test_unknown_include_is_reported(tmp_path):
    config = write_site(tmp_path, docs={"index.md": "# Home\n\n<!-- make-it-count:organisaton -->\n"})
    capture = LogCapture()
    logging.getLogger("mkdocs").addHandler(capture)
    try:
        build(config)
    finally:
        logging.getLogger("mkdocs").removeHandler(capture)
    assert any("unknown include <!-- make-it-count:organisaton -->" in m for m in capture.messages())


def test_same_content_gives_identical_pages(tmp_path):
    first = build(write_site(tmp_path / "a"))
    second = build(write_site(tmp_path / "b"))
    for url in ("activities/", "activities/2024-bus-passes/", "you-said-we-did/", "organisation/"):
        assert page(first, url) == page(second, url)
    assert (first / "you-said-we-did/items.json").read_bytes() == (second / "you-said-we-did/items.json").read_bytes()
