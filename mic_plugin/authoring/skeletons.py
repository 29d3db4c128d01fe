"""``mic new``: start a record from a commented skeleton that already passes ``mic validate``.

``mic new activity "TITLE"`` writes ``activities/YYYY-slug.yml`` (``-2``, ``-3``... when the id is taken).
``mic new feedback ACTIVITY_ID`` adds one feedback item to that activity's ``feedback:`` list by inserting
text, so the rest of the file (comments, quoting, blank lines, key order) stays exactly as it was.

Placeholders: a required text the contributor must write (an activity's ``summary``, a feedback item's
``said``) starts with :data:`PLACEHOLDER`. It validates, so the skeleton can be checked and built at once,
and ``mic diff`` lists every placeholder still present, so a reviewer sees it in the pull-request comment
before anything is published.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..load.framework import Framework, require_framework
from ..load.loader import ACTIVITY_SUFFIXES, load_site
from ..load.spec import slug, suggest
from ..model.vocab import ANSWERS, APPROACHES, PLACEHOLDER, RESPONSE_STATUSES

DEFAULT_APPROACH = "consulting"
"""The approach a new activity starts with: asking people's views is the most common starting point."""

APPROACH_HELP = {
    "informing": "telling people about decisions, services and changes",
    "consulting": "asking people's views on questions or options the organisation has set",
    "engaging": "people discuss issues with the organisation, which acts on what it hears",
    "co-designing": "people who use services design changes together with staff",
    "co-producing": "people share power and responsibility with staff from start to finish",
}

MAX_ID = 80
"""The longest id ``spec.ID_PATTERN`` accepts."""


class ScaffoldError(Exception):
    """A user mistake (unknown activity, missing folder...): the message says what to do."""


# --- ids ---------------------------------------------------------------------------------------------------


def _fit(base: str, suffix: str) -> str:
    """``base`` + ``suffix`` cut to :data:`MAX_ID` characters at a hyphen where possible."""
    room = MAX_ID - len(suffix)
    if len(base) > room:
        cut = base[:room]
        base = cut[: cut.rindex("-")] if "-" in cut[1:] else cut
    return base.rstrip("-") + suffix


def activity_id_for(title: str, year: int, taken: set[str]) -> str:
    """``YEAR-slug`` of the title, with ``-2``, ``-3``... added while the id is in ``taken``."""
    base = _fit(f"{year}-{slug(title) or 'activity'}", "")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = _fit(base, f"-{n}")
    return candidate


_ID_LINE = re.compile(r"""(?:^|[\s{,])id\s*:\s*["']?([a-z0-9][a-z0-9-]*)""", re.MULTILINE)


def ids_in_use(content: Path) -> set[str]:
    """Every id written after an ``id:`` key in any activity or outcomes file.

    Read from the raw text, so a file with errors elsewhere still counts; catching measure ids (or a
    sentence containing "id:") as well only makes a new id avoid a few more names.
    """
    used: set[str] = set()
    files = [content / f"outcomes{s}" for s in ACTIVITY_SUFFIXES]
    folder = content / "activities"
    if folder.is_dir():
        files += sorted(folder.iterdir())
    for path in files:
        if path.is_file() and path.suffix in ACTIVITY_SUFFIXES:
            used.update(_ID_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
    return used


def feedback_id_for(activity_id: str, used: set[str], start: int = 1) -> str:
    """``ACTIVITY_ID-N``: the first N from ``start`` whose id nobody uses yet."""
    n = max(start, 1)
    while _fit(activity_id, f"-{n}") in used:
        n += 1
    return _fit(activity_id, f"-{n}")


# --- text of the skeletons ----------------------------------------------------------------------------------


def quoted(text: str) -> str:
    """A YAML double-quoted scalar of ``text`` (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def activity_text(activity_id: str, title: str, today: _dt.date, framework: Framework,
                  approach: str = DEFAULT_APPROACH) -> str:
    """The commented skeleton of a new activity: required fields filled in, optional sections commented."""
    day = today.isoformat()
    width = max(len(a) for a in APPROACHES)
    approaches = "\n".join(f"#   {a.ljust(width)}  {APPROACH_HELP.get(a, '')}".rstrip() for a in APPROACHES)
    statuses = ", ".join(RESPONSE_STATUSES)
    answers = ", ".join(ANSWERS)
    checklist = _checklist_lines(framework)
    return f"""\
# A new involvement activity: a consultation, forum, panel, survey, co-design group...
#
# The file name ({activity_id}) is the activity's permanent id and the end of its web address
# (activities/{activity_id}/): never rename the file once it is published.
# Lines starting with # are notes: they are not published. To use an optional section, remove the
# "# " in front of its lines (keep the spaces after it: indentation matters in YAML).
# Check your work with: mic validate      Full guide: CONTRIBUTING.md
# Never write the name, e-mail address or phone number of anyone who gave feedback.

# title: plain text. Keep it in "double quotes" so a colon, a # or a number in it stays text.
title: {quoted(title)}

# summary: what the activity is, in plain words (Markdown allowed). Keep the | on the first line and
# indent every line of the text by two spaces.
summary: |
  {PLACEHOLDER} what this activity is, who it is for, what it can change, and when and where it happens.

# approach: where the activity sits on the spectrum of approaches (a spectrum, not a ranking):
{approaches}
approach: {approach}

# status: planned, open, in-progress, completed, paused or cancelled.
status: planned

# started: the day it started (or will start), written YYYY-MM-DD.
started: {day}
# ended: the day it ended. Required once status is completed; leave it out while planned, open or in-progress.
# ended: {day}

# themes: free tags that group activities and feedback, e.g. [transport, mental health]
# themes: [transport]

# purpose: why people are involved and what they can (and cannot) change.
# purpose:
#   why:                        # any of: benefits-participants, improves-services, right-to-a-say
#     - improves-services
#   aims:
#     - What this activity should achieve
#   can_influence:
#     - What people taking part can change
#   cannot_influence:
#     - What is already decided or outside our control (being honest about scope)
#   decision: "The decision this involvement feeds"
#   decision_date: {day}   # may be in the future

# participation: who took part, and how it was made possible. All optional.
# participation:
#   invited: 20                 # people asked individually
#   volunteered: 5              # people who came forward unasked
#   took_part: 18               # at most invited + volunteered
#   sessions: 3
#   hours: 6                    # total length of the sessions, not person-hours
#   compensation: "£20 voucher per session, travel paid"
#   accessibility:
#     - step-free venue
#     - BSL interpreter
#   representation: |
#     How the people involved compare with the people affected.

# checklist: answers to the quality markers. Each answer is one of: {answers}.
# not-applicable needs evidence saying why, e.g.
#       strategy: {{answer: not-applicable, evidence: "A one-off event with no strategy to draw up"}}
# A marker left out counts as not met. Remove the "# " in front of the lines you answer.
# checklist:
{checklist}

# outcomes: measures of what changed. Repeat an id with a later date to add a value to its series.
# outcomes:
#   - id: people-who-felt-heard
#     measure: "People who say they felt listened to"
#     type: feedback            # one of: user, engagement, feedback, outcome, impact
#     value: 14
#     out_of: 18                # optional: shown as 14 of 18 (78%)
#     unit: people              # optional
#     date: {day}
#     method: "exit survey"     # optional

# updates: dated news about the activity, oldest first.
# updates:
#   - date: {day}
#     note: "First session held at the community centre."

# feedback: the "you said" items and the "we did" responses.
# Add one with: mic new feedback {activity_id}
# (response statuses: {statuses})
"""


def _checklist_lines(framework: Framework) -> str:
    lines: list[str] = []
    width = max((len(m.id) for m in framework.markers), default=0)
    for actor in framework.actors:
        markers = framework.markers_for(actor.id)
        if not markers:
            continue
        lines.append(f"#   {actor.id}:")
        for stage in framework.stages:
            in_stage = [m for m in markers if m.stage == stage.id]
            if not in_stage:
                continue
            lines.append(f"#     {stage.id}:")
            for m in in_stage:
                lines.append(f"#       {(m.id + ':').ljust(width + 1)} not-met   # {m.text}")
    return "\n".join(lines)


def feedback_lines(feedback_id: str, said_on: _dt.date, dash_indent: int, key_indent: int) -> list[str]:
    """One commented feedback item, as lines (without newlines) at the given indentation."""
    d = " " * dash_indent
    k = " " * key_indent
    first = (d + "-").ljust(key_indent)
    day = said_on.isoformat()
    statuses = ", ".join(RESPONSE_STATUSES)
    def note(code: str, comment: str) -> str:
        # at least one space before '#': "communicated: 2024-09-01# when..." is not a date once uncommented
        return f"{k}{code.ljust(25)} # {comment}"

    return [
        f"{first}id: {feedback_id}",
        f"{k}# id: permanent and unique across the site; it ends the item's web address. Never change it.",
        f"{k}# said: what people said, anonymised: no names, e-mail addresses or phone numbers. Markdown allowed.",
        f"{k}said: |",
        f"{k}  {PLACEHOLDER} what people said, in their own words where you can.",
        note(f"date: {day}", "when it was said, YYYY-MM-DD"),
        note("count: 1", "how many people said it"),
        note("# source: workshop", "e.g. workshop, survey, comment card"),
        note("# themes: [transport]", "free tags, e.g. [transport, mental health]"),
        f"{k}# response: the \"we did\". Leave it out while the item awaits a response; when there is one:",
        f"{k}# response:",
        note("#   status: considering", statuses),
        note("#   did: |", "what was done (required for done, partly-done, referred)"),
        f"{k}#     What we did, or are doing so far.",
        note("#   reason: |", "required for not-doing: why not, honestly"),
        f"{k}#     Why we are not doing it.",
        note("#   owner: \"Carer Support\"", "a team or role, never a private person"),
        note(f"#   due: {day}", "optional; may be in the future"),
        note(f"#   communicated: {day}", "when the answer was reported back to the people who said it"),
        note("#   updates:", "oldest first; the last status equals status above"),
        f"{k}#     - date: {day}",
        f"{k}#       status: considering",
        f"{k}#       note: \"Optional: what happened.\"",
    ]


# --- writing -----------------------------------------------------------------------------------------------


def check_content_dir(content: Path) -> None:
    if not content.is_dir():
        raise ScaffoldError(f"{content}: there is no such folder; run mic in the folder that holds the content "
                            "folder, or name it with --content DIR")
    if not any((content / f"organisation{s}").is_file() for s in ACTIVITY_SUFFIXES):
        raise ScaffoldError(f"{content}: this is not a content folder (it has no organisation.yml); "
                            "name the right one with --content DIR")


def _file_problems(content: Path, rel: str, framework: Framework, today: _dt.date) -> list[str]:
    """Errors that ``mic validate`` reports for one file of the content folder."""
    result = load_site(content, framework=framework, today=today, display_dir=str(content))
    shown = f"{content}/{rel}" if str(content) not in ("", ".") else rel
    return [str(p) for p in result.errors if p.file == shown]


def new_activity(content: Path, title: str, *, today: _dt.date, framework: Framework | None = None,
                 approach: str = DEFAULT_APPROACH) -> Path:
    """Write the skeleton of a new activity; return its path. Raises :class:`ScaffoldError`."""
    check_content_dir(content)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; give the activity a title, e.g. mic new activity \"Bus pass review\"")
    if approach not in APPROACHES:
        raise ScaffoldError(f"'{approach}' is not an approach; choose one of {', '.join(APPROACHES)}"
                            f"{suggest(approach, APPROACHES)}")
    framework = framework or require_framework(None)
    folder = content / "activities"
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder}: is a file, but must be the folder of activity files")
    taken = {os.path.splitext(p.name)[0] for p in folder.iterdir()} if folder.is_dir() else set()
    activity_id = activity_id_for(title, today.year, taken)
    folder.mkdir(exist_ok=True)
    path = folder / f"{activity_id}.yml"
    text = activity_text(activity_id, title, today, framework, approach)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    errors = _file_problems(content, f"activities/{activity_id}.yml", framework, today)
    if errors:
        path.unlink()
        raise ScaffoldError("the new activity would not validate, so it was not written:\n" + "\n".join(errors))
    return path


def activity_file(content: Path, activity_id: str) -> Path:
    """The file of an existing activity, or :class:`ScaffoldError` naming the nearest id."""
    folder = content / "activities"
    for suffix in ACTIVITY_SUFFIXES:
        path = folder / f"{activity_id}{suffix}"
        if path.is_file():
            return path
    known = sorted(os.path.splitext(p.name)[0] for p in folder.iterdir()
                   if p.suffix in ACTIVITY_SUFFIXES) if folder.is_dir() else []
    hint = suggest(activity_id, known)
    listing = f" Activities: {', '.join(known)}." if known and not hint and len(known) <= 20 else ""
    raise ScaffoldError(f"there is no activity '{activity_id}' in {folder}{hint}{listing}")


@dataclass
class _Place:
    """Where the new item goes: text before, the lines to add, text after."""

    head: str
    tail: str
    dash: int
    key: int
    count: int


def locate_feedback_end(text: str, display: str) -> _Place:
    """Find the end of the top-level ``feedback:`` list (or the end of the file) in an activity's text."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ScaffoldError(f"{display}{where}: the file is not valid YAML; fix it first (mic validate)") from None
    if root is None:
        raise ScaffoldError(f"{display}: the file is empty; fill in the activity first")
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ScaffoldError(f"{display}: the file must be a block of 'key: value' lines; fix it first")
    keys = sorted(((k.start_mark.line, k.value, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)),
                  key=lambda t: t[0])
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    found = [(i, line, v) for i, (line, name, v) in enumerate(keys) if name == "feedback"]
    if not found:
        body = "".join(lines).rstrip("\n") + "\n"
        return _Place(body + "feedback:\n", "", 2, 4, 0)
    i, key_line, value = found[0]
    end = keys[i + 1][0] if i + 1 < len(keys) else len(lines)
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        dash = value.start_mark.column
        first = value.value[0]
        key = first.start_mark.column if isinstance(first, yaml.MappingNode) else dash + 2
        count = len(value.value)
    elif isinstance(value, yaml.SequenceNode) and value.flow_style and value.value:
        raise ScaffoldError(f"{display}:{key_line + 1}: feedback is written as a [...] list on one line; "
                            "write its items as '- id: ...' lines first, then run this again")
    elif (isinstance(value, yaml.SequenceNode) and value.flow_style) or (
            isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null"):
        # feedback: [] or feedback: (nothing) / null / ~: drop the empty value, keep any comment on the line
        if value.start_mark.index != value.end_mark.index:
            text = text[: value.start_mark.index] + text[value.end_mark.index:]
            return locate_feedback_end(text, display)
        dash, key, count = 2, 4, 0
    else:
        raise ScaffoldError(f"{display}:{key_line + 1}: feedback must be a list of items; fix it first "
                            "(mic validate)")
    # trailing blank lines, and comments at the left margin, belong to whatever follows the list, unless they
    # are the kept line breaks of the last item's block text ("said: |+"): those stay where they are
    stop = end
    floor = _kept_breaks_end(value)
    while stop > max(key_line + 1, floor) and (not lines[stop - 1].strip() or lines[stop - 1].startswith("#")):
        stop -= 1
    return _Place("".join(lines[:stop]), "".join(lines[stop:]), dash, key, count)


def _kept_breaks_end(node: yaml.Node) -> int:
    """The line after a node whose last value is a block text keeping its final blank lines (``|+``), else 0."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") and node.value.endswith("\n\n"):
        return node.end_mark.line + (1 if node.end_mark.column else 0)
    return 0


def _items(text: str) -> list:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    return list(data.get("feedback") or []) if isinstance(data, dict) else []


def new_feedback(content: Path, activity_id: str, *, today: _dt.date, said_on: _dt.date | None = None,
                 framework: Framework | None = None) -> tuple[Path, str]:
    """Add a commented feedback item to an activity; return the file and the new item's id."""
    check_content_dir(content)
    path = activity_file(content, activity_id)
    rel = f"activities/{path.name}"
    display = f"{content}/{rel}"
    framework = framework or require_framework(None)
    before = _file_problems(content, rel, framework, today)
    if before:
        raise ScaffoldError(f"{display} has problems; fix them first (mic validate):\n" + "\n".join(before))
    original = path.read_bytes()
    text = original.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    place = locate_feedback_end(text.replace("\r\n", "\n"), display)
    feedback_id = feedback_id_for(activity_id, ids_in_use(content), place.count + 1)
    item = "\n".join(feedback_lines(feedback_id, said_on or today, place.dash, place.key)) + "\n"
    updated = (place.head + item + place.tail).replace("\n", newline)
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    path.write_bytes((bom + updated).encode("utf-8"))
    after = _file_problems(content, rel, framework, today)
    if not after and _items(updated)[:-1] != _items(text):
        after = ["an item before the new one would change"]
    if after:
        path.write_bytes(original)
        raise ScaffoldError("adding the item would break the file, so it was left as it was (please report "
                            "this as a bug):\n" + "\n".join(after))
    return path, feedback_id
