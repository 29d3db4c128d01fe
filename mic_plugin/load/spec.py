"""A small vocabulary of field types that both validates YAML nodes and describes itself as JSON Schema.

The content format (:mod:`mic_plugin.load.formats`) is written once with these types; the loader walks the
YAML node tree with them (so every message has a line) and ``mic schema`` prints the JSON Schema made from
the same objects, so the two cannot drift.

Every ``read`` returns the Python value, or :data:`INVALID` after recording a problem. Mappings come back
as :class:`Rec` (a dict that remembers the line of each value) and lists as :class:`Seq`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .markdown_limits import MAX_SCAN_PER_FILE, markdown_limits, too_many_brackets
from .privacy import could_hold_contact
from .problems import Problems
from .shown import first_control, quoted, shows_nothing

INVALID: Any = object()
"""Returned by ``read`` when the node is wrong (the problem is already recorded)."""

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"
"""A BCP 47 tag as sites write them: language, optional script, optional region (en, pt-BR, sr-Latn-RS)."""
_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TAG = "tag:yaml.org,2002:"
_SCALAR_KINDS = {f"{_TAG}{k}": k for k in ("str", "int", "float", "bool", "null", "timestamp", "binary", "merge",
                                            "value")}
_MAP_TAG, _SEQ_TAG, _NULL_TAG, _STR_TAG = f"{_TAG}map", f"{_TAG}seq", f"{_TAG}null", f"{_TAG}str"
_INT_TAG, _FLOAT_TAG, _TIMESTAMP_TAG = f"{_TAG}int", f"{_TAG}float", f"{_TAG}timestamp"
_PLAIN_KINDS = frozenset(("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_PLAIN_SCALAR_TAGS = frozenset(f"{_TAG}{k}" for k in ("str", "int", "float", "bool", "null", "timestamp"))
"""Tags of a scalar whose :func:`kind` is in ``_PLAIN_KINDS`` (a quick test; other tags take the full one)."""
_ScalarNode, _MappingNode, _SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_constructor = SafeConstructor()


class Rec(dict):
    """A mapping read from YAML: ``line`` is where it starts, ``lines[key]`` where each value starts."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int):  # an empty dict already: dict.__init__ would have nothing to do
        self.line = line
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def has(self, *keys: str) -> bool:
        """Whether every key is present with a valid value (not :data:`INVALID`)."""
        return all(k in self and self[k] is not INVALID for k in keys)


class Seq(list):
    """A list read from YAML: ``line`` is where it starts, ``lines[i]`` where item ``i`` starts."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int):  # an empty list already
        self.line = line
        self.lines: list[int] = []


@dataclass
class TextSeen:
    """A text value met during the walk, kept for rules that look at all text (privacy).

    The walk keeps only ``(path, node)`` pairs (cheap); :meth:`of` makes one of these when it is needed.
    """

    path: str
    line: int
    value: str
    block: bool  # a literal/folded block scalar: its text starts on the line after ``line``
    style: str | None = None  # the scalar's YAML style: None (plain), "'", '"', "|" or ">"
    start: int = -1  # where the scalar starts and ends in the file's text (characters), -1 if unknown
    end: int = -1

    @classmethod
    def of(cls, path: str, node: yaml.ScalarNode) -> "TextSeen":
        return cls(path, node.start_mark.line + 1, node.value, node.style in ("|", ">"), node.style,
                   node.start_mark.index, node.end_mark.index)

    def line_at(self, offset: int, source: str = "") -> int:
        """The file line holding character ``offset`` of the value.

        A literal block (``|``) keeps its lines, so counting line breaks is exact. Folded, plain and quoted
        text joins lines with spaces, so the value's non-blank characters are matched against the file's
        instead (escapes in quoted text can shift this by a character, never by a line in practice).
        """
        if self.style == "|":
            return self.line + 1 + self.value.count("\n", 0, offset)
        if not source or self.start < 0 or "\n" not in source[self.start:self.end]:
            return self.line + (1 if self.block else 0)
        want = sum(1 for ch in self.value[:offset] if ch not in _BLANK)
        segment = source[self.start:self.end]
        skip = segment.index("\n") + 1 if self.block else (1 if self.style in ("'", '"') else 0)
        line = self.line + segment.count("\n", 0, skip)
        count = 0
        for ch in segment[skip:]:
            if ch == "\n":
                line += 1
            elif ch not in _BLANK:
                if count == want:
                    return line
                count += 1
        return line


_BLANK = frozenset(" \t\r\n")


def _plain_enough(value: str) -> bool:
    """No control character and (outside ASCII) something visible: quick for the usual text.

    A printable text (no line break) holds no control character: every character :func:`first_control`
    finds is unprintable, so the search is left for texts with line breaks or tabs."""
    return ((value.isprintable() or first_control(value) is None)
            and (value.isascii() or _VISIBLE_ASCII.search(value) is not None or not shows_nothing(value)))


_VISIBLE_ASCII = re.compile("[!-~]")


def _keep(ctx: "Ctx", path: str, node, kind: str) -> None:
    """Keep a text for the privacy rule, unless no form of it can hold a contact detail (most texts)."""
    if could_hold_contact(node.value):
        ctx.texts.append((path, node, kind))


def _over_limits(value: str, node, ctx: "Ctx", path: str) -> bool:
    """Whether a Markdown text passes a limit of :mod:`mic_plugin.load.markdown_limits` (reported), alone
    or with the file's other Markdown fields."""
    problem, cost = markdown_limits(value)
    if problem:
        ctx.error(node, path, problem)
        return True
    if cost:
        ctx.markdown_cost += cost
        if ctx.markdown_cost > MAX_SCAN_PER_FILE:
            ctx.error(node, path, too_many_brackets(ctx.markdown_cost, file_wide=True))
            ctx.markdown_cost = -10 ** 12  # said once per file
            return True
    return False


def _code_point(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


@dataclass
class Ctx:
    """State of one file's walk."""

    file: str
    problems: Problems
    today: _dt.date
    texts: list[tuple[str, yaml.ScalarNode, str]] = field(default_factory=list)  # (path, node, kind) of texts that could hold a contact detail
    source: str = ""  # the file's text, to place findings inside multi-line values
    languages: tuple[str, ...] = ("en",)  # the site's languages, the main one first (organisation.yml)
    translations: Callable | None = None  # reads a translatable text (load.languages.read_translatable)
    markdown_cost: int = 0  # bracket scanning of the file's Markdown so far (markdown_limits)

    def error(self, node_or_line: Any, path: str, message: str) -> None:
        self.problems.error(self.file, _line(node_or_line), path, message)

    def warning(self, node_or_line: Any, path: str, message: str) -> None:
        self.problems.warning(self.file, _line(node_or_line), path, message)


def _line(node_or_line: Any) -> int:
    if node_or_line.__class__ is int:
        return node_or_line
    return node_or_line.start_mark.line + 1


def kind(node: yaml.Node) -> str:
    """'str', 'int', 'bool', 'null', ... for standard scalars; 'map'/'seq' for collections; else the raw tag."""
    cls = node.__class__
    if cls is _ScalarNode:
        return _SCALAR_KINDS.get(node.tag, node.tag)
    if cls is _MappingNode:
        return "map" if node.tag == _MAP_TAG else node.tag
    return "seq" if node.tag == _SEQ_TAG else node.tag


def describe(node: yaml.Node) -> str:
    """How a user would name what YAML made of this node."""
    k = kind(node)
    return {"map": "a set of fields", "seq": "a list", "int": "a number", "float": "a number",
            "bool": "true/false", "null": "empty", "timestamp": "a date", "str": "text"}.get(k, f"tagged {k}")


def is_null(node: yaml.Node) -> bool:
    return node.tag == _NULL_TAG and node.__class__ is _ScalarNode


def suggest(word: str, options: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the nearest option, or ''."""
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not match:
        lowered = {o.lower().replace("_", "-").replace(" ", "-"): o for o in options}
        key = word.lower().replace("_", "-").replace(" ", "-")
        if key in lowered:
            match = [lowered[key]]
    return f"; did you mean '{match[0]}'?" if match else ""


def bad_tag(node: yaml.Node, ctx: Ctx, path: str) -> bool:
    """Refuse any tag outside YAML's standard set (``!!python/object`` and local ``!tags``)."""
    if _plain_tag(node) or kind(node) in _PLAIN_KINDS:
        return False
    tag = node.tag.replace(_TAG, "!!")
    ctx.error(node, path, f"the tag '{tag}' is not allowed here; write plain YAML values")
    return True


def _plain_tag(node: yaml.Node) -> bool:
    """Whether the node carries the standard tag of its own kind of node (the usual case; quick)."""
    cls = node.__class__
    if cls is _ScalarNode:
        return node.tag in _PLAIN_SCALAR_TAGS
    return node.tag == (_MAP_TAG if cls is _MappingNode else _SEQ_TAG if cls is _SequenceNode else None)


def _bool_hint(node: yaml.ScalarNode) -> str:
    return (f"YAML reads {node.value} as {'true' if _constructor.construct_yaml_bool(node) else 'false'} "
            "(yes, no, on, off, true and false are read as true/false)")


# ---------------------------------------------------------------------------------------------------------
# Types


class Type:
    """Base of every field type."""

    description = ""

    def read(self, node: yaml.Node, ctx: Ctx, path: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError


class Text(Type):
    """A plain-text string. Numbers, dates and booleans must be quoted to count as text."""

    markdown = False
    translatable = True  # on a site with more languages: a string, or a mapping language -> text

    def __init__(self, description: str = "", *, min_length: int = 1, translatable: bool | None = None):
        self.description = description
        self.min_length = min_length
        if translatable is not None:
            self.translatable = translatable
        self._quick = min_length in (0, 1)  # whether the usual case can be checked quickly (read_text)

    def read(self, node, ctx, path):
        if self.translatable and ctx.translations is not None and (
                node.__class__ is _MappingNode or len(ctx.languages) > 1):
            return ctx.translations(self, node, ctx, path)  # the languages rules (CONTENT_FORMAT 1.1)
        return self.read_text(node, ctx, path)

    def read_text(self, node, ctx, path):
        """One text, in one language."""
        if node.tag == _STR_TAG and node.__class__ is _ScalarNode:  # the usual case, checked quickly
            value = node.value
            if (self._quick and (not self.min_length or (value and not value.isspace()))
                    and _plain_enough(value) and not (self.markdown and _over_limits(value, node, ctx, path))):
                if could_hold_contact(value):
                    ctx.texts.append((path, node, "markdown" if self.markdown else "text"))
                return value
        if bad_tag(node, ctx, path):
            return INVALID
        if not isinstance(node, yaml.ScalarNode):
            ctx.error(node, path, f"must be {'Markdown ' if self.markdown else ''}text, not {describe(node)}")
            return INVALID
        k = kind(node)
        if k == "bool":
            ctx.error(node, path, f"must be text, but {_bool_hint(node)}; put it in quotes: \"{node.value}\"")
            return INVALID
        if k != "str":
            ctx.error(node, path, f"must be text, but YAML reads {node.value} as {describe(node)}; "
                      f"put it in quotes: \"{node.value}\"")
            return INVALID
        value = node.value
        control = first_control(value)
        if control is not None:
            ctx.error(node, path, f"contains the control character {_code_point(control.group(0))} (character "
                      f"{control.start() + 1}), which cannot be published; remove it")
            return INVALID
        if len(value.strip()) < self.min_length:
            ctx.error(node, path, "may not be empty")
            return INVALID
        if self.min_length and shows_nothing(value):
            names = ", ".join(sorted({_code_point(ch) for ch in value if not ch.isspace()}))
            ctx.error(node, path, f"shows nothing to a reader (only invisible characters: {names}), so it is "
                      "empty; write the text")
            return INVALID
        if self.markdown and _over_limits(value, node, ctx, path):
            return INVALID
        _keep(ctx, path, node, self.kind)
        return value

    @property
    def kind(self) -> str:
        return "markdown" if self.markdown else "text"

    def schema(self):
        out: dict = {"type": "string"}
        if self.min_length:
            out["pattern"] = r"\S"
        if self.markdown:
            out["contentMediaType"] = "text/markdown"
        out = _with_doc(out, self.description)
        if self.translatable:  # or a mapping language -> text: one schema, so a number is "not of type string"
            plain = {k: v for k, v in out.items() if k != "description"}
            out = dict(out, type=["string", "object"], minProperties=1,
                       propertyNames={"pattern": LANGUAGE_PATTERN}, additionalProperties=plain)
        return out


class Markdown(Text):
    """Markdown text, rendered as the site renders its own pages (raw HTML is never executed)."""

    markdown = True


class Url(Text):
    """An absolute http(s) address."""

    translatable = False

    _RE = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+\S*$|^https?://localhost(:\d+)?(/\S*)?$", re.IGNORECASE)

    def read_text(self, node, ctx, path):
        value = super().read_text(node, ctx, path)
        if value is INVALID:
            return INVALID
        if not self._RE.match(value.strip()):
            ctx.error(node, path, f"'{value}' is not a web address; write it in full, starting https://")
            return INVALID
        return value.strip()

    def schema(self):
        out = {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}
        return _with_doc(out, self.description)


class Id(Type):
    """An identifier: lowercase letters, digits and hyphens, starting with a letter or digit, at most 80."""

    def __init__(self, description: str = ""):
        self.description = description

    def read(self, node, ctx, path):
        if node.tag == _STR_TAG and node.__class__ is _ScalarNode and _ID_RE.fullmatch(node.value):
            value = node.value  # the usual case, checked quickly
            if could_hold_contact(value):
                ctx.texts.append((path, node, "id"))
            return value
        if bad_tag(node, ctx, path):
            return INVALID
        if not isinstance(node, yaml.ScalarNode) or kind(node) not in ("str", "int"):
            ctx.error(node, path, f"must be an id (lowercase letters, digits and hyphens), not {describe(node)}")
            return INVALID
        value = node.value
        if kind(node) == "int" or not _ID_RE.fullmatch(value):
            hint = slug(value)
            if kind(node) == "int":
                ctx.error(node, path, f"must be an id written as text: put it in quotes, or better start it "
                          f"with a word, e.g. 'item-{value}'")
            else:
                ctx.error(node, path, f"{quoted(value)} is not a valid id: use lowercase letters, digits and hyphens, "
                          f"at most 80 characters" + (f" (e.g. '{hint}')" if hint and hint != value else ""))
            return INVALID
        _keep(ctx, path, node, "id")
        return value

    def schema(self):
        out = {"type": "string", "pattern": ID_PATTERN}
        return _with_doc(out, self.description)


def slug(text: str, limit: int = 80) -> str:
    """A valid id made from arbitrary text, accents folded: ``Gofal â Chymraeg`` -> ``gofal-a-chymraeg``
    ('' when nothing usable is left); at most ``limit`` characters."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return s[:limit].rstrip("-")


class Enum(Type):
    """One word from a vocabulary."""

    def __init__(self, values: Iterable[str], description: str = "", name: str = ""):
        self.values = tuple(values)
        self._set = frozenset(self.values)
        self.description = description
        self.name = name

    def read(self, node, ctx, path):
        if node.tag == _STR_TAG and node.value in self._set and node.__class__ is _ScalarNode:
            return node.value
        if bad_tag(node, ctx, path):
            return INVALID
        choices = ", ".join(self.values)
        if not isinstance(node, yaml.ScalarNode):
            ctx.error(node, path, f"must be one of {choices}, not {describe(node)}")
            return INVALID
        k = kind(node)
        if k == "bool":
            ctx.error(node, path, f"{_bool_hint(node)}, which is never a valid answer; use one of {choices}")
            return INVALID
        value = node.value
        if k != "str" or value not in self.values:
            hint = suggest(value, self.values)
            ctx.error(node, path, f"'{value}' is not one of {choices}{hint}")
            return INVALID
        return value

    def schema(self):
        out: dict = {"type": "string", "enum": list(self.values)}
        return _with_doc(out, self.description)


class Date(Type):
    """An ISO date ``YYYY-MM-DD``, quoted or not. Later than today is a warning unless ``future`` is allowed."""

    def __init__(self, description: str = "", *, future: bool = False):
        self.description = description
        self.future = future

    def read(self, node, ctx, path):
        if node.__class__ is _ScalarNode and (node.tag == _STR_TAG or node.tag == _TIMESTAMP_TAG):
            pass  # the usual case: no tag or kind to check
        elif bad_tag(node, ctx, path):
            return INVALID
        elif not isinstance(node, yaml.ScalarNode) or kind(node) not in ("str", "timestamp"):
            shown = f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else describe(node)
            ctx.error(node, path, f"{shown} is not a date; write it as YYYY-MM-DD, e.g. 2024-03-05")
            return INVALID
        text = node.value.strip()
        if not _DATE_RE.match(text):
            ctx.error(node, path, f"'{node.value}' is not a date written as YYYY-MM-DD (e.g. 2024-03-05)")
            return INVALID
        try:
            value = _dt.date.fromisoformat(text)
        except ValueError as exc:
            ctx.error(node, path, f"'{text}' is not a valid date ({exc}); write it as YYYY-MM-DD")
            return INVALID
        if not self.future and value > ctx.today:
            ctx.warning(node, path, f"{text} is later than today ({ctx.today.isoformat()}); is the year right?")
        return value

    def schema(self):
        # No "type": YAML loaders may hand validators a date object rather than a string; anything but a
        # date-like string or such an object is refused by the "not".
        out = {"not": {"type": ["number", "boolean", "array", "object", "null"]},
               "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
        return _with_doc(out, self.description)


class Number(Type):
    """A number; ``whole`` for counts. ``minimum`` inclusive, ``above`` exclusive."""

    def __init__(self, description: str = "", *, whole: bool = False, minimum: float | None = None,
                 above: float | None = None):
        self.description = description
        self.whole = whole
        self.minimum = minimum
        self.above = above

    def read(self, node, ctx, path):
        what = "a whole number" if self.whole else "a number"
        tag = node.tag
        if tag == _INT_TAG and node.__class__ is _ScalarNode and _DECIMAL_INT.fullmatch(node.value):
            value = int(node.value)  # the usual case: what construct_yaml_int gives, without its steps
        else:
            if tag == _FLOAT_TAG and node.__class__ is _ScalarNode and _DECIMAL_FLOAT.fullmatch(node.value):
                value = float(node.value)  # what construct_yaml_float gives, without its steps
            else:
                value = self._construct(node, ctx, path, what)
                if value is INVALID:
                    return INVALID
            if isinstance(value, float) and not math.isfinite(value):
                ctx.error(node, path, f"must be {what}, not '{node.value}'")
                return INVALID
        if not _PLAIN_NUMBER.fullmatch(node.value):
            ctx.error(node, path, _yaml11_number(node.value, value))
            return INVALID
        if abs(value) > MAX_SHOWN:
            ctx.error(node, path, f"{node.value} is too large to show; numbers may be at most {MAX_SHOWN:,}")
            return INVALID
        if value and abs(value) < MIN_SHOWN:
            ctx.error(node, path, f"{node.value} is too small to show: pages write numbers with at most two "
                      "decimals, so it would read 0; use a larger unit")
            return INVALID
        if self.whole and not isinstance(value, int):
            ctx.error(node, path, f"must be a whole number, not {node.value}")
            return INVALID
        if self.minimum is not None and value < self.minimum:
            ctx.error(node, path, f"must be at least {_num(self.minimum)}, not {node.value}")
            return INVALID
        if self.above is not None and value <= self.above:
            ctx.error(node, path, f"must be more than {_num(self.above)}, not {node.value}")
            return INVALID
        return value

    @staticmethod
    def _construct(node, ctx, path, what):
        """The number YAML 1.1 reads, or INVALID (reported) when the node is no number."""
        if bad_tag(node, ctx, path):
            return INVALID
        if not isinstance(node, yaml.ScalarNode):
            ctx.error(node, path, f"must be {what}, not {describe(node)}")
            return INVALID
        k = kind(node)
        if k == "bool":
            ctx.error(node, path, f"must be {what}, but {_bool_hint(node)}")
            return INVALID
        if k not in ("int", "float"):
            extra = ""
            if k == "str" and _looks_numeric(node.value):
                extra = (" (without quotes)" if node.style in ("'", '"') else
                         " written with digits only, e.g. 1200 or 12.5")
            ctx.error(node, path, f"must be {what}{extra}, not '{node.value}'")
            return INVALID
        try:
            return _constructor.construct_yaml_int(node) if k == "int" else _constructor.construct_yaml_float(node)
        except (ValueError, ConstructorError):
            ctx.error(node, path, f"'{node.value}' is not {what}")
            return INVALID

    def schema(self):
        out: dict = {"type": "integer" if self.whole else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.above is not None:
            out["exclusiveMinimum"] = self.above
        return _with_doc(out, self.description)


MAX_SHOWN = 2 ** 53 - 1
"""The largest number shown exactly: beyond it a number loses digits (in Python's floats and in JavaScript
reading the open data), and from about 10^26 it cannot be written with two decimals at all."""
MIN_SHOWN = 0.005
"""The smallest number that does not read 0 with two decimals."""
_DECIMAL_INT = re.compile(r"0|[1-9][0-9]{0,17}")  # int() refuses over 4,300 digits, so long ones take the full path
_DECIMAL_FLOAT = re.compile(r"(?:0|[1-9][0-9]*)\.[0-9]+")
"""Numbers YAML 1.1 reads as Python's int() and float() do (Number.read's quick path)."""
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?")


def _yaml11_number(text: str, value: float) -> str:
    """Why a number written ``text`` is refused (YAML 1.1 reads it as ``value``) and how to write it."""
    shown = _num(value)
    if ":" in text:
        parts = [float(p.replace("_", "")) for p in text.lstrip("+-").split(":")]
        hours = parts[0] + parts[1] / 60 + sum(p / 3600 for p in parts[2:])
        return (f"YAML 1.1 reads {text} as {shown} (a base-60 number, as in hours:minutes); write the number "
                f"in decimal, e.g. {_num(round(hours, 2))} if {text} means hours and minutes")
    digits = text.lstrip("+-")
    sign = "-" if text.startswith("-") else ""
    if digits[:2].lower() == "0x":
        return f"YAML 1.1 reads {text} as {shown} (hexadecimal); write {shown} if that is the number you mean"
    if digits[:2].lower() == "0b":
        return f"YAML 1.1 reads {text} as {shown} (binary); write {shown} if that is the number you mean"
    if "_" in text:
        plain = text.replace("_", "")
        return f"YAML 1.1 reads {text} as {shown}, other readers do not; write {plain} without underscores"
    if digits.startswith("0") and len(digits) > 1:
        return (f"YAML 1.1 reads {text} as {shown} (octal, because of the leading zero); write "
                f"{sign}{digits.lstrip('0') or '0'} without the leading zero")
    return f"'{text}' is not a number written in decimal; write it with digits only, e.g. 1200 or 12.5"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _looks_numeric(s: str) -> bool:
    try:
        float(s.replace(",", ""))
        return True
    except ValueError:
        return False


class ListOf(Type):
    """A YAML list; a lone value where a list is expected is an error that shows how to write the list."""

    def __init__(self, item: Type, description: str = "", *, min_items: int = 0):
        self.item = item
        self.description = description
        self.min_items = min_items

    def read(self, node, ctx, path):
        if node.__class__ is not _SequenceNode or node.tag != _SEQ_TAG:
            if bad_tag(node, ctx, path):
                return INVALID
            if not isinstance(node, yaml.SequenceNode):
                if isinstance(node, yaml.ScalarNode):
                    ctx.error(node, path, f"must be a list, not {describe(node)}; write each entry on its own "
                              f"line starting '- ', or in brackets: [{node.value}]")
                else:
                    ctx.error(node, path, f"must be a list, not {describe(node)}")
                return INVALID
        out = Seq(node.start_mark.line + 1)
        lines = out.lines
        read = self.item.read
        for i, child in enumerate(node.value):
            item_path = f"{path}[{i}]"
            if child.tag == _NULL_TAG and child.__class__ is _ScalarNode:
                ctx.error(child, item_path, "is empty (a '-' with nothing after it?)")
                out.append(INVALID)
            else:
                out.append(read(child, ctx, item_path))
            lines.append(child.start_mark.line + 1)
        if len(out) < self.min_items:
            ctx.error(node, path, f"needs at least {self.min_items} entr{'y' if self.min_items == 1 else 'ies'}")
        return out

    def schema(self):
        out = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return _with_doc(out, self.description)


@dataclass
class Field:
    type: Type
    required: bool = False
    doc: str = ""


class Record(Type):
    """A mapping with known fields. Unknown and duplicate keys are errors (a typo must not hide a record)."""

    def __init__(self, name: str, fields: dict[str, Field], description: str = "",
                 check: Callable[[Rec, Ctx, str], None] | None = None):
        self.name = name
        self.fields = fields
        self.description = description
        self.check = check
        # What read() looks up for each key, made once: (the type's read, required).
        self._reads = {key: (f.type.read, f.required) for key, f in fields.items()}
        self._required = tuple(key for key, f in fields.items() if f.required)

    def read(self, node, ctx, path):
        if node.__class__ is not _MappingNode or node.tag != _MAP_TAG:
            if bad_tag(node, ctx, path):
                return INVALID
            if not isinstance(node, yaml.MappingNode):
                ctx.error(node, path, f"must be a set of fields ('name: value' lines), not {describe(node)}")
                return INVALID
        out = Rec(node.start_mark.line + 1)
        lines = out.lines
        reads = self._reads
        prefix = f"{path}." if path else ""
        for key, key_node, value_node in mapping_items(node, ctx, path):
            entry = reads.get(key)
            if entry is None:
                hint = suggest(key, self.fields)
                if not hint and node.flow_style and " " in key.strip() and is_null(value_node):
                    hint = ("; is there a comma in a text inside { }? Put that text in quotes, e.g. "
                            "evidence: \"Draft strategy, to be agreed in May\"")
                ctx.error(key_node, prefix + key, f"unknown field{hint or ''}"
                          + ("" if hint else f"; expected one of: {', '.join(self.fields)}"))
                continue
            if value_node.tag == _NULL_TAG and value_node.__class__ is _ScalarNode:
                if entry[1]:
                    ctx.error(value_node, prefix + key, "is required but empty")
                    out[key] = INVALID
                continue
            out[key] = entry[0](value_node, ctx, prefix + key)
            lines[key] = value_node.start_mark.line + 1
        for key in self._required:
            if key not in out:
                ctx.error(node, prefix + key, "is required but missing")
                out[key] = INVALID
        if self.check is not None:
            self.check(out, ctx, path)
        return out

    def schema(self):
        out: dict = {"type": "object", "additionalProperties": False,
                     "properties": {k: _with_doc(f.type.schema(), f.doc) for k, f in self.fields.items()}}
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        return _with_doc(out, self.description)


def _with_doc(schema: dict, doc: str) -> dict:
    """``schema`` with ``doc`` as its description, unless it has one already (the type's own wins)."""
    if doc and "description" not in schema:
        schema = dict(schema, description=doc)
    return schema


_KEY_KINDS = frozenset(("str", "int", "bool", "null", "float", "timestamp"))


def mapping_items(node: yaml.MappingNode, ctx: Ctx, path: str):
    """Yield ``(key, key_node, value_node)``; report bad and duplicate keys; apply ``<<`` merges."""
    seen: dict[str, yaml.Node] = {}
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag == _STR_TAG and key_node.__class__ is _ScalarNode:
            key = key_node.value
        else:
            key = _key(key_node, value_node, ctx, path, merged)
            if key is None:
                continue
        if key in seen:
            _twice(ctx, key_node, f"{path}.{key}" if path else key, seen[key])
            continue
        seen[key] = key_node
        yield key, key_node, value_node
    for key_node, value_node in merged:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value not in seen:
            seen[key_node.value] = key_node
            yield key_node.value, key_node, value_node


def _key(key_node: yaml.Node, value_node: yaml.Node, ctx: Ctx, path: str, merged: list) -> str | None:
    """The field name of a key that is not plain text (None when it is no field name: reported, or a ``<<``
    merge, whose pairs are added to ``merged``)."""
    k = kind(key_node)
    if k == "merge":
        merged.extend(_merge_pairs(value_node, ctx, path))
        return None
    if k not in _KEY_KINDS:
        ctx.error(key_node, path, "field names must be plain words")
        return None
    key = key_node.value
    if k == "bool" and key.lower() in ("yes", "no", "on", "off", "y", "n"):
        key = key.lower()
    return key


def _twice(ctx: Ctx, key_node: yaml.Node, key_path: str, first: yaml.Node) -> None:
    ctx.error(key_node, key_path, f"is written twice (first on line {_line(first)}); the second would silently "
              "replace the first")


def _merge_pairs(value_node: yaml.Node, ctx: Ctx, path: str):
    sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
    pairs = []
    for src in sources:
        if not isinstance(src, yaml.MappingNode):
            ctx.error(src, path, "'<<' must merge a set of fields (an alias to a mapping)")
            continue
        pairs.extend(src.value)
    return pairs


class OneOf(Type):
    """A bare word from ``short`` or the ``full`` record form (used by checklist answers)."""

    def __init__(self, short: Enum, full: Record, description: str = ""):
        self.short = short
        self.full = full
        self.description = description

    def read(self, node, ctx, path):
        if isinstance(node, yaml.MappingNode):
            return self.full.read(node, ctx, path)
        value = self.short.read(node, ctx, path)
        if value is INVALID:
            return INVALID
        rec = Rec(_line(node))
        rec[next(iter(self.full.fields))] = value
        if self.full.check is not None:
            self.full.check(rec, ctx, path)
        return rec

    def schema(self):
        out = {"anyOf": [self.short.schema(), self.full.schema()]}
        return _with_doc(out, self.description)
