"""Helpers for browser tests that are not fixtures (``from kits.browserkit import ...``)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from kits.sitekit import build, write_files


def build_mkdocs_site(
    project: Path, docs: dict[str, str], config: dict, files: dict[str, str | bytes] | None = None
) -> Path:
    """Write a MkDocs project into ``project`` and build it the way ``mkdocs build`` does.

    ``docs`` maps paths below ``docs/`` to their text; ``files`` maps other project paths (hooks, CSS)
    to text or bytes; ``config`` is mkdocs.yml as a dict. Returns the built site directory.
    """
    write_files(project, {**{f"docs/{name}": text for name, text in docs.items()}, **(files or {})})
    config_file = project / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return build(config_file, site_dir=project / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``directory`` over HTTP on ``host`` (default 127.0.0.1) and ``port`` (default: a free one) in a
    thread; yield the base URL (without the port when it is 80). OSError when the address cannot be had."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        bound = server.server_address[1]
        yield f"http://{host}/" if bound == 80 else f"http://{host}:{bound}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def format_violations(violations: Iterable[dict]) -> str:
    """One line per axe violation and node: rule, impact, selector, and axe's own explanation."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


def violation_targets(violations: Iterable[dict], rule: str) -> list[str]:
    """The CSS selectors axe reports for one rule."""
    return [
        " ".join(map(str, node["target"]))
        for violation in violations
        if violation["id"] == rule
        for node in violation["nodes"]
    ]


def _channels(css_color: str) -> tuple[float, float, float, float]:
    """Parse a computed ``rgb()``/``rgba()``/``color(srgb ...)`` value into r, g, b (0-255) and alpha."""
    numbers = [float(n) for n in re.findall(r"[-+]?\d*\.?\d+(?:e[-+]?\d+)?", css_color)]
    if css_color.startswith("color(srgb"):
        r, g, b = (n * 255 for n in numbers[:3])
        alpha = numbers[3] if len(numbers) > 3 else 1.0
    else:
        r, g, b = numbers[:3]
        alpha = numbers[3] if len(numbers) > 3 else 1.0
    return r, g, b, alpha


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed CSS colours; a translucent foreground is composited first."""
    fr, fg, fb, fa = _channels(foreground)
    br, bg, bb, _ = _channels(background)
    composite = (fr * fa + br * (1 - fa), fg * fa + bg * (1 - fa), fb * fa + bb * (1 - fa))
    lighter, darker = sorted((_luminance(composite), _luminance((br, bg, bb))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
