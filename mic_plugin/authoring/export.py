"""``mic export``: every feedback item as one row of a spreadsheet (CSV or Excel), in the columns of the
content contract (:data:`columns.COLUMNS`), so a team can keep working in the log it knows and bring it back
with ``mic import``. Exporting then importing the same file changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.records import Activity, Feedback, Site
from . import columns as C
from . import sheets


def item_row(activity: Activity, item: Feedback) -> list[Any]:
    """One item's cells, in :data:`columns.COLUMNS` order; texts as written, dates as dates."""
    r = item.response
    return [item.id, activity.id, item.date, item.said.rstrip("\n"), item.count, item.source,
            C.join_themes(item.themes), r.status if r else "", r.did.rstrip("\n") if r else "",
            r.reason.rstrip("\n") if r else "", r.owner if r else "", r.due if r else None,
            r.communicated if r else None]


def translated_text(value: Any, lang: str) -> str:
    """One language's text of a translatable value ('' when it has none); themes in the order of the main
    language's, an empty place where one has no translation."""
    if isinstance(value, list):
        texts = [translated_text(t, lang) for t in value]
        return C.join_themes(texts) if any(texts) else ""
    return (getattr(value, "texts", None) or {}).get(lang, "").rstrip("\n")


def translation_cells(item: Feedback, languages: tuple[str, ...]) -> list[str]:
    """The texts of the site's further languages, in the columns ``said (cy)``, ``source (cy)``..."""
    r = item.response
    values = {"said": item.said, "source": item.source, "themes": item.themes, "did": r.did if r else "",
              "reason": r.reason if r else "", "owner": r.owner if r else ""}
    return [translated_text(values[f], lang) for lang in languages for f in C.TRANSLATED]


def rows(site: Site, activity_id: str | None = None) -> list[list[Any]]:
    """The header and one row per item: activities as the site lists them, items in file order. On a site
    with more languages, each further language's texts follow in columns named like ``said (cy)``."""
    further = tuple(site.organisation.languages[1:])
    out: list[list[Any]] = [list(C.COLUMNS) + [C.translated_column(f, lang) for lang in further
                                                for f in C.TRANSLATED]]
    for activity in site.activities:
        if activity_id is None or activity.id == activity_id:
            out += [item_row(activity, item) + translation_cells(item, further) for item in activity.feedback]
    return out


def export(site: Site, path: Path, activity_id: str | None = None) -> int:
    """Write the log to ``path`` (.csv or .xlsx); return the number of items written."""
    table = rows(site, activity_id)
    sheets.write(path, table)
    return len(table) - 1
