"""Load a content folder into a :class:`~mic_plugin.model.records.Site`, collecting every problem.

``load_site`` never raises for bad content: it returns the problems (sorted by file and line) and a site
only when there are no errors. Rules that span records live here: the folder layout, unique ids, series of
measures and the privacy rule.
"""

from __future__ import annotations

import datetime as _dt
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .problems import Problem, Problems
from .formats import OUTCOMES, ORGANISATION, activity_spec
from .framework import Framework, FrameworkError, load_framework, require_framework
from ..model.records import (Activity, Answer, Feedback, Measure, Organisation, OutcomeEntry, Participation, Purpose,
                    Response, ResponseUpdate, Site, Update)
from .languages import DEFAULT_COUNTRY, DEFAULT_LANGUAGES, read_translatable, site_languages
from .privacy import PrivacyRule
from .spec import _ID_RE, INVALID, Ctx, Rec, TextSeen, suggest
from .yamlfile import read_yaml_source
from .shown import quoted

ACTIVITY_SUFFIXES = (".yml", ".yaml")
RESERVED_IDS = ("organisation",)
ROOT_FILES = ("organisation", "outcomes")


@dataclass
class LoadResult:
    site: Site | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def load_site(content_dir: str | os.PathLike, *, framework: Framework | str | os.PathLike | None = None,
              today: _dt.date | None = None, display_dir: str | None = None,
              render: Callable[[str], str] | None = None) -> LoadResult:
    """Read and check every file of ``content_dir``.

    ``display_dir`` is how the folder is named in messages (default: as given). ``today`` is the day of the
    build, used to warn about dates in the future. ``render`` is the Markdown renderer the site will publish
    with (the privacy rule checks the text as rendered; default: the plugin's default renderer).
    """
    root = Path(content_dir)
    display_dir = (display_dir if display_dir is not None else str(content_dir)).rstrip("/\\") or "."
    problems = Problems()
    today = today or _dt.date.today()
    if not isinstance(framework, Framework):
        try:
            framework = require_framework(framework)
        except FrameworkError as exc:
            return LoadResult(None, exc.problems)
    loader = _Loader(root, display_dir, problems, today, framework)
    loader.render = render
    # Loading allocates many small objects that all stay alive until the end; the cyclic collector would
    # scan them again and again for nothing (a quarter of the time on large sites), so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        site = loader.run()
    finally:
        if collecting:
            gc.enable()
    result = LoadResult(site, problems.sorted())
    if not result.ok:
        result.site = None
    return result


class _Loader:
    def __init__(self, root: Path, display_dir: str, problems: Problems, today: _dt.date, framework: Framework):
        self.root = root
        self.display_dir = display_dir
        self.problems = problems
        self.today = today
        self.framework = framework
        self.activity_spec = activity_spec(framework)
        self.texts: list[tuple[str, str, object, str]] = []  # (file, field path, YAML node, kind) of every text
        self.sources: dict[str, str] = {}
        self.languages: tuple[str, ...] = DEFAULT_LANGUAGES  # from organisation.yml, read first
        self.render: Callable[[str], str] | None = None
        self.real_root = os.path.realpath(root)

    def show(self, rel: str) -> str:
        return rel if self.display_dir in ("", ".") else f"{self.display_dir}/{rel}"

    def run(self) -> Site | None:
        if not self.root.is_dir():
            self.problems.error(self.display_dir, 0, "", "the content folder does not exist")
            return None
        self._links_leading_outside()
        self._unread_root_files()
        organisation = self._organisation()
        if not self._framework_in_languages():
            return None
        activities = [a for a in (self._activity(p) for p in self._activity_files()) if a is not None]
        outcomes = self._outcomes()
        self._unique_feedback(activities)
        self._privacy(organisation, activities)
        if organisation is None:
            return None
        activities.sort(key=lambda a: a.id)
        activities.sort(key=lambda a: a.started, reverse=True)
        return Site(organisation, activities, outcomes, self.framework, self.display_dir, str(self.root.resolve()))

    # --- files -------------------------------------------------------------------------------------------

    def _read(self, rel: str):
        display = self.show(rel)
        node, text = read_yaml_source(self.root / rel, display, self.problems)
        if node is None:
            return None, None
        return node, Ctx(display, self.problems, self.today, source=text, languages=self.languages,
                         translations=read_translatable)

    def _links_leading_outside(self) -> None:
        """Every file or folder in the content folder that is a link leading outside it is an error naming it,
        and is never read (CONTENT_FORMAT.md, "Privacy")."""
        self.outside: set[str] = set()
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(dirs + files):
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    continue
                rel = os.path.relpath(path, self.root).replace(os.sep, "/")
                target = os.path.realpath(path)
                if os.path.commonpath([target, self.real_root]) != self.real_root:
                    self.outside.add(rel)
                    self.problems.error(self.show(rel), 0, "", "is a link to a file or folder outside the content "
                                        "folder; content is read only from inside it, so copy the file in instead")
                elif not os.path.exists(target):
                    self.outside.add(rel)
                    self.problems.error(self.show(rel), 0, "", "is a link to something that does not exist")

    def _root_file(self, stem: str) -> str | None:
        names = [f"{stem}{s}" for s in ACTIVITY_SUFFIXES
                 if f"{stem}{s}" not in self.outside and (self.root / f"{stem}{s}").is_file()]
        if len(names) > 1:
            self.problems.error(self.show(names[1]), 0, "", f"both {names[0]} and {names[1]} exist; keep one")
        return names[0] if names else None

    def _unread_root_files(self) -> None:
        """A YAML file beside organisation.yml that is not one of the root files is a mistake, not a note."""
        for entry in sorted(os.listdir(self.root)):
            stem, suffix = os.path.splitext(entry)
            if (suffix in ACTIVITY_SUFFIXES and stem not in ROOT_FILES and entry not in self.outside
                    and (self.root / entry).is_file()):
                self.problems.error(self.show(entry), 0, "", "this file is not read: the content folder holds "
                                    "organisation.yml, outcomes.yml and activities/" + suggest(stem, ROOT_FILES))

    def _organisation(self) -> Organisation | None:
        rel = self._root_file("organisation")
        if rel is None:
            self.problems.error(self.show("organisation.yml"), 0, "",
                                "is missing; every site needs one (name and purpose at least)")
            return None
        node, ctx = self._read(rel)
        if node is None:
            return None
        self.languages = ctx.languages = site_languages(node, ctx)  # every text of the site depends on it
        data = ORGANISATION.read(node, ctx, "")
        self._keep_texts(ctx, exempt=("contact", "public_contacts"))
        if data is INVALID:
            return None
        return Organisation(
            name=_get(data, "name", ""), purpose=_get(data, "purpose", ""), why=_list(data, "why"),
            power=_get(data, "power", ""), about=_get(data, "about", ""), contact=_get(data, "contact", ""),
            public_contacts=_list(data, "public_contacts"),
            data_licence=(_get(data, "data_licence", "") or "CC-BY-4.0").strip(), source=ctx.file,
            languages=self.languages, country=_get(data, "country", DEFAULT_COUNTRY),
            respond_within=_get(data, "respond_within", ""), holidays=_get(data, "holidays", "").strip())

    def _framework_in_languages(self) -> bool:
        """A site's own framework file read again with the site's languages: its translated texts checked as
        content's are (a language the site does not have, the main language missing: errors; a language a text
        lacks: a warning). False when it cannot be used."""
        fw = self.framework
        if not fw.path or fw.is_default:
            return True
        framework = load_framework(Path(fw.path), fw.display or fw.path, self.problems, self.languages)
        if framework is None:
            return False
        self.framework = framework
        return True

    def _activity_files(self) -> list[str]:
        folder = self.root / "activities"
        if not folder.exists() or "activities" in self.outside:
            return []
        if not folder.is_dir():
            self.problems.error(self.show("activities"), 0, "", "must be a folder of activity files")
            return []
        files: list[str] = []
        by_id: dict[str, str] = {}
        for entry in sorted(os.listdir(folder)):
            rel = f"activities/{entry}"
            if entry.startswith(".") or entry == "README.md" or rel in self.outside:
                continue
            stem, suffix = os.path.splitext(entry)
            if (folder / entry).is_dir():
                self.problems.error(self.show(rel), 0, "", "folders inside activities/ are not read; "
                                    "move its files up into activities/")
                continue
            if suffix not in ACTIVITY_SUFFIXES:
                hint = " (rename it to end in .yml)" if suffix.lower() in (".yml", ".yaml", ".txt", "") else ""
                self.problems.error(self.show(rel), 0, "", f"is not an activity file: files in activities/ "
                                    f"must end in .yml or .yaml{hint}")
                continue
            if not _ID_RE.fullmatch(stem):
                self.problems.error(self.show(rel), 0, "", f"the file name {quoted(stem)} is the activity's id and must "
                                    "use lowercase letters, digits and hyphens (at most 80)")
                continue
            if stem in RESERVED_IDS:
                self.problems.error(self.show(rel), 0, "", f"'{stem}' is reserved (it names the "
                                    "organisation-wide badge); choose another file name")
                continue
            if stem in by_id:
                self.problems.error(self.show(rel), 0, "", f"the activity id '{stem}' is used twice "
                                    f"({by_id[stem]} too); keep one")
                continue
            by_id[stem] = entry
            files.append(rel)
        return files

    def _activity(self, rel: str) -> Activity | None:
        node, ctx = self._read(rel)
        if node is None:
            return None
        data = self.activity_spec.read(node, ctx, "")
        self._keep_texts(ctx)
        if data is INVALID:
            return None
        activity_id = os.path.splitext(os.path.basename(rel))[0]
        feedback = [self._feedback(item, activity_id, ctx.file)
                    for item in _list(data, "feedback") if isinstance(item, Rec)]
        return Activity(
            id=activity_id, title=_get(data, "title", ""), summary=_get(data, "summary", ""),
            approach=_get(data, "approach", ""), status=_get(data, "status", ""),
            started=_get(data, "started", _dt.date.min), ended=_get(data, "ended"), themes=_list(data, "themes"),
            purpose=self._purpose(_get(data, "purpose")), participation=self._participation(_get(data, "participation")),
            checklist=self._checklist(_get(data, "checklist")), feedback=feedback,
            outcomes=self._measures(_get(data, "outcomes"), activity_id, ctx),
            updates=[Update(u["date"], u["note"]) for u in _list(data, "updates")
                     if isinstance(u, Rec) and u.has("date", "note")],
            source=ctx.file, path=rel)

    def _outcomes(self) -> list[Measure]:
        rel = self._root_file("outcomes")
        if rel is None:
            return []
        node, ctx = self._read(rel)
        if node is None:
            return []
        data = OUTCOMES.read(node, ctx, "")
        self._keep_texts(ctx)
        if data is INVALID:
            return []
        return self._measures(data, "organisation", ctx, prefix="")

    # --- records -----------------------------------------------------------------------------------------

    @staticmethod
    def _purpose(rec) -> Purpose:
        if not isinstance(rec, Rec):
            return Purpose()
        return Purpose(why=_list(rec, "why"), aims=_list(rec, "aims"), can_influence=_list(rec, "can_influence"),
                       cannot_influence=_list(rec, "cannot_influence"), decision=_get(rec, "decision", ""),
                       decision_date=_get(rec, "decision_date"))

    @staticmethod
    def _participation(rec) -> Participation:
        if not isinstance(rec, Rec):
            return Participation()
        return Participation(**{k: _get(rec, k) for k in ("invited", "volunteered", "took_part", "sessions", "hours")},
                             compensation=_get(rec, "compensation", ""), accessibility=_list(rec, "accessibility"),
                             representation=_get(rec, "representation", ""))

    def _checklist(self, rec) -> dict[str, Answer]:
        if not isinstance(rec, Rec):
            return {}
        return {marker: Answer(marker, a["answer"], _get(a, "evidence", ""), _get(a, "url", ""), rec.line_of(marker))
                for marker, a in rec.items() if isinstance(a, Rec) and a.has("answer")}

    @staticmethod
    def _feedback(rec: Rec, activity_id: str, file: str) -> Feedback:
        # _get and _list, for the ten thousands of items of a large site: the valid fields looked up directly
        get = {k: v for k, v in rec.items() if v is not INVALID}.get
        response = None
        r = get("response")
        if isinstance(r, Rec):
            response_get = {k: v for k, v in r.items() if v is not INVALID}.get
            updates = response_get("updates")
            response = Response(
                status=response_get("status", ""), did=response_get("did", ""), reason=response_get("reason", ""),
                owner=response_get("owner", ""), due=response_get("due"), communicated=response_get("communicated"),
                updates=[ResponseUpdate(u["date"], u["status"], _get(u, "note", "")) for u in updates
                         if isinstance(u, Rec) and u.has("date", "status")] if isinstance(updates, list) else [])
        themes = get("themes")
        return Feedback(id=get("id", ""), said=get("said", ""), date=get("date", _dt.date.min),
                        activity=activity_id, count=get("count", 1), source=get("source", ""),
                        themes=[t for t in themes if t is not INVALID] if isinstance(themes, list) else [],
                        response=response, line=rec.line)

    def _measures(self, entries, scope: str, ctx: Ctx, prefix: str = "outcomes") -> list[Measure]:
        if not isinstance(entries, list):
            return []
        measures: dict[str, Measure] = {}
        dates: dict[str, dict[_dt.date, int]] = {}
        for i, rec in enumerate(entries):
            if not isinstance(rec, Rec) or not rec.has("id", "value", "date"):
                continue
            path = f"{prefix}[{i}]"
            mid = rec["id"]
            m = measures.get(mid)
            if m is None:
                missing = [k for k in ("measure", "type") if k not in rec]
                for k in missing:
                    ctx.error(rec.line, f"{path}.{k}", f"is required on the first entry of measure '{mid}'")
                if missing or not rec.has("measure", "type"):
                    measures[mid] = m = Measure(mid, "", "", scope, line=-1)  # placeholder keeps later checks quiet
                else:
                    m = measures[mid] = Measure(mid, rec["measure"], rec["type"], scope, _get(rec, "unit", ""),
                                                source=ctx.file, line=rec.line)
                dates[mid] = {}
            elif m.line != -1:
                for k, first in (("measure", m.measure), ("type", m.type), ("unit", m.unit)):
                    if k in rec and rec[k] is not INVALID and rec[k] != first:
                        said = f"'{first}'" if first else f"no {k}"
                        ctx.error(rec.line_of(k), f"{path}.{k}", f"'{rec[k]}' differs from the first entry of "
                                  f"measure '{mid}' (line {m.line}: {said}); leave it out or repeat it unchanged")
            when = rec["date"]
            if when in dates[mid]:
                ctx.error(rec.line_of("date"), f"{path}.date", f"measure '{mid}' already has a value on "
                          f"{when.isoformat()} (line {dates[mid][when]})")
                continue
            dates[mid][when] = rec.line
            m.entries.append(OutcomeEntry(rec["value"], when, _get(rec, "out_of"), _get(rec, "baseline"),
                                          _get(rec, "target"), _get(rec, "method", ""), rec.line))
        out = [m for m in measures.values() if m.line != -1]
        for m in out:
            m.entries.sort(key=lambda e: e.date)
        return out

    # --- rules across records ----------------------------------------------------------------------------

    def _unique_feedback(self, activities: list[Activity]) -> None:
        seen: dict[str, Feedback] = {}
        for activity in sorted(activities, key=lambda a: a.source):
            for i, item in enumerate(activity.feedback):
                first = seen.get(item.id)
                if first is not None:
                    where = "above" if first.activity == activity.id else f"in {first_source(activities, first)}"
                    self.problems.error(activity.source, item.line, f"feedback[{i}].id",
                                        f"'{item.id}' is already used {where} (line {first.line}); "
                                        "feedback ids must be unique across the site")
                else:
                    seen[item.id] = item

    def _keep_texts(self, ctx: Ctx, exempt: tuple[str, ...] = ()) -> None:
        self.sources[ctx.file] = ctx.source
        file = ctx.file
        if not exempt:
            self.texts.extend((file, path, node, kind) for path, node, kind in ctx.texts)
            return
        for path, node, kind in ctx.texts:
            if path.split(".")[0].split("[")[0] not in exempt:
                self.texts.append((file, path, node, kind))

    def _privacy(self, organisation: Organisation | None, activities: list[Activity]) -> None:
        """The privacy rule over every text and id as a reader will see it (CONTENT_FORMAT.md, "Privacy")."""
        rule = PrivacyRule(organisation.public_contacts if organisation else (),
                           country=organisation.country if organisation else DEFAULT_COUNTRY, render=self.render)
        for file, path, node, kind in self.texts:
            if kind == "id":
                for found in rule.find_in_id(node.value):
                    self.problems.error(file, node.start_mark.line + 1, path, _id_message(node.value, found))
                continue
            for found in rule.find(node.value, markdown=kind == "markdown"):
                seen = TextSeen.of(path, node)
                line = seen.line_at(max(found.start, 0), self.sources.get(file, ""))
                self.problems.error(file, line, path, found.message())
        for activity in activities:
            for found in rule.find_in_id(activity.id):
                self.problems.error(activity.source, 0, "", "the file name " + _id_message(activity.id, found))


def _id_message(value: str, found) -> str:
    return (f"{quoted(value)} is an id and contains {'an' if found.kind[0] in 'aeiou' else 'a'} {found.kind} "
            f"({found.masked}); ids are published in web addresses, so they must not identify anyone: choose "
            "another")


def first_source(activities: list[Activity], item: Feedback) -> str:
    return next((a.source for a in activities if a.id == item.activity), item.activity)


def _get(rec, key, default=None):
    if not isinstance(rec, Rec):
        return default
    value = rec.get(key, default)
    return default if value is INVALID else value


def _list(rec, key) -> list:
    value = _get(rec, key)
    return [v for v in value if v is not INVALID] if isinstance(value, list) else []
