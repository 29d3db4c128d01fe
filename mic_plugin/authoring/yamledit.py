"""Editing an activity file's text in place, as ``mic new feedback`` does: a change touches the lines of the
value it changes and nothing else, so comments, quoting, blank lines and key order stay as written.

The places come from PyYAML's composed nodes (their start and end marks); new values are written in the
plainest YAML that reads back as exactly the same value (plain, else a ``|`` block for text over several
lines, else double quotes).
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
COMPOSER = _Loader
"""The loader whose nodes give the places to edit: libyaml's when PyYAML has it (the same marks, counted in
characters, many times faster on a file of thousands of items)."""


class EditError(Exception):
    """A place that cannot be edited as text (a mapping written on one line in ``{...}`` form)."""


def _loads(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return _Unreadable


class _Unreadable:
    pass


def _flow_item(text: str) -> str:
    if text and _loads(f"[{text}]") == [text] and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_value(value: Any) -> str:
    """A text, or a mapping language -> text, inside a ``[...]`` list."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow_item(v)}" for k, v in value.items()) + "}"
    return _flow_item(str(value))


def lines_for(key: str, value: Any, indent: int) -> list[str]:
    """``key: value`` as lines of YAML (no line ends) at ``indent`` spaces."""
    pad = " " * indent
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out += lines_for(k, v, indent + 2)
        return out
    if isinstance(value, list) and all(isinstance(v, str) or (isinstance(v, dict) and all(
            isinstance(t, str) and "\n" not in t for t in v.values())) for v in value):
        return [f"{pad}{key}: [{', '.join(_flow_value(v) for v in value)}]"]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = [f"{pad}{key}:"]
        for entry in value:
            entry_lines: list[str] = []
            for k, v in entry.items():
                entry_lines += lines_for(k, v, indent + 4)
            entry_lines[0] = f"{pad}  - " + entry_lines[0][indent + 4:]
            out += entry_lines
        return out
    if isinstance(value, bool) or value is None:
        raise TypeError(f"{key}: {value!r} is not written by import")
    if isinstance(value, (int, float, _dt.date)):
        return [f"{pad}{key}: {value.isoformat() if isinstance(value, _dt.date) else value}"]
    text = str(value)
    if "\n" not in text:
        if text == text.strip() and _loads(f"k: {text}") == {"k": text}:
            return [f"{pad}{key}: {text}"]
        return [f"{pad}{key}: {json.dumps(text, ensure_ascii=False)}"]
    body = text.rstrip("\n")
    block = [f"{pad}{key}: |"] + [f"{pad}  {line}" if line else "" for line in body.split("\n")]
    if _loads("\n".join(block).lstrip() + "\n") == {key: body + "\n"}:
        return block
    return [f"{pad}{key}: {json.dumps(text, ensure_ascii=False)}"]


def value_end(text: str, node: yaml.Node) -> int:
    """Where a value's own text ends (its last character, not the blank lines or comments after it)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            span = text[node.start_mark.index:node.end_mark.index]
            return node.start_mark.index + len(span.rstrip())
        return node.end_mark.index
    if getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return value_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)


def line_after(text: str, index: int) -> int:
    """The start of the line after the one holding ``index`` (the end of the text when it has no newline)."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def key_node(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


class Editor:
    """Edits to one text, each a replacement of a span of the original, applied together by :meth:`result`."""

    def __init__(self, text: str, display: str):
        self.text = text
        self.display = display
        self.edits: list[tuple[int, int, int, str]] = []  # start, end, order, new text

    def _edit(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, len(self.edits), new))

    def _block(self, mapping: yaml.MappingNode) -> None:
        if mapping.flow_style:
            line = mapping.start_mark.line + 1
            raise EditError(f"{self.display}:{line}: this item is written on one line in {{...}} form; write it as "
                            "'key: value' lines first (one per line), then import again")

    def set(self, mapping: yaml.MappingNode, key: str, value: Any, before: str = "") -> None:
        """Give ``key`` the ``value``: its value rewritten in place, or new lines before the key ``before``
        when the mapping has it, else at the end of the mapping."""
        self._block(mapping)
        found = key_node(mapping, key)
        if found:
            k, v = found
            new = lines_for(key, value, k.start_mark.column)
            end = value_end(self.text, v)
            rest = self.text[end:line_after(self.text, end)].rstrip("\n")
            if len(new) > 1 and rest.strip().startswith("#"):  # keep a comment on the key's line
                new[0] += rest
                end += len(rest)
            self._edit(k.start_mark.index, end, "\n".join(new).lstrip(" "))
            return
        indent = mapping.value[0][0].start_mark.column
        later = key_node(mapping, before) if before else None
        if later and later[0].start_mark.column == indent and line_start(self.text, later[0].start_mark.index) \
                + indent == later[0].start_mark.index:
            at = line_start(self.text, later[0].start_mark.index)
        else:
            at = line_after(self.text, value_end(self.text, mapping))
        prefix = "" if at == 0 or self.text[at - 1] == "\n" else "\n"
        self._edit(at, at, prefix + "".join(line + "\n" for line in lines_for(key, value, indent)))

    def remove(self, mapping: yaml.MappingNode, key: str) -> None:
        """Take ``key`` and its value out (whole lines)."""
        self._block(mapping)
        found = key_node(mapping, key)
        if found:
            k, v = found
            self._edit(line_start(self.text, k.start_mark.index), line_after(self.text, value_end(self.text, v)), "")

    def append(self, sequence: yaml.SequenceNode, entry: dict[str, Any]) -> None:
        """Add a mapping at the end of a block sequence, indented like its first entry."""
        first = sequence.value[0]
        dash = sequence.start_mark.column
        indent = first.start_mark.column if isinstance(first, yaml.MappingNode) else dash + 2
        entry_lines: list[str] = []
        for k, v in entry.items():
            entry_lines += lines_for(k, v, indent)
        entry_lines[0] = (" " * dash + "-").ljust(indent) + entry_lines[0][indent:]
        at = line_after(self.text, value_end(self.text, sequence))
        prefix = "" if self.text[at - 1] == "\n" else "\n"
        self._edit(at, at, prefix + "".join(line + "\n" for line in entry_lines))

    def result(self) -> str:
        out = self.text
        for start, end, _, new in sorted(self.edits, key=lambda e: (e[0], e[2]), reverse=True):
            out = out[:start] + new + out[end:]
        return out
