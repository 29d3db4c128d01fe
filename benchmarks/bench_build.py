"""Build-time benchmark: Make It Count against Material building the same words as hand-written Markdown.

Generates a varied content folder (:mod:`content`: 200 activities with 600 outcome measures, three series
of four values each; 10,000 feedback items, and a 5,000-item variant) then builds, each in a fresh
subprocess with Material for MkDocs and the search plugin:

* ``ours``: the content folder through the ``make-it-count`` plugin (every generated page and file);
* ``markdown``: one hand-written ``.md`` page per activity holding the same text (summary, purpose,
  participation, every item said, its response and its updates, the outcome figures as a table), plus a
  home page, in an automatic nav.

It prints, from one run, each against the bars of issue 14: the ratio of build times (ours / Markdown,
10,000 items) <= 0.70, the growth of our build time from 5,000 to 10,000 items <= 2.1x, the heaviest HTML
page (by name, and the heaviest of each kind of page) <= 300 KiB, peak memory (maximum resident set size of
the build's process) under 512 MiB, and ``mic validate`` of the 10,000 items (a fresh process, as a user
runs it) within 1 s, with the floor under it: a fresh process that only parses the same YAML with libyaml.
The annual reports' PDFs (the optional extra ``pdf``) are not made by default, as on a site without the extra: the Markdown twin makes no PDF, so the ratio compares the same words; ``--pdf time``
makes them and prints their CPU time apart (about a second per ten PDF pages). Times are CPU seconds of each process, the fastest of ``--repeat`` interleaved runs,
so other work on the machine weighs less than on wall-clock time; the load average is printed with them.

Usage: ``python benchmarks/bench_build.py [--items 10000] [--activities 200] [--seed 7] [--keep DIR]
[--repeat 2] [--features mic_plugin.site.activities,...] [--profile cpu|memory] [--pdf skip|time]``
(``--features`` limits the plugin to some feature modules, to see what each costs; ``--seed`` gives
another mix of content, so nothing is tuned to one generated site).
Exit status 1 when a bar is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml

KIB = 1024
BARS = {"ratio": 0.70, "growth": 2.1, "page_kib": 300, "memory_mib": 512, "validate_s": 1.0}

sys.path.insert(0, str(Path(__file__).resolve().parent))
from content import make_content  # noqa: E402  (the varied generator, shared with bench_validate)


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
            out.append(f"### {f['id']}\n\nYou said, {f['date']} ({f.get('count', 1)} people, {f.get('source', 'not given')}):\n")
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
        if a.get("outcomes"):
            out.append("## Outcomes\n")
            out.append("| Measure | Type | Date | Value |\n|---|---|---|---|")
            for e in a["outcomes"]:
                value = f"{e['value']} of {e['out_of']}" if "out_of" in e else f"{e['value']} {e.get('unit', '')}"
                out.append(f"| {e.get('measure', e['id'])} | {e.get('type', '')} | {e['date']} | {value} |")
            out.append("")
        (docs / "activities" / f"{a['id']}.md").write_text("\n".join(out), encoding="utf-8")


# --- builds ----------------------------------------------------------------------------------------------------

RUNNER = textwrap.dedent("""\
    import json, resource, sys, time, cProfile, pstats, io
    config_file, features, profile, pdfs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    if pdfs == "skip":  # as a site without the optional extra: WeasyPrint does not import
        sys.modules["weasyprint"] = None
    pdf_cpu = [0.0, 0]
    if pdfs == "time":  # the CPU time of making each report PDF, to show it beside the rest
        import mic_plugin.render.pdf as pdf
        make = pdf.html_to_pdf
        def timed(*args, **kwargs):
            begin = time.process_time()
            try:
                return make(*args, **kwargs)
            finally:
                pdf_cpu[0] += time.process_time() - begin
                pdf_cpu[1] += 1
        pdf.html_to_pdf = timed
    if features:
        import mic_plugin.site.plan as plan
        plan.FEATURES = tuple(features.split(","))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    start, cpu = time.perf_counter(), time.process_time()
    prof = cProfile.Profile() if profile == "cpu" else None
    if profile == "memory":
        import tracemalloc
        tracemalloc.start(12)
    if prof: prof.enable()
    cfg = load_config(config_file=config_file)
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    cfg.plugins.on_shutdown()
    if prof:
        prof.disable()
        prof.dump_stats("build.prof")
        s = io.StringIO(); pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(40)
        print(s.getvalue(), file=sys.stderr)
    if profile == "memory":
        snap = tracemalloc.take_snapshot()
        print("traced peak %.0f MiB" % (tracemalloc.get_traced_memory()[1] / 1048576), file=sys.stderr)
        for stat in snap.statistics("filename")[:25]:
            print(stat, file=sys.stderr)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"wall": elapsed, "seconds": cpu, "rss_kib": rss_kib, "pdf_seconds": pdf_cpu[0],
                      "pdfs": pdf_cpu[1]}))
""")


def write_config(root: Path, plugin: bool) -> Path:
    config = {"site_name": "Benchmark", "site_url": "https://benchmark.example/involvement/",  # feeds, QR codes
              "theme": {"name": "material"}, "docs_dir": "docs", "site_dir": "site", "plugins": ["search"]}
    if plugin:
        config["plugins"].append({"make-it-count": {"as_of": "2025-06-01", "git": False}})
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def run_build(config_file: Path, features: str = "", profile: str = "", pdfs: str = "skip") -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(config_file), features, profile, pdfs],
                          capture_output=True, text=True, env=env, cwd=config_file.parent)
    if proc.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{proc.stderr[-4000:]}")
    if profile:
        print(proc.stderr[-14000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_validate(content: Path) -> dict:
    """``mic validate`` as a user runs it: a fresh process (interpreter start and imports included)."""
    runner = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
              "p = subprocess.run([sys.executable, '-m', 'mic_plugin.cli', 'validate', sys.argv[1]], "
              "capture_output=True); wall = time.perf_counter() - start; "
              "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
              "print(p.returncode, wall, r.ru_utime + r.ru_stime)")
    code, times = _timed(runner, content)
    if code != "0":
        raise SystemExit(f"mic validate {content} failed (exit {code})")
    return times


def _timed(runner: str, content: Path) -> tuple[str, dict]:
    """Run ``runner`` (Python printing 'EXIT-CODE WALL CPU') on ``content`` in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", runner, str(content)], capture_output=True, text=True, check=True)
    code, wall, cpu = out.stdout.split()
    return code, {"wall": float(wall), "seconds": float(cpu)}


def run_yaml_floor(content: Path) -> dict:
    """The floor under any ``mic validate`` that reads YAML with PyYAML: a fresh process that only runs libyaml's
    parser over every file (its events, the least PyYAML hands to Python; no node built, no field checked,
    nothing else imported, the cyclic garbage collector off)."""
    runner = ("import collections, gc, resource, sys, time, pathlib, yaml; gc.disable(); "
              "start = time.perf_counter(); "
              "[collections.deque(yaml.parse(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader), 0) "
              "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yml'))]; "
              "r = resource.getrusage(resource.RUSAGE_SELF); "
              "print(0, time.perf_counter() - start, r.ru_utime + r.ru_stime)")
    return _timed(runner, content)[1]


def page_sizes(site: Path) -> list[tuple[int, str]]:
    """(bytes, site-relative path) of every HTML page, heaviest first."""
    return sorted(((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")), reverse=True)


def section_of(page: str) -> str:
    parts = page.split("/")
    if parts[0] == "activities" and len(parts) > 2:
        return "activities/ID/" + ("feedback/page/N" if "feedback" in parts else "")
    return parts[0] if len(parts) > 1 else page


def _outcomes(data) -> list:
    return data if isinstance(data, list) else (data or {}).get("outcomes") or []


def prepare(base: Path, name: str, n_activities: int, n_items: int, seed: int) -> tuple[Path, Path]:
    ours, md = base / f"{name}-ours", base / f"{name}-markdown"
    activities = make_content(ours, n_activities, n_items, seed=seed)
    (ours / "docs").mkdir()
    (ours / "docs" / "index.md").write_text("# Benchmark Carers' Trust\n\n<!-- make-it-count:organisation -->\n")
    markdown_twin(md, activities)
    return write_config(ours, plugin=True), write_config(md, plugin=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=200)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7, help="another seed gives another mix of content")
    parser.add_argument("--keep", type=Path, help="generate and build in this folder, and keep it")
    parser.add_argument("--features", default="", help="comma-separated plan features (default: all)")
    parser.add_argument("--profile", choices=("cpu", "memory"),
                        help="after the figures, build the large site once more under cProfile (build.prof "
                             "beside its mkdocs.yml) or tracemalloc, and print the top")
    parser.add_argument("--pdf", choices=("skip", "time"), default="skip",
                        help="the annual reports' PDFs (the optional extra 'pdf', WeasyPrint): 'skip' builds as a "
                             "site without the extra (the default: the Markdown twin makes no PDF, so the ratio "
                             "compares the same words); 'time' makes them in our builds and prints their CPU time "
                             "apart from the rest")
    parser.add_argument("--repeat", type=int, default=2,
                        help="builds of each site, interleaved; the fastest counts (default 2)")
    args = parser.parse_args(argv)

    base = args.keep or Path(tempfile.mkdtemp(prefix="mic-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        half = args.items // 2
        small_ours, _ = prepare(base, f"{half}", args.activities, half, args.seed)
        big_ours, big_md = prepare(base, f"{args.items}", args.activities, args.items, args.seed)
        measures = sum(1 for p in (big_ours.parent / "content").rglob("*.yml")
                       for e in _outcomes(yaml.safe_load(p.read_text(encoding="utf-8"))) if "measure" in e)
        print(f"content: {args.activities} activities; {half:,} and {args.items:,} feedback items; "
              f"{measures} outcome measures (in {base})")
        print(f"load: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f} "
              f"on {os.cpu_count()} cores")
        runs: dict[str, list[dict]] = {"small": [], "md": [], "big": [], "validate": [], "yaml": []}
        for _ in range(max(1, args.repeat)):  # interleaved, so a busy machine slows all alike
            runs["small"].append(run_build(small_ours, args.features, pdfs=args.pdf))
            runs["md"].append(run_build(big_md))
            runs["big"].append(run_build(big_ours, args.features, pdfs=args.pdf))
            runs["validate"].append(run_validate(big_ours.parent / "content"))
            runs["yaml"].append(run_yaml_floor(big_ours.parent / "content"))
        r_small, r_md, r_big, r_val, r_yaml = (min(runs[k], key=lambda r: r["seconds"])
                                               for k in ("small", "md", "big", "validate", "yaml"))
        peaks = {k: max(r["rss_kib"] for r in runs[k]) / KIB for k in ("small", "md", "big")}
        sizes = page_sizes(big_ours.parent / "site")
        size, page = sizes[0]
        over = [p for s, p in sizes if s > BARS["page_kib"] * KIB]
        md_pages = sum(1 for _ in (big_md.parent / "site").rglob("*.html"))

        # the ratio compares the same words: report PDFs (an optional extra) are counted apart
        ratio = (r_big["seconds"] - r_big["pdf_seconds"]) / r_md["seconds"]
        growth = (r_big["seconds"] - r_big["pdf_seconds"]) / (r_small["seconds"] - r_small["pdf_seconds"])
        memory = max(peaks["big"], peaks["small"])
        print(f"  times are CPU seconds of each process, fastest of {max(1, args.repeat)} (wall in brackets)")
        rows = [
            (f"build, ours, {half:,} items", r_small, f"peak {peaks['small']:.0f} MiB", ""),
            (f"build, ours, {args.items:,} items", r_big, f"peak {peaks['big']:.0f} MiB", f"{len(sizes)} HTML pages"),
            (f"build, Markdown, {args.items:,} items", r_md, f"peak {peaks['md']:.0f} MiB", f"{md_pages} HTML pages"),
            (f"mic validate, {args.items:,} items", r_val, "", ""),
            ("  floor: libyaml's events alone", r_yaml, "", "no node built, no field checked"),
        ]
        for name, r, peak, pages in rows:
            print(f"  {name:<30} {r['seconds']:6.2f} s ({r['wall']:6.2f} s)  {peak:<15} {pages}")
        if args.pdf == "skip":
            print("  report PDFs: not made (built as a site without the optional extra 'pdf'; the Markdown twin "
                  "makes none, so the ratio compares the same words; --pdf time measures them)")
        else:
            for name, r in ((f"{half:,} items", r_small), (f"{args.items:,} items", r_big)):
                print(f"  report PDFs, {name}: {r['pdfs']} made in {r['pdf_seconds']:.2f} s CPU, counted apart: "
                      f"the build without them {r['seconds'] - r['pdf_seconds']:.2f} s")
        heaviest: dict[str, tuple[int, str]] = {}
        for s, p in sizes:
            heaviest.setdefault(section_of(p), (s, p))
        print("  heaviest page of each kind:")
        for s, p in sorted(heaviest.values(), reverse=True):
            print(f"    {s / KIB:7.0f} KiB  {p}")
        checks = [
            ("ratio ours / Markdown", f"{ratio:.2f}", ratio <= BARS["ratio"], f"<= {BARS['ratio']}"),
            (f"growth {half:,} -> {args.items:,}", f"{growth:.2f}x", growth <= BARS["growth"],
             f"<= {BARS['growth']}x"),
            ("heaviest HTML page", f"{size / KIB:.0f} KiB ({page})", size <= BARS["page_kib"] * KIB,
             f"<= {BARS['page_kib']} KiB"),
            ("pages over the bar", f"{len(over)}" + (f" (e.g. {over[0]})" if over else ""), not over, "0"),
            ("peak memory", f"{memory:.0f} MiB", memory < BARS["memory_mib"], f"< {BARS['memory_mib']} MiB"),
            ("mic validate (CPU)", f"{r_val['seconds']:.2f} s", r_val["seconds"] <= BARS["validate_s"],
             f"<= {BARS['validate_s']} s"),
        ]
        for name, value, ok, bar in checks:
            print(f"  {name:<28} {value:<48} bar {bar:<12} {'ok' if ok else 'MISSED'}")
        if args.profile:
            run_build(big_ours, args.features, args.profile, pdfs=args.pdf)
        return 0 if all(ok for _, _, ok, _ in checks) else 1
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
