"""The ``mic`` command: validate content, print the JSON Schema, scaffold records, explain changes.

Every user mistake ends as ``file:line: field: message`` lines and exit status 1; no traceback reaches
the user.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from .core import diff, scaffold
from .core.formats import schema_text
from .core.framework import FrameworkError, require_framework
from .core.load import load_site


def _framework(path: str | None):
    """The framework, or None after printing its problems."""
    try:
        return require_framework(path)
    except FrameworkError as exc:
        print(exc, file=sys.stderr)
        return None


def cmd_validate(args: argparse.Namespace) -> int:
    framework = _framework(args.framework)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mic", description="Make It Count: check and explain the content of a "
                                     "co-production accountability site.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check every content file and report every problem")
    p.add_argument("content_dir", nargs="?", default="content", help="the content folder (default: content)")
    p.add_argument("--framework", help="a quality framework file to check answers against (default: built in)")
    p.add_argument("--strict", action="store_true", help="treat warnings (e.g. dates in the future) as errors")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of the content format")
    p.add_argument("--framework", help="a quality framework file (default: built in)")
    p.set_defaults(func=cmd_schema)

    for module in (scaffold, diff):  # mic new, mic diff: each module adds its own sub-commands
        module.register_cli(sub)
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
