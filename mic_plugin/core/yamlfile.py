"""Read one YAML file into a node tree, safely, turning every failure into a located problem.

Safety rules (the content arrives by pull request from the public):

* bytes must be UTF-8 (a BOM is allowed); anything else is reported with the line of the first bad byte;
* a file may not exceed :data:`MAX_FILE_BYTES`;
* only YAML's standard tags are accepted; ``!!python/object`` and friends are refused when the nodes are
  read (composing builds no objects, so nothing is ever constructed from a tag);
* aliases are never expanded here; :func:`expansion_budget` gives the walker a bound on how many nodes
  it may visit, so an "alias bomb" (a few lines that would expand to millions of nodes) is refused quickly.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problems

try:  # libyaml's composer is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest content file accepted (16 MiB: about 40,000 feedback items in one file)."""

MAX_DEPTH = 64
"""Deepest nesting of flow collections accepted before composing (the format needs fewer than ten)."""


def read_yaml(path: Path, display: str, problems: Problems) -> yaml.Node | None:
    """Compose ``path`` into a YAML node tree; on any failure record a problem and return ``None``.

    ``display`` is the file name as users see it in messages (relative to the site, e.g.
    ``content/activities/x.yml``).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(display, 0, "", f"the file is {size / 1048576:.1f} MiB; the largest accepted is "
                           f"{MAX_FILE_BYTES // 1048576} MiB (split it into smaller files)")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.error(display, 0, "", f"cannot be read: {exc.strerror or exc}")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(display, line, "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
                       "save the file with UTF-8 encoding")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.error(display, line, "", "contains a NUL character; is this a binary file?")
        return None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.error(display, 1, "", "the file is empty; it should hold the fields described in CONTENT_FORMAT.md")
        return None
    depth_line = _too_deep(text)
    if depth_line:
        problems.error(display, depth_line, "", f"brackets are nested more than {MAX_DEPTH} deep")
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problems.error(display, _mark_line(exc), "", _syntax_message(exc))
        return None
    except yaml.YAMLError as exc:
        problems.error(display, 0, "", f"is not valid YAML: {exc}")
        return None
    except (RecursionError, MemoryError):
        problems.error(display, 0, "", "is too deeply nested or too large to read")
        return None
    if node is None:
        problems.error(display, 1, "", "the file is empty; it should hold the fields described in CONTENT_FORMAT.md")
    return node


def _too_deep(text: str) -> int:
    """Line of the first flow bracket nested beyond MAX_DEPTH, or 0 (a cheap guard for the composer)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = 0
    line = 1
    quote = ""
    for ch in text:
        if ch == "\n":
            line += 1
            quote = ""  # flow scalars rarely span lines here; an unbalanced quote must not hide nesting
        elif quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and depth:
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
    return 0


def _mark_line(exc: yaml.MarkedYAMLError) -> int:
    mark = exc.problem_mark or exc.context_mark
    return mark.line + 1 if mark is not None else 0


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    hint = ""
    if "'\\t'" in problem or "\\t" in problem:
        hint = "; YAML does not allow tab characters for indentation, use spaces"
    elif "expected a single document" in context or "expected a single document" in problem:
        return "holds more than one YAML document (a line '---' in the middle?); keep one record per file"
    elif "mapping values are not allowed" in problem:
        hint = "; is there a ':' in a text? Put the text in quotes"
    elif "found undefined alias" in problem:
        hint = "; an alias (*name) must refer to an anchor (&name) defined above it"
    elif "could not find expected ':'" in problem or "could not find expected" in problem:
        hint = "; check the indentation and that every field is written 'name: value'"
    detail = f"{context}, {problem}" if context and problem else (problem or context or "unreadable")
    return f"is not valid YAML: {detail}{hint}"


def expansion_budget(root: yaml.Node) -> tuple[int, bool]:
    """Return (how many node visits a walk may make, whether the file uses aliases at all).

    Counting distinct nodes is linear; a walk that follows aliases may visit shared nodes many times. The
    budget allows generous reuse (four visits per distinct node, plus 10,000) but refuses exponential
    blow-ups and alias cycles.
    """
    seen: set[int] = set()
    stack = [root]
    shared = False
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return 4 * len(seen) + 10_000, shared
