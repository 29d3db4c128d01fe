"""Reading and writing the spreadsheet of a log: CSV (UTF-8, with or without a byte order mark) and Excel
``.xlsx`` (openpyxl).

Reading finds the header row (the first of the top rows that names known columns, so a title row above it is
skipped), follows merged header cells, skips blank rows wherever they are, takes the saved result of a formula,
and keeps every row's number as the spreadsheet shows it, for messages. Writing is deterministic: the same rows
give the same bytes (a workbook's zip dates and document dates are fixed).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import columns as C

SUFFIXES = (".csv", ".xlsx")
HEADER_SEARCH = 10
"""How many non-blank rows from the top may come before the header row (titles, notes)."""

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = "1980-01-01T00:00:00Z"


class SheetError(Exception):
    """A file that cannot be read as a log at all (wrong type, not UTF-8, no such sheet)."""


@dataclass
class Column:
    index: int
    name: str  # as the header shows it, or the column letter when it has none
    field: str | None  # None: not known


@dataclass
class Row:
    number: int  # as the spreadsheet shows it
    values: dict[str, Any]  # field -> cell value (str, int, float, date, datetime or None)


@dataclass
class Table:
    display: str
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    header_row: int = 1
    problems: list[str] = field(default_factory=list)  # FILE:ROW: COLUMN: message

    def column(self, name: str) -> str:
        """The header of the column holding ``name`` (a field), as the sheet writes it; else the field."""
        return next((c.name for c in self.columns if c.field == name), name)

    def has(self, name: str) -> bool:
        return any(c.field == name for c in self.columns)


def letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- raw rows ----------------------------------------------------------------------------------------------


@dataclass
class _Raw:
    rows: list[tuple[int, list[Any]]]  # (row number, cells)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col (1-based)
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # row, 0-based column, message


def _read_csv(path: Path, display: str) -> _Raw:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(f"{display}: is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                         "in Excel choose File > Save As > \"CSV UTF-8 (Comma delimited)\", or save the workbook "
                         "as .xlsx and import that") from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(n, row) for n, row in enumerate(reader, 1)]
    except csv.Error as exc:
        raise SheetError(f"{display}:{reader.line_num}: cannot be read as CSV: {exc}") from None
    return _Raw(rows)


def _read_xlsx(path: Path, display: str, sheet: str | None) -> _Raw:
    import openpyxl  # only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SheetError(f"{display}: cannot be read as an Excel workbook (.xlsx): {exc}") from None
    names = values.sheetnames
    if sheet is not None and sheet not in names:
        raise SheetError(f"{display}: has no sheet '{sheet}'; its sheets are: {', '.join(names)}")
    ws = values[sheet] if sheet is not None else values.worksheets[0]
    wf = formulas[ws.title]
    raw = _Raw([], [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges])
    formula_rows = {row[0].row: row for row in wf.iter_rows() if row}
    for row in ws.iter_rows():
        if not row:
            continue
        number = row[0].row
        cells: list[Any] = []
        for i, c in enumerate(row):
            value = c.value
            source = formula_rows.get(number)
            f = source[i] if source and i < len(source) else None
            if f is not None and f.data_type == "f" and value is None:
                raw.problems.append((number, i, f"the cell holds a formula ({f.value}) with no saved result; "
                                                "open the file in Excel and save it again, or type the value"))
            elif isinstance(value, (int, float)) and not isinstance(value, bool) and c.is_date:
                value = C.excel_serial_date(value)
            cells.append(value)
        raw.rows.append((number, cells))
    return raw


def read_raw(path: Path, display: str, sheet: str | None = None) -> _Raw:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SheetError(f"{display}: there is no such file")
    if suffix == ".csv":
        if sheet is not None:
            raise SheetError(f"{display}: --sheet is for Excel workbooks; a CSV file has one table")
        return _read_csv(path, display)
    if suffix == ".xlsx":
        return _read_xlsx(path, display, sheet)
    if suffix in (".xls", ".ods", ".numbers"):
        raise SheetError(f"{display}: {suffix} files are not read; save it as an Excel workbook (.xlsx) or as "
                         "CSV UTF-8, and import that")
    raise SheetError(f"{display}: import reads .csv and .xlsx files")


# --- the table ---------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(path: Path, display: str, *, sheet: str | None = None,
               mapping: dict[str, str] | None = None) -> Table:
    """The log as a :class:`Table`: columns with their fields, and its non-blank rows below the header.

    ``mapping`` maps a header (compared as :func:`columns.key` makes it) to a field, or to ``""`` to leave the
    column out. Unknown and unnamed columns holding data, two columns for one field and unreadable cells
    become problems; raises :class:`SheetError` when the file cannot be read at all.
    """
    raw = read_raw(path, display, sheet)
    typed = list(mapping or {})
    mapping = {C.key(k): v for k, v in (mapping or {}).items()}
    table = Table(display)

    def where(row: int, col: str = "") -> str:
        return f"{display}:{row}: {col}: " if col else f"{display}:{row}: "

    def field_of(name: str) -> str | None:
        k = C.key(name)
        if k in mapping:
            return mapping[k]
        if k in C.HEADERS:
            return C.HEADERS[k]
        translated = C.split_language(name)
        return C.translated_column(*translated) if translated else None

    rows = [(n, cells) for n, cells in raw.rows if not all(_blank(v) for v in cells)]
    if not rows:
        raise SheetError(f"{display}: is empty: the first row should name the columns (You said, We did, Status...)")
    top = rows[:HEADER_SEARCH]
    scores = [sum(1 for v in cells if not _blank(v) and field_of(_text(v)) is not None) for _, cells in top]
    best = max(scores)
    if best == 0:
        raise SheetError(f"{display}:{rows[0][0]}: no column is recognised; the first row should name the columns, "
                         "e.g. You said, We did, Status, Date (or the columns mic export writes: "
                         f"{', '.join(C.COLUMNS)})")
    header_n, header_cells = top[scores.index(best)]
    table.header_row = header_n
    data_start = header_n + 1
    width = max(len(cells) for _, cells in rows)
    names: list[str] = []
    continuation: dict[int, str] = {}
    for i in range(width):
        value = header_cells[i] if i < len(header_cells) else None
        for r1, c1, r2, c2 in raw.merged:
            if r1 <= header_n <= r2 and c1 <= i + 1 <= c2:
                data_start = max(data_start, r2 + 1)
                if i + 1 != c1:  # covered by a header merged across from the left
                    continuation[i] = f"{letter(c1 - 1)}{r1}:{letter(c2 - 1)}{r2}"
                elif _blank(value):  # merged down from a row above
                    value = next((cells[c1 - 1] for n, cells in raw.rows if n == r1 and c1 - 1 < len(cells)), None)
        names.append(" ".join(_text(value).split()))

    data = [(n, cells) for n, cells in rows if n >= data_start]
    has_data = [any(i < len(cells) and not _blank(cells[i]) for _, cells in data) for i in range(width)]
    seen: dict[str, str] = {}
    used_maps: set[str] = set()
    for i, name in enumerate(names):
        col_letter = letter(i)
        if i in continuation:
            if has_data[i]:
                table.problems.append(where(header_n, f"column {col_letter}") + f"has no header of its own (the "
                                      f"header is merged across {continuation[i]}); unmerge it and name the column")
            table.columns.append(Column(i, col_letter, C.IGNORED))
            continue
        if not name:
            if has_data[i]:
                table.problems.append(where(header_n, f"column {col_letter}") + "holds data but has no header; "
                                      "name the column in the header row")
            table.columns.append(Column(i, col_letter, C.IGNORED))
            continue
        f = field_of(name)
        if C.key(name) in mapping:
            used_maps.add(C.key(name))
        untranslated = C.untranslated_with_language(name) if f is None else None
        if untranslated is not None:
            table.problems.append(where(header_n, name) + f"{untranslated} is the same in every language, so it has "
                                  f"one column; only {', '.join(C.TRANSLATED)} have a column per language (e.g. "
                                  f"'said (cy)'); leave it out with --map \"{name}=\"")
        elif f is None:
            fields = ", ".join(C.FIELDS)
            table.problems.append(where(header_n, name) + f"is not a column mic knows; say what it holds with "
                                  f"--map \"{name}=FIELD\" (FIELD one of {fields}), or leave it out with "
                                  f"--map \"{name}=\"")
        elif f != C.IGNORED:
            if f in seen:
                table.problems.append(where(header_n, name) + f"holds {f}, and so does '{seen[f]}'; leave one out "
                                      f"with --map \"{name}=\" or map it to another field")
                f = C.IGNORED
            else:
                seen[f] = name
        table.columns.append(Column(i, name, f))
    for header in typed:
        if C.key(header) not in used_maps:
            table.problems.append(f"{display}:{header_n}: --map: there is no column '{header}' in the header row "
                                  f"(columns: {', '.join(n for n in names if n)})")
    if not (table.has("said") or table.has("id")):
        table.problems.append(where(header_n) + "no column holds what people said (You said, Feedback, Comment, "
                              "or said); name it, or map it with --map \"HEADER=said\"")

    bad_cells = {(n, i): msg for n, i, msg in raw.problems}
    for n, cells in data:
        values: dict[str, Any] = {}
        for col in table.columns:
            if not col.field:
                continue
            if (n, col.index) in bad_cells:
                table.problems.append(where(n, col.name) + bad_cells[(n, col.index)])
            value = cells[col.index] if col.index < len(cells) else None
            if isinstance(value, str):
                value = C.uncell(value.replace("\r\n", "\n").replace("\r", "\n"))
            values[col.field] = value
        table.rows.append(Row(n, values))
    return table


# --- writing -----------------------------------------------------------------------------------------------


def write_csv(rows: list[list[Any]]) -> bytes:
    """CSV bytes as ``data/feedback.csv`` writes them: UTF-8 with a byte order mark (so Excel reads Welsh
    letters and "£" right), CRLF line ends, quotes where needed; cells through :func:`columns.cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([C.cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(rows: list[list[Any]], title: str = "You said, we did") -> bytes:
    """An Excel workbook of ``rows`` (the first is the header): texts through :func:`columns.cell` and stored
    as text (never as a formula), dates as date cells, numbers as numbers. The same rows give the same bytes."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title[:31]
    bold = Font(bold=True)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, _dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, int) and not isinstance(value, bool):
                cell.value = value
            elif value is not None and value != "":
                cell.value = C.cell(value)
                cell.data_type = "s"
            if r == 1:
                cell.font = bold
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The workbook's zip again, with fixed entry dates and document dates, so output is deterministic."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_STAMP.encode(), body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, body)
    return out.getvalue()


def write(path: Path, rows: list[list[Any]]) -> None:
    data = write_xlsx(rows) if path.suffix.lower() == ".xlsx" else write_csv(rows)
    path.write_bytes(data)
