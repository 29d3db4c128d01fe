"""The quality framework: actors, stages and markers, as data.

The default ships as ``mic_plugin/data/framework.yml`` (NPC's "Monitoring quality is critical" table), its
words translated in the plugin's message catalogue. A site may swap in its own file of the same shape; it is
validated like content, with the same messages. On a site in more than one language its texts (title, source,
names, markers and their help) may be written as content's are: a plain string (the main language) or a
mapping from language to text, with the same located errors and warnings: the file is read once on its own
(any language tags accepted), then again by the loader with the site's languages (:func:`load_framework`'s
``languages``).
"""

from __future__ import annotations

import datetime as _dt
import dataclasses
from pathlib import Path

import yaml

from ..model.framework import DEFAULT_FRAMEWORK, Framework, Marker, Part
from .languages import read_translatable
from .problems import Problems
from .spec import INVALID, Ctx, Enum, Field, Id, ListOf, Record, Text, Url
from .yamlfile import read_yaml

FIGURES = ("decision-date", "accessibility", "invited-vs-volunteered", "measures", "compensation", "responses",
           "reported-back")
"""Figures the plugin can compute from the content and show beside a marker (a marker's ``figure``)."""


_PART = Record("part", {"id": Field(Id(), True), "name": Field(Text(), True), "help": Field(Text())})
FRAMEWORK_SPEC = Record("framework", {
    "id": Field(Id("the framework's id"), True),
    "title": Field(Text(), True),
    "source": Field(Text()),
    "url": Field(Url()),
    "actors": Field(ListOf(_PART, min_items=1), True),
    "stages": Field(ListOf(_PART, min_items=1), True),
    "markers": Field(ListOf(Record("marker", {
        "id": Field(Id(), True),
        "actor": Field(Id(), True),
        "stage": Field(Id(), True),
        "text": Field(Text(), True),
        "help": Field(Text()),
        "figure": Field(Enum(FIGURES)),
    }), min_items=1), True),
})


def load_framework(path: Path | None = None, display: str | None = None,
                   problems: Problems | None = None, languages: tuple[str, ...] | None = None) -> Framework | None:
    """Read and check a framework file; return ``None`` (with problems recorded) when it is unusable.

    ``languages``: the site's languages (the main one first), for its translated texts; None when they are
    not known yet: a text may then be a mapping of any language tags (checked when the site is read)."""
    path = Path(path) if path else DEFAULT_FRAMEWORK
    display = display or str(path)
    problems = problems if problems is not None else Problems()
    before = len(problems.items)
    node = read_yaml(path, display, problems)
    if node is None:
        return None
    if languages is None:
        ctx = Ctx(display, problems, _dt.date.max, translations=_any_languages)
    else:
        ctx = Ctx(display, problems, _dt.date.max, languages=tuple(languages), translations=read_translatable)
    data = FRAMEWORK_SPEC.read(node, ctx, "")
    if data is INVALID or _errors_since(problems, before):
        return None
    actors, stages = _parts(data["actors"]), _parts(data["stages"])
    markers = []
    seen: dict[str, int] = {}
    for i, m in enumerate(data["markers"]):
        line = data["markers"].lines[i]
        for part, known in (("actor", actors), ("stage", stages)):
            ids = [k.id for k in known]
            if m[part] not in ids:
                problems.error(display, m.line_of(part), f"markers[{i}].{part}",
                               f"'{m[part]}' is not one of the {part}s listed: {', '.join(ids)}")
        if m["id"] in seen:
            problems.error(display, line, f"markers[{i}].id", f"'{m['id']}' is used twice (first on line {seen[m['id']]})")
        seen.setdefault(m["id"], line)
        markers.append(Marker(m["id"], m["actor"], m["stage"], m["text"], m.get("help", ""), m.get("figure", "")))
    for kind_name, items in (("actors", actors), ("stages", stages)):
        ids = [k.id for k in items]
        for dup in sorted({x for x in ids if ids.count(x) > 1}):
            problems.error(display, data.line_of(kind_name), kind_name, f"'{dup}' is listed twice")
    if _errors_since(problems, before):
        return None
    return Framework(data["id"], data["title"], data.get("source", ""), actors, stages, tuple(markers),
                     data.get("url", ""), str(path), display)


def _any_languages(text_type, node, ctx, path):
    """A translatable text read before the site's languages are known: a mapping's own tags stand in for them
    (in the order written), so only what is wrong whatever the languages (an empty or non-text value) is
    reported now; the loader reads the file again with the site's languages."""
    if not isinstance(node, yaml.MappingNode):
        return text_type.read_text(node, ctx, path)
    tags = tuple(k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode) and isinstance(k.value, str))
    return read_translatable(text_type, node, dataclasses.replace(ctx, languages=tags or ("en",)), path)


def _errors_since(problems: Problems, before: int) -> bool:
    """Whether an error was recorded after the first ``before`` problems (a warning, such as a missing
    translation, leaves the framework usable)."""
    return any(p.is_error for p in problems.items[before:])


def _parts(records: list) -> tuple[Part, ...]:
    return tuple(Part(r["id"], r["name"], r.get("help", "")) for r in records)


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message is its problems, one ``file:line: field: message``
    a line (``problems`` holds them, sorted)."""

    def __init__(self, problems: list):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def require_framework(path: str | Path | None = None, display: str | None = None) -> Framework:
    """The framework at ``path`` (the built-in one when None), or :class:`FrameworkError` listing every
    problem: the one way to load a framework (commands, the loader, the engine adapter). ``display`` is how
    the file is named in messages (default: ``path`` as given)."""
    problems = Problems()
    framework = load_framework(Path(path) if path else None, display if display is not None else
                               (str(path) if path else None), problems)
    if framework is None:
        raise FrameworkError(problems.sorted())
    return framework
