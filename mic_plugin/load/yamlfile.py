"""Read one YAML file into a node tree, safely, turning every failure into a located problem.

Safety rules (the content arrives by pull request from the public):

* bytes must be UTF-8 (a BOM is allowed); anything else is reported with the line of the first bad byte;
* a file may not exceed :data:`MAX_FILE_BYTES`;
* only YAML's standard tags are accepted; ``!!python/object`` and friends are refused when the nodes are
  read (composing builds no objects, so nothing is ever constructed from a tag);
* nesting is bounded before the (recursive, C) composer sees the text: flow brackets by a scan, block
  nesting ("- - - - x", deep indentation) by counting the parser's events when a cheap test suggests it;
* aliases are never expanded here; :func:`check_aliases` measures what a walk that follows them would
  visit (linear in the distinct nodes), so an "alias bomb" (a few lines that would expand to millions of
  nodes) and an alias used inside its own anchor are refused quickly, before anything walks them.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .problems import Problems

try:  # libyaml's composer is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]



class _ContentLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader with YAML 1.1's implicit tags looked up by first character once, not per scalar.

    libyaml composes in C but asks the (Python) resolver for the tag of every scalar; PyYAML's resolver
    joins two lists and walks them for each of the hundreds of thousands of scalars of a large site. This
    gives the same tag for every scalar (tests/test_load_fastpaths.py compares them) at about a third of the
    cost. The safe loader has no path resolvers, so descending and ascending have nothing to do.
    """

    _BY_FIRST = {first: tuple(resolvers) + tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
                 for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None}
    _WILDCARD = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
    _STR = _Loader.DEFAULT_SCALAR_TAG
    _SEQ = _Loader.DEFAULT_SEQUENCE_TAG
    _MAP = _Loader.DEFAULT_MAPPING_TAG

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._BY_FIRST.get(value[:1], self._WILDCARD):
                    if regexp.match(value):
                        return tag
            return self._STR
        return self._SEQ if kind is yaml.SequenceNode else self._MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest content file accepted (16 MiB: about 40,000 feedback items in one file)."""

MAX_DEPTH = 64
"""Deepest nesting of collections accepted before composing (the format needs fewer than ten)."""

MAX_FLOW_OPENERS = 1500
"""Files with more '[' and '{' than this have their nesting measured exactly before composing."""

_DEEP_RUN = r"(?>(?:[ \t?:\-]|[&!]\S*+){300})"
_MAYBE_DEEP_FIRST = re.compile(_DEEP_RUN)
_MAYBE_DEEP = re.compile("\n" + _DEEP_RUN)  # starts with a literal, so the search skips along quickly
"""A line starting with 300+ spaces, indicators ('- ', '? ', ': ') or node properties (&anchor, !tag).

Only there can a block collection start far to the right, and a block collection is always further right
than the one holding it (or level with it, for a list under a key), so without such a line block nesting
stays below about 600 levels. Flow nesting is at most the number of brackets. Both stay far below the
depth at which libyaml's recursive composer overflows the C stack (about 20,000), so only files that fail
this cheap test pay for an exact measure."""


_EMPTY = "the file is empty; it should hold the fields described in CONTENT_FORMAT.md"
"""Said of a file with nothing but blanks and comments (checked before composing) or a lone null."""


def read_yaml(path: Path, display: str, problems: Problems) -> yaml.Node | None:
    """Compose ``path`` into a YAML node tree; on any failure record a problem and return ``None``.

    ``display`` is the file name as users see it in messages (relative to the site, e.g.
    ``content/activities/x.yml``).
    """
    return read_yaml_source(path, display, problems)[0]


def read_yaml_source(path: Path, display: str, problems: Problems) -> tuple[yaml.Node | None, str]:
    """Like :func:`read_yaml`, also returning the decoded text (``''`` when unreadable).

    Node marks index this text (in characters), so callers can find a line inside a multi-line value.
    """
    node, text = _compose_file(path, display, problems)
    if node is None:
        return None, text
    problem = check_aliases(node) if may_have_aliases(text) else None
    if problem is not None:
        problems.error(display, problem[0], "", problem[1])
        return None, text
    return node, text


def _compose_file(path: Path, display: str, problems: Problems) -> tuple[yaml.Node | None, str]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.error(display, 0, "", f"the file is {size / 1048576:.1f} MiB; the largest accepted is "
                           f"{MAX_FILE_BYTES // 1048576} MiB (split it into smaller files)")
            return None, ""
        data = path.read_bytes()
    except OSError as exc:
        problems.error(display, 0, "", f"cannot be read: {exc.strerror or exc}")
        return None, ""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(display, line, "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
                       "save the file with UTF-8 encoding")
        return None, ""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.error(display, line, "", "contains a NUL character; is this a binary file?")
        return None, text
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.error(display, 1, "", _EMPTY)
        return None, text
    depth_line = _too_deep(text)
    if depth_line:
        problems.error(display, depth_line, "", f"is nested more than {MAX_DEPTH} levels deep (brackets, "
                       "'- ' or indentation); content files need fewer than ten")
        return None, text
    try:
        node = yaml.compose(text, Loader=_ContentLoader)
    except yaml.MarkedYAMLError as exc:
        problems.error(display, _mark_line(exc, text), "", _syntax_message(exc, text))
        return None, text
    except yaml.YAMLError as exc:
        problems.error(display, 0, "", f"is not valid YAML: {exc}")
        return None, text
    except (RecursionError, MemoryError):
        problems.error(display, 0, "", "is too deeply nested or too large to read")
        return None, text
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        problems.error(display, 1, "", _EMPTY)
        return None, text
    return node, text


_ANCHOR = re.compile(r"(?:^|[\s\[{,:?\ufeff])&[^\s\[\]{},]", re.MULTILINE)
"""An anchor (``&name``) can only follow a line start, white space, a byte order mark or a flow indicator (inside
brackets YAML needs no space after ':' or '?': ``{"key":&name value}``)."""

def may_have_aliases(text: str) -> bool:
    """False when the text defines no anchor, so no node can be reached twice (cheap; 'A&E' is no anchor)."""
    return "&" in text and _ANCHOR.search(text) is not None


def _too_deep(text: str) -> int:
    """Line where collections nest beyond MAX_DEPTH, or 0.

    Suspicious files are measured by the parser's events (an iterative pass that builds nothing), so
    ordinary files pay for two counts and one regular-expression search.
    """
    if (text.count("[") + text.count("{") <= MAX_FLOW_OPENERS and not _MAYBE_DEEP_FIRST.match(text)
            and not _MAYBE_DEEP.search(text)):
        return 0
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return 0  # composing reports the syntax error with its line
    return 0


_OPENED = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar")
"""Errors best shown where the bracket or quote was opened: that is the line to fix."""


def _mark_line(exc: yaml.MarkedYAMLError, text: str = "") -> int:
    """The line to show: where a bracket or quote was opened, else where the reader stopped (at the end of the
    file, its last line with something on it rather than the empty line after it)."""
    context = (exc.context or "").strip()
    mark = exc.context_mark if context in _OPENED and exc.context_mark is not None else None
    mark = mark or exc.problem_mark or exc.context_mark
    return _line_of_mark(mark, text) if mark is not None else 0


def _line_of_mark(mark, text: str) -> int:
    line = mark.line + 1
    if text and mark.index >= len(text.rstrip()):
        line = min(line, text.rstrip().count("\n") + 1)
    return line


def _syntax_message(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    hint = ""
    if context in _OPENED and exc.context_mark is not None and exc.problem_mark is not None:
        stopped = _line_of_mark(exc.problem_mark, text)
        if context == "while scanning a quoted scalar":
            return (f"is not valid YAML: the quote opened on this line is not closed (the reader stopped at line "
                    f"{stopped}: {problem}); end the text with the same quote mark, and write a ' inside "
                    "'single-quoted' text as ''")
        bracket = "[" if "sequence" in context else "{"
        return (f"is not valid YAML: the '{bracket}' opened on this line is not closed properly (the reader stopped "
                f"at line {stopped}: {problem}); check the brackets, and put any text holding a comma, a bracket "
                "or ': ' in quotes")
    if "'\\t'" in problem or "\\t" in problem or "tab character" in problem or _tab_at(exc, text):
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


def _tab_at(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether the line the parser stopped on has a tab in its indentation."""
    mark = exc.problem_mark
    if mark is None or not text:
        return False
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return "\t" in line[: len(line) - len(line.lstrip(" \t")) + 1]


def check_aliases(root: yaml.Node) -> tuple[int, str] | None:
    """``(line, message)`` when following the file's aliases would never end or would explode, else None.

    The walk computes, for every distinct node, how many nodes it stands for once aliases are expanded
    (memoised, so linear in the distinct nodes). More than :func:`expansion_budget` allows is an alias bomb;
    a node reached again while it is still being walked is an alias used inside its own anchor.
    """
    limit, shared = expansion_budget(root)
    if not shared:
        return None
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(size[id(c)] for c in children)
            if total > limit:
                return (node.start_mark.line + 1, "aliases (*name) here would expand to more than "
                        f"{limit:,} entries (an 'alias bomb'); write the entries out instead of repeating aliases")
            size[key] = total
            continue
        if key in size:
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in on_path:
                return (child.start_mark.line + 1, "an alias (*name) is used inside the anchor (&name) it "
                        "refers to, so it would never end; write the entries out instead")
            if id(child) not in size:
                stack.append((child, False))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


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
