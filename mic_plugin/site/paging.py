"""Splitting long lists into pages: where each page starts and ends, and which page numbers it links to."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from .specs import FileSpec


def paginate(weights: Sequence[int], max_count: int, max_weight: int) -> list[tuple[int, int]]:
    """Split a list into pages: ``(start, end)`` of each, in order, every page holding at most ``max_count``
    entries and, unless a single entry is heavier on its own, at most ``max_weight`` (e.g. estimated bytes of
    HTML), so long texts cannot make one page heavy. An empty list gives one empty page."""
    pages: list[tuple[int, int]] = []
    start, weight = 0, 0
    for i, w in enumerate(weights):
        if i > start and (i - start >= max_count or weight + w > max_weight):
            pages.append((start, i))
            start, weight = i, 0
        weight += w
    pages.append((start, len(weights)))
    return pages


@dataclass
class Pager:
    """Where one page sits among the pages of a list."""

    base: str  # logical page of the first page, e.g. "you-said-we-did"
    number: int
    count: int
    total_items: int
    first_item: int  # 1-based
    last_item: int

    def page_of(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}/page/{number}"

    def window(self, around: int = 2) -> list[int]:
        """Page numbers to link (see :func:`window`)."""
        return window(self.number, self.count, around)


def window(number: int, count: int, around: int = 2) -> list[int]:
    """Page numbers to link from page ``number`` of ``count``: the first, the last and ``around`` either side of
    it, in order, with 0 marking a gap, so a long list's pages do not each link every other page (the
    feedback lists' :class:`Pager` and the change log's pages)."""
    wanted = {1, count, *range(number - around, number + around + 1)}
    out: list[int] = []
    for n in sorted(n for n in wanted if 1 <= n <= count):
        if out and n - out[-1] > 1:
            out.append(0)
        out.append(n)
    return out


MAP_NAME = "pages.json"
"""The file beside a list too long for its page to keep an anchor for every entry (an activity's feedback,
the outcomes index)."""


def pages_map(path: str, items: dict[str, int | str]) -> FileSpec:
    """``pages.json`` at ``path`` (site-relative): ``{"version": 1, "items": {ANCHOR: where}}`` for the entries
    without an anchor on their list's page, where is a page number of the list or an address relative to the
    file. ``mic.js`` reads it only for such a permalink, to take it on to its entry."""
    return FileSpec(path, json.dumps({"version": 1, "items": items}, separators=(",", ":")).encode("utf-8"),
                    "application/json")
