"""Reading the response-time promise's two fields of ``organisation.yml`` (``CONTENT_FORMAT.md``,
"Response-time promise"): ``respond_within`` (``N days`` or ``N working days``) and ``holidays`` (an ISO 3166-2
code whose public holidays the ``holidays`` library knows). The content format checks them with these
(:mod:`mic_plugin.load.formats`); :mod:`mic_plugin.derive.promise` counts working days and says which items are
late.
"""

from __future__ import annotations

import difflib
import re


def _any_case(word: str) -> str:
    """A regular expression matching ``word`` in any case, written without flags (JSON Schema has none)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


RESPOND_WITHIN_PATTERN = (rf"^\s*([1-9][0-9]{{0,4}})\s+({_any_case('working')}\s+)?"
                          rf"({_any_case('days')}|{_any_case('day')})\s*$")
"""``N days`` or ``N working days`` (``day`` for one), any case; the JSON Schema uses the same pattern."""
_RESPOND_WITHIN = re.compile(RESPOND_WITHIN_PATTERN)

HOLIDAYS_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
"""The shape of a ``holidays`` code (ISO 3166-1 alpha-2, or ISO 3166-2 ``CC-SUB``)."""
UK_CODES = ("GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR")


def parse_respond_within(text: str) -> tuple[int, bool] | None:
    """``(N, working)`` from ``N days`` / ``N working days``, or None when the text is not one."""
    match = _RESPOND_WITHIN.match(text or "")
    if not match:
        return None
    return int(match.group(1)), bool(match.group(2))


RESPOND_WITHIN_HELP = "write N days or N working days, e.g. '20 working days'"


def _split(code: str) -> tuple[str, str]:
    country, _, part = code.strip().partition("-")
    return country, part


def holidays_problem(code: str) -> str:
    """What is wrong with a ``holidays`` code ('' when the library knows its public holidays)."""
    import holidays as _holidays

    code = code.strip()
    supported = _holidays.list_supported_countries()
    known = sorted(f"{c}-{p}" for c in supported for p in supported[c]) + sorted(supported)
    hint = difflib.get_close_matches(code.upper(), UK_CODES, n=1, cutoff=0.5) or \
        difflib.get_close_matches(code.upper(), known, n=1, cutoff=0.75)
    suggestion = f" (did you mean {hint[0]}?)" if hint else ""
    if not re.match(HOLIDAYS_PATTERN, code):
        return (f"'{code}' is not a region code; write an ISO 3166-2 code in capitals such as "
                f"{', '.join(UK_CODES)}{suggestion}")
    country, part = _split(code)
    if country == "UK":
        return f"'{code}': the ISO code of the United Kingdom is GB; write GB-{part or 'ENG'} ({', '.join(UK_CODES)})"
    if country not in supported:
        return f"'{code}': public holidays of {country} are not known{suggestion}"
    parts = supported[country]
    if not part and country == "GB":
        return f"'{code}': public holidays differ between the nations of the UK; say which: {', '.join(UK_CODES)}"
    if part and part not in parts:
        shown = ", ".join(f"{country}-{p}" for p in parts[:8]) + (", ..." if len(parts) > 8 else "")
        return (f"'{code}' is not a part of {country} whose public holidays are known{suggestion}"
                + (f"; use one of {shown}" if parts and not suggestion else ""))
    return ""


__all__ = ["HOLIDAYS_PATTERN", "RESPOND_WITHIN_HELP", "RESPOND_WITHIN_PATTERN", "UK_CODES", "holidays_problem",
           "parse_respond_within"]
