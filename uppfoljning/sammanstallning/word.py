"""The compiled report as an editable Word document (python-docx), from the same document model as
the HTML and PDF: the title, then each chapter as Heading 1, an activity or målområde as Heading 2,
a period or the evaluation as Heading 3, an organisation's account or a pilot as Heading 4; tables
as Word tables with a repeated header row; wide tables in a landscape section. The charts are
given as their data tables (Word cannot hold the SVG; the table is what a reader edits anyway).

Text is inserted as text runs (never fields or markup), with characters XML cannot hold removed."""

import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .dokument import Dokument, Tabell

# Control characters XML 1.0 does not allow (python-docx would refuse the whole document).
_OGILTIGA = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(varde) -> str:
    return _OGILTIGA.sub("", "" if varde is None else str(varde))


def _stycke_med_radbrytningar(paragraf, text: str, *, fet: bool = False) -> None:
    """The text as runs, each line break in it a real line break in Word."""
    delar = _text(text).split("\n")
    for i, rad in enumerate(delar):
        run = paragraf.add_run(rad)
        if fet:
            run.bold = True
        if i < len(delar) - 1:
            run.add_break()


def _upprepa_rubrikrad(rad) -> None:
    tr_pr = rad._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _tabell(doc, t: Tabell) -> None:
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(_text(t.rubrik))
    tabell = doc.add_table(rows=1, cols=len(t.kolumner))
    tabell.style = "Table Grid"
    tabell.alignment = WD_TABLE_ALIGNMENT.LEFT
    rubrikrad = tabell.rows[0]
    _upprepa_rubrikrad(rubrikrad)
    for cell, kolumn in zip(rubrikrad.cells, t.kolumner, strict=True):
        cell.paragraphs[0].add_run(_text(kolumn)).bold = True
    for rad in t.celler():
        celler = tabell.add_row().cells
        for i, (cell, (varde, tal)) in enumerate(zip(celler, rad, strict=True)):
            paragraf = cell.paragraphs[0]
            _stycke_med_radbrytningar(paragraf, _text(varde), fet=i == 0 and t.radrubrik)
            if tal:
                paragraf.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _sektion(doc, *, liggande: bool) -> None:
    sektion = doc.add_section(WD_SECTION.NEW_PAGE)
    bredd, hojd = sektion.page_width, sektion.page_height
    if liggande != (bredd > hojd):
        sektion.page_width, sektion.page_height = hojd, bredd
    sektion.orientation = WD_ORIENT.LANDSCAPE if liggande else WD_ORIENT.PORTRAIT


def render_docx(dok: Dokument, path: Path) -> None:
    doc = Document()
    doc.core_properties.title = _text(dok.titel)
    doc.core_properties.language = "sv-SE"
    doc.core_properties.subject = "Uppföljningsrapport"
    stil = doc.styles["Normal"]
    stil.font.name = "Calibri"
    stil.font.size = Pt(10.5)
    # The document's language for spelling and screen readers (w:lang on the default run style).
    rpr = doc.styles.element.find(qn("w:docDefaults"))
    if rpr is not None:
        lang = rpr.find(".//" + qn("w:lang"))
        if lang is None:
            run_pr = rpr.find(".//" + qn("w:rPr"))
            if run_pr is not None:
                lang = OxmlElement("w:lang")
                run_pr.append(lang)
        if lang is not None:
            lang.set(qn("w:val"), "sv-SE")

    doc.add_paragraph(_text(dok.titel), style="Title")
    for stycke in dok.inledning:
        doc.add_paragraph(_text(stycke))
    doc.add_paragraph(_text(dok.underlag))

    for kapitel in dok.kapitel:
        doc.add_page_break()
        doc.add_heading(_text(kapitel.rubrik), level=1)
        for b in kapitel.block:
            if b.typ == "rubrik":
                doc.add_heading(_text(b.text), level=min(b.niva, 4))
            elif b.typ == "stycke":
                paragraf = doc.add_paragraph()
                _stycke_med_radbrytningar(paragraf, b.text, fet=b.klass == "bedomning")
                if b.klass == "notis":
                    for run in paragraf.runs:
                        run.italic = True
            elif b.typ == "lista":
                for punkt in b.punkter:
                    doc.add_paragraph(_text(punkt), style="List Bullet")
            elif b.typ == "definitioner":
                for term, text in b.rader:
                    doc.add_paragraph().add_run(_text(term)).bold = True
                    _stycke_med_radbrytningar(doc.add_paragraph(), text)
            elif b.typ == "tabell":
                if b.liggande:
                    _sektion(doc, liggande=True)
                    _tabell(doc, b)
                    _sektion(doc, liggande=False)
                else:
                    _tabell(doc, b)
            elif b.typ == "diagram":
                doc.add_paragraph(_text(f"Diagram: {b.titel}. Siffrorna:"))
                _tabell(doc, b.tabell)
    doc.save(path)
