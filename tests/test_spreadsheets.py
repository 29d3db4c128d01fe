"""mic export and mic import: the log a team already keeps, and the site, kept in step (CONTENT_FORMAT.md,
Spreadsheets). Messy logs are made here the way people make them: title rows, merged header cells, Excel date
cells, numbers stored as text, blank rows, a byte order mark, their own headers and status words."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from mic_plugin.authoring import columns
from mic_plugin.cli import main
from mic_plugin.load.loader import load_site

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"

ORGANISATION = """\
name: "Cymdeithas Gofalwyr Glan-yr-Afon — Riverside Carers"
purpose: |
  We involve carers because they know what works.
public_contacts:
  - "0808 157 0192"
"""

# Written the way people really write YAML, with text a spreadsheet would take for a formula.
FORUM = """\
# The carers' forum.   Keep this comment!
title: 'Carers'' forum: £5 lunches'
summary: >
  A monthly forum.
approach: engaging   # not consulting
status: open
started: "2024-01-09"
feedback:
- id: forum-lunch-cost
  said: "Lunch at £5 is too dear for some of us."   # said twice
  date: 2024-02-13
  themes: [money, "food, drink"]
  response:
    status: planned
    did: We are asking the café.
    owner: Forum team
- id: forum-welsh
  said: |
    Hoffwn gael y cyfarfodydd yn Gymraeg weithiau: ŵ ŷ.

    (I would like the meetings in Welsh sometimes.)
  date: "2024-03-12"
  count: 3
- id: forum-formula
  said: "=HYPERLINK(\\"http://x.example\\") looks like a formula"
  date: 2024-03-12
  source: '-comment card'
  response:
    status: not-doing
    reason: |
      - we cannot
      - and we say why
    updates:
      - date: 2024-04-01
        status: considering
      - date: 2024-05-01
        status: not-doing
- id: forum-apostrophe
  said: "'Quoted' words, and @mentions"
  date: 2024-03-12

# Outcomes below: this comment belongs to them.
outcomes:
  - id: forum-attendance
    measure: People at the forum
    type: engagement
    value: 12
    date: 2024-03-12
"""

WARD = """\
title: Ward 7 comments
summary: What patients and visitors told Ward 7.
approach: consulting
status: open
started: 2025-01-06
"""


def write_site(root: Path, crlf_bom: bool = False) -> Path:
    content = root / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    forum = FORUM.replace("\n", "\r\n").encode("utf-8") if crlf_bom else FORUM.encode("utf-8")
    (content / "activities" / "2024-carers-forum.yml").write_bytes((b"\xef\xbb\xbf" if crlf_bom else b"") + forum)
    (content / "activities" / "2025-ward-7.yml").write_text(WARD, encoding="utf-8")
    return content


def snapshot(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def mic(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real ``mic`` command, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "mic_plugin.cli", *argv], capture_output=True, text=True,
                          cwd=cwd, env=env, check=False)


def items(content: Path) -> dict[str, object]:
    result = load_site(content, today=_dt.date.fromisoformat(TODAY))
    assert result.ok, "\n".join(map(str, result.problems))
    return {i.id: i for i in result.site.all_feedback()}


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.fixture
def site(tmp_path) -> Path:
    return write_site(tmp_path)


# --- export -------------------------------------------------------------------------------------------------


def test_export_writes_the_contract_columns_with_formulas_neutralised(site, tmp_path, capsys):
    out = tmp_path / "log.csv"
    assert run(capsys, "export", "-o", str(out), "--content", str(site))[:2] == (0, f"{out}: 4 feedback items\n")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = read_csv(out)
    assert rows[0] == list(columns.COLUMNS)
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id["forum-formula"]["said"].startswith("'=HYPERLINK(")
    assert by_id["forum-formula"]["source"] == "'-comment card"
    assert by_id["forum-formula"]["reason"] == "'- we cannot\n- and we say why"
    assert by_id["forum-apostrophe"]["said"] == "''Quoted' words, and @mentions"
    assert by_id["forum-lunch-cost"] | {} == {**by_id["forum-lunch-cost"], "themes": "money; food, drink",
                                               "status": "planned", "owner": "Forum team", "count": "1",
                                               "activity": "2024-carers-forum", "date": "2024-02-13"}
    assert by_id["forum-welsh"]["status"] == "" and "ŵ ŷ" in by_id["forum-welsh"]["said"]

    xlsx = tmp_path / "log.xlsx"
    assert run(capsys, "export", "-o", str(xlsx), "--content", str(site), "--activity", "2024-carers-forum")[0] == 0
    ws = openpyxl.load_workbook(xlsx).active
    header = [c.value for c in ws[1]]
    assert header == list(columns.COLUMNS)
    cells = {row[0].value: {h: c for h, c in zip(header, row)} for row in ws.iter_rows(min_row=2)}
    said = cells["forum-formula"]["said"]
    assert said.data_type == "s" and said.value.startswith("'=HYPERLINK(")
    assert cells["forum-lunch-cost"]["date"].is_date
    assert cells["forum-lunch-cost"]["date"].value == _dt.datetime(2024, 2, 13)
    assert cells["forum-welsh"]["count"].value == 3
    # deterministic: the same content gives the same bytes
    again = tmp_path / "again.xlsx"
    run(capsys, "export", "-o", str(again), "--content", str(site), "--activity", "2024-carers-forum")
    assert again.read_bytes() == xlsx.read_bytes()


def test_export_refusals(site, tmp_path, capsys):
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "log.ods"), "--content", str(site))
    assert code == 2 and "name a .csv or .xlsx file" in err
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "x.csv"), "--content", str(site), "--activity",
                       "2024-carers-forun")
    assert code == 1 and "there is no activity '2024-carers-forun'; did you mean '2024-carers-forum'?" in err


# --- reading cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell, day", [
    ("2025-01-31", (2025, 1, 31)), ("31/01/2025", (2025, 1, 31)), ("31-01-2025", (2025, 1, 31)),
    ("31.1.25", (2025, 1, 31)), ("31 January 2025", (2025, 1, 31)), ("Fri 31 Jan 2025", (2025, 1, 31)),
    ("1st March 2025", (2025, 3, 1)), ("3 Sept 2025", (2025, 9, 3)), ("2025-01-31 00:00:00", (2025, 1, 31)),
    (_dt.datetime(2025, 1, 31, 14, 5), (2025, 1, 31)), ("02/03/2025", (2025, 3, 2)),
])
def test_dates_people_write(cell, day):
    assert columns.parse_date(cell) == _dt.date(*day)


@pytest.mark.parametrize("cell, message", [
    ("01/31/2025", "is not a date that exists (dates are read day first"),
    ("45678", "looks like a spreadsheet's date number (21 January 2025?)"),
    ("Yes", "is not a date; write it as 31/01/2025"),
    ("31 Jnauary 2025", "'jnauary' is not a month"),
])
def test_dates_that_are_not(cell, message):
    with pytest.raises(columns.CellError, match=message.replace("(", r"\(").replace("?", r"\?").replace(")", r"\)")):
        columns.parse_date(cell)


@pytest.mark.parametrize("words, status", [
    ("Complete", "done"), ("COMPLETED", "done"), ("Actioned", "done"), ("closed", "done"), ("Done.", "done"),
    ("Partly done", "partly-done"), ("Partially", "partly-done"), ("In progress", "in-progress"),
    ("on-going", "in-progress"), ("Planned", "planned"), ("Under Review", "considering"),
    ("Considering", "considering"), ("Referred", "referred"), ("Not possible", "not-doing"),
    ("Not doing", "not-doing"), ("Declined", "not-doing"),
])
def test_status_words(words, status):
    assert columns.STATUSES[columns.key(words)] == status


@pytest.mark.parametrize("text", ["=1+1", "'=x", "''", "'", "-", "+44", "@here", "\tx", "plain", "'plain", "",
                                  " =sum", "＝x"])
def test_cells_read_back_as_written(text):
    assert columns.uncell(columns.cell(text)) == text

