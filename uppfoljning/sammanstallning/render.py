"""The formats of a compiled follow-up report, all from one document model (dokument.py): HTML
(the template), PDF (WeasyPrint, from the same HTML, tagged as PDF/UA-1), XLSX (jamlik.exports:
text cells stay text, never formulas) and DOCX (word.py)."""

import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from jamlik.exports import Arbetsbok

from .dokument import Dokument

# WeasyPrint's variant for a tagged PDF (structure tree, /Lang, /MarkInfo, title in the metadata
# shown in the window's title bar): the PDF/UA-1 of ISO 14289-1.
PDF_VARIANT = "pdf/ua-1"


def render_html(dok: Dokument) -> str:
    return render_to_string("uppfoljning/sammanstallning/dokument.html", {"dok": dok})


def render_pdf(html: str, path: Path) -> None:
    # Imported here, not at the top: only workers make PDFs, and WeasyPrint is heavy to load in
    # every web process (the tasks module, and so this one, is imported by each at start-up).
    import weasyprint  # noqa: PLC0415 (lazy: heavy, workers only)

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise
    # Only local files and inline data: a report must never fetch anything from the network.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf(
        path, pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def render_xlsx(dok: Dokument, path: Path) -> None:
    """One sheet per table the chapters hand over (every row, also where the PDF abbreviates),
    with bold frozen headers, filters and widths that fit the content (jamlik.exports.Arbetsbok)."""
    bok = Arbetsbok()
    for kapitel in dok.kapitel:
        for blad in kapitel.blad:
            bok.blad(blad.titel, blad.kolumner, blad.rader, bredder=blad.bredder)
    bok.save(path)
