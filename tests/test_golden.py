"""Golden files for the pure writers: the bytes they write for a fixed input, kept in ``tests/golden/``.

A change to any of these outputs shows up here as a diff to review. When the change is intended, rewrite the
files with ``MIC_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and commit them with the change.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest

from mic_plugin.derive.report import Options, Report
from mic_plugin.derive.scoring import Score, badge_color
from mic_plugin.load.loader import load_site
from mic_plugin.render.atom import Feed, FeedEntry, atom_xml
from mic_plugin.render.badges import badge_svg
from mic_plugin.render.charts import series_svg
from mic_plugin.site.open_data import report_json

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def _check(name: str, written: str | bytes) -> None:
    data = written.encode("utf-8") if isinstance(written, str) else written
    path = GOLDEN / name
    if os.environ.get("MIC_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing: run with MIC_UPDATE_GOLDEN=1 to write it"
    assert data == path.read_bytes(), f"{name} changed; if intended, rewrite it with MIC_UPDATE_GOLDEN=1"


@pytest.mark.parametrize(("met", "applicable"), [(12, 29), (0, 0), (29, 29)])
def test_badge_svg(met, applicable):
    message = Score(met, applicable).message
    _check(f"badge-{met}-of-{applicable}.svg", badge_svg("quality markers", message, badge_color(met, applicable)))


def test_chart_svg():
    points = [(_dt.date(2024, 1, 15), 12), (_dt.date(2024, 4, 2), 19.5), (_dt.date(2024, 9, 30), 31),
              (_dt.date(2025, 3, 3), 28)]
    _check("chart.svg", series_svg(points, measure="Carers who said they got a break <& “quotes”>", unit="%",
                                   baseline=10, target=40, chart_id="golden-chart"))


def test_atom_feed():
    feed = Feed(
        id="https://example.org/involvement/changes/", title="Riverside: change log",
        subtitle="What changed, & why", updated=_dt.date(2025, 3, 3),
        self_url="https://example.org/involvement/changes/feed.xml",
        alternate_url="https://example.org/involvement/changes/", author="Riverside <Carers>",
        rights="Published under CC-BY-4.0",
        entries=[FeedEntry(id="tag:example.org,2025-03-03:/involvement/changes/a/item/2025-03-03/done",
                           title="“Buses are late”: In progress → Done", updated=_dt.date(2025, 3, 3),
                           link="https://example.org/involvement/activities/a/#item",
                           summary='Text with <tags>, "quotes" & a\rcarriage return'),
                 FeedEntry(id="tag:example.org,2025-01-02:/involvement/changes/a/started",
                           title="Started: A", updated=_dt.date(2025, 1, 2),
                           link="https://example.org/involvement/activities/a/", summary="A. Plain.")])
    _check("feed.xml", atom_xml(feed))


def test_the_demo_report_json():
    """report_json over the demo content for a fixed reading date. (The build first gives the site as its
    language edition shows it, which keeps one spelling per theme, so the published file can differ there.)"""
    result = load_site(ROOT / "content", today=_dt.date(2026, 11, 27))
    assert result.ok, result.problems
    options = Options(as_of=_dt.date(2026, 11, 27), site_url="https://riversidecarers.example/involvement/")
    _check("demo-report.json", report_json(Report(result.site, options)))
