"""The ``mic`` command: validate content, print the JSON Schema, scaffold records, explain changes, write a
digest of what changed.

Every user mistake ends as ``file:line: field: message`` lines and exit status 1; no traceback reaches
the user.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
from pathlib import Path

from .authoring.skeletons import DEFAULT_APPROACH, ScaffoldError, new_activity, new_feedback
from .load.formats import schema_text
from .load.framework import FrameworkError, require_framework
from .load.loader import load_site
from .load.spec import suggest
from .model.vocab import APPROACHES


def _framework(path: str | None):
    """The framework, or None after printing its problems."""
    try:
        return require_framework(path)
    except FrameworkError as exc:
        print(exc, file=sys.stderr)
        return None


def _site_framework(path: str | None, config: str = "mkdocs.yml") -> str | None:
    """The framework file to use: ``path`` (``--framework``) when given, else the plugin option ``framework``
    of ``config`` when it exists (so ``mic validate`` in a site's folder, as pre-commit runs it, checks
    answers against the site's own framework), else None: the built-in one."""
    if path:
        return path
    from .mkdocs.settings import site_settings
    settings, _ = site_settings(config)  # an unreadable mkdocs.yml is the build's to report
    return settings.framework or None


def cmd_validate(args: argparse.Namespace) -> int:
    framework = _framework(_site_framework(args.framework))
    if framework is None:
        return 1
    try:
        today = _dt.date.fromisoformat(args.today) if args.today else None
    except ValueError:
        print(f"mic: --today {args.today}: write the date as YYYY-MM-DD", file=sys.stderr)
        return 2
    if Path(args.content_dir).is_file():
        print(f"{args.content_dir}: is a file; give the content folder (the one holding organisation.yml)",
              file=sys.stderr)
        return 1
    result = load_site(args.content_dir, framework=framework, today=today)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    errors, warnings = len(result.errors), len(result.warnings)
    failed = errors or (args.strict and warnings)
    if failed:
        print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''} "
              f"in {args.content_dir}", file=sys.stderr)
        return 1
    site = result.site
    items = sum(len(a.feedback) for a in site.activities)
    print(f"{args.content_dir}: valid ({len(site.activities)} activities, {items} feedback items, "
          f"{warnings} warning{'s' if warnings != 1 else ''})")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    framework = _framework(args.framework)
    if framework is None:
        return 1
    sys.stdout.write(schema_text(framework))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    # Imported here: the comparison and the git reading are a tenth of a second of imports that
    # `mic validate`, run on every pull request and by pre-commit, does not need.
    from .derive.diff import compare, render_markdown, render_text
    from .load.revisions import DiffError, read_side

    try:
        framework = require_framework(_site_framework(args.framework))
        with tempfile.TemporaryDirectory(prefix="mic-diff-") as tmp:
            old = read_side(args.old, args.content, framework, Path(tmp))
            new = read_side(args.new, args.content, framework, Path(tmp))
    except (DiffError, FrameworkError) as exc:
        print(f"mic diff: {exc}", file=sys.stderr)
        return 1
    diff = compare(old.site, new.site, framework)
    render = render_markdown if args.format == "markdown" else render_text
    sys.stdout.write(render(diff))
    return 0


def _add_diff(subparsers) -> None:
    """Add ``mic diff OLD NEW``."""
    p = subparsers.add_parser("diff", help="explain what changes in the published record between two versions")
    p.add_argument("old", metavar="OLD", help="the content before: a folder, or a git revision (e.g. origin/main)")
    p.add_argument("new", metavar="NEW", help="the content after: a folder, or a git revision (e.g. HEAD)")
    p.add_argument("--format", choices=("text", "markdown"), default="text",
                   help="text for a terminal (default), markdown for a pull-request comment")
    p.add_argument("--content", default="content", metavar="PATH",
                   help="where the content folder is inside the repository, for git revisions (default: content)")
    p.add_argument("--framework", help="a quality framework file (default: the plugin option framework of "
                   "mkdocs.yml in this folder, else built in)")
    p.set_defaults(func=cmd_diff)


def _date(value: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD") from None


def cmd_new_activity(args: argparse.Namespace) -> int:
    today = args.today or _dt.date.today()
    try:
        framework = require_framework(args.framework)
        path = new_activity(Path(args.content), args.title, today=today, framework=framework,
                            approach=args.approach)
    except (ScaffoldError, FrameworkError) as exc:
        print(f"mic new activity: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


def cmd_new_feedback(args: argparse.Namespace) -> int:
    today = args.today or _dt.date.today()
    try:
        framework = require_framework(args.framework)
        path, feedback_id = new_feedback(Path(args.content), args.activity_id, today=today, said_on=args.date,
                                         framework=framework)
    except (ScaffoldError, FrameworkError) as exc:
        print(f"mic new feedback: {exc}", file=sys.stderr)
        return 1
    print(f"{path}: added feedback item {feedback_id}")
    return 0


def _add_new(subparsers) -> None:
    """Add ``mic new activity`` and ``mic new feedback``."""
    new = subparsers.add_parser("new", help="start a new activity or feedback item from a commented skeleton")
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)

    def common(p):
        p.add_argument("--content", default="content", metavar="DIR",
                       help="the content folder (default: content, under the current folder)")
        p.add_argument("--framework", help="a quality framework file (default: built in)")
        p.add_argument("--today", type=_date, help=argparse.SUPPRESS)

    p = kinds.add_parser("activity", help="write activities/YYYY-slug.yml for a new activity and print its path")
    p.add_argument("title", metavar="TITLE", help="the activity's title, in quotes")
    p.add_argument("--approach", default=DEFAULT_APPROACH, choices=list(APPROACHES),
                   help=f"where it sits on the spectrum (default: {DEFAULT_APPROACH})")
    common(p)
    p.set_defaults(func=cmd_new_activity)

    p = kinds.add_parser("feedback", help="add a feedback item to an activity, keeping the rest of the file as it is")
    p.add_argument("activity_id", metavar="ACTIVITY_ID", help="the activity's id (its file name without .yml)")
    p.add_argument("--date", type=_date, help="when it was said, YYYY-MM-DD (default: today)")
    common(p)
    p.set_defaults(func=cmd_new_feedback)


def _day(option: str, value: str) -> _dt.date | None:
    """An option's date, or None after saying how to write it."""
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        print(f"mic digest: {option} {value}: write the date as YYYY-MM-DD, e.g. 2024-05-01", file=sys.stderr)
        return None


def cmd_digest(args: argparse.Namespace) -> int:
    from .derive.digest import digest
    from .derive.report import Options
    from .render.i18n import languages_without_words
    from .site.languages import edition_report
    from .mkdocs.settings import site_settings
    from .model.urls import Urls
    from .render.digest import render_digest
    since = _day("--since", args.since)
    until = _day("--until", args.until) if args.until else _dt.date.today()
    if since is None or until is None:
        return 2
    if since > until:
        print(f"mic digest: --since {since.isoformat()} is after --until {until.isoformat()}", file=sys.stderr)
        return 2
    settings, problems = site_settings(args.config)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    framework = _framework(args.framework or settings.framework or None)
    if framework is None:
        return 1
    content = args.content or settings.content_dir
    if not Path(content).is_dir():
        print(f"{content}: there is no content folder here; give it with --content DIR", file=sys.stderr)
        return 1
    result = load_site(content, framework=framework)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.ok:
        return 1
    site_url = args.site_url if args.site_url is not None else settings.site_url
    languages = result.site.organisation.languages
    lang = args.language or languages[0]
    if lang not in languages:
        print(f"mic digest: --language {lang}: the site is published in {', '.join(languages)}; give one of them",
              file=sys.stderr)
        return 2
    translations = _translations(settings.translations, args.config)
    if translations is None:
        return 1
    for missing in languages_without_words([lang], [path for path, _ in translations]):
        print(f"mic digest: the plugin has no words in {missing}: its own words are in English (add {missing}.po "
              "with the plugin option 'translations')", file=sys.stderr)
    options = Options(as_of=until, urls=Urls(settings.prefix, settings.directory_urls), site_url=site_url, git=False)
    report = edition_report(result.site, options, lang, translations=translations)
    sys.stdout.write(render_digest(digest(report, since, until), report, args.format, site_url))
    return 0


def _translations(option: str, config: str) -> list[tuple[Path, str]] | None:
    """The site's own PO files (the plugin option ``translations`` of ``config``), checked; None after saying
    what is wrong, as the build says it."""
    from .mkdocs.settings import PLUGIN_NAME
    from .render.i18n import TranslationError, TranslationOptionError, site_translations
    if not option:
        return []
    try:
        return site_translations(Path(option), option)
    except TranslationOptionError as exc:
        print(f"{config}: plugins.{PLUGIN_NAME}.translations: {exc}", file=sys.stderr)
    except TranslationError as exc:
        print(exc, file=sys.stderr)
    return None


def _add_digest(subparsers) -> None:
    p = subparsers.add_parser(
        "digest", help="what changed between two dates, by activity, ready for a newsletter",
        description="Everything that changed from --since to --until (both days included): new feedback, changes "
        "of status, answers reported back and updates, grouped by activity, each with its address on the site. "
        "Links are absolute with --site-url or the site_url of mkdocs.yml, otherwise relative to the site's root.")
    p.add_argument("--since", required=True, metavar="DATE", help="the first day (YYYY-MM-DD), included")
    p.add_argument("--until", metavar="DATE", help="the last day (YYYY-MM-DD), included (default: today)")
    p.add_argument("--content", metavar="DIR", help="the content folder (default: the plugin's content_dir in "
                   "mkdocs.yml, else content)")
    p.add_argument("--format", choices=("text", "markdown", "html"), default="text",
                   help="plain text (default), Markdown, or an HTML fragment")
    p.add_argument("--language", metavar="LANG", help="one of the site's languages (organisation.yml's "
                   "languages), e.g. cy: the digest's words, dates, numbers, text and links in that language "
                   "(default: the main language)")
    p.add_argument("--site-url", metavar="URL", help="the address the site is published at, for absolute links "
                   "(default: site_url in mkdocs.yml)")
    p.add_argument("--config", metavar="FILE", default="mkdocs.yml", help="the MkDocs configuration to take "
                   "site_url and the plugin's options from, when it exists (default: mkdocs.yml)")
    p.add_argument("--framework", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_digest)


def _load_content(content: str, framework, command: str, today: _dt.date | None = None):
    """The valid site of a content folder, or None after printing why not."""
    if not Path(content).is_dir():
        print(f"mic {command}: {content}: there is no such folder; run mic in the folder that holds the content "
              "folder, or name it with --content DIR", file=sys.stderr)
        return None
    result = load_site(content, framework=framework, today=today)
    if not result.ok:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(f"mic {command}: {content} has problems; fix them first (mic validate)", file=sys.stderr)
        return None
    return result.site


def _unknown_activity(site, activity_id: str) -> str:
    known = [a.id for a in site.activities]
    return f"there is no activity '{activity_id}'{suggest(activity_id, known)}"


def cmd_export(args: argparse.Namespace) -> int:
    from .authoring import export
    from .authoring.sheets import SUFFIXES as SHEET_SUFFIXES

    out = Path(args.output)
    if out.suffix.lower() not in SHEET_SUFFIXES:
        print(f"mic export: -o {args.output}: name a .csv or .xlsx file", file=sys.stderr)
        return 2
    framework = _framework(args.framework)
    site = framework and _load_content(args.content, framework, "export")
    if not site:
        return 1
    if args.activity and not site.activity(args.activity):
        print(f"mic export: {_unknown_activity(site, args.activity)}", file=sys.stderr)
        return 1
    try:
        count = export.export(site, out, args.activity)
    except OSError as exc:
        print(f"mic export: {args.output}: cannot write it: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{args.output}: {count} feedback item{'s' if count != 1 else ''}")
    return 0


def _pairs(values: list[str], option: str, what: str) -> dict[str, str] | None:
    """``--map "HEADER=field"`` options as a mapping, or None after printing what is wrong."""
    out: dict[str, str] = {}
    for value in values or []:
        name, sep, target = value.rpartition("=")
        if not sep or not name.strip():
            print(f"mic import: {option} \"{value}\": write it as {option} \"{what}\"", file=sys.stderr)
            return None
        out[name.strip()] = target.strip()
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from .authoring import importing
    from .authoring.columns import FIELDS, IGNORED
    from .model.vocab import AWAITING, RESPONSE_STATUSES

    mapping = _pairs(args.map, "--map", "HEADER=FIELD")
    statuses = _pairs(args.status, "--status", "WORD=STATUS")
    if mapping is None or statuses is None:
        return 2
    for header, target in mapping.items():
        if target not in FIELDS and target != IGNORED:
            print(f"mic import: --map \"{header}={target}\": '{target}' is not a field; use one of "
                  f"{', '.join(FIELDS)}, or nothing after = to leave the column out", file=sys.stderr)
            return 2
    for word, target in statuses.items():
        if target not in RESPONSE_STATUSES and target != AWAITING:
            print(f"mic import: --status \"{word}={target}\": '{target}' is not a response status; use one of "
                  f"{', '.join(RESPONSE_STATUSES)}, or {AWAITING}{suggest(target, RESPONSE_STATUSES)}", file=sys.stderr)
            return 2
    try:
        today = _dt.date.fromisoformat(args.today) if args.today else _dt.date.today()
    except ValueError:
        print(f"mic import: --today {args.today}: write the date as YYYY-MM-DD", file=sys.stderr)
        return 2
    framework = _framework(args.framework)
    if framework is None:
        return 1
    try:
        done = importing.run_import(Path(args.file), Path(args.content), framework=framework,
                                    activity=args.activity, mapping=mapping, statuses=statuses, sheet=args.sheet,
                                    dry_run=args.dry_run, today=today, display=args.file, strict=args.strict)
    except importing.ImportProblems as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        n = len(exc.lines)
        print(f"mic import: {n} problem{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    for line in done.warnings:
        print(line, file=sys.stderr)
    if done.warnings:
        n = len(done.warnings)
        print(f"mic import: {n} warning{'s' if n != 1 else ''}: mkdocs build --strict fails until "
              f"{'they are' if n != 1 else 'it is'} put right", file=sys.stderr)
    print(f"{args.file}: {done.rows} row{'s' if done.rows != 1 else ''}: {done.new} new, {done.updated} updated, "
          f"{done.unchanged} unchanged")
    if args.dry_run:
        print("Dry run: nothing was written. What the import would change in the published record:\n")
        sys.stdout.write(done.diff_text)
        return 0
    for path in done.written:
        print(f"wrote {path}")
    if done.derived:
        print(f"{done.derived} new item{'s' if done.derived != 1 else ''} had no reference, so their ids were made "
              "from what was said. To edit those rows later and keep their addresses, work from a log with the "
              f"id column: mic export -o log{Path(args.file).suffix.lower()} --content {args.content}")
    if done.written:
        print("Next: mic validate, then mkdocs serve to see the site.")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .authoring import starter

    try:
        today = _dt.date.fromisoformat(args.today) if args.today else _dt.date.today()
        written = starter.init_site(Path(args.folder), args.name, today, args.url)
    except starter.InitError as exc:
        print(f"mic init: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"mic init: {args.folder}: cannot write there: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Started the site of {starter.check_name(args.name)} in {args.folder}:")
    for path in written:
        print(f"  {path}")
    print()
    sys.stdout.write(starter.next_steps(Path(args.folder)))
    return 0


def _add_spreadsheet_commands(sub) -> None:
    """mic init, mic export, mic import: a new site, and the log people keep kept in step with it."""
    p = sub.add_parser("init", help="start a complete new site in an empty folder")
    p.add_argument("folder", metavar="DIR", help="the new site's folder (created if missing; must be empty)")
    p.add_argument("--name", required=True, metavar="ORGANISATION", help="the organisation's name, in quotes")
    p.add_argument("--url", metavar="URL", help="the address the site will be published at (default: the GitHub "
                   "Pages address when the workflow publishes it)")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("export", help="write every feedback item as one row of a spreadsheet (.csv or .xlsx)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write: FILE.csv or FILE.xlsx")
    p.add_argument("--activity", metavar="ID", help="only this activity's items (default: every activity)")
    p.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    p.add_argument("--framework", help="a quality framework file (default: built in)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="bring the rows of a log (.csv or .xlsx) into activities' feedback items")
    p.add_argument("file", metavar="FILE", help="the log: a .csv (UTF-8) or .xlsx file")
    p.add_argument("--activity", metavar="ID", help="the activity the rows belong to (unless an activity column "
                   "names it on each row)")
    p.add_argument("--content", default="content", metavar="DIR", help="the content folder (default: content)")
    p.add_argument("--map", action="append", metavar="HEADER=FIELD",
                   help="read a column as a field, e.g. --map \"Notes from staff=did\"; --map \"HEADER=\" leaves "
                   "a column out (repeatable)")
    p.add_argument("--status", action="append", metavar="WORD=STATUS",
                   help="read a status word as a response status, e.g. --status \"Escalated=referred\" (repeatable)")
    p.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx workbook to read (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="say what would change, in the words of mic diff, "
                   "and write nothing")
    p.add_argument("--strict", action="store_true", help="treat warnings (e.g. dates later than today, missing "
                   "translations) as problems: write nothing")
    p.add_argument("--framework", help="a quality framework file (default: built in)")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_import)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mic", description="Make It Count: check and explain the content of a "
                                     "co-production accountability site.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check every content file and report every problem")
    p.add_argument("content_dir", nargs="?", default="content", help="the content folder (default: content)")
    p.add_argument("--framework", help="a quality framework file to check answers against (default: the plugin "
                   "option framework of mkdocs.yml in this folder, else built in)")
    p.add_argument("--strict", action="store_true", help="treat warnings (e.g. dates in the future) as errors")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the content format")
    p.add_argument("--framework", help="a quality framework file (default: built in)")
    p.set_defaults(func=cmd_schema)

    _add_new(sub)
    _add_diff(sub)
    _add_spreadsheet_commands(sub)
    _add_digest(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug in mic, never a user's mistake: say so plainly, no traceback
        print(f"mic: internal error: {type(exc).__name__}: {exc}. Please report this as a bug.", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
