"""Limits a Markdown field may not pass, so that no content can crash or stall a build.

Python-Markdown (with the extensions a site may enable) has three weak spots, each measured here from the
source text in one linear pass, before anything is rendered; ``mic validate`` and the build report the same
error, so what validates, builds:

* **Runs of one emphasis character.** 2,000 ``*`` each side of a word nest ``<em>``/``<strong>`` a thousand
  deep, and the ``toc`` extension (and ElementTree's writer) recurse past Python's limit. At most
  :data:`MAX_RUN` of ``* _ ~ = ^ +`` in a row.
* **Nesting of quotes and lists.** ``> > > ...`` or ``1. 1. 1. ...`` on one line, or lines indented ever
  deeper, nest blocks as deep (recursion again, and time). At most :data:`MAX_DEPTH` levels on a line.
* **Brackets left open or nested.** For every ``[`` (and every ``(`` after ``]``) Python-Markdown scans
  forward to the bracket that closes it, or to the end of the text; 20,000 ``[`` cost 20,000 scans of
  20,000 characters (36 s). The scans are added up exactly as Markdown will make them (code spans and
  backslash escapes hide brackets from it first, and they do here too; finding code spans costs scans of
  its own, counted the same way); a field may cost at most
  :data:`MAX_SCAN` characters beyond its own length, a file at most :data:`MAX_SCAN_PER_FILE`. Links
  written normally cost nothing extra: their scan stops at their own ``]``.
"""

from __future__ import annotations

import bisect
import re


MAX_RUN = 100
MAX_DEPTH = 16
MAX_INDENT = 64
MAX_SCAN = 100_000
MAX_SCAN_PER_FILE = 400_000
_SHORTEST = MAX_DEPTH + 1
"""No text shorter than this can pass a limit (17 levels of ">" need 17 characters)."""

_RUN_CHARS = "*_~=^+"
_CONTAINERS = re.compile(r"\n(?:[ \t]*(?:>|[*+-]|\d{1,9}[.)])(?=[ \t>]|$)){%d,}" % (MAX_DEPTH + 1), re.M)
"""A line nesting too deep, searched for in the text after a line break: starting with a literal, the search
skips from line to line instead of trying every character as a line start."""
_MARKER = re.compile(r">|[*+-]|\d{1,9}[.)]")
_INDENT = re.compile(r"^[ \t]{%d,}" % (MAX_INDENT // 4 + 1), re.M)
_TICKS = re.compile("`+")
_ESCAPE = re.compile(r"\\.")
_BRACKETS = re.compile(r"\]\(|[\[\]()]")


def markdown_limits(text: str) -> tuple[str, int]:
    """``(problem, cost)``: what passes a limit ('' when nothing does), and the bracket scanning the text
    costs beyond its length (to add up per file)."""
    if len(text) < _SHORTEST:
        return "", 0
    for ch in _RUN_CHARS:
        if ch * (MAX_RUN + 1) in text:
            longest = max(len(m.group()) for m in re.finditer(re.escape(ch) + "+", text))
            return (f"has {longest:,} '{ch}' in a row, more than Markdown can nest (at most {MAX_RUN}); shorten "
                    f"the run, or write \\{ch} for each '{ch}' shown as itself"), 0
    problem = _depth(text)
    if problem:
        return problem, 0
    if "[" not in text and "`" not in text:
        return "", 0
    cost = _scan_cost(text)
    if cost > MAX_SCAN:
        return too_many_brackets(cost), cost
    return "", cost


def too_many_brackets(cost: int, file_wide: bool = False) -> str:
    where = "the Markdown fields of this file leave" if file_wide else "leaves"
    return (f"{where} too many '[', '(' or '`' open or nested inside one another: Markdown would scan {cost:,} "
            f"characters to match them (at most {MAX_SCAN_PER_FILE if file_wide else MAX_SCAN:,}). Close each "
            "'[' with ']', each '(' with ')' and each run of '`' with one as long, or write \\[, \\( and \\` "
            "for marks shown as themselves")


def _depth(text: str) -> str:
    m = _CONTAINERS.search("\n" + text)  # a match at n is the line starting at n of the text
    if m:
        depth = len(_MARKER.findall(m.group()))
        line = text.count("\n", 0, m.start()) + 1
        return (f"nests quotes or lists {depth:,} deep on line {line} of the text (at most {MAX_DEPTH}); "
                "write \\> or \\- for a mark shown as itself")
    for m in _INDENT.finditer(text) if "    " * 8 in text or "\t" in text else ():
        columns = len(m.group().expandtabs(4))
        if columns > MAX_INDENT:
            line = text.count("\n", 0, m.start()) + 1
            return (f"indents line {line} of the text by {columns:,} columns (at most {MAX_INDENT}); Markdown reads "
                    "each step of indentation as a list or quote nested one deeper")
    return ""


def _scan_cost(text: str) -> int:
    """The characters Python-Markdown scans to match backticks and brackets, beyond the length of the text."""
    cost = 0
    if "`" in text:
        text, cost = _code_spans(text)
    if "\\" in text:
        text = _ESCAPE.sub("  ", text)
    if "[" not in text:
        return max(0, cost - len(text))
    end = len(text)
    squares: list[int] = []
    rounds: list[tuple[int, bool]] = []
    for m in _BRACKETS.finditer(text):
        token, at = m.group(), m.start()
        if token == "[":
            squares.append(at)
        elif token == "]":
            if squares:
                cost += at - squares.pop()
        elif token == "](":
            if squares:
                cost += at - squares.pop()
            rounds.append((at + 1, True))
        elif token == "(":
            rounds.append((at, False))
        elif rounds:
            start, after_link = rounds.pop()
            if after_link:
                cost += at - start
    cost += sum(end - at for at in squares)
    cost += sum(end - at for at, after_link in rounds if after_link)
    return max(0, cost - end)


def _code_spans(text: str) -> tuple[str, int]:
    """``text`` with its code spans blanked (Markdown hides what they hold from the link patterns), and what
    finding them costs: as Python-Markdown does it, each opening run of backticks is matched with the next
    run of the same length, scanning to the end of the text when there is none."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (start, stop) in enumerate(runs):
        by_length.setdefault(stop - start, []).append(i)
    cost, i, end = 0, 0, len(text)
    chars = None
    while i < len(runs):
        start, stop = runs[i]
        if start and text[start - 1] == "\\":
            i += 1
            continue
        same = by_length[stop - start]
        k = bisect.bisect_right(same, i)
        if k == len(same):
            cost += end - start  # no closing run: the scan reaches the end
            i += 1
            continue
        j = same[k]
        cost += runs[j][0] - start
        if chars is None:
            chars = list(text)
        chars[start:runs[j][1]] = " " * (runs[j][1] - start)
        i = j + 1
    return ("".join(chars) if chars is not None else text), cost
