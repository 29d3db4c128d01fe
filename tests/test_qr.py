"""render.qr makes the very code segno makes (version, error level, mask and every module), only choosing the
mask faster: posters print the same symbol either way."""

from __future__ import annotations

import random
import string

import pytest
import segno
from hypothesis import given, settings, strategies as st

from mic_plugin.render.qr import qr_code, qr_svg


def _same(url: str) -> None:
    ours, theirs = qr_code(url), segno.make(url, error="m", micro=False)
    assert (ours.version, ours.error, ours.mask, ours.mode) == (theirs.version, theirs.error, theirs.mask, theirs.mode)
    assert ours.matrix == theirs.matrix


def _urls(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "/-?=&._~%"
    return ["https://example.org/" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 700)))
            for _ in range(count)]


@pytest.mark.parametrize("url", [
    "https://benchmark.example/involvement/activities/2020-partner-group-friend-014/",
    "https://example.org/",
    "http://localhost:8000/activities/a/",
    "HTTPS://EXAMPLE.ORG/ABC",  # alphanumeric mode
    "https://example.org/gwasanaethau/gofal-cymdeithasol/ŵyr/",  # beyond Latin-1
])
def test_same_code_as_segno(url):
    _same(url)


def test_same_code_as_segno_at_every_size_and_mask():
    """Versions 1 to beyond 20 (version information from 7 on), and every one of the eight masks chosen."""
    urls = _urls(14, 120) + ["https://e.org/" + "a" * n for n in range(0, 60, 7)]
    masks, versions = set(), set()
    for url in urls:
        _same(url)
        code = segno.make(url, error="m", micro=False)
        masks.add(code.mask)
        versions.add(code.version)
    assert masks == set(range(8))
    assert min(versions) <= 2 and max(versions) >= 20


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_same_code_as_segno_for_any_text(text):
    _same(text)


def test_svg_is_segno_svg():
    url = "https://example.org/activities/x/"
    svg = segno.make(url, error="m", micro=False).svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="mic-qr", lineclass=None)
    assert str(qr_svg(url)) == svg.replace(
        "<svg ", '<svg aria-hidden="true" focusable="false" shape-rendering="crispEdges" ', 1)
