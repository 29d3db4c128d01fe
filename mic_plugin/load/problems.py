"""Problems found in content: every one is reported as ``file:line: field: message``.

User mistakes are collected, never raised one at a time: a loader gathers every :class:`Problem` of a run,
and callers print them sorted by file and line (``mic validate`` exits 1, the MkDocs adapter fails the build).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

ERROR = "error"
WARNING = "warning"


_UNPRINTABLE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
        f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def one_line(text: str) -> str:
    """``text`` on one line: line breaks, tabs and control characters written as escapes (a value can never
    start a line of its own, which CI would read as a command, e.g. ``::error``)."""
    return _UNPRINTABLE.sub(_escape, text) if not text.isprintable() else text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as the YAML allows."""

    file: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == WARNING else ""
        if self.field:
            return one_line(f"{where}: {prefix}{self.field}: {self.message}")
        return one_line(f"{where}: {prefix}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Problems:
    """A collector that every stage of loading writes into."""

    items: list[Problem] = field(default_factory=list)

    def error(self, file: str, line: int, field_path: str, message: str) -> None:
        self.items.append(Problem(file, line, field_path, message, ERROR))

    def warning(self, file: str, line: int, field_path: str, message: str) -> None:
        self.items.append(Problem(file, line, field_path, message, WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def sorted(self) -> list[Problem]:
        """Problems by file, then line, then field, with exact duplicates removed."""
        return sorted(set(self.items), key=lambda p: (p.file, p.line, p.field, p.message, p.severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if not p.is_error]

    def __bool__(self) -> bool:
        return bool(self.items)

