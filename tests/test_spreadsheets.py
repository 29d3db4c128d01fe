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
from mic_plugin.authoring.importing import derived_id
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


# --- round trip -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("which", ["demo", "messy", "crlf-bom"])
def test_export_then_import_changes_nothing_byte_for_byte(tmp_path, suffix, which):
    if which == "demo":
        content = tmp_path / "content"
        shutil.copytree(ROOT / "content", content)
    else:
        content = write_site(tmp_path, crlf_bom=which == "crlf-bom")
    before = snapshot(content)
    log = tmp_path / f"log{suffix}"
    done = mic("export", "-o", str(log), "--content", str(content))
    assert done.returncode == 0, done.stderr
    done = mic("import", str(log), "--content", str(content), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    n = len(list(load_site(content).site.all_feedback()))
    assert done.stdout.startswith(f"{log}: {n} rows: 0 new, 0 updated, {n} unchanged\n")
    assert "wrote" not in done.stdout
    assert snapshot(content) == before


# --- importing a real-looking log ----------------------------------------------------------------------------


def messy_workbook(path: Path, extra_rows: list[list] | None = None) -> None:
    """A ward's log as people keep it: a merged title row, a header with a cell merged down two rows, Excel
    date cells, a count typed as text, a blank row in the middle and formatted empty rows at the end."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log 2025"
    ws["A1"] = "Ward 7 — You said, we did (2025)"
    ws.merge_cells("A1:H1")
    header = ["Ref", "Date raised", "You said", "We did", "Status", "Lead", "Target date", "Theme"]
    for i, name in enumerate(header, 1):
        ws.cell(row=2, column=i, value=name)
    ws["A2"] = None
    ws["A2"] = "Ref"
    ws.merge_cells("I2:I3")  # a header merged down over two rows
    ws["I2"] = "Fed back"
    rows = [
        ["W7/001", _dt.datetime(2025, 1, 31), "The ward is too noisy at night.", "Quiet hours from 11pm.",
         "Complete", "Ward manager", _dt.datetime(2025, 3, 1), "noise; sleep", _dt.datetime(2025, 3, 10)],
        ["W7/002", "01/02/2025", "Mae angen mwy o arwyddion Cymraeg: ŵ ŷ", "", "Under review", "Estates",
         None, "Welsh language", None],
        None,  # a blank row in the middle
        ["W7/003", "3 February 2025", "Visiting times are too short for working families.",
         "Not something the ward can change alone.", "Not possible", "Matron", None, "visiting", None],
        [" W7/004 ", "04-02-2025", "Tea trolley comes too early.", "Moved to 7:30.", "done ", "Catering",
         None, "food", None],
    ]
    for r, row in enumerate(rows + (extra_rows or []), 4):
        for c, value in enumerate(row or [], 1):
            ws.cell(row=r, column=c, value=value)
    ws.cell(row=4, column=10)  # nothing
    for r in range(4 + len(rows) + len(extra_rows or []), 40):  # trailing rows with formatting only
        ws.cell(row=r, column=2).number_format = "dd/mm/yyyy"
    ws.cell(row=3, column=1).value = None
    wb.save(path)


def test_messy_workbook_imports_into_the_activity_and_reimport_changes_nothing(site, tmp_path):
    log = tmp_path / "ward 7 log.xlsx"
    messy_workbook(log)
    done = mic("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{log}: 4 rows: 4 new, 0 updated, 0 unchanged\nwrote {site}/activities/2025-ward-7.yml\n")
    got = items(site)
    one = got["w7-001"]
    assert (one.said, one.date, one.themes, one.activity) == ("The ward is too noisy at night.", _dt.date(2025, 1, 31),
                                                               ["noise", "sleep"], "2025-ward-7")
    assert (one.response.status, one.response.did, one.response.owner, one.response.due, one.response.communicated) \
        == ("done", "Quiet hours from 11pm.", "Ward manager", _dt.date(2025, 3, 1), _dt.date(2025, 3, 10))
    assert got["w7-002"].said == "Mae angen mwy o arwyddion Cymraeg: ŵ ŷ"
    assert got["w7-002"].date == _dt.date(2025, 2, 1) and got["w7-002"].response.status == "considering"
    three = got["w7-003"]
    assert three.response.status == "not-doing" and three.response.reason.startswith("Not something")
    assert not three.response.did
    assert got["w7-004"].date == _dt.date(2025, 2, 4) and got["w7-004"].response.status == "done"
    # the rest of the file is as it was; a second import changes nothing
    text = (site / "activities" / "2025-ward-7.yml").read_text(encoding="utf-8")
    assert text.startswith(WARD + "feedback:\n  - id: w7-001\n")
    before = snapshot(site)
    done = mic("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert done.returncode == 0 and "0 new, 0 updated, 4 unchanged" in done.stdout
    assert snapshot(site) == before


def test_a_changed_status_changes_exactly_that_item(site, tmp_path):
    log = tmp_path / "log.csv"
    assert mic("export", "-o", str(log), "--content", str(site)).returncode == 0
    rows = read_csv(log)
    header = rows[0]
    for row in rows[1:]:
        if row[0] == "forum-lunch-cost":
            row[header.index("status")] = "Completed"
            row[header.index("did")] = "The café now offers a £2 soup."
    header.append("Date updated")
    for row in rows[1:]:
        row.append("20/11/2026" if row[0] == "forum-lunch-cost" else "")
    with open(log, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    path = site / "activities" / "2024-carers-forum.yml"
    before = path.read_text(encoding="utf-8")
    done = mic("import", str(log), "--content", str(site), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert "0 new, 1 updated, 3 unchanged" in done.stdout
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "    status: planned\n    did: We are asking the café.\n    owner: Forum team\n",
        "    status: done\n    did: The café now offers a £2 soup.\n    owner: Forum team\n"
        "    updates:\n      - date: 2026-11-20\n        status: done\n")


def test_status_change_without_a_date_column_is_dated_by_the_day_of_the_import(site, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("Ref,Status,We did\nforum-welsh,In progress,Asking for a Welsh-speaking chair.\n", encoding="utf-8")
    done = mic("import", str(log), "--activity", "2024-carers-forum", "--content", str(site), "--today", TODAY)
    assert done.returncode == 0, done.stderr
    item = items(site)["forum-welsh"]
    assert item.response.status == "in-progress" and item.response.did == "Asking for a Welsh-speaking chair."
    assert [(u.date, u.status) for u in item.response.updates] == [(_dt.date(2026, 11, 27), "in-progress")]


def test_csv_with_bom_uk_dates_and_own_words(site, tmp_path, capsys):
    log = tmp_path / "export from the old system.csv"
    text = ("Reference,Date received,Feedback,Action taken,Progress,Responsible,Due,Reported back,Topic,Channel,"
            "Number of people\r\n"
            "12,31/01/2025,\"Parking costs too much.\nIt adds up.\",Asked the trust.,Referred,PALS,"
            "28-02-2025,1 March 2025,\"parking, money\",comment card,\"2\"\r\n"
            "13,2025-02-01,More benches in the garden.,,,,,,,survey,\r\n"
            ",,,,,,,,,,\r\n")
    log.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, err = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site),
                         "--today", TODAY)
    assert code == 0, err
    got = items(site)
    assert got["12"].said == "Parking costs too much.\nIt adds up.\n"
    assert (got["12"].date, got["12"].count, got["12"].source, got["12"].themes) == (
        _dt.date(2025, 1, 31), 2, "comment card", ["parking", "money"])
    r = got["12"].response
    assert (r.status, r.did, r.owner, r.due, r.communicated) == ("referred", "Asked the trust.", "PALS",
                                                                  _dt.date(2025, 2, 28), _dt.date(2025, 3, 1))
    assert got["13"].response is None and got["13"].source == "survey"


def test_rows_without_a_reference_get_stable_ids(site, tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("You said,Date\nThe lift is often broken.,2025-02-10\nThe lift is often broken!!,2025-02-11\n",
                   encoding="utf-8")
    code, out, err = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site),
                         "--today", TODAY)
    assert code == 1
    assert err.splitlines()[0] == (f"{log}:3: You said: says the same as row 2 (id '"
                                   f"{derived_id('2025-ward-7', 'The lift is often broken.')}'); merge the rows "
                                   "(count says how many people said it), or give each its own reference")
    log.write_text("You said,Date\nThe lift is often broken.,2025-02-10\nThe café shuts at 2pm.,2025-02-11\n",
                   encoding="utf-8")
    assert run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)[0] == 0
    first = derived_id("2025-ward-7", "The lift is often broken.")
    assert first.startswith("2025-ward-7-the-lift-is-often-broken-") and first in items(site)
    before = snapshot(site)
    code, out, _ = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert code == 0 and "0 new, 0 updated, 2 unchanged" in out and snapshot(site) == before


def test_an_activity_column_names_each_rows_activity(site, tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("Activity,Ref,You said,Date\n2025-ward-7,a1,Too hot.,2025-02-10\n"
                   "2024-carers-forum,a2,Too cold.,2024-02-10\n2024-carers-forun,a3,Too loud.,2024-02-10\n",
                   encoding="utf-8")
    code, _, err = run(capsys, "import", str(log), "--content", str(site), "--today", TODAY)
    assert code == 1
    assert err.splitlines()[0] == (f"{log}:4: Activity: there is no activity '2024-carers-forun'; did you mean "
                                   "'2024-carers-forum'?; start it with mic new activity \"TITLE\", then import "
                                   "into the id it prints")
    log.write_text(log.read_text(encoding="utf-8").replace("forun", "forum"), encoding="utf-8")
    assert run(capsys, "import", str(log), "--content", str(site), "--today", TODAY)[0] == 0
    got = items(site)
    assert (got["a1"].activity, got["a2"].activity, got["a3"].activity) == (
        "2025-ward-7", "2024-carers-forum", "2024-carers-forum")


# --- a broken log ----------------------------------------------------------------------------------------------


def test_a_broken_log_names_every_bad_row_and_column_and_writes_nothing(site, tmp_path):
    log = tmp_path / "broken.xlsx"
    messy_workbook(log, extra_rows=[
        ["W7/005", "31/02/2025", "Bad date.", "", "", "", None, "", None],
        ["W7/006", _dt.datetime(2025, 2, 6), "Ring me on 07700 900123 about it.", "", "", "", None, "", None],
        ["W7/007", _dt.datetime(2025, 2, 7), "Fine words.", "Sorted, e-mail jo@example.com", "Finished", "", None, "",
         None],
        ["W7/008", _dt.datetime(2025, 2, 8), "Done but no answer.", "", "Done", "", None, "", None],
        ["W7/009", _dt.datetime(2025, 2, 9), "", "", "", "", None, "", None],
        ["W7/010", _dt.datetime(2052, 2, 9), "A mistyped year.", "", "", "", None, "", None],
        ["W7/011", _dt.datetime(2025, 2, 9), "Told them before I said it.", "Yes", "Done", "", None, "",
         _dt.datetime(2025, 1, 1)],
        ["W7/012", _dt.datetime(2025, 2, 9), "Owner but no status.", "", "", "Estates", None, "", None],
    ])
    wb = openpyxl.load_workbook(log)
    wb.active["J2"] = "Notes"
    wb.active["J4"] = "private note"
    wb.save(log)
    before = snapshot(site)
    done = mic("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert done.returncode == 1
    f = str(log)
    assert done.stderr.splitlines() == [
        f"{f}:2: Notes: is not a column mic knows; say what it holds with --map \"Notes=FIELD\" (FIELD one of "
        f"{', '.join(columns.FIELDS)}), or leave it out with --map \"Notes=\"",
        f"{f}:9: Date raised: '31/02/2025' is not a date that exists (dates are read day first, as in the UK: "
        "31/01/2025)",
        f"{f}:10: You said: contains a phone number (0770…23); published text must not identify anyone. Remove it, "
        "or, if it is the organisation's own number, list it in organisation.yml public_contacts (written in any form)",
        f"{f}:11: Status: 'Finished' is not a status mic knows; known words: {columns.status_words()}. Say what it "
        "means with --status \"Finished=STATUS\" (STATUS one of considering, planned, in-progress, done, "
        "partly-done, referred, not-doing, or awaiting)",
        f"{f}:12: We did: is required when status is done: say what was done",
        f"{f}:13: You said: is required but missing",
        f"{f}:14: Date raised: warning: 2052-02-09 is later than today (2026-11-27); is the year right?",
        f"{f}:15: Fed back: 2025-01-01 is before the feedback was given (2025-02-09)",
        f"{f}:16: Status: is empty (awaiting a response), but the row has a response (Lead); write its status, e.g. "
        "considering or in-progress",
        "mic import: 9 problems; nothing was written",
    ]
    assert snapshot(site) == before
    # with the column left out and the word mapped, the same rows report what is left
    done = mic("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY,
               "--map", "Notes=", "--status", "Finished=done")
    lines = done.stderr.splitlines()
    assert f"{f}:11: We did: contains an e-mail address (j…@example.com); published text must not identify anyone. " \
           "Remove it" in lines  # the public-contacts hint is for numbers only
    assert not any(":2: Notes" in line or "Finished" in line for line in lines)
    assert snapshot(site) == before


def test_a_formula_without_a_saved_result_is_named(site, tmp_path, capsys):
    log = tmp_path / "formula.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Date", "You said", "Number of people"])
    ws.append(["f1", _dt.datetime(2025, 2, 1), "Too many forms.", "=1+1"])
    wb.save(log)
    code, _, err = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert code == 1
    assert err.splitlines()[0] == (f"{log}:2: Number of people: the cell holds a formula (=1+1) with no saved result; "
                                   "open the file in Excel and save it again, or type the value")


def test_files_that_are_not_a_log(site, tmp_path, capsys):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("You said,Date\nCaf\xe9 shut,2025-01-01\n".encode("cp1252"))
    code, _, err = run(capsys, "import", str(latin), "--activity", "2025-ward-7", "--content", str(site))
    assert code == 1 and "is not UTF-8 text" in err and "CSV UTF-8" in err
    old = tmp_path / "log.xls"
    old.write_bytes(b"\xd0\xcf")
    code, _, err = run(capsys, "import", str(old), "--activity", "2025-ward-7", "--content", str(site))
    assert code == 1 and "save it as an Excel workbook (.xlsx)" in err
    book = tmp_path / "book.xlsx"
    messy_workbook(book)
    code, _, err = run(capsys, "import", str(book), "--sheet", "Sheet9", "--activity", "2025-ward-7", "--content",
                       str(site))
    assert code == 1 and err.startswith(f"{book}: has no sheet 'Sheet9'; its sheets are: Log 2025")
    code, _, err = run(capsys, "import", str(book), "--activity", "2025-ward-7", "--content", str(site),
                       "--map", "Lead=person")
    assert code == 2 and "'person' is not a field" in err


def test_dry_run_says_what_would_change_and_writes_nothing(site, tmp_path, capsys):
    log = tmp_path / "ward.xlsx"
    messy_workbook(log)
    before = snapshot(site)
    code, out, err = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site),
                         "--today", TODAY, "--dry-run")
    assert code == 0, err
    assert snapshot(site) == before
    assert "Dry run: nothing was written." in out
    assert "Adds 4 feedback items." in out and "w7-001 (2025-01-31, done): “The ward is too noisy at night.”" in out


# --- size -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_2000_row_log(site, tmp_path, suffix):
    rows = [["Ref", "Date raised", "You said", "Status", "We did", "Theme"]]
    words = ["Complete", "Under review", "", "Not possible", "In progress", "Planned"]
    for n in range(2000):
        status = words[n % len(words)]
        answer = "" if not status else ("Not this year." if status == "Not possible" else f"Step {n} taken.")
        rows.append([f"R-{n:04d}", _dt.date(2025, 1, 1) + _dt.timedelta(days=n % 300),
                     f"Comment {n}: Gwasanaeth ŵ ŷ {n}.", status, answer, "access; Welsh"])
    log = tmp_path / f"big{suffix}"
    if suffix == ".xlsx":
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(log)
    else:
        with open(log, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([[c.strftime("%d/%m/%Y") if isinstance(c, _dt.date) else c for c in row]
                                      for row in rows])
    done = mic("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert done.returncode == 0, done.stderr[:2000]
    assert "2000 rows: 2000 new" in done.stdout
    got = items(site)
    assert got["r-1999"].said == "Comment 1999: Gwasanaeth ŵ ŷ 1999." and got["r-0003"].response.status == "not-doing"
    before = snapshot(site)
    done = mic("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    assert "0 new, 0 updated, 2000 unchanged" in done.stdout and snapshot(site) == before


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


# --- mic init -----------------------------------------------------------------------------------------------


def mkdocs_build(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, capture_output=True,
                          text=True, env=env, check=False)


def test_init_then_import_gives_a_site_that_builds_with_every_row_at_its_permalink(tmp_path):
    folder = tmp_path / "ward-7-site"
    name = "St Mary's Ward 7 & Friends <Cymru> *Ŵ*"
    done = mic("init", str(folder), "--name", name, "--today", TODAY)
    assert done.returncode == 0, done.stderr
    assert "mic new activity" in done.stdout and "mic import" in done.stdout
    for rel in ("mkdocs.yml", "content/organisation.yml", "docs/index.md", ".github/workflows/site.yml",
                ".github/workflows/site-comment.yml", ".github/scripts/mic-diff-comment.js", ".pre-commit-config.yaml",
                ".gitignore", "README.md"):
        assert (folder / rel).is_file(), rel
    organisation = yaml.safe_load((folder / "content/organisation.yml").read_text(encoding="utf-8"))
    assert organisation["name"] == name
    assert organisation["purpose"].startswith("TO FILL IN:")
    from mic_plugin import __version__
    workflow = (folder / ".github/workflows/site.yml").read_text(encoding="utf-8")
    assert workflow.count(f'pip install "make-it-count=={__version__}"') == 2 and "pip install .\n" not in workflow
    assert f"make-it-count=={__version__}" in (folder / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "/site/" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()

    built = mkdocs_build(folder)
    assert built.returncode == 0, built.stderr
    home = (folder / "site/index.html").read_text(encoding="utf-8")
    assert re.search(r">St Mary's Ward 7 &amp; Friends &lt;Cymru&gt; \*Ŵ\*: you said, we did<a [^>]*headerlink", home)

    # the next steps it invites: an activity, then the log
    done = mic("new", "activity", "Ward 7 patient feedback", "--today", TODAY, cwd=folder)
    assert done.returncode == 0, done.stderr
    activity = Path(done.stdout.strip()).stem
    assert activity == "2026-ward-7-patient-feedback"
    log = tmp_path / "log.xlsx"
    messy_workbook(log)
    done = mic("import", str(log), "--activity", activity, "--today", TODAY, cwd=folder)
    assert done.returncode == 0, done.stderr
    built = mkdocs_build(folder)
    assert built.returncode == 0, built.stderr
    page = (folder / "site/activities" / activity / "index.html").read_text(encoding="utf-8")
    for item_id in ("w7-001", "w7-002", "w7-003", "w7-004"):
        assert f'id="{item_id}"' in page
    assert "Mae angen mwy o arwyddion Cymraeg: ŵ ŷ" in page


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "init", str(tmp_path), "--name", "Riverside")
    assert code == 1
    assert err == (f"mic init: {tmp_path}: is not empty (it holds notes.txt); mic init writes a new site into an "
                   "empty folder, so nothing is overwritten: give a new folder's name\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    code, _, err = run(capsys, "init", str(tmp_path / "new"), "--name", "  ")
    assert code == 1 and "the organisation's name is empty" in err and not (tmp_path / "new").exists()


def test_init_with_an_address_writes_it_as_site_url(tmp_path, capsys):
    assert run(capsys, "init", str(tmp_path / "s"), "--name", "Riverside", "--url", "https://example.org/yswd")[0] == 0
    config = (tmp_path / "s/mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: "https://example.org/yswd/"' in config


def test_the_starter_workflows_are_this_repositorys_installing_from_pypi():
    """The starter's workflows are the repository's own, with the plugin installed from PyPI and site_url taken
    from GitHub Pages when publishing: a change to one is a change to the other."""
    starter = ROOT / "mic_plugin/authoring/starter/github"
    for rel in ("workflows/site-comment.yml", "scripts/mic-diff-comment.js"):
        assert (starter / rel).read_bytes() == (ROOT / ".github" / rel).read_bytes(), rel
    ours = (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    theirs = (starter / "workflows/site.yml").read_text(encoding="utf-8")
    body = lambda text: text[text.index("\nname: Site\n"):]  # noqa: E731 (the header comments differ)
    expected = body(ours).replace("        run: pip install .\n", '        run: pip install "make-it-count==@VERSION@"\n')
    expected = expected.replace(
        "      - name: Build the site\n        run: mkdocs build --strict\n\n      - uses: actions/configure-pages@v5\n\n",
        "      - uses: actions/configure-pages@v5\n        id: pages\n\n      - name: Build the site\n        env:\n"
        "          SITE_URL: ${{ steps.pages.outputs.base_url }}/  # the published address, for mkdocs.yml's "
        "site_url\n        run: mkdocs build --strict\n\n")
    assert body(theirs) == expected


# --- the guide and the samples ---------------------------------------------------------------------------


def test_the_guide_names_every_header_and_status_word_mic_knows():
    guide = (ROOT / "docs/start-from-your-spreadsheet.md").read_text(encoding="utf-8").casefold()
    open_data_only = {"feedback id", "activity title", "permalink"}
    missing = [name for name in columns.HEADER_ALIASES if name not in open_data_only and name.casefold() not in guide]
    missing += [word for word in columns.STATUS_WORDS if word.replace("-", " ").casefold() not in guide]
    assert not missing, f"the guide does not mention: {missing}"
    assert "start-from-your-spreadsheet.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "docs/start-from-your-spreadsheet.md" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_sample_logs_are_the_demo_content_as_exported(tmp_path, suffix, capsys):
    sample = ROOT / "docs/samples" / f"you-said-we-did-log{suffix}"
    fresh = tmp_path / sample.name
    assert run(capsys, "export", "-o", str(fresh), "--content", str(ROOT / "content"))[0] == 0
    assert sample.read_bytes() == fresh.read_bytes(), (
        f"{sample.relative_to(ROOT)} is out of date: run mic export -o {sample.relative_to(ROOT)}")


def with_saved_results(path: Path, results: dict[str, str]) -> None:
    """Give formula cells the results Excel saves beside them (openpyxl writes formulas without)."""
    import zipfile
    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                for ref, value in results.items():
                    body = body.replace(f'<c r="{ref}"><f>'.encode(), f'<c r="{ref}" t="str"><f>'.encode(), 1)
                    start = body.index(f'<c r="{ref}"'.encode())
                    end = body.index(b"<v />", start)
                    body = body[:end] + f"<v>{value}</v>".encode() + body[end + 5:]
            dst.writestr(info, body)
    path.write_bytes(out.getvalue())


def test_workbook_cells_as_people_fill_them(site, tmp_path, capsys):
    """Numbers typed as text, a date typed into a column formatted as numbers, a formula's saved result, and a
    header merged across two columns whose second column is empty."""
    log = tmp_path / "cells.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Date", "You said", "", "Number of people", "Theme"])
    ws.merge_cells("C1:D1")
    ws.append([101, 45688, "Signs are hard to read.", None, "4", "=\"signs\"&\"; access\""])
    ws.append(["102.0", _dt.datetime(2025, 2, 2), "More chairs.", None, 2.0, "seating"])
    ws["B2"].number_format = "dd/mm/yyyy"
    wb.save(log)
    with_saved_results(log, {"F2": "signs; access"})
    code, out, err = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site),
                         "--today", TODAY)
    assert code == 0, err
    got = items(site)
    assert (got["101"].date, got["101"].count, got["101"].themes) == (_dt.date(2025, 1, 31), 4, ["signs", "access"])
    assert (got["102-0"].date, got["102-0"].count) == (_dt.date(2025, 2, 2), 2)

    ws["D3"] = "a note typed under the merged header"
    wb.save(log)
    code, _, err = run(capsys, "import", str(log), "--activity", "2025-ward-7", "--content", str(site))
    assert code == 1
    assert err.splitlines()[0] == (f"{log}:1: column D: has no header of its own (the header is merged across "
                                   "C1:D1); unmerge it and name the column")


def test_a_warning_is_told_and_stops_the_import_only_with_strict(site, tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("Ref,You said,Date\ny1,A mistyped year.,09/02/2052\n", encoding="utf-8")
    args = ("import", str(log), "--activity", "2025-ward-7", "--content", str(site), "--today", TODAY)
    before = snapshot(site)
    code, _, err = run(capsys, *args, "--strict")
    assert code == 1 and snapshot(site) == before
    assert err.splitlines()[0] == f"{log}:2: Date: warning: 2052-02-09 is later than today (2026-11-27); is the year right?"
    code, out, err = run(capsys, *args)
    assert code == 0 and "1 new" in out
    assert err.splitlines() == [
        f"{log}:2: Date: warning: 2052-02-09 is later than today (2026-11-27); is the year right?",
        "mic import: 1 warning: mkdocs build --strict fails until it is put right"]


# --- languages -------------------------------------------------------------------------------------------

BILINGUAL_ORGANISATION = ORGANISATION + "languages: [en, cy]\n"

BILINGUAL = """\
title: {en: Ward 7 comments, cy: Sylwadau Ward 7}
summary: {en: What patients told Ward 7., cy: Beth ddywedodd cleifion wrth Ward 7.}
approach: consulting
status: open
started: 2025-01-06
feedback:
  - id: w7-signs
    said:
      en: The signs are only in English.
      cy: Mae'r arwyddion yn Saesneg yn unig.
    date: 2025-01-10
    themes: [{en: language, cy: iaith}, {en: access, cy: mynediad}]
    response:
      status: in-progress
      did: New signs are being made.   # the Welsh is on its way
      owner: {en: Estates, cy: Ystadau}
"""


@pytest.fixture
def bilingual(tmp_path) -> Path:
    content = tmp_path / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(BILINGUAL_ORGANISATION, encoding="utf-8")
    (content / "activities" / "2025-ward-7.yml").write_text(BILINGUAL, encoding="utf-8")
    return content


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_bilingual_log_has_a_column_per_language_and_round_trips(bilingual, tmp_path, suffix, capsys):
    log = tmp_path / f"log{suffix}"
    assert run(capsys, "export", "-o", str(log), "--content", str(bilingual))[0] == 0
    if suffix == ".csv":
        rows = read_csv(log)
        row = dict(zip(rows[0], rows[1]))
        assert rows[0][len(columns.COLUMNS):] == [f"{f} (cy)" for f in columns.TRANSLATED]
        assert (row["said"], row["said (cy)"]) == ("The signs are only in English.", "Mae'r arwyddion yn Saesneg yn unig.")
        assert (row["themes"], row["themes (cy)"], row["owner (cy)"], row["did (cy)"]) == (
            "language; access", "iaith; mynediad", "Ystadau", "")
    before = snapshot(bilingual)
    code, out, err = run(capsys, "import", str(log), "--content", str(bilingual), "--today", TODAY)
    assert code == 0, err
    assert "0 new, 0 updated, 1 unchanged" in out and snapshot(bilingual) == before


def test_importing_welsh_changes_only_the_welsh(bilingual, tmp_path, capsys):
    log = tmp_path / "log.csv"
    run(capsys, "export", "-o", str(log), "--content", str(bilingual))
    rows = read_csv(log)
    header = rows[0]
    rows[1][header.index("did (cy)")] = "Mae arwyddion newydd yn cael eu gwneud."
    rows[1][header.index("said")] = "The signs are in English only."
    rows.append(["w7-food", "2025-ward-7", "2025-01-12", "Food is cold.", "1", "", "food", "", "", "", "", "", ""]
                + ["Mae'r bwyd yn oer.", "", "bwyd", "", "", ""])
    with open(log, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    code, out, err = run(capsys, "import", str(log), "--content", str(bilingual), "--today", TODAY)
    assert code == 0, err
    assert not err and "1 new, 1 updated, 0 unchanged" in out
    text = (bilingual / "activities" / "2025-ward-7.yml").read_text(encoding="utf-8")
    assert text == BILINGUAL.replace(
        "      en: The signs are only in English.\n", "      en: The signs are in English only.\n").replace(
        "      did: New signs are being made.   # the Welsh is on its way\n",
        "      did:   # the Welsh is on its way\n        en: New signs are being made.\n        cy: Mae arwyddion newydd yn cael eu gwneud.\n") + (
        "  - id: w7-food\n    said:\n      en: Food is cold.\n      cy: Mae'r bwyd yn oer.\n    date: 2025-01-12\n"
        "    count: 1\n    themes: [{en: food, cy: bwyd}]\n")
    code, _, err = run(capsys, "validate", str(bilingual), "--today", TODAY)
    assert code == 0 and "activities/" not in err  # the organisation's own texts still want their Welsh


@pytest.mark.parametrize("commented", [
    "# why:\n#   - improves-services", "# power: |\n#   Most people who use our services did not choose us ...",
    "# about: |\n#   We are ...", "# contact: https://example.org/contact",
    "# public_contacts:\n#   - info@example.org\n#   - 0300 123 4567", "# data_licence: OGL-UK-3.0",
    "# respond_within: 20 working days", "# holidays: GB-ENG",
])
def test_each_commented_field_of_the_starter_organisation_validates_once_uncommented(tmp_path, capsys, commented):
    assert run(capsys, "init", str(tmp_path / "s"), "--name", "Riverside", "--today", TODAY)[0] == 0
    path = tmp_path / "s/content/organisation.yml"
    text = path.read_text(encoding="utf-8")
    assert commented in text
    path.write_text(text.replace(commented, "\n".join(line[2:] for line in commented.split("\n"))), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path / "s/content"), "--strict", "--today", TODAY)
    assert code == 0, err


def test_a_log_kept_in_welsh_reads_as_the_welsh_pages_speak(bilingual, tmp_path, capsys):
    """Status names as the Welsh pages write them, and the language of a column written out (Welsh, Cymraeg)."""
    log = tmp_path / "log.csv"
    log.write_text("Ref,Activity,Date,You said,You said (Welsh),Status,We did,We did (Cymraeg)\n"
                   "w7-food,2025-ward-7,12/01/2025,Food is cold.,Mae'r bwyd yn oer.,Wedi'i wneud,Hot trolleys.,"
                   "Trolïau poeth.\n"
                   "w7-bell,2025-ward-7,13/01/2025,The bell is broken.,Mae'r gloch wedi torri.,Yn ei ystyried,,\n",
                   encoding="utf-8")
    code, out, err = run(capsys, "import", str(log), "--content", str(bilingual), "--today", TODAY)
    assert code == 0, err
    assert "2 new" in out
    text = (bilingual / "activities" / "2025-ward-7.yml").read_text(encoding="utf-8")
    assert "      en: Food is cold.\n      cy: Mae'r bwyd yn oer.\n" in text
    assert "      status: done\n" in text and "        cy: Trolïau poeth.\n" in text
    assert "      status: considering\n" in text
    # and back out: the export's own columns, the statuses as the content writes them
    exported = tmp_path / "out.csv"
    assert run(capsys, "export", "-o", str(exported), "--content", str(bilingual))[0] == 0
    rows = {r[0]: dict(zip(read_csv(exported)[0], r)) for r in read_csv(exported)[1:]}
    assert (rows["w7-food"]["status"], rows["w7-food"]["said (cy)"], rows["w7-food"]["did (cy)"]) == (
        "done", "Mae'r bwyd yn oer.", "Trolïau poeth.")


def test_a_column_per_language_only_for_texts_that_are_translated(bilingual, tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("id,activity,date,said,said (cy),status,status (cy)\n"
                   "w7-food,2025-ward-7,2025-01-12,Food is cold.,Mae'r bwyd yn oer.,done,Wedi'i wneud\n",
                   encoding="utf-8")
    before = snapshot(bilingual)
    code, _, err = run(capsys, "import", str(log), "--content", str(bilingual), "--today", TODAY)
    assert code == 1 and snapshot(bilingual) == before
    assert err.splitlines()[0] == (
        f"{log}:1: status (cy): status is the same in every language, so it has one column; only said, source, "
        "themes, did, reason, owner have a column per language (e.g. 'said (cy)'); leave it out with "
        "--map \"status (cy)=\"")


def test_welsh_status_names_are_not_read_on_an_english_only_site(tmp_path, capsys):
    content = tmp_path / "content"
    (content / "activities").mkdir(parents=True)
    (content / "organisation.yml").write_text(ORGANISATION, encoding="utf-8")
    (content / "activities" / "2025-ward-7.yml").write_text(
        "title: Ward 7\nsummary: Comments.\napproach: consulting\nstatus: open\nstarted: 2025-01-06\n", encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text("id,activity,date,said,status\nw7-x,2025-ward-7,2025-01-12,Food is cold.,Wedi'i wneud\n",
                   encoding="utf-8")
    code, _, err = run(capsys, "import", str(log), "--content", str(content), "--today", TODAY)
    assert code == 1 and "'Wedi'i wneud' is not a status mic knows" in err
