"""How long does validating a large content folder take?

Generates a content folder of 200 activities x 50 feedback items (10,000 items) with a realistic mix of
fields (responses of every status with updates, Markdown blocks, themes, checklists, participation,
outcome series) in a temporary folder, validates it three times with ``load_site`` and prints the median
time and the items per second. The target (issue 14) is 1 second for 10,000 items. ``--varied`` validates
the build benchmark's varied content instead (:mod:`content`: long texts, many themes, 600 measures).

    python benchmarks/bench_validate.py [--activities 200] [--items 50] [--varied] [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as _dt
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mic_plugin.load.loader import load_site  # noqa: E402

TARGET_SECONDS = 1.0
TODAY = _dt.date(2026, 1, 1)

STATUSES = ("considering", "planned", "in-progress", "done", "partly-done", "referred", "not-doing", None)
APPROACHES = ("informing", "consulting", "engaging", "co-designing", "co-producing")
SOURCES = ("workshop", "survey", "comment card", "focus group", "drop-in session")
THEMES = ("transport", "Mental health", "respite", "money", "hospital discharge", "young carers", "digital")
SAYINGS = (
    "The last bus leaves before evening appointments end, so I have to leave early — every time.",
    "Nobody told me my mum was being discharged until the morning she came home.",
    "The carers' café is the only place I can talk to someone who *gets it*.",
    "Forms for the break fund are eight pages long; I gave up halfway through.",
    "Byddai'n dda cael gwybodaeth yn Gymraeg hefyd (information in Welsh would help).",
)

ORGANISATION = """\
name: Benchmark Carers' Trust
purpose: |
  We involve carers because they know what caring is like.

  - We publish everything carers told us, anonymised.
  - We say what we will **not** do, and why.
why: [benefits-participants, improves-services, right-to-a-say]
public_contacts: ["0808 157 0192", "info@benchmark.example"]
contact: https://benchmark.example/contact
data_licence: CC-BY-4.0
"""

CHECKLIST = """\
checklist:
  organisation:
    planning:
      principles-agreed: met
      purpose-written: {answer: met, evidence: "Terms of reference agreed at the first session", url: "https://benchmark.example/tor"}
      strategy: {answer: partly, evidence: "Draft strategy, to be agreed in May"}
      timing-for-influence: not-met
    access:
      accessible-venues: {answer: met, evidence: "Step-free venue, hearing loop, BSL on request"}
      invited-vs-volunteered: {answer: not-applicable, evidence: Everyone was invited individually}
    monitoring:
      compensation: met
    follow-up:
      loop-closed: partly
      changes-communicated: met
  person:
    access:
      listened-to: {answer: met, evidence: "18 of 20 said so in the exit survey"}
      able-to-disagree: partly
    monitoring:
      input-made-difference: not-met
"""


def feedback_item(a: int, i: int) -> str:
    day = _dt.date(2024, 1, 1) + _dt.timedelta(days=(a * 7 + i) % 500)
    status = STATUSES[(a + i) % len(STATUSES)]
    lines = [
        f"  - id: a{a}-item-{i}",
        "    said: |",
        f"      {SAYINGS[i % len(SAYINGS)]}",
        "",
        f"      Raised by {1 + i % 9} carers at the {SOURCES[i % len(SOURCES)]} (£{i}.50 a trip).",
        f"    date: {day.isoformat()}",
        f"    count: {1 + i % 12}",
        f"    source: {SOURCES[i % len(SOURCES)]}",
        f"    themes: [{THEMES[i % len(THEMES)]}, {THEMES[(i + 3) % len(THEMES)]}]",
    ]
    if status is not None:
        later = day + _dt.timedelta(days=20)
        lines += ["    response:", f"      status: {status}"]
        if status == "not-doing":
            lines.append("      reason: The council sets bus times; we passed the comment on but cannot change them.")
        elif status in ("done", "partly-done", "referred"):
            lines.append("      did: |\n        We moved the evening clinic to finish by *17:30*.\n\n"
                         "        - leaflet updated\n        - staff briefed")
        lines += ["      owner: Carers' services team", f"      due: {(later + _dt.timedelta(days=60)).isoformat()}"]
        if i % 3 == 0:
            lines += [f"      communicated: {later.isoformat()}", "      updates:",
                      f"        - {{date: {day.isoformat()}, status: considering, note: Discussed at the team meeting.}}",
                      f"        - date: {later.isoformat()}", f"          status: {status}",
                      "          note: Reported back at the forum."]
    return "\n".join(lines) + "\n"


def activity(a: int, items: int) -> str:
    started = _dt.date(2023, 1, 1) + _dt.timedelta(days=a * 3)
    status = ("completed", "in-progress", "open", "paused")[a % 4]
    out = [
        f"title: Involvement activity number {a} — carers' voices",
        "summary: |",
        "  A series of workshops and a survey about getting to appointments, respite and money.",
        "",
        "  What carers could *not* change is set out below.",
        f"approach: {APPROACHES[a % len(APPROACHES)]}",
        f"status: {status}",
        f"started: {started.isoformat()}",
    ]
    if status == "completed":
        out.append(f"ended: {(started + _dt.timedelta(days=200)).isoformat()}")
    out += [
        "themes: [transport, respite]",
        "purpose:",
        "  why: [improves-services, right-to-a-say]",
        "  aims: [Carers know who to call, Carers get 48 hours' notice]",
        "  can_influence: [The carers' leaflet]",
        "  cannot_influence: [National guidance]",
        "  decision: Board approval of the revised policy",
        "  decision_date: 2026-11-20",
        "participation:",
        "  invited: 14",
        "  volunteered: 6",
        "  took_part: 12",
        "  sessions: 4",
        "  hours: 10.5",
        "  compensation: £25 an hour plus travel",
        "  accessibility: [step-free venue, hearing loop]",
        "  representation: Mostly women over 50; we are recruiting younger carers.",
    ]
    text = "\n".join(out) + "\n" + CHECKLIST + "feedback:\n"
    text += "".join(feedback_item(a, i) for i in range(items))
    text += "outcomes:\n"
    for k, (kind, value) in enumerate((("user", 40), ("engagement", 12), ("feedback", 18), ("outcome", 7))):
        for y in range(3):
            text += f"  - id: measure-{k}\n"
            if y == 0:
                text += f"    measure: Measure {k} of activity {a}\n    type: {kind}\n    unit: people\n"
            text += (f"    value: {value + y}\n    out_of: 100\n    date: {2023 + y}-03-31\n"
                     "    method: exit survey\n")
    text += "updates:\n  - date: 2024-05-01\n    note: The design group met for the first time.\n"
    return text


def generate(root: Path, activities: int, items: int) -> Path:
    content = root / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    for a in range(activities):
        (content / "activities" / f"activity-{a:04d}.yml").write_text(activity(a, items), encoding="utf-8")
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--varied", action="store_true",
                        help="the build benchmark's varied content (--items is then the total)")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of one run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.varied:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            from content import make_content

            make_content(Path(tmp), args.activities, args.items if args.items != 50 else 10_000)
            content = Path(tmp) / "content"
        else:
            content = generate(Path(tmp), args.activities, args.items)
        size = sum(p.stat().st_size for p in content.rglob("*.yml"))
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = load_site(content, today=TODAY)
            times.append(time.perf_counter() - start)
            if not result.ok:
                for problem in result.problems[:20]:
                    print(problem, file=sys.stderr)
                print("the generated content is not valid", file=sys.stderr)
                return 1
        items = sum(len(a.feedback) for a in result.site.activities)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(load_site, content, today=TODAY)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    median = statistics.median(times)
    print(f"validated {items:,} feedback items in {args.activities} activities ({size / 1048576:.1f} MiB of YAML)")
    print(f"median of {args.runs} runs: {median:.2f} s ({items / median:,.0f} items/second); "
          f"runs: {', '.join(f'{t:.2f}' for t in times)}; target: within {TARGET_SECONDS:.0f} s")
    return 0 if median <= TARGET_SECONDS else 2


if __name__ == "__main__":
    sys.exit(main())
