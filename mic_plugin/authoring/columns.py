"""The spreadsheet columns of a "you said, we did" log (CONTENT_FORMAT.md, Spreadsheets), and how a cell's
words become a field: header names people use, status words, UK dates, neutralised formulas.

``mic export`` writes :data:`COLUMNS`; ``mic import`` reads them back, and the names and words that real logs
use (:data:`HEADER_ALIASES`, :data:`STATUS_WORDS`), compared without regard to case, spaces and punctuation.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from ..render.i18n import language_hint, words_for
from ..render.text import csv_cell
from ..model.vocab import AWAITING, AWAITING_LABEL, RESPONSE_STATUSES

COLUMNS = ("id", "activity", "date", "said", "count", "source", "themes", "status", "did", "reason", "owner",
           "due", "communicated")
"""The columns ``mic export`` writes, in order: one row per feedback item."""

TRANSLATED = ("said", "source", "themes", "did", "reason", "owner")
"""Columns whose text may be written in more languages: ``said (cy)`` holds the Welsh of ``said``."""

ANSWER = "response"
"""A column that holds the answer: ``did``, or ``reason`` on a ``not-doing`` row ("We did", "Action taken")."""

UPDATED = "updated"
"""A column that dates a change of status ("Date updated"): the date of the response update it adds."""

IGNORED = ""
"""Columns read and left out (``--map "Notes="``, and the export-only columns of ``data/feedback.csv``)."""

FIELDS = (*COLUMNS, ANSWER, UPDATED)
"""Every field a column can be mapped to with ``--map "HEADER=FIELD"``."""

HEADER_ALIASES: dict[str, str] = {
    # the export's own names are aliases of themselves; data/feedback.csv's names too
    **{c: c for c in COLUMNS},
    "feedback id": "id", "activity id": "activity", "activity title": IGNORED, "permalink": IGNORED,
    "ref": "id", "reference": "id", "ref no": "id", "reference number": "id",
    "you said": "said", "feedback": "said", "comment": "said",
    "we did": ANSWER, "action taken": ANSWER, "response": ANSWER, "action": ANSWER,
    "date raised": "date", "date received": "date",
    "progress": "status",
    "lead": "owner", "responsible": "owner",
    "target date": "due", "due date": "due",
    "fed back": "communicated", "reported back": "communicated", "date communicated": "communicated",
    "date fed back": "communicated",
    "theme": "themes", "topic": "themes", "topics": "themes",
    "channel": "source",
    "number of people": "count", "no of people": "count", "people": "count",
    "date updated": UPDATED, "last updated": UPDATED, "updated": UPDATED, "status date": UPDATED,
}
"""Header names (as :func:`key` makes them) and the field each column holds."""

STATUS_WORDS: dict[str, str] = {
    **{s: s for s in RESPONSE_STATUSES}, AWAITING: AWAITING, "awaiting response": AWAITING,
    "complete": "done", "completed": "done", "actioned": "done", "closed": "done",
    "partly done": "partly-done", "partially": "partly-done", "partially done": "partly-done",
    "part done": "partly-done",
    "ongoing": "in-progress", "in hand": "in-progress",
    "under review": "considering", "being considered": "considering",
    "referred on": "referred",
    "not possible": "not-doing", "declined": "not-doing", "not done": "not-doing",
}
"""Status words (as :func:`key` makes them) and the response status each means; an empty cell is awaiting."""

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


_LANGUAGE = re.compile(r"^(.*?)\s*\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*\)\s*$")
_LANGUAGE_NAME = re.compile(r"^(.*?)\s*\(\s*([^()]+?)\s*\)\s*$")


def translated_column(field: str, lang: str) -> str:
    """The column of one language's text of a field: ``said (cy)``; also the field name in a row's values."""
    return f"{field} ({lang})"


def split_language(header: str) -> tuple[str, str] | None:
    """``("said", "cy")`` for a header like ``You said (cy)``, or with the language written out in English or
    in itself (``said (Welsh)``, ``said (Cymraeg)``); None when it names no translatable column."""
    m = _LANGUAGE.match(header)
    lang = m.group(2) if m else None
    if m is None:
        m = _LANGUAGE_NAME.match(header)
        lang = language_hint(m.group(2)) if m else None
    if not lang:
        return None
    field = HEADERS.get(key(m.group(1)))
    if field in TRANSLATED or field == ANSWER:
        return field, lang
    return None


def untranslated_with_language(header: str) -> str | None:
    """The field of a header like ``status (cy)`` that names a language but a field that is not translated
    (ids, dates, numbers and statuses are the same in every language); None otherwise."""
    m = _LANGUAGE.match(header) or _LANGUAGE_NAME.match(header)
    if m is None or not (_LANGUAGE.match(header) or language_hint(m.group(2))):
        return None
    field = HEADERS.get(key(m.group(1)))
    return field if field and field not in TRANSLATED and field not in (ANSWER, IGNORED) else None


def status_labels(languages) -> dict[str, str]:
    """Each response status's name as the site's pages write it in each of its languages (``Wedi'i wneud``:
    done), keyed as :func:`key` makes them: a log kept in Welsh is read as the Welsh pages speak."""
    out: dict[str, str] = {}
    for lang in languages:
        words = words_for(lang)
        for status, label in (*RESPONSE_STATUSES.items(), (AWAITING, AWAITING_LABEL)):
            if words.has(label):
                out.setdefault(key(words.gettext(label)), status)
    return out


def key(text: str) -> str:
    """A header or status word compared without regard to case, spaces and punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


HEADERS = {key(name): field for name, field in HEADER_ALIASES.items()}
STATUSES = {key(word): status for word, status in STATUS_WORDS.items()}


def status_words() -> str:
    """The known words, for an error message: each status with the words that mean it."""
    by_status: dict[str, list[str]] = {}
    for word, status in STATUS_WORDS.items():
        by_status.setdefault(status, []).append(word)
    return "; ".join(f"{status} ({', '.join(w for w in words if w != status)})" if len(words) > 1 else status
                     for status, words in by_status.items()) + "; empty: awaiting"


# --- cells ------------------------------------------------------------------------------------------------


def cell(value) -> str:
    """One exported cell: formulas neutralised as in ``data/feedback.csv``; a text that already starts with an
    apostrophe gets one more, so :func:`uncell` gives back exactly what was written."""
    text = csv_cell(value)
    if isinstance(value, str) and text == value and value.startswith("'"):
        return "'" + value
    return text


def uncell(text: str) -> str:
    """The text that :func:`cell` was given: one leading apostrophe goes when it guarded a formula or an
    apostrophe. An apostrophe a person typed before an ordinary word stays."""
    if text.startswith("'"):
        rest = text[1:]
        if rest.startswith("'") or csv_cell(rest) == "'" + rest:
            return rest
    return text


# --- dates ------------------------------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_UK = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_WORDS = re.compile(r"(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})")
EXCEL_EPOCH = _dt.date(1899, 12, 30)
"""Day 0 of Excel's date serial numbers (1900 date system, after Excel's leap-day 1900 error)."""

DATE_HELP = "write it as 31/01/2025, 31 January 2025 or 2025-01-31"


class CellError(ValueError):
    """A cell that cannot become its field's value; the message says what to write instead."""


def parse_date(value) -> _dt.date | None:
    """A date from a cell: an Excel date cell, ISO ``2025-01-31``, or UK day-first ``31/01/2025``,
    ``31-01-2025``, ``31.01.25``, ``31 January 2025``, ``Fri 31 Jan 2025``. None when empty."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(f"{value:g} is a number, not a date; {DATE_HELP}")
    text = " ".join(str(value).split()).casefold()
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_UK, "dmy"), (_WORDS, "dMy")):
        m = pattern.fullmatch(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        if "M" in parts:
            month = _MONTHS.get(parts["M"].rstrip("."))
            if month is None:
                raise CellError(f"'{value}': '{parts['M']}' is not a month; {DATE_HELP}")
        else:
            month = int(parts["m"])
        year = int(parts["y"])
        if len(parts["y"]) == 2:
            year += 2000
        try:
            return _dt.date(year, month, int(parts["d"]))
        except ValueError:
            hint = " (dates are read day first, as in the UK: 31/01/2025)" if order == "dmy" else ""
            raise CellError(f"'{value}' is not a date that exists{hint}") from None
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        day = EXCEL_EPOCH + _dt.timedelta(days=int(float(text)))
        raise CellError(f"'{value}' looks like a spreadsheet's date number ({day.strftime('%d %B %Y').lstrip('0')}?),"
                        f" not a date; format the column as dates, or {DATE_HELP}")
    raise CellError(f"'{value}' is not a date; {DATE_HELP}")


def excel_serial_date(value: float) -> _dt.date:
    """The date of an Excel serial number (a date typed into a cell formatted as a number)."""
    return EXCEL_EPOCH + _dt.timedelta(days=int(value))


def parse_count(value) -> int | None:
    """A whole number ≥ 1 from a cell (``12``, ``12.0``, ``"12"``, ``" 12 "``); None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(f"{value} is not a number of people")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().replace(",", "")
        if not text:
            return None
        if not re.fullmatch(r"\d+(?:\.0+)?", text):
            raise CellError(f"'{value}' is not a whole number of people")
        number = int(float(text))
    if number < 1:
        raise CellError(f"{number} is not a number of people: write 1 or more, or leave it empty (1)")
    return number


def parse_themes(text: str) -> list[str]:
    """Themes separated by ``;`` (or by ``,`` when there is no ``;``), blanks dropped."""
    sep = ";" if ";" in text else ","
    return [t.strip() for t in text.split(sep) if t.strip()]


def join_themes(themes) -> str:
    return "; ".join(themes)


def theme_translations(text: str) -> list[str]:
    """One language's themes, in the order of the main language's (an empty place: no translation)."""
    sep = ";" if ";" in text else ","
    return [t.strip() for t in text.split(sep)] if text.strip() else []


def id_from_reference(ref: str) -> str:
    """A reference (``YSWD/0012``) as an id (``yswd-0012``): lower case, other characters as ``-``."""
    folded = unicodedata.normalize("NFKD", ref).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
