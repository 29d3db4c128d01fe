"""PDF documents from HTML, by WeasyPrint: the optional extra ``pdf`` (``pip install "make-it-count[pdf]"``).

WeasyPrint is a real print engine (CSS paged media: A4, page numbers in the margins, named pages), written in
Python, so it installs with pip; it draws text with Pango, a system library (on Debian
``apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0``), which is why it is an extra
and not a dependency: a site without it builds everything else and says once how to get PDFs
(:data:`HOW_TO_GET_PDFS`).

What every PDF made here is:

* tagged for screen readers as far as WeasyPrint goes: PDF/UA-1 (a structure tree of headings, paragraphs,
  lists, tables and links in reading order, the document's language and title shown as its name);
* deterministic: WeasyPrint writes no creation or modification date unless the HTML asks for one (ours
  never does) and its file identifier from the content, so the same report gives the same bytes.
"""

from __future__ import annotations

import functools

PDF_VARIANT = "pdf/ua-1"
"""PDF/UA-1 (ISO 14289-1): tagged, with the language and title set, for assistive technology."""

HOW_TO_GET_PDFS = ('PDFs of the annual reports are not made because WeasyPrint is not installed; to make them, '
                   'pip install "make-it-count[pdf]" (WeasyPrint also needs Pango: on Debian or Ubuntu, '
                   'apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)')


@functools.lru_cache(maxsize=1)
def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError):  # not installed, or installed without the Pango library it loads
        return None
    return weasyprint


def available() -> bool:
    """Whether PDFs can be made here (WeasyPrint imports, with its system libraries)."""
    return _weasyprint() is not None


@functools.lru_cache(maxsize=32)
def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """The PDF of a complete HTML document (its own ``<style>``, ``<title>`` and ``<html lang>``); relative
    links resolve against ``base_url``. Call only when :func:`available`.

    Laying out pages costs about a second per ten pages, so the PDFs of documents that did not change are
    kept for the next build in the same process (``mkdocs serve`` rebuilding after an edit): the same HTML
    gives the same bytes anyway."""
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError(HOW_TO_GET_PDFS)
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)


__all__ = ["available", "html_to_pdf", "HOW_TO_GET_PDFS", "PDF_VARIANT"]
