"""A varied content folder at scale, for the benchmarks: like a real organisation's years of records, not tuned
to any page of the plugin.

``make_content(root, activities=200, items=10_000)`` writes ``root/content`` and returns the activities as
dicts (for the hand-written Markdown twin). What varies, as in real content:

* feedback texts from one line to several paragraphs (with lists, emphasis, links, quotes, Welsh, emoji),
  items spread unevenly over activities (a few big consultations with thousands of items, many small ones);
* about 150 themes (case variants of one theme, Welsh themes), 0 to 5 per item;
* responses of every status, some with long answers, up to four dated updates with notes, some awaiting;
* activities of every status and approach over ten years, with checklists of every shape and timelines;
* outcome measures: three series of four dated values per activity (600 at 200 activities) of all five
  types of data, with units, ``out_of``, baselines, targets and methods, plus organisation-wide measures.

The generator is seeded, so a run is repeatable; ``--seed`` in the scripts gives another mix.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = ("appointment carer respite transport evening weekend helpline council hospital discharge support "
         "assessment money benefit form letter phone online group session volunteer driver bus taxi parking "
         "Welsh translation leaflet waiting list break fund young adult school college worker nurse doctor "
         "pharmacy medication night sleep stress mental health rural town village clinic ward plan review "
         "budget grant voucher cost travel time notice booking queue staff training respect listen mum dad "
         "daughter son husband wife partner neighbour friend dementia stroke autism diabetes wheelchair ramp "
         "hearing loop interpreter signposting referral social worker district nurse surgery receptionist "
         "prescription delivery shopping cleaning washing lifting bathing eating cooking shift job employer "
         "holiday tired lonely anxious grateful angry confused heard ignored rushed welcomed").split()
WELSH = ("gofalwyr gofal Cymraeg ysbyty meddyg cludiant tŷ ŵyr gwybodaeth cyngor apwyntiad cymorth "
         "diolch bws trên teulu plant hŷn gwasanaeth iechyd cymuned â ŵy ŷ").split()
PLACES = ("Llanelli", "Caerdydd", "Pen-y-bont ar Ogwr", "Aberystwyth", "Ynys Môn", "Llandŵ", "Rhosllannerchrugog",
          "Merthyr Tudful", "Bangor", "Wrecsam")
BASE_THEMES = ("transport", "money", "mental health", "information", "Welsh language", "young carers", "respite",
               "hospital discharge", "digital", "rural", "access", "staff attitudes", "breaks",
               "health appointments", "benefits", "housing", "employment", "peer support", "GP services",
               "pharmacy", "social care", "advocacy", "training", "dementia", "learning disability",
               "hearing loss", "sight loss", "wheelchair access", "parking", "food", "loneliness", "sleep",
               "bereavement", "end of life", "children's services", "adult services", "school", "college",
               "cost of living", "energy bills", "forms", "phone lines", "opening hours", "waiting times",
               "complaints", "safeguarding", "carers' assessment", "direct payments", "volunteering",
               "community groups")
WELSH_THEMES = ("gofal seibiant", "iechyd meddwl", "Cymraeg", "cludiant gwledig", "gofalwyr ifanc", "tai",
                "arian", "gwybodaeth", "unigrwydd", "ysgolion")
APPROACHES = ("informing", "consulting", "engaging", "co-designing", "co-producing")
ACTIVITY_STATUSES = ("completed", "completed", "completed", "in-progress", "open", "planned", "paused",
                     "cancelled")
RESPONSE_STATUSES = ("done", "done", "partly-done", "in-progress", "planned", "considering", "referred",
                     "not-doing")
OWNERS = ("Involvement Lead", "Carer Support Team", "Communications Officer", "Volunteer Coordinator",
          "Chief Executive", "Board of Trustees", "Tîm Cymorth Gofalwyr", "Hospital Discharge Team",
          "Finance and Grants", "Digital Services")
SOURCES = ("survey", "workshop", "comment card", "listening session", "helpline", "reader panel", "focus group",
           "drop-in session", "arolwg", "email", "social media", "home visit")
METHODS = ("exit survey", "attendance register", "self-report survey", "membership database",
           "case records", "follow-up phone calls", "the Warwick-Edinburgh wellbeing scale",
           "holiadur gofalwyr", None)
MEASURES = {
    "user": ("Carers reached in {place}", "Young carers registered", "People new to our services",
             "Carers from ethnic minority communities taking part", "Welsh speakers taking part"),
    "engagement": ("Sessions attended", "Places taken at the {place} group", "Calls to the helpline",
                   "Hours of respite used", "Visits to the online forum"),
    "feedback": ("Participants who felt listened to", "Items answered within 30 days",
                 "Answers reported back to the people who raised them", "Carers rating the service good"),
    "outcome": ("Carers reporting less stress", "Carers with an emergency plan", "Carers confident to ask for help",
                "Days until a discharge plan is shared", "Carers reporting better sleep"),
    "impact": ("Carers still caring at home a year on", "Emergency admissions of the people cared for",
               "Carers in paid work", "Wellbeing score, on average"),
}
UNITS = ("people", "carers", "%", "days", "sessions", "hours", "calls", None)


def _words(rng: random.Random, n: int) -> list[str]:
    pool = WELSH if rng.random() < 0.08 else WORDS
    return [rng.choice(pool) for _ in range(n)]


def sentence(rng: random.Random, n: int) -> str:
    words = _words(rng, n)
    words[0] = words[0].capitalize()
    if n > 6 and rng.random() < 0.3:
        i = rng.randrange(1, n - 1)
        words[i] = f"*{words[i]}*"
    if n > 8 and rng.random() < 0.15:
        i = rng.randrange(1, n - 1)
        words[i] = f"**{words[i]}** (£{rng.randrange(2, 400)})"
    if n > 8 and rng.random() < 0.1:
        i = rng.randrange(1, n - 1)
        words[i] = f"in {rng.choice(PLACES)}"
    if n > 10 and rng.random() < 0.05:
        words.append(f"— see [the leaflet](https://example.org/leaflets/{rng.randrange(100)})")
    end = rng.choice((".", ".", ".", ".", "!", "?", " 🙂.")) if rng.random() < 0.2 else "."
    return " ".join(words) + end


def paragraph(rng: random.Random, sentences: int, words: tuple[int, int] = (8, 22)) -> str:
    text = " ".join(sentence(rng, rng.randrange(*words)) for _ in range(sentences))
    roll = rng.random()
    if roll < 0.10:
        text += "\n\n" + "\n".join(f"- {sentence(rng, rng.randrange(3, 12))}" for _ in range(rng.randrange(2, 6)))
    elif roll < 0.13:
        text = f"“{text}”"
    elif roll < 0.15:
        text += "\n\n> " + sentence(rng, rng.randrange(8, 20))
    return text


def said(rng: random.Random) -> str:
    """What was said: mostly a line or two, sometimes a long story in several paragraphs."""
    roll = rng.random()
    if roll < 0.55:
        return sentence(rng, rng.randrange(6, 25))
    if roll < 0.90:
        return paragraph(rng, rng.randrange(2, 5))
    return "\n\n".join(paragraph(rng, rng.randrange(3, 7)) for _ in range(rng.randrange(2, 5)))


def themes(rng: random.Random, all_themes: list[str]) -> list[str]:
    n = rng.choices((0, 1, 2, 3, 4, 5), weights=(15, 30, 30, 15, 7, 3))[0]
    # Popular themes come up far more often than the long tail.
    return list(dict.fromkeys(all_themes[min(int(rng.paretovariate(0.9)) - 1, len(all_themes) - 1)]
                              for _ in range(n)))


def theme_list(rng: random.Random) -> list[str]:
    out = list(BASE_THEMES) + list(WELSH_THEMES)
    out += [f"{t} in {p}" for t, p in zip(rng.sample(BASE_THEMES, 40), rng.choices(PLACES, k=40))]
    out += [t.title() for t in rng.sample(BASE_THEMES, 12)]  # the same theme written another way
    out += [t.upper() for t in rng.sample(BASE_THEMES, 3)]
    rng.shuffle(out)
    return out


def response(rng: random.Random, year: int, day: str) -> dict:
    status = rng.choice(RESPONSE_STATUSES)
    out: dict = {"status": status, "owner": rng.choice(OWNERS)}
    long = rng.random() < 0.1
    text = "\n\n".join(paragraph(rng, rng.randrange(2, 5)) for _ in range(rng.randrange(2, 4))) if long \
        else paragraph(rng, rng.randrange(1, 3))
    if status == "not-doing":
        out["reason"] = text
    elif status in ("done", "partly-done", "referred") or rng.random() < 0.6:
        out["did"] = text
    if rng.random() < 0.5:
        out["due"] = f"{year + 1}-{rng.randrange(1, 13):02d}-15"
    if rng.random() < 0.6:
        out["communicated"] = f"{year}-11-{rng.randrange(1, 29):02d}"
    updates = []
    steps = rng.choices((0, 1, 2, 3, 4), weights=(30, 30, 20, 12, 8))[0]
    chain = ["considering", "planned", "in-progress", status]
    for k in range(steps):
        update = {"date": f"{year}-{7 + k:02d}-{rng.randrange(1, 29):02d}", "status": chain[-steps + k]}
        if rng.random() < 0.7:
            update["note"] = sentence(rng, rng.randrange(6, 30))
        updates.append(update)
    if updates:
        updates[-1]["status"] = status
        out["updates"] = updates
    return out


def checklist(rng: random.Random, markers: list[tuple[str, str, str]]) -> dict:
    """A checklist of any shape: none, a few markers, or every marker with evidence."""
    shape = rng.random()
    if shape < 0.15:
        return {}
    out: dict = {}
    for actor, stage, marker in markers:
        if shape < 0.4 and rng.random() < 0.6:
            continue
        answer = rng.choice(("met", "met", "partly", "not-met", "not-applicable"))
        if answer == "not-applicable" or rng.random() < 0.3:
            value: object = {"answer": answer, "evidence": sentence(rng, rng.randrange(5, 25))}
            if rng.random() < 0.2:
                value["url"] = f"https://example.org/evidence/{rng.randrange(1000)}"
        else:
            value = answer
        out.setdefault(actor, {}).setdefault(stage, {})[marker] = value
    return out


def measures(rng: random.Random, n: int, year: int, scope: str) -> list[dict]:
    """``n`` series of four dated values, of the five types of data."""
    out = []
    types = list(MEASURES)
    for k in range(n):
        kind = rng.choice(types)
        name = rng.choice(MEASURES[kind]).format(place=rng.choice(PLACES))
        if rng.random() < 0.15:
            name += f" ({sentence(rng, rng.randrange(4, 12))[:-1].lower()})"
        unit = rng.choice(UNITS)
        whole = rng.choice((None, None, 20, 50, 120, 400))
        value = rng.randrange(1, whole or 900)
        baseline = value if rng.random() < 0.4 else None
        target = (min(whole, value * 2) if whole else value * 2) if rng.random() < 0.4 else None
        method = rng.choice(METHODS)
        for step in range(4):
            entry: dict = {"id": f"{scope}-m{k}"}
            if step == 0:
                entry.update({"measure": name, "type": kind})
                if unit:
                    entry["unit"] = unit
            value = max(0, value + rng.randrange(-value // 4 - 1, value // 3 + 3))
            if whole:
                value = min(value, whole)
                entry["out_of"] = whole if rng.random() < 0.9 else max(value, whole + rng.randrange(0, 40))
            entry["value"] = value if whole or rng.random() < 0.8 else value + 0.5
            entry["date"] = f"{year + step}-03-31"
            if step == 0 and baseline is not None:
                entry["baseline"] = baseline
            if step == 0 and target is not None:
                entry["target"] = target
            if step == 0 and method:
                entry["method"] = method
            out.append(entry)
    return out


def framework_markers() -> list[tuple[str, str, str]]:
    path = Path(__file__).resolve().parent.parent / "mic_plugin" / "data" / "framework.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(m["actor"], m["stage"], m["id"]) for m in data["markers"]]


def make_content(root: Path, n_activities: int, n_items: int, seed: int = 7, measures_each: int = 3) -> list[dict]:
    """Write content/ under root; return the activities as dicts (for the Markdown twin)."""
    rng = random.Random(seed)
    all_themes = theme_list(rng)
    markers = framework_markers()
    content = root / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(yaml.safe_dump({
        "name": "Benchmark Carers' Trust — Ymddiriedolaeth Gofalwyr", "purpose": paragraph(rng, 4),
        "why": ["improves-services", "right-to-a-say"], "power": paragraph(rng, 3), "about": paragraph(rng, 2)},
        allow_unicode=True), encoding="utf-8")
    (content / "outcomes.yml").write_text(yaml.safe_dump(measures(rng, 12, 2018, "org"), allow_unicode=True,
                                                         sort_keys=False), encoding="utf-8")
    # Items spread unevenly over activities (some big consultations, many small ones).
    weights = [rng.paretovariate(1.2) for _ in range(n_activities)]
    total = sum(weights)
    counts = [max(1, int(n_items * w / total)) for w in weights]
    while sum(counts) > n_items:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < n_items:
        counts[rng.randrange(n_activities)] += 1
    activities = []
    serial = 0
    for i in range(n_activities):
        year = 2016 + i % 10
        title = sentence(rng, rng.randrange(3, 12))[:-1].rstrip("!?🙂 ")
        aid = f"{year}-{'-'.join(w.strip('*').lower() for w in title.split()[:3] if w.isascii())[:40]}-{i:03d}"
        items = []
        for _ in range(counts[i]):
            serial += 1
            day = f"{year}-{rng.randrange(1, 7):02d}-{rng.randrange(1, 29):02d}"
            item = {"id": f"fb-{serial:05d}" if rng.random() < 0.7 else f"{rng.choice(WORDS).lower()}-{serial}",
                    "said": said(rng), "date": day}
            if rng.random() < 0.8:
                item["count"] = rng.choice((1, 1, 1, 2, 3, 5, 8, 12, 30, 140))
            if rng.random() < 0.9:
                item["source"] = rng.choice(SOURCES)
            item["themes"] = themes(rng, all_themes)
            if rng.random() > 0.12:
                item["response"] = response(rng, year, day)
            items.append(item)
        status = rng.choice(ACTIVITY_STATUSES)
        activity: dict = {
            "title": f"{title} — {rng.choice(PLACES)}" if rng.random() < 0.3 else title,
            "summary": paragraph(rng, rng.randrange(2, 6)),
            "approach": rng.choice(APPROACHES), "status": status, "started": f"{year}-01-10",
        }
        if status == "completed":
            activity["ended"] = f"{year}-12-20"
        activity["themes"] = rng.sample(all_themes, rng.randrange(1, 5))
        activity["purpose"] = {
            "why": rng.sample(["improves-services", "benefits-participants", "right-to-a-say"], rng.randrange(1, 4)),
            "aims": [sentence(rng, rng.randrange(6, 16)) for _ in range(rng.randrange(1, 5))],
            "can_influence": [sentence(rng, 6) for _ in range(rng.randrange(1, 4))],
            "cannot_influence": [sentence(rng, 6) for _ in range(rng.randrange(0, 3))],
            "decision": sentence(rng, 8), "decision_date": f"{year}-10-01"}
        took = rng.randrange(3, 400)
        activity["participation"] = {
            "invited": took + rng.randrange(0, 200), "volunteered": rng.randrange(0, took), "took_part": took,
            "sessions": rng.randrange(1, 30), "hours": rng.randrange(1, 120),
            "compensation": rng.choice(("£20 voucher", "£25 an hour plus travel", "travel costs", "none")),
            "accessibility": rng.sample(["step-free venue", "hearing loop", "BSL interpreter", "Welsh and English",
                                         "easy read", "online option", "replacement care paid"],
                                        rng.randrange(1, 5)),
            "representation": paragraph(rng, 2)}
        marks = checklist(rng, markers)
        if marks:
            activity["checklist"] = marks
        activity["feedback"] = items
        activity["outcomes"] = measures(rng, measures_each, year - 3, f"a{i}")
        activity["updates"] = [{"date": f"{year}-{m:02d}-01", "note": sentence(rng, rng.randrange(6, 20))}
                               for m in sorted(rng.sample(range(1, 13), rng.randrange(0, 6)))]
        if not activity["updates"]:
            del activity["updates"]
        (content / "activities" / f"{aid}.yml").write_text(
            yaml.safe_dump(activity, allow_unicode=True, sort_keys=False), encoding="utf-8")
        activities.append({"id": aid, **activity})
    return activities
