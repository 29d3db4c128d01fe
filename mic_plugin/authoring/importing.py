"""``mic import``: the rows of a log (CSV or Excel) into the feedback items of activities.

A row whose id exists updates that item in place, field by field, and only where the row says something
different (so an unchanged row leaves its file byte-identical); a change of status also appends a response
update. Other rows become new items at the end of their activity's ``feedback:`` list. Items the log does not
mention are left as they are: import never removes anything.

Every row is checked against the whole contract before anything is written (warnings, such as a date later
than today or a missing translation, are told and do not stop the import unless ``strict``): the changed files are written to a
copy of the content folder and loaded by the same loader as ``mic validate`` and the build, and each problem is
told back as ``FILE:ROW: COLUMN: message`` (the row as the spreadsheet shows it). On any problem nothing is
written.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..derive import diff as diffing
from ..model.framework import Framework
from ..load.loader import load_site
from ..model.records import Feedback, Site
from .skeletons import ScaffoldError, locate_feedback_end
from ..load.spec import slug, suggest
from ..model.vocab import AWAITING, RESPONSE_STATUSES
from . import columns as C
from .sheets import Row, SheetError, Table, read_table
from .yamledit import COMPOSER, Editor, EditError, key_node, lines_for

RESPONSE_FIELDS = ("status", "did", "reason", "owner", "due", "communicated")
ITEM_FIELDS = ("said", "date", "count", "source", "themes")
MAX_ID = 80


class ImportProblems(Exception):
    """Problems that stop the import; ``lines`` are the messages, one per problem."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Planned:
    """What one row asks for."""

    row: Row
    activity: str
    id: str
    values: dict[str, Any]  # field -> value; None removes an optional field
    derived_id: bool = False
    updated: _dt.date | None = None
    answer_field: str = ""  # did or reason, when the answer came from a "We did" column
    existing: Feedback | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    translations: dict[str, dict[str, str | None]] = field(default_factory=dict)  # field -> language -> text
    new_translations: dict[str, dict[str, str | None]] = field(default_factory=dict)  # those that change
    new_status: bool = False

    def touches(self, name: str) -> bool:
        return name in self.changes or name in self.new_translations


@dataclass
class Outcome:
    """What an import did (or, with ``dry_run``, would do)."""

    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    derived: int = 0
    written: list[Path] = field(default_factory=list)
    diff_text: str = ""
    warnings: list[str] = field(default_factory=list)  # FILE:ROW: COLUMN: warning: ... (with --strict: problems)


def derived_id(activity_id: str, said: str) -> str:
    """An id for a row without a reference: the activity, the first words said and a short fingerprint of
    everything said (letters and digits only), so the same row gets the same id on every import."""
    digest = hashlib.sha1(f"{activity_id}\n{slug(said, 10**6)}".encode()).hexdigest()[:6]
    room = MAX_ID - len(activity_id) - len(digest) - 2
    words = slug(said, min(room, 40)) if room > 0 else ""
    base = f"{activity_id}-{words}" if words else slug(activity_id, MAX_ID - 7)
    return f"{base}-{digest}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        value = value.date() if isinstance(value, _dt.datetime) else value
        return value.isoformat()
    return str(value).strip()


def _same_text(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


class _Import:
    """One import: the rows' plans against the site as it is, the problems found, and the edits."""

    def __init__(self, site: Site, table: Table, *, activity: str | None, statuses: dict[str, str],
                 today: _dt.date):
        self.site = site
        self.table = table
        self.default_activity = activity
        self.statuses = {**C.status_labels(site.organisation.languages), **C.STATUSES,
                         **{C.key(k): v for k, v in statuses.items()}}
        self.today = today
        self.problems: list[tuple[int, int, str]] = []  # row, order, line
        self.warnings: list[tuple[int, int, str]] = []
        self.items = {item.id: item for item in site.all_feedback()}
        self.main = site.organisation.main_language

    def problem(self, row: Row, column_field: str, message: str, warning: bool = False) -> None:
        column = self.table.column(column_field) if column_field else ""
        where = f"{self.table.display}:{row.number}: " + (f"{column}: " if column else "")
        found = self.warnings if warning else self.problems
        found.append((row.number, len(self.problems) + len(self.warnings), where + message))

    # --- rows into plans ---------------------------------------------------------------------------------

    def plan(self, row: Row) -> Planned | None:
        v = row.values
        bad = False

        def cell(name: str, parse):
            nonlocal bad
            try:
                return parse(v.get(name))
            except C.CellError as exc:
                self.problem(row, name, str(exc))
                bad = True
                return None

        activity = _text(v.get("activity")).lower() or (self.default_activity or "")
        if not activity:
            self.problem(row, "activity", "no activity: name it with --activity ID, or in an activity column")
            return None
        if not self.site.activity(activity):
            known = [a.id for a in self.site.activities]
            self.problem(row, "activity", f"there is no activity '{activity}'{suggest(activity, known)}; "
                         "start it with mic new activity \"TITLE\", then import into the id it prints")
            return None
        said = _text(v.get("said")) if "said" in v else None
        ref = _text(v.get("id"))
        if ref:
            item_id = C.id_from_reference(ref)
            if not item_id:
                self.problem(row, "id", f"'{ref}' has no letters or digits to make an id from")
                return None
        else:
            item_id = derived_id(activity, said or "")
        values: dict[str, Any] = {}
        if "said" in v:
            values["said"] = said or None
        if "date" in v:
            values["date"] = cell("date", C.parse_date)
        if "count" in v:
            values["count"] = cell("count", C.parse_count)
        for name in ("source", "owner", "did", "reason"):
            if name in v:
                values[name] = _text(v[name]) or None
        if "themes" in v:
            values["themes"] = C.parse_themes(_text(v["themes"])) or None
        for name in ("due", "communicated"):
            if name in v:
                values[name] = cell(name, C.parse_date)
        updated = cell(C.UPDATED, C.parse_date) if C.UPDATED in v else None
        if "status" in v:
            word = _text(v["status"])
            status = self.statuses.get(C.key(word)) if word else AWAITING
            if status is None:
                self.problem(row, "status", f"'{word}' is not a status mic knows; known words: {C.status_words()}. "
                             f"Say what it means with --status \"{word}=STATUS\" (STATUS one of "
                             f"{', '.join(RESPONSE_STATUSES)}, or awaiting)")
                bad = True
            else:
                values["status"] = status
        answer_field = ""
        if C.ANSWER in v and _text(v[C.ANSWER]):
            answer_field = "reason" if values.get("status") == "not-doing" else "did"
            if values.get(answer_field):
                self.problem(row, C.ANSWER, f"the row also has a {answer_field} column; use one of them")
                bad = True
            values[answer_field] = _text(v[C.ANSWER])
        translations: dict[str, dict[str, str | None]] = {}
        for name, value in v.items():
            split = C.split_language(name)
            if split:
                base, lang = split
                if base == C.ANSWER:
                    base = "reason" if values.get("status") == "not-doing" else "did"
                translations.setdefault(base, {})[lang] = _text(value) or None
        if bad:
            return None
        return Planned(row, activity, item_id, values, derived_id=not ref, updated=updated,
                       answer_field=answer_field, existing=self.items.get(item_id), translations=translations)

    def compare(self, p: Planned) -> None:
        """Fill ``p.changes``: the fields whose value the row changes (None: remove the field)."""
        item = p.existing
        r = item.response if item else None
        current: dict[str, Any] = {
            "said": item.said if item else None, "date": item.date if item else None,
            "count": item.count if item else None, "source": (item.source or None) if item else None,
            "themes": (item.themes or None) if item else None,
            "status": item.status if item else AWAITING,
            "did": (r.did or None) if r else None, "reason": (r.reason or None) if r else None,
            "owner": (r.owner or None) if r else None, "due": r.due if r else None,
            "communicated": r.communicated if r else None,
        }
        for name, value in p.values.items():
            old = current[name]
            if name == "count" and item:
                same = (value or 1) == old
            elif name == "themes" and old and value:
                same = [t.casefold() for t in old] == [t.casefold() for t in value] or _same_text(
                    C.join_themes(old), C.join_themes(value))
            elif isinstance(value, str) and isinstance(old, str):
                same = _same_text(value, old)
            else:
                same = value == old
            if item is None and (value is None or value == AWAITING):
                continue
            if not same or item is None:
                p.changes[name] = value
        for name, by_language in p.translations.items():
            old = current[name]
            for lang, text in by_language.items():
                if name == "themes":
                    same = C.theme_translations(text or "") == C.theme_translations(translation_of(old, lang))
                else:
                    same = _same_text(text or "", translation_of(old, lang))
                if not same:
                    p.new_translations.setdefault(name, {})[lang] = text
        status = p.values.get("status")
        p.new_status = item is not None and status is not None and status != current["status"]
        if item is not None and item.response is not None and status == AWAITING:
            self.problem(p.row, "status", f"is empty (awaiting a response), but the item already has a response "
                         f"({item.status}); import never removes one: write its status")
            return
        given = [n for n in RESPONSE_FIELDS[1:] if p.values.get(n) is not None]
        if (status if status is not None else current["status"]) == AWAITING and given:
            names = ", ".join(self.table.column(C.ANSWER if n == p.answer_field else n) for n in given)
            self.problem(p.row, "status", f"is empty (awaiting a response), but the row has a response ({names}); "
                         "write its status, e.g. considering or in-progress")

    # --- edits -------------------------------------------------------------------------------------------

    def value(self, p: Planned, name: str) -> Any:
        """The field's new value as YAML will hold it: a plain value, or on a site with more languages a
        mapping language -> text (themes: a list of those) when it has translations."""
        existing = self.current(p, name)
        main = p.changes[name] if name in p.changes else (existing if existing else None)
        if name not in C.TRANSLATED or main is None:
            return main
        changed = p.new_translations.get(name, {})
        if name == "themes":
            old = {str(t).casefold(): t for t in (existing or [])}
            lists = {lang: C.theme_translations(text or "") for lang, text in changed.items()}
            out = []
            for i, theme in enumerate(main):
                texts = dict(getattr(old.get(str(theme).casefold()), "texts", None) or {})
                texts[self.main] = str(theme)
                for lang, items in lists.items():
                    if i < len(items) and items[i]:
                        texts[lang] = items[i]
                    else:
                        texts.pop(lang, None)
                out.append(self._texts(texts))
            return out
        texts = dict(getattr(existing, "texts", None) or {})
        texts[self.main] = str(main)
        for lang, text in changed.items():
            if text:
                texts[lang] = text
            else:
                texts.pop(lang, None)
        return self._texts(texts)

    def _texts(self, texts: dict[str, str]) -> Any:
        if set(texts) == {self.main}:
            return texts[self.main]
        order = list(self.site.organisation.languages)
        return {lang: texts[lang] for lang in sorted(texts, key=lambda x: order.index(x) if x in order else 99)}

    def current(self, p: Planned, name: str) -> Any:
        item = p.existing
        if item is None:
            return None
        if name in ITEM_FIELDS:
            return getattr(item, name)
        return getattr(item.response, name) if item.response else None

    def _response_value(self, p: Planned, status: str) -> dict[str, Any]:
        out: dict[str, Any] = {"status": status}
        for name in RESPONSE_FIELDS[1:]:
            if p.touches(name) and self.value(p, name) is not None:
                out[name] = self.value(p, name)
        if p.new_status or (p.existing is None and p.updated):
            out["updates"] = [{"date": p.updated or self.today, "status": status}]
        return out

    def new_item(self, p: Planned) -> dict[str, Any]:
        item: dict[str, Any] = {"id": p.id}
        for name in ITEM_FIELDS:
            if p.touches(name) and self.value(p, name) is not None:
                item[name] = self.value(p, name)
        status = p.changes.get("status", AWAITING)
        if status != AWAITING:
            item["response"] = self._response_value(p, status)
        return item

    def write(self, editor: Editor, parent: yaml.MappingNode, name: str, p: Planned, before: str) -> None:
        """Write one field's change: a translated text changes inside its mapping, other languages stay."""
        if name in p.changes and p.changes[name] is None:
            editor.remove(parent, name)
            return
        found = key_node(parent, name)
        node = found[1] if found else None
        if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
            if name in p.changes:
                editor.set(node, self.main, p.changes[name])
            for lang, text in p.new_translations.get(name, {}).items():
                if text:
                    editor.set(node, lang, text)
                else:
                    editor.remove(node, lang)
            return
        editor.set(parent, name, self.value(p, name), before=before)

    def edit_item(self, editor: Editor, node: yaml.MappingNode, p: Planned) -> None:
        for name in ITEM_FIELDS:
            if p.touches(name):
                self.write(editor, node, name, p, before="response")
        touched = [n for n in RESPONSE_FIELDS if p.touches(n)]
        if not touched:
            return
        found = key_node(node, "response")
        if found is None or not isinstance(found[1], yaml.MappingNode):
            status = p.changes.get("status", p.existing.status)
            editor.set(node, "response", self._response_value(p, status), before="")
            return
        response = found[1]
        # the update first: new keys land at the same place, after the list
        if p.new_status:
            entry = {"date": p.updated or self.today, "status": p.changes["status"]}
            updates = key_node(response, "updates")
            if updates and isinstance(updates[1], yaml.SequenceNode) and updates[1].value \
                    and not updates[1].flow_style:
                editor.append(updates[1], entry)
            else:
                editor.set(response, "updates", [entry])
        for name in touched:
            self.write(editor, response, name, p, before="updates")


def translation_of(value: Any, lang: str) -> str:
    """One language's text of a value as the export writes it ('' when it has none)."""
    from .export import translated_text
    return translated_text(value or "", lang)


def _items_of(text: str) -> dict[str, yaml.MappingNode]:
    """The feedback items of an activity's text, by id."""
    root = yaml.compose(text, Loader=COMPOSER)
    found = key_node(root, "feedback") if isinstance(root, yaml.MappingNode) else None
    out: dict[str, yaml.MappingNode] = {}
    if found and isinstance(found[1], yaml.SequenceNode):
        for node in found[1].value:
            if isinstance(node, yaml.MappingNode):
                id_node = key_node(node, "id")
                if id_node and isinstance(id_node[1], yaml.ScalarNode):
                    out[id_node[1].value] = node
    return out


def _item_lines(text: str) -> list[tuple[int, str]]:
    """(first line, id) of every feedback item, 1-based, in file order."""
    root = yaml.compose(text, Loader=COMPOSER)
    found = key_node(root, "feedback") if isinstance(root, yaml.MappingNode) else None
    out = []
    if found and isinstance(found[1], yaml.SequenceNode):
        for node in found[1].value:
            id_node = key_node(node, "id") if isinstance(node, yaml.MappingNode) else None
            if id_node:
                out.append((node.start_mark.line + 1, id_node[1].value))
    return out


_LANGUAGE_END = re.compile(r"\.([a-z]{2,3}(?:-[A-Za-z0-9]+)*)$")
_FIELD = re.compile(r"^feedback\[\d+\]\.?([a-z_]*)(?:\[\d+\])?\.?([a-z_]*)")


def run_import(path: Path, content: Path, *, framework: Framework, activity: str | None = None,
               mapping: dict[str, str] | None = None, statuses: dict[str, str] | None = None,
               sheet: str | None = None, dry_run: bool = False, today: _dt.date | None = None,
               display: str | None = None, strict: bool = False) -> Outcome:
    """Import the log at ``path`` into ``content``; raise :class:`ImportProblems` with every problem."""
    today = today or _dt.date.today()
    display = display or str(path)
    content_display = str(content)
    try:
        table = read_table(path, display, sheet=sheet, mapping=mapping)
    except SheetError as exc:
        raise ImportProblems([str(exc)]) from None
    if not content.is_dir():
        raise ImportProblems([f"{content}: there is no such folder; run mic in the folder that holds the content "
                            "folder, or name it with --content DIR"])
    before = load_site(content, framework=framework, today=today)
    if not before.ok:
        raise ImportProblems([str(p) for p in before.errors] + [f"{content} has problems; fix them first (mic validate)"])
    site = before.site
    if activity is not None and not site.activity(activity):
        known = [a.id for a in site.activities]
        raise ImportProblems([f"--activity: there is no activity '{activity}'{suggest(activity, known)}; start it "
                            "with mic new activity \"TITLE\", then import into the id it prints"])
    job = _Import(site, table, activity=activity, statuses=statuses or {}, today=today)
    header_problems = list(table.problems)
    plans: list[Planned] = []
    seen: dict[str, Planned] = {}
    for row in table.rows:
        p = job.plan(row)
        if p is None:
            continue
        if p.id in seen:
            first = seen[p.id]
            why = "says the same as" if p.derived_id else "has the same reference as"
            job.problem(row, "id" if not p.derived_id else "said",
                        f"{why} row {first.row.number} (id '{p.id}'); merge the rows (count says how many people "
                        "said it), or give each its own reference")
            continue
        seen[p.id] = p
        if p.existing is not None and p.existing.activity != p.activity:
            job.problem(row, "id" if not p.derived_id else "activity",
                        f"'{p.id}' is an item of activity {p.existing.activity}, not {p.activity}; an item does "
                        "not move between activities by import (ids are unique across the site)")
            continue
        job.compare(p)
        plans.append(p)
    bad_rows = {n for n, _, _ in job.problems}
    plans = [p for p in plans if p.row.number not in bad_rows]

    # edit each activity's text
    by_activity: dict[str, list[Planned]] = {}
    for p in plans:
        by_activity.setdefault(p.activity, []).append(p)
    texts: dict[Path, tuple[str, bytes]] = {}  # file -> (new text, original bytes)
    rows_of: dict[str, tuple[Path, dict[str, Planned]]] = {}  # file as messages name it -> file, rows
    for activity_id, group in by_activity.items():
        if not any(p.existing is None or p.changes or p.new_translations for p in group):
            continue  # nothing to write: the file stays as it is, byte for byte
        act = site.activity(activity_id)
        file = content / act.path
        original = file.read_bytes()
        text = original.decode("utf-8-sig").replace("\r\n", "\n")
        shown = f"{content_display}/{act.path}"
        try:
            nodes = _items_of(text)
            editor = Editor(text, shown)
            for p in group:
                if p.existing is not None and (p.changes or p.new_translations):
                    job.edit_item(editor, nodes[p.id], p)
            text = editor.result()
            new = [p for p in group if p.existing is None]
            if new:
                place = locate_feedback_end(text, shown)
                lines: list[str] = []
                for p in new:
                    item = job.new_item(p)
                    item_lines: list[str] = []
                    for k, v in item.items():
                        item_lines += lines_for(k, v, place.key)
                    item_lines[0] = (" " * place.dash + "-").ljust(place.key) + item_lines[0][place.key:]
                    lines += item_lines
                text = place.head + "".join(line + "\n" for line in lines) + place.tail
        except (EditError, ScaffoldError) as exc:
            header_problems.append(str(exc))
            continue
        texts[file] = (text, original)
        rows_of[act.source] = (file, {p.id: p for p in group})

    # check the result with the real loader, in a copy of the content folder
    outcome = Outcome(rows=len(table.rows))
    with tempfile.TemporaryDirectory(prefix="mic-import-") as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(content, copy, symlinks=True)
        for file, (text, original) in texts.items():
            target = copy / file.relative_to(content)
            target.write_bytes(_encode(text, original))
        after = load_site(copy, framework=framework, today=today, display_dir=content_display)
        stray: list[str] = []
        starts: dict[str, list[tuple[int, str]]] = {}
        for problem in after.problems:
            file, planned = rows_of.get(problem.file, (None, None))
            if planned is None:
                if problem.is_error:
                    stray.append(str(problem))
                continue
            owner = None
            if problem.file not in starts:
                starts[problem.file] = _item_lines(texts[file][0])
            for first_line, item_id in starts[problem.file]:
                if first_line <= problem.line:
                    owner = item_id
            p = planned.get(owner) if owner else None
            if p is not None and not problem.is_error and p.existing is not None and not (
                    p.changes or p.new_translations):
                continue  # a warning about an item this log does not change
            if p is None:
                if problem.is_error:
                    stray.append(str(problem))
                continue
            m = _FIELD.match(problem.field)
            column = ""
            if m:
                first, second = m.groups()
                if first == "response":
                    column = "status" if not second or second in ("updates",) else second
                    if second == "updates":
                        column = C.UPDATED if table.has(C.UPDATED) else "status"
                    if second in ("did", "reason") and (second == p.answer_field or not table.has(second)) \
                            and table.has(C.ANSWER):
                        column = C.ANSWER
                else:
                    column = first
                lang = _LANGUAGE_END.search(problem.field)
                if lang and column and table.has(C.translated_column(column, lang.group(1))):
                    column = C.translated_column(column, lang.group(1))
            prefix = "warning: " if not problem.is_error else ""
            job.problem(p.row, column, prefix + problem.message, warning=not problem.is_error)
        lines = header_problems + [line for _, _, line in sorted(job.problems + job.warnings)] + stray
        if header_problems or job.problems or stray or (strict and job.warnings):
            raise ImportProblems(lines)
        outcome.warnings = lines
        for p in plans:
            if p.existing is None:
                outcome.new += 1
                outcome.derived += p.derived_id
            elif p.changes or p.new_translations:
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        changed = {f: t for f, t in texts.items() if _encode(*t) != t[1]}
        if dry_run:
            outcome.diff_text = diffing.render_text(diffing.compare(site, after.site, framework))
            outcome.written = sorted(changed)
            return outcome
    for file, (text, original) in changed.items():
        file.write_bytes(_encode(text, original))
    outcome.written = sorted(changed)
    return outcome


def _encode(text: str, original: bytes) -> bytes:
    """The text in the file's own way: its line ends, and its byte order mark if it had one."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    return (bom + text).encode("utf-8")
