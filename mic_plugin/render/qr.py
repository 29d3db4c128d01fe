"""QR codes as inline SVG, drawn by ``segno`` (pure Python, no other dependencies, deterministic output)."""

from __future__ import annotations

from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """A QR code opening ``url`` as an inline ``<svg>`` that scales to its box (no width or height), black on
    white with the four-module quiet zone scanners need. It is a picture only (``aria-hidden``): whoever places
    it gives the text alternative and prints the address beside it."""
    import segno

    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", svgclass="mic-qr",
                          lineclass=None)
    # segno writes one <svg ...> element of known shape; hide it from assistive technology and keep it crisp.
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" shape-rendering="crispEdges" ', 1))


__all__ = ["qr_svg"]
