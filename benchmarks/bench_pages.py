"""Page weight at scale, whatever the mix: no HTML page over 300 KiB (issue 14).

``bench_build.py`` measures one mix (200 activities). Real organisations differ: hundreds of small activities
with a handful of items each, a few huge consultations, one survey with every item. This builds our site
only (no Markdown twin, no timing) for several mixes of :mod:`content` at the same number of items, each with
its own seed, and prints for each the number of pages, the heaviest page of each kind by name, and every
page over the bar.

Usage: ``python benchmarks/bench_pages.py [--items 10000] [--mix 2000x11 --mix 20x12 ...] [--keep DIR]``
(a mix is ``ACTIVITIESxSEED``; the default mixes are listed in ``MIXES``). Exit status 1 when a page is over
the bar.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import BARS, KIB, page_sizes, run_build, section_of, write_config  # noqa: E402
from content import make_content  # noqa: E402

MIXES = ("2000x11", "600x12", "50x13", "5x14", "1x15")
"""Many small activities (the activities index, the list pages' activity choices, the quality table), a
middle ground, a few big consultations, and one activity holding every item (its feedback pages, the
outcomes of one activity)."""


def build_mix(base: Path, n_activities: int, n_items: int, seed: int) -> list[tuple[int, str]]:
    root = base / f"{n_activities}x{seed}"
    make_content(root, n_activities, n_items, seed=seed)
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Benchmark Carers' Trust\n\n<!-- make-it-count:organisation -->\n")
    run_build(write_config(root, plugin=True))
    return page_sizes(root / "site")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--mix", action="append", help="ACTIVITIESxSEED (repeatable; default: %s)"
                        % " ".join(MIXES))
    parser.add_argument("--keep", type=Path, help="generate and build in this folder, and keep it")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="mic-pages-"))
    base.mkdir(parents=True, exist_ok=True)
    bar = BARS["page_kib"] * KIB
    worst_over: list[str] = []
    try:
        for mix in args.mix or MIXES:
            n_activities, seed = (int(x) for x in mix.split("x"))
            sizes = build_mix(base, n_activities, args.items, seed)
            over = [(s, p) for s, p in sizes if s > bar]
            print(f"{n_activities} activities, {args.items:,} items, seed {seed}: {len(sizes)} HTML pages, "
                  f"heaviest {sizes[0][0] / KIB:.0f} KiB ({sizes[0][1]}), {len(over)} over {BARS['page_kib']} KiB")
            heaviest: dict[str, tuple[int, str]] = {}
            for s, p in sizes:
                heaviest.setdefault(section_of(p), (s, p))
            for s, p in sorted(heaviest.values(), reverse=True):
                print(f"    {s / KIB:7.0f} KiB  {p}")
            for s, p in over:
                print(f"    OVER  {s / KIB:7.0f} KiB  {p}")
            worst_over += [f"{mix}: {p}" for _, p in over]
        print(f"pages over {BARS['page_kib']} KiB in every mix: {len(worst_over)}"
              + (f" (e.g. {worst_over[0]})" if worst_over else ""))
        return 1 if worst_over else 0
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
