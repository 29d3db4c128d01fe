"""The open data page (``data/``) and its files: ``data/report.json``, ``data/feedback.csv``, ``data/schema.json``.

What the files hold is derived in :mod:`mic_plugin.derive.open_data` (see there for their formats); the page
is drawn by ``mic/open-data.html``.
"""

from __future__ import annotations

import csv
import io

from ..derive.open_data import CSV_COLUMNS, FORMAT_VERSION, JSON_KEYS, feedback_rows, licence_url, report_data
from ..derive.report import Report
from ..load.formats import schema_text
from ..render.exports import dumps_indented
from .specs import FileSpec, PageSpec


REPORT_JSON = "data/report.json"


FEEDBACK_CSV = "data/feedback.csv"


SCHEMA_JSON = "data/schema.json"


def report_json(report: Report) -> str:
    """``report.json``: sorted keys, two-space indent, UTF-8 text as written, a final newline."""
    return dumps_indented(report_data(report)) + "\n"


def feedback_csv(report: Report) -> bytes:
    """``feedback.csv``: UTF-8 with a byte order mark, CRLF line ends (RFC 4180)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(feedback_rows(report))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def schema_json(report: Report) -> str:
    """What ``mic schema`` prints for the site's framework (two-space indent, sorted keys, newline), its
    descriptions in the edition's language."""
    return schema_text(report.site.framework, report.words)


def files(report: Report) -> list[FileSpec]:
    return [
        FileSpec(report.urls.file(REPORT_JSON), report_json(report).encode("utf-8"), "application/json"),
        FileSpec(report.urls.file(FEEDBACK_CSV), feedback_csv(report), "text/csv"),
        FileSpec(report.urls.file(SCHEMA_JSON), schema_json(report).encode("utf-8"), "application/schema+json"),
    ]


def pages(report: Report) -> list[PageSpec]:
    org = report.site.organisation
    _ = report.words.gettext
    return [PageSpec(
        "data", _("Open data"), "mic/open-data.html", nav=True,
        context=lambda: {
            "licence": org.data_licence, "licence_url": licence_url(org.data_licence),
            "csv_columns": CSV_COLUMNS, "json_keys": JSON_KEYS, "format_version": FORMAT_VERSION,
            "feedback_count": len(report.feedback),
            "activity_count": len(report.activities),
            "measure_count": sum(1 for _ in report.site.all_measures()),
            "files": {"json": report.urls.file(REPORT_JSON), "csv": report.urls.file(FEEDBACK_CSV),
                      "schema": report.urls.file(SCHEMA_JSON)},
        },
        description=_("The open data of %(name)s's involvement report: JSON, CSV and the content format's JSON "
                      "Schema, under %(licence)s.", name=org.name, licence=org.data_licence),
    )]
