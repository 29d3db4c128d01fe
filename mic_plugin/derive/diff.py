"""``mic diff OLD NEW``: what a change does to the published record, in words a reviewer can check.

Each side is a content folder, or a git revision of the repository in the current folder (its content
folder, ``content`` unless ``--content PATH`` says otherwise, is read with ``git archive``). Both sides are
loaded and validated like ``mic validate``; then :func:`compare` lists, activity by activity (sorted by id,
then in file order): activities and feedback items added, removed (called out first and loudly, since a
removed item breaks a permalink people may hold) or changed, each response status change, new updates,
checklist answers and the badge message before and after, and outcomes added or changed. A one-line
headline comes first.

When nothing in the published record changed, the output is the single line :data:`NO_CHANGES` (so a
pull-request comment still says so) and the exit status is 0. The output depends only on the two records:
the same pair gives byte-identical text every run.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model.framework import Framework
from ..model.records import Activity, Measure, OutcomeEntry, Site
from ..model.urls import Urls
from ..model.vocab import AWAITING, PLACEHOLDER
from ..render.text import truncate
from .scoring import Score, activity_score, answer_of, organisation_score

NO_CHANGES = "No changes to the published record."
ARROW = "→"
NONE = "(none)"
SHORT = 72
"""Texts up to this many characters are quoted in full; longer ones are shortened."""


# --- lines made of parts: our words, code, and text someone wrote -----------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of output as parts: ``("t", ...)`` our words, ``("c", ...)`` code, ``("u", ...)`` content text."""

    parts: tuple[tuple[str, str], ...]

    def text(self) -> str:
        return "".join(s for _, s in self.parts)

    def markdown(self) -> str:
        out = []
        for kind, s in self.parts:
            if kind == "c":
                tick = "``" if "`" in s else "`"
                pad = " " if s.startswith("`") or s.endswith("`") else ""
                out.append(f"{tick}{pad}{s}{pad}{tick}")
            elif kind == "u":
                out.append(md_escape(s))
            else:
                out.append(s)
        return "".join(out)


def L(*parts: Any) -> Line:
    """Build a line: plain ``str`` is our words, :func:`C` code, :func:`U` content text."""
    return Line(tuple(p if isinstance(p, tuple) else ("t", str(p)) for p in parts))


def C(value: Any) -> tuple[str, str]:
    return ("c", _value(value))


def U(value: Any) -> tuple[str, str]:
    return ("u", _value(value))


_MD_SPECIAL = set("\\`*_[]<>#!|~&")


def md_escape(text: str) -> str:
    """Content text made inert in GitHub Markdown: no formatting, links, HTML or @mentions."""
    out = []
    for ch in text:
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch == "@":
            out.append("@\u200b")  # a zero-width space after @ stops a mention notifying anyone
        else:
            out.append(ch)
    return "".join(out)


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return NONE
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    return " ".join(str(value).split())


def short(text: Any, limit: int = SHORT) -> str:
    return truncate(_value(text), limit)


# --- the result -------------------------------------------------------------------------------------------


@dataclass
class Group:
    heading: str
    lines: list[Line] = field(default_factory=list)


GROUP_ORDER = ("Organisation", "Details", "Organisation-wide badge", "Added", "Removed", "Activity",
               "Feedback added", "Feedback moved here", "Feedback moved away", "Feedback removed", "Feedback changed", "Response status",
               "New updates", "Updates removed", "Checklist", "Outcomes")
"""The order of the groups inside a block, whatever order they were found in."""


@dataclass
class Block:
    """What changes in one record (the organisation, or one activity)."""

    title: Line
    groups: list[Group] = field(default_factory=list)

    def add(self, heading: str, line: Line) -> None:
        for g in self.groups:
            if g.heading == heading:
                g.lines.append(line)
                return
        self.groups.append(Group(heading, [line]))
        self.groups.sort(key=lambda g: GROUP_ORDER.index(g.heading))


@dataclass
class SiteDiff:
    """Everything :func:`compare` found, ready for :func:`render_text` or :func:`render_markdown`."""

    counts: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)  # new response status -> how many changed to it
    removed: list[Line] = field(default_factory=list)  # permalinks that break
    placeholders: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.removed

    def headline(self) -> str:
        return headline(self.counts, self.statuses)


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def headline(counts: Counter, statuses: Counter) -> str:
    """"Marks 3 responses done, adds 2 feedback items, removes 1 feedback item, lowers a badge." """
    phrases: list[str] = []
    c = counts
    if c["activity+"]:
        phrases.append(f"adds {_n(c['activity+'], 'activity', 'activities')}")
    if c["activity-"]:
        phrases.append(f"removes {_n(c['activity-'], 'activity', 'activities')}")
    if statuses:
        order = sorted(statuses.items(), key=lambda kv: (_STATUS_ORDER.get(kv[0], 99), kv[0]))
        words = [f"{_n(n, 'response')} {_status_word(s)}" if i == 0 else f"{n} {_status_word(s)}"
                 for i, (s, n) in enumerate(order)]
        phrases.append("marks " + ", ".join(words))
    for key, verb, one in (("feedback+", "adds", "feedback item"), ("feedback-", "removes", "feedback item"),
                           ("feedback>", "moves", "feedback item"), ("feedback~", "changes", "feedback item"),
                           ("update+", "adds", "update"), ("update-", "removes", "update"),
                           ("answer~", "changes", "checklist answer")):
        if c[key]:
            phrases.append(f"{verb} {_n(c[key], one)}")
    for key, verb in (("badge+", "raises"), ("badge-", "lowers"), ("badge~", "changes")):
        if c[key]:
            phrases.append(f"{verb} {'a badge' if c[key] == 1 else f'{c[key]} badges'}")
    for key, verb, one in (("measure+", "adds", "measure"), ("measure-", "removes", "measure"),
                           ("measure~", "redefines", "measure"), ("value+", "adds", "outcome value"),
                           ("value~", "changes", "outcome value"), ("value-", "removes", "outcome value")):
        if c[key]:
            phrases.append(f"{verb} {_n(c[key], one)}")
    if c["activity~"]:
        phrases.append(f"changes the details of {_n(c['activity~'], 'activity', 'activities')}")
    if c["organisation~"]:
        phrases.append("changes the organisation's details")
    if not phrases:
        return NO_CHANGES
    text = ", ".join(phrases)
    return text[0].upper() + text[1:] + "."


_STATUS_ORDER = {s: i for i, s in enumerate(("done", "partly-done", "referred", "not-doing", "in-progress",
                                              "planned", "considering", "awaiting"))}


def _status_word(status: str) -> str:
    return "awaiting a response" if status == AWAITING else status


# --- comparing ------------------------------------------------------------------------------------------------


ORGANISATION_FIELDS = ("name", "purpose", "why", "power", "about", "contact", "public_contacts", "data_licence")
ACTIVITY_FIELDS = ("title", "summary", "approach", "status", "started", "ended", "themes")
FEEDBACK_FIELDS = ("said", "date", "count", "source", "themes")
RESPONSE_FIELDS = ("did", "reason", "owner", "due", "communicated")
ENTRY_FIELDS = ("value", "out_of", "baseline", "target", "method")


CODE_FIELDS = ("approach", "status", "type", "why", "data_licence")
"""Fields whose values are words of a vocabulary (or dates and numbers): shown as code, not quoted."""


def _field_line(name: str, before: Any, after: Any) -> Line:
    """``name: before → after``, or, for long texts, ``name: reworded, now "…"``."""
    b, a = _value(before), _value(after)
    if (name.rsplit(".", 1)[-1] in CODE_FIELDS or isinstance(before, (_dt.date, int, float))
            or isinstance(after, (_dt.date, int, float))):
        return L(name, ": ", C(before), f" {ARROW} ", C(after))
    if len(b) <= SHORT and len(a) <= SHORT:
        return L(name, ": ", _q(before), f" {ARROW} ", _q(after))
    if a == NONE:
        return L(name, ": removed (was ", _q(before), ")")
    if b == NONE:
        return L(name, ": added: ", _q(after))
    return L(name, ": reworded; now ", _q(after))


def _q(value: Any) -> tuple[str, str]:
    s = short(value)
    if s == NONE:
        return ("t", NONE)
    return ("u", f"“{s}”")


def _fields(before: Any, after: Any, names: Iterable[str], prefix: str = "") -> list[Line]:
    out = []
    for name in names:
        out += _field_lines(prefix + name, getattr(before, name), getattr(after, name))
    return out


def _field_lines(name: str, before: Any, after: Any) -> list[Line]:
    """What changes in one field: one line, or, for a text written in more than one language, one line per
    language whose text changes, labelled with it (``said (cy): “…” → “…”``)."""
    by_language = _by_language(before, after)
    if by_language is None:
        return [_field_line(name, before, after)] if _norm(before) != _norm(after) else []
    return [_field_line(f"{name} ({lang})", b, a) for lang, b, a in by_language if _norm(b) != _norm(a)]


def _by_language(before: Any, after: Any) -> list[tuple[str, Any, Any]] | None:
    """``(language, before, after)`` for each language of a translated text or list of texts (a site in more
    than one language), the main language first; None for any other value."""
    languages: list[str] = []
    for value in (before, after):
        for text in (value if isinstance(value, list) else [value]):
            for lang in getattr(text, "texts", ()):
                if lang not in languages:
                    languages.append(lang)
    if not languages:
        return None

    def in_lang(value, lang):
        if isinstance(value, list):
            return [t for t in (in_lang(v, lang) for v in value) if t is not None]
        texts = getattr(value, "texts", None)
        return texts.get(lang) if texts is not None else value

    return [(lang, in_lang(before, lang), in_lang(after, lang)) for lang in languages]


def _all_languages(text: Any) -> Any:
    """A text as every language writes it, to tell two texts apart in any of them."""
    texts = getattr(text, "texts", None)
    return tuple((lang, t.strip()) for lang, t in texts.items()) if texts is not None else _norm(text)


def _norm(value: Any) -> Any:
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


_URLS = Urls()
"""Addresses as the site publishes them with the default options (no prefix, directory URLs)."""


def _permalink(activity_id: str, feedback_id: str) -> str:
    return _URLS.feedback(activity_id, feedback_id)


def _better(before: Score, after: Score) -> int:
    """1 when ``after`` scores higher (as a share met; by markers met when either is 0 of 0), -1 lower, 0 same."""
    if before.applicable and after.applicable:
        lhs, rhs = after.met * before.applicable, before.met * after.applicable
    else:
        lhs, rhs = after.met, before.met
    return (lhs > rhs) - (lhs < rhs)


def compare(old: Site | None, new: Site | None, framework: Framework | None = None) -> SiteDiff:
    """What changes in the published record from ``old`` to ``new`` (``None``: no record yet / any more)."""
    if framework is None:
        framework = (new or old).framework
    diff = SiteDiff()
    _organisation(old, new, framework, diff)
    if old is not None or new is not None:
        outcomes = Block(L("Organisation-wide outcomes (outcomes.yml)"))
        _measures_block(old.outcomes if old else [], new.outcomes if new else [], diff, outcomes)
        if outcomes.groups:
            diff.blocks.append(outcomes)
    old_acts = {a.id: a for a in old.activities} if old else {}
    new_acts = {a.id: a for a in new.activities} if new else {}
    old_items = {f.id: f for a in old_acts.values() for f in a.feedback}
    new_items = {f.id: f for a in new_acts.values() for f in a.feedback}
    for activity_id in sorted(set(old_acts) | set(new_acts)):
        block = _activity(old_acts.get(activity_id), new_acts.get(activity_id), old_items, new_items,
                          framework, diff)
        if block.groups:
            diff.blocks.append(block)
    _placeholders(old, new, diff)
    return diff


def _organisation(old: Site | None, new: Site | None, framework: Framework, diff: SiteDiff) -> None:
    block = Block(L("Organisation"))
    if old is None and new is not None:
        block.add("Organisation", L("new record for ", U(new.organisation.name)))
    elif old is not None and new is not None:
        for line in _fields(old.organisation, new.organisation, ORGANISATION_FIELDS):
            block.add("Details", line)
            diff.counts["organisation~"] += 1
        before = organisation_score(framework, old.activities)
        after = organisation_score(framework, new.activities)
        if before != after:
            block.add("Organisation-wide badge", L(C(before.message), f" {ARROW} ", C(after.message)))
    if block.groups:
        diff.counts["organisation~"] = min(diff.counts["organisation~"], 1)
        diff.blocks.append(block)


def _activity(old: Activity | None, new: Activity | None, old_items: dict, new_items: dict,
              framework: Framework, diff: SiteDiff) -> Block:
    a = new or old
    state = "added" if old is None else "removed" if new is None else "changed"
    block = Block(L(U(a.title), " (", C(a.id), f", {state})" if state != "changed" else ")"))
    if new is None:
        diff.counts["activity-"] += 1
        block.add("Removed", L("the activity page ", C(_URLS.activity(a.id)), " and its badge disappear"))
        diff.removed.append(L("the page of activity ", C(a.id), " (was at ", C(_URLS.activity(a.id)), ")"))
        _items_gone(old, new_items, block, diff)
        _measures_block(old.outcomes, [], diff, block)
        return block
    if old is None:
        diff.counts["activity+"] += 1
        block.add("Added", L("status ", C(new.status), ", approach ", C(new.approach), ", started ",
                             C(new.started), ", badge ", C(activity_score(framework, new).message)))
    else:
        lines = _fields(old, new, ACTIVITY_FIELDS)
        for section in ("purpose", "participation"):
            lines += _fields(getattr(old, section), getattr(new, section),
                             [f.name for f in dataclasses.fields(getattr(new, section))], prefix=f"{section}.")
        for line in lines:
            block.add("Activity", line)
        if lines:
            diff.counts["activity~"] += 1
    _feedback(old, new, old_items, new_items, block, diff)
    _updates(old, new, block, diff)
    _checklist(old, new, framework, block, diff)
    _measures_block(old.outcomes if old else [], new.outcomes, diff, block)
    return block


def _feedback(old: Activity | None, new: Activity, old_items: dict, new_items: dict, block: Block,
              diff: SiteDiff) -> None:
    for item in new.feedback:
        before = old_items.get(item.id)
        if before is None:
            diff.counts["feedback+"] += 1
            block.add("Feedback added", L(C(item.id), " (", C(item.date), ", ", _status_word(item.status), "): ",
                                          _q(item.said)))
            continue
        if before.activity != item.activity:
            diff.counts["feedback>"] += 1
            diff.removed.append(L(C(item.id), " moves from ", C(before.activity), " to ", C(item.activity),
                                  " (was at ", C(_permalink(before.activity, item.id)), ")"))
            block.add("Feedback moved here", L(C(item.id), " from ", C(before.activity)))
        changes = _fields(before, item, FEEDBACK_FIELDS)
        if before.response and item.response:
            changes += _fields(before.response, item.response, RESPONSE_FIELDS, prefix="response.")
        elif item.response and not before.response:
            changes += [_field_line(f"response.{n}", None, getattr(item.response, n)) for n in RESPONSE_FIELDS
                        if getattr(item.response, n) not in (None, "")]
        elif before.response and not item.response:
            changes.append(L("response removed: the item shows as awaiting a response again"))
        if changes:
            diff.counts["feedback~"] += 1
            for line in changes:
                block.add("Feedback changed", L(C(item.id), " ", *line.parts))
        if before.status != item.status:
            diff.statuses[item.status] += 1
            block.add("Response status", L(C(item.id), ": ", C(before.status), f" {ARROW} ", C(item.status)))
        old_updates = Counter(_update_key(u) for u in (before.response.updates if before.response else []))
        old_notes = _notes_by_key(before.response.updates if before.response else [], _update_key)
        counted = bool(changes)  # this item is counted once among the changed items
        for u in (item.response.updates if item.response else []):
            key = _update_key(u)
            if old_updates[key]:
                old_updates[key] -= 1
                # the same update (date, status, main-language note): another language of its note may change
                for line in _field_lines(f"response update {u.date.isoformat()} note", old_notes[key].pop(0), u.note):
                    diff.counts["feedback~"] += 0 if counted else 1
                    counted = True
                    block.add("Feedback changed", L(C(item.id), " ", *line.parts))
                continue
            diff.counts["update+"] += 1
            note = [": ", _q(u.note)] if u.note else []
            block.add("New updates", L(C(item.id), " response, ", C(u.date), ", ", C(u.status), *note))
        for (day, status, note), n in sorted(old_updates.items()):
            for _ in range(n):
                diff.counts["update-"] += 1
                block.add("Updates removed", L(C(item.id), " response, ", C(day), ", ", C(status)))
    if old is not None:
        _items_gone(old, new_items, block, diff)


def _items_gone(old: Activity, new_items: dict, block: Block, diff: SiteDiff) -> None:
    """Items of ``old`` now in another activity, or nowhere (a permalink that breaks)."""
    for item in old.feedback:
        moved = new_items.get(item.id)
        if moved is None:
            diff.counts["feedback-"] += 1
            diff.removed.append(L(C(item.id), " of ", C(old.id), " (was at ", C(_permalink(old.id, item.id)), ")"))
            block.add("Feedback removed", L(C(item.id), ": ", _q(item.said)))
        elif moved.activity != old.id:
            block.add("Feedback moved away", L(C(item.id), " to ", C(moved.activity)))


def _update_key(u) -> tuple:
    return (u.date, u.status, u.note.strip())


def _activity_update_key(u) -> tuple:
    return (u.date, u.note.strip())


def _notes_by_key(updates, key) -> dict[tuple, list]:
    """Each update's note (every language of it), by the key updates are matched with (its main language)."""
    out: dict[tuple, list] = {}
    for u in updates:
        out.setdefault(key(u), []).append(u.note)
    return out


def _updates(old: Activity | None, new: Activity, block: Block, diff: SiteDiff) -> None:
    before = Counter(_activity_update_key(u) for u in (old.updates if old else []))
    notes = _notes_by_key(old.updates if old else [], _activity_update_key)
    changed = False
    for u in new.updates:
        key = _activity_update_key(u)
        if before[key]:
            before[key] -= 1
            for line in _field_lines(f"update {u.date.isoformat()} note", notes[key].pop(0), u.note):
                block.add("Activity", line)
                if not changed:
                    diff.counts["activity~"] += 1
                    changed = True
            continue
        diff.counts["update+"] += 1
        block.add("New updates", L("activity, ", C(u.date), ": ", _q(u.note)))
    for (day, note), n in sorted(before.items()):
        for _ in range(n):
            diff.counts["update-"] += 1
            block.add("Updates removed", L("activity, ", C(day), ": ", _q(note)))


def _checklist(old: Activity | None, new: Activity, framework: Framework, block: Block, diff: SiteDiff) -> None:
    if old is None:
        return
    for marker in framework.markers:
        b, a = answer_of(old, marker), answer_of(new, marker)
        name = L(U(marker.text), " (", C(f"{marker.actor}/{marker.stage}/{marker.id}"), ")")
        if b != a:
            diff.counts["answer~"] += 1
            block.add("Checklist", L(*name.parts, ": ", C(b), f" {ARROW} ", C(a)))
        else:
            ob, nb = old.checklist.get(marker.id), new.checklist.get(marker.id)
            if ob and nb and (_all_languages(ob.evidence), ob.url) != (_all_languages(nb.evidence), nb.url):
                diff.counts["answer~"] += 1
                languages = _by_language(ob.evidence, nb.evidence)
                if languages is not None:  # a site in more than one language: say which language's evidence
                    changed = [lang for lang, b_text, a_text in languages if _norm(b_text) != _norm(a_text)]
                    what = f"evidence ({', '.join(changed)})" if changed else "evidence link"
                else:
                    what = "evidence" if _norm(ob.evidence) != _norm(nb.evidence) else "evidence link"
                block.add("Checklist", L(*name.parts, f": {what} changed (answer still ", C(a), ")"))
    before, after = activity_score(framework, old), activity_score(framework, new)
    if before != after:
        way = _better(before, after)
        diff.counts["badge+" if way > 0 else "badge-" if way < 0 else "badge~"] += 1
        word = "raised" if way > 0 else "lowered" if way < 0 else "changed"
        block.add("Checklist", L("badge ", C(before.message), f" {ARROW} ", C(after.message), f" ({word})"))


def _entry_value(m: Measure, e: OutcomeEntry) -> str:
    unit = f" {m.unit}" if m.unit and m.unit != "%" else m.unit
    value = _value(e.value) + (f" of {_value(e.out_of)}" if e.out_of is not None else "")
    return value + unit


def _measures_block(old: list[Measure], new: list[Measure], diff: SiteDiff, block: Block) -> None:
    before = {m.id: m for m in old}
    after = {m.id: m for m in new}
    heading = "Outcomes"
    for m in new:
        o = before.get(m.id)
        if o is None:
            diff.counts["measure+"] += 1
            values = ", ".join(f"{_entry_value(m, e)} on {e.date.isoformat()}" for e in m.entries)
            block.add(heading, L("new measure ", C(m.id), " (", C(m.type), "): ", _q(m.measure), "; ", values))
            continue
        for name in ("measure", "type", "unit"):
            lines = _field_lines(name, getattr(o, name), getattr(m, name))
            for line in lines:
                block.add(heading, L(C(m.id), " ", *line.parts))
            diff.counts["measure~"] += 1 if lines else 0
        old_entries = {e.date: e for e in o.entries}
        new_entries = {e.date: e for e in m.entries}
        for e in m.entries:
            p = old_entries.get(e.date)
            if p is None:
                diff.counts["value+"] += 1
                block.add(heading, L(C(m.id), ": new value ", C(_entry_value(m, e)), " on ", C(e.date)))
                continue
            for name in ENTRY_FIELDS:
                for line in _field_lines(name, getattr(p, name), getattr(e, name)):
                    diff.counts["value~"] += 1
                    block.add(heading, L(C(m.id), f" on {e.date.isoformat()}: ", *line.parts))
        for e in o.entries:
            if e.date not in new_entries:
                diff.counts["value-"] += 1
                block.add(heading, L(C(m.id), ": value ", C(_entry_value(o, e)), " on ", C(e.date), " removed"))
    for m in old:
        if m.id not in after:
            diff.counts["measure-"] += 1
            block.add(heading, L("measure ", C(m.id), " removed (", _q(m.measure), f", {_n(len(m.entries), 'value')})"))


def _texts(obj: Any, path: str) -> Iterable[tuple[str, str]]:
    """Every text inside a record, with a dotted path."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _texts(v, f"{path}[{i}]")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name not in ("source", "path", "activity", "id", "scope"):
                yield from _texts(getattr(obj, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(obj, dict):
        for k in sorted(obj):
            yield from _texts(obj[k], f"{path}.{k}")


def _placeholder_spots(site: Site | None) -> list[tuple[str, str, str]]:
    """(activity id, feedback id or "", field) of every text that still holds the scaffold's placeholder."""
    if site is None:
        return []
    spots = []
    for a in sorted(site.activities, key=lambda a: a.id):
        spots += [(a.id, "", where) for where, text in _texts(dataclasses.replace(a, feedback=[]), "")
                  if PLACEHOLDER in text]
        for item in a.feedback:
            spots += [(a.id, item.id, where) for where, text in _texts(item, "") if PLACEHOLDER in text]
    return spots


def _placeholders(old: Site | None, new: Site | None, diff: SiteDiff) -> None:
    before = set(_placeholder_spots(old))
    for activity_id, feedback_id, where in _placeholder_spots(new):
        if (activity_id, feedback_id, where) not in before:
            item = [", feedback item ", C(feedback_id)] if feedback_id else []
            diff.placeholders.append(L("activity ", C(activity_id), *item, ": ", where))


# --- rendering ------------------------------------------------------------------------------------------------


def _removed_sentence(diff: SiteDiff) -> str:
    n = len(diff.removed)
    return (f"{n} permalink{'s' if n != 1 else ''} will break: anyone holding "
            f"{'these links' if n != 1 else 'this link'} (in an e-mail, a report, a bookmark) will no longer "
            f"find what {'they' if n != 1 else 'it'} linked to")


def render_text(diff: SiteDiff) -> str:
    """Plain words for a terminal."""
    if diff.empty:
        return NO_CHANGES + "\n"
    out = [diff.headline(), ""]
    if diff.removed:
        out.append(f"WARNING: {_removed_sentence(diff)}:")
        out += [f"  !! {line.text()}" for line in diff.removed]
        out.append("")
    if diff.placeholders:
        out.append(f"Still to fill in (text starting \"{PLACEHOLDER}\" from mic new):")
        out += [f"  - {line.text()}" for line in diff.placeholders]
        out.append("")
    for block in diff.blocks:
        out.append(block.title.text())
        for group in block.groups:
            out.append(f"  {group.heading}:")
            out += [f"    {line.text()}" for line in group.lines]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(diff: SiteDiff) -> str:
    """GitHub-flavoured Markdown for a pull-request comment; content text is escaped and cannot @mention."""
    if diff.empty:
        return NO_CHANGES + "\n"
    out = [f"**{diff.headline()}**", ""]
    if diff.removed:
        out += ["> [!WARNING]", f"> **{_removed_sentence(diff)}.** Keep the item, or redirect readers, unless "
                "removing it is intended:", ">"]
        out += [f"> - {line.markdown()}" for line in diff.removed]
        out.append("")
    if diff.placeholders:
        out += ["> [!NOTE]", f"> **Still to fill in**: these texts still start with “{PLACEHOLDER}” from "
                "`mic new`:", ">"]
        out += [f"> - {line.markdown()}" for line in diff.placeholders]
        out.append("")
    for block in diff.blocks:
        out += [f"#### {block.title.markdown()}", ""]
        for group in block.groups:
            out.append(f"**{group.heading}**")
            out.append("")
            out += [f"- {line.markdown()}" for line in group.lines]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
