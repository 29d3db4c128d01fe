"""Build-time benchmark: Make It Count against Material building the same words as hand-written Markdown.

Generates a content folder (200 activities; 10,000 feedback items, and a 5,000-item variant) with varied,
Markdown-formatted text, then builds, each in a fresh subprocess with Material for MkDocs and the search
plugin:

* ``ours``: the content folder through the ``make-it-count`` plugin (every generated page and file);
* ``markdown``: one hand-written ``.md`` page per activity holding the same text (summary, purpose,
  participation, every item said, its response and its updates), plus a home page, in an automatic nav.

It prints, from one run: the ratio of build times (ours / Markdown, 10,000 items), the growth of our build
time from 5,000 to 10,000 items, the peak memory of each build (maximum resident set size of the build's
process) and the heaviest HTML page of our site, each against the bars of issue 3:
ratio <= 1.0, growth <= 2.2x, no HTML page over 512 KiB, peak memory under 1 GiB. Build times are CPU
seconds of each build's process, the fastest of ``--repeat`` interleaved builds, so other work on the
machine weighs less than on wall-clock time.

Usage: ``python benchmarks/bench_build.py [--items 10000] [--activities 200] [--keep DIR]
[--repeat 2] [--features mic_plugin.site.activities,mic_plugin.site.feedback,...] [--profile]``
(``--features`` limits the plugin to some feature modules, to see what each costs).
Exit status 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml

KIB = 1024
BARS = {"ratio": 1.0, "growth": 2.2, "page_kib": 512, "memory_mib": 1024}

WORDS = ("appointment carer respite transport evening weekend helpline council hospital discharge support "
         "assessment money benefit form letter phone online group session volunteer driver bus taxi parking "
         "Welsh translation leaflet waiting list break fund young adult school college worker nurse doctor "
         "pharmacy medication night sleep stress mental health rural town village clinic ward plan review "
         "budget grant voucher cost travel time notice booking queue staff training respect listen").split()
THEMES = ("transport", "Transport", "money", "mental health", "Mental Health", "information", "Welsh language",
          "young carers", "respite", "hospital discharge", "digital", "rural", "access", "staff attitudes",
          "breaks", "health appointments", "benefits", "housing", "employment", "peer support", "GP services",
          "pharmacy", "social care", "advocacy", "training")
APPROACHES = ("informing", "consulting", "engaging", "co-designing", "co-producing")
OWNERS = ("Involvement Lead", "Carer Support Team", "Communications Officer", "Volunteer Coordinator",
          "Chief Executive", "Board of Trustees")
SOURCES = ("survey", "workshop", "comment card", "listening session", "helpline", "reader panel")


# --- content ---------------------------------------------------------------------------------------------------

def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    if n > 6 and rng.random() < 0.3:
        i = rng.randrange(1, n - 1)
        words[i] = f"*{words[i]}*"
    if n > 8 and rng.random() < 0.15:
        i = rng.randrange(1, n - 1)
        words[i] = f"**{words[i]}** (£{rng.randrange(2, 400)})"
    return " ".join(words) + "."


def paragraph(rng: random.Random, sentences: int, words: tuple[int, int] = (8, 18)) -> str:
    text = " ".join(sentence(rng, rng.randrange(*words)) for _ in range(sentences))
    if rng.random() < 0.12:
        text += "\n\n" + "\n".join(f"- {sentence(rng, rng.randrange(3, 8))}" for _ in range(rng.randrange(2, 4)))
    return text


def date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"


def make_content(root: Path, n_activities: int, n_items: int, seed: int = 7) -> list[dict]:
    """Write content/ under root; return the activities as dicts (for the Markdown twin)."""
    rng = random.Random(seed)
    content = root / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(yaml.safe_dump({
        "name": "Benchmark Carers' Trust", "purpose": paragraph(rng, 4), "why": ["improves-services"],
        "power": paragraph(rng, 3), "about": paragraph(rng, 2)}, allow_unicode=True), encoding="utf-8")
    # Items spread unevenly over activities (some big consultations, many small ones).
    weights = [rng.paretovariate(1.5) for _ in range(n_activities)]
    total = sum(weights)
    counts = [max(1, int(n_items * w / total)) for w in weights]
    while sum(counts) > n_items:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < n_items:
        counts[rng.randrange(n_activities)] += 1
    activities = []
    serial = 0
    for i in range(n_activities):
        year = 2016 + i % 9
        aid = f"{year}-activity-{i:03d}"
        items = []
        for _ in range(counts[i]):
            serial += 1
            item = {"id": f"fb-{serial:05d}", "said": paragraph(rng, rng.randrange(1, 4)),
                    "date": f"{year}-{rng.randrange(1, 7):02d}-{rng.randrange(1, 29):02d}",
                    "count": rng.randrange(1, 30), "source": rng.choice(SOURCES),
                    "themes": rng.sample(THEMES, rng.randrange(0, 3))}
            roll = rng.random()
            if roll > 0.1:
                status = rng.choice(("done", "done", "partly-done", "in-progress", "planned", "considering",
                                     "referred", "not-doing"))
                response = {"status": status, "owner": rng.choice(OWNERS)}
                if status == "not-doing":
                    response["reason"] = paragraph(rng, 2)
                else:
                    response["did"] = paragraph(rng, rng.randrange(1, 3))
                if rng.random() < 0.5:
                    response["due"] = f"{year + 1}-{rng.randrange(1, 13):02d}-15"
                if rng.random() < 0.6:
                    response["communicated"] = f"{year}-11-{rng.randrange(1, 29):02d}"
                updates = []
                if rng.random() < 0.5:
                    updates.append({"date": f"{year}-08-01", "status": "considering",
                                    "note": sentence(rng, rng.randrange(6, 14))})
                updates.append({"date": f"{year}-09-{rng.randrange(1, 29):02d}", "status": status})
                response["updates"] = updates
                item["response"] = response
            items.append(item)
        activity = {
            "title": f"Activity {i}: {sentence(rng, 5)[:-1]}", "summary": paragraph(rng, 3),
            "approach": APPROACHES[i % 5], "status": "completed", "started": f"{year}-01-10",
            "ended": f"{year}-12-20", "themes": rng.sample(THEMES, 2),
            "purpose": {"why": ["improves-services"], "aims": [sentence(rng, 8) for _ in range(2)],
                        "can_influence": [sentence(rng, 6)], "cannot_influence": [sentence(rng, 6)],
                        "decision": sentence(rng, 8), "decision_date": f"{year}-10-01"},
            "participation": {"invited": 20, "volunteered": 15, "took_part": 30, "sessions": 3, "hours": 6,
                              "compensation": "£20 voucher", "accessibility": ["step-free venue"],
                              "representation": paragraph(rng, 2)},
            "feedback": items,
        }
        (content / "activities" / f"{aid}.yml").write_text(
            yaml.safe_dump(activity, allow_unicode=True, sort_keys=False), encoding="utf-8")
        activities.append({"id": aid, **activity})
    return activities


def markdown_twin(root: Path, activities: list[dict]) -> None:
    """The same words as hand-written Markdown: one page per activity."""
    docs = root / "docs"
    (docs / "activities").mkdir(parents=True)
    (docs / "index.md").write_text("# Benchmark Carers' Trust\n\nWhat people said, and what we did.\n")
    for a in activities:
        p, q = a["purpose"], a["participation"]
        out = [f"# {a['title']}\n", f"{a['status']} · {a['approach']} · started {a['started']}\n", a["summary"],
               "\n## Why and what could change\n", *(f"- {x}" for x in p["aims"]), "",
               *(f"- Could influence: {x}" for x in p["can_influence"]),
               *(f"- Could not influence: {x}" for x in p["cannot_influence"]),
               f"\nThe decision it fed: {p['decision']}, {p['decision_date']}.\n",
               "## Who took part\n",
               f"- {q['invited']} invited\n- {q['volunteered']} volunteered\n- {q['took_part']} took part\n",
               q["representation"], "\n## You said, we did\n"]
        for f in a["feedback"]:
            out.append(f"### {f['id']}\n\nYou said, {f['date']} ({f['count']} people, {f['source']}):\n")
            out.append(f["said"] + "\n")
            r = f.get("response")
            if not r:
                out.append("*Awaiting response.*\n")
                continue
            out.append(f"**We did: {r['status']}.** " + (r.get("did") or r.get("reason") or "") + "\n")
            out.append(f"- Owner: {r['owner']}\n- Due: {r.get('due', '')}\n"
                       f"- Reported back on: {r.get('communicated', 'not yet')}\n")
            for u in r.get("updates", []):
                out.append(f"1. {u['date']}: {u['status']} {u.get('note', '')}")
            out.append("")
        (docs / "activities" / f"{a['id']}.md").write_text("\n".join(out), encoding="utf-8")


# --- builds ----------------------------------------------------------------------------------------------------

RUNNER = textwrap.dedent("""\
    import json, resource, sys, time, cProfile, pstats, io
    config_file, features, profile = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    if features:
        import mic_plugin.site.plan as plan
        plan.FEATURES = tuple(features.split(","))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    start, cpu = time.perf_counter(), time.process_time()
    prof = cProfile.Profile() if profile else None
    if prof: prof.enable()
    cfg = load_config(config_file=config_file)
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    cfg.plugins.on_shutdown()
    if prof:
        prof.disable()
        s = io.StringIO(); pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(35)
        print(s.getvalue(), file=sys.stderr)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": elapsed, "seconds": cpu, "rss_kib": rss_kib}))
""")


def write_config(root: Path, plugin: bool) -> Path:
    config = {"site_name": "Benchmark", "theme": {"name": "material"}, "docs_dir": "docs",
              "site_dir": "site", "plugins": ["search"]}
    if plugin:
        config["plugins"].append({"make-it-count": {"as_of": "2025-06-01", "git": False}})
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def run_build(config_file: Path, features: str = "", profile: bool = False) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(config_file), features, "1" if profile else "0"],
                          capture_output=True, text=True, env=env, cwd=config_file.parent)
    if proc.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{proc.stderr[-4000:]}")
    if profile:
        print(proc.stderr[-12000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def heaviest_page(site: Path) -> tuple[int, str]:
    best = (0, "")
    for path in site.rglob("*.html"):
        size = path.stat().st_size
        if size > best[0]:
            best = (size, str(path.relative_to(site)))
    return best


def prepare(base: Path, name: str, n_activities: int, n_items: int) -> tuple[Path, Path]:
    ours, md = base / f"{name}-ours", base / f"{name}-markdown"
    activities = make_content(ours, n_activities, n_items)
    (ours / "docs").mkdir()
    (ours / "docs" / "index.md").write_text("# Benchmark Carers' Trust\n\n<!-- make-it-count:organisation -->\n")
    markdown_twin(md, activities)
    return write_config(ours, plugin=True), write_config(md, plugin=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=200)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="generate and build in this folder, and keep it")
    parser.add_argument("--features", default="", help="comma-separated plan features (default: all)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of our large build")
    parser.add_argument("--repeat", type=int, default=2,
                        help="builds of each site, interleaved; the fastest counts (default 2)")
    args = parser.parse_args(argv)

    base = args.keep or Path(tempfile.mkdtemp(prefix="mic-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        half = args.items // 2
        small_ours, _ = prepare(base, f"{half}", args.activities, half)
        big_ours, big_md = prepare(base, f"{args.items}", args.activities, args.items)
        print(f"content: {args.activities} activities; {half:,} and {args.items:,} feedback items (in {base})")
        runs: dict[str, list[dict]] = {"small": [], "md": [], "big": []}
        for _ in range(max(1, args.repeat)):  # interleaved, so a busy machine slows all three alike
            runs["small"].append(run_build(small_ours, args.features))
            runs["md"].append(run_build(big_md))
            runs["big"].append(run_build(big_ours, args.features))
        r_small, r_md, r_big = (min(runs[k], key=lambda r: r["seconds"]) for k in ("small", "md", "big"))
        for k in runs:
            peak = max(r["rss_kib"] for r in runs[k])
            for r in runs[k]:
                r["rss_kib"] = peak
        if args.profile:
            run_build(big_ours, args.features, True)
        size, page = heaviest_page(big_ours.parent / "site")
        n_pages = sum(1 for _ in (big_ours.parent / "site").rglob("*.html"))
        md_pages = sum(1 for _ in (big_md.parent / "site").rglob("*.html"))

        ratio = r_big["seconds"] / r_md["seconds"]
        growth = r_big["seconds"] / r_small["seconds"]
        memory = max(r_big["rss_kib"], r_small["rss_kib"]) / KIB
        rows = [
            ("build, ours, %s items" % f"{half:,}", f"{r_small['seconds']:.2f} s", f"peak {r_small['rss_kib'] / KIB:.0f} MiB", ""),
            ("build, ours, %s items" % f"{args.items:,}", f"{r_big['seconds']:.2f} s", f"peak {r_big['rss_kib'] / KIB:.0f} MiB", f"{n_pages} HTML pages"),
            ("build, Markdown, %s items" % f"{args.items:,}", f"{r_md['seconds']:.2f} s", f"peak {r_md['rss_kib'] / KIB:.0f} MiB", f"{md_pages} HTML pages"),
        ]
        print(f"  build times are CPU seconds of the build process, fastest of {max(1, args.repeat)}")
        for row in rows:
            print(f"  {row[0]:<28} {row[1]:>9}  {row[2]:<16} {row[3]}")
        checks = [
            ("ratio ours / Markdown", f"{ratio:.2f}", ratio <= BARS["ratio"], f"<= {BARS['ratio']}"),
            ("growth 5,000 -> 10,000", f"{growth:.2f}x", growth <= BARS["growth"], f"<= {BARS['growth']}x"),
            ("heaviest HTML page", f"{size / KIB:.0f} KiB ({page})", size <= BARS["page_kib"] * KIB,
             f"<= {BARS['page_kib']} KiB"),
            ("peak memory", f"{memory:.0f} MiB", memory < BARS["memory_mib"], f"< {BARS['memory_mib']} MiB"),
        ]
        for name, value, ok, bar in checks:
            print(f"  {name:<28} {value:<40} bar {bar:<12} {'ok' if ok else 'MISSED'}")
        return 0 if all(ok for _, _, ok, _ in checks) else 1
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
