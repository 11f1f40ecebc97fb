"""The compiled report's content and formats, compiled as plain Python (the Celery path is in
test_tasks.py): the officials' own words in the plan's structure, read only from what is published;
a tagged PDF; a Word document with real headings and tables; a spreadsheet whose text stays text;
text of any length and characters rendered safely in all four formats."""

import io
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from openpyxl import load_workbook

from plan.models import Malomrade, Organisation
from plan.selectors import plan_current
from samverkan.models import Samverkansaktivitet
from uppfoljning.choices import Jobbstatus, Omfattning, Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsrapport
from uppfoljning.sammanstallning import data as sammanstallning_data
from uppfoljning.sammanstallning import jobb
from uppfoljning.sammanstallning.data import gather
from uppfoljning.sammanstallning.diagram import draw_charts
from uppfoljning.sammanstallning.dokument import KAPITEL, Kapitel, Stycke, registrera
from uppfoljning.sammanstallning.kapitel import dokument
from uppfoljning.sammanstallning.render import render_html

pytestmark = pytest.mark.django_db

# The demo's own sentences: an approved account and the samordnare's summary of the activity.
KONTO = "Utökade hembesök: sex hembesök i stället för två hos förstagångsföräldrar i utvalda områden"
SAMMANFATTNING = "Utökade hembesök och språkcaféer är igång i flera stadsdelar; samverkansforum bemannas."
PILOT_KONTO = "Förskoleförvaltningen har prövat en nulägesanalys"
INTERN = "Intern returkommentar som aldrig publiceras"
UTKAST = "Kulturskolan erbjuder verksamhet i skolans lokaler"  # a draft: never in the report


def compile_version(**kwargs) -> Uppfoljningsrapport:
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1, **kwargs)
    result = jobb.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert result.status == Jobbstatus.DONE, result.felmeddelande
    return result


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    delar = [p.text for p in doc.paragraphs]
    delar += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(delar).split())


def headings(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


@pytest.fixture
def compiled(demo, media_root):
    # An internal field on a published report: must never reach any format.
    Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND).update(returkommentar=INTERN)
    result = compile_version()
    return {fmt: media_root / result.fil(fmt)[0] for fmt in ("pdf", "docx", "xlsx", "html")} | {"rapport": result}


def test_report_has_the_words_in_the_plans_structure(compiled):
    text = pdf_text(compiled["pdf"])
    assert KONTO in text
    assert SAMMANFATTNING in text
    assert PILOT_KONTO in text  # the steering activity's pilot (Förskolenämnden) with its account
    assert "Samordnarens sammanfattning (Exempel)" in text  # demo content labelled
    assert "Vad har gjorts" in text and "Nästa steg" in text and "Strategier som arbetet bidragit till" in text
    assert "Samlad bedömning: Genomförs i hög grad enligt intentionen" in text
    # Only what is published: no draft, submitted or returned report's text, no internal field.
    for fmt in ("pdf", "docx", "html"):
        innehall = {"pdf": text, "docx": docx_text(compiled["docx"]), "html": compiled["html"].read_text()}[fmt]
        assert UTKAST not in innehall, fmt
        assert INTERN not in innehall, fmt
        assert "Koordinatorer anställda på två skolor" not in innehall, fmt  # returned
    with zipfile.ZipFile(compiled["xlsx"]) as xlsx:
        assert not [n for n in xlsx.namelist() if INTERN.encode() in xlsx.read(n)]
        assert [n for n in xlsx.namelist() if b"sex hembes" in xlsx.read(n)]  # (non-ASCII as references)


def test_pdf_is_tagged_with_language_title_bookmarks_and_chart_alternatives(compiled):
    with pikepdf.open(compiled["pdf"]) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "sv"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == "Uppföljning 2021 av Göteborgs Stads plan för en jämlik stad 2019–2022"
            assert "pdfuaid:part" in str(meta) or "ua" in str(meta).lower()
        bokmarken = []
        with pdf.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                bokmarken.append(item.title)
                stack.extend(item.children)
        assert "Samverkansaktiviteter" in bokmarken
        assert {a.titel for a in Samverkansaktivitet.objects.all()} <= set(bokmarken)

        typer, figurer = [], []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                typer.append(str(node.S))
                if node.S == "/Figure":
                    figurer.append(str(node.get("/Alt", "")))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                for kid in kids:
                    walk(kid)
            elif isinstance(kids, pikepdf.Dictionary):
                walk(kids)

        walk(root.StructTreeRoot)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Caption", "/L", "/Figure"} <= set(typer)
    assert len(figurer) == 3 and all(alt.startswith("Godkända statusrapporter per ") for alt in figurer)


def test_docx_has_the_plans_headings_and_tables(compiled):
    rubriker = headings(compiled["docx"])
    ettor = [t for s, t in rubriker if s == "Heading 1"]
    assert ettor[:5] == [
        "Ändringar sedan föregående version",
        "Målområden och samverkansaktiviteter",
        "Samverkansaktiviteter",
        "Aktiviteter för styrning, uppföljning och samordning",
        "Processutvärderingar",
    ]
    tvaor = [t for s, t in rubriker if s == "Heading 2"]
    assert {m.namn for m in Malomrade.objects.all()} <= set(tvaor)
    assert {a.titel for a in Samverkansaktivitet.objects.all()} <= set(tvaor)
    assert ("Heading 3", "Period 2021") in rubriker
    assert ("Heading 3", "Processutvärdering 2021") in rubriker
    assert ("Heading 4", "Socialnämnden Nordost (Exempel)") in rubriker
    doc = Document(str(compiled["docx"]))
    assert doc.core_properties.title == "Uppföljning 2021 av Göteborgs Stads plan för en jämlik stad 2019–2022"
    assert doc.core_properties.language == "sv-SE"
    # Tables for the status and the matrix; the matrix in a landscape section of its own.
    forsta_rader = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Aktivitet", "2019", "2020", "2021"] in forsta_rader
    matris = next(t for t in doc.tables if t.rows[0].cells[0].text == "Samverkansaktivitet" and len(t.columns) == 5)
    assert len(matris.rows) == 1 + Samverkansaktivitet.objects.count()
    assert any(s.page_width > s.page_height for s in doc.sections)
    text = docx_text(compiled["docx"])
    assert KONTO in text and SAMMANFATTNING in text


def test_xlsx_has_bold_frozen_filtered_headers_and_every_account(compiled):
    wb = load_workbook(compiled["xlsx"])
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref, ws.title
        assert all(c.font.b for c in ws[1] if c.value), ws.title
        assert ws.column_dimensions["A"].width >= 12, ws.title
    redovisningar = [
        dict(zip([c.value for c in wb["Redovisningar"][1]], [c.value for c in r], strict=True))
        for r in wb["Redovisningar"].iter_rows(min_row=2)
    ]
    assert any(r["Vad har gjorts"].startswith("Utökade hembesök: sex hembesök") for r in redovisningar)
    assert {r["Exempel"] for r in redovisningar} == {"Ja"}


HOSTILE = {
    "genomfort": "=cmd|' /C calc'!A0",
    "hinder": "<script>alert('x')</script> & <b>fet</b>",
    "nasta_steg": "Långt" + "x" * 300 + " slut.",
}


def test_text_of_any_length_and_characters_renders_safely_in_every_format(demo, media_root):
    Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND, organisation__namn="Socialnämnden Nordost").update(
        **HOSTILE
    )
    result = compile_version()
    html = (media_root / result.html_fil).read_text()
    assert "<script>alert" not in html and "<b>fet</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;" in html
    pdf = pdf_text(media_root / result.pdf_fil)
    assert HOSTILE["genomfort"] in pdf and HOSTILE["hinder"] in pdf
    assert HOSTILE["nasta_steg"].replace(" ", "") in pdf.replace(" ", "")  # the long word wraps, whole
    with pikepdf.open(media_root / result.pdf_fil) as doc:  # every page stays A4 portrait or landscape
        assert {tuple(round(float(v)) for v in p.MediaBox[2:]) for p in doc.pages} <= {(595, 842), (842, 595)}
    word = docx_text(media_root / result.docx_fil)
    for value in HOSTILE.values():
        assert value in word
    wb = load_workbook(io.BytesIO((media_root / result.xlsx_fil).read_bytes()))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c for c in cells if c.data_type == "f"] == []
    (cell,) = [c for c in cells if c.value == HOSTILE["genomfort"]]
    assert cell.data_type == "s"
    assert any(c.value == HOSTILE["nasta_steg"] for c in cells)


def test_scope_of_one_organisation_shows_only_its_accounts(demo, media_root):
    org = Organisation.objects.get(namn="Socialnämnden Nordost")
    result = compile_version(omfattning=Omfattning.ORGANISATION, organisation=org)
    text = pdf_text(media_root / result.pdf_fil)
    assert (
        "Uppföljning 2021 av Göteborgs Stads plan för en jämlik stad 2019–2022: Organisationen Socialnämnden Nordost"
        in text
    )
    assert KONTO in text
    assert "Biblioteken i Angered och Bergsjön" not in text  # Kulturnämnden's account
    assert PILOT_KONTO not in text


def test_scope_of_one_malomrade_keeps_its_strategies_accounts(demo, media_root):
    malomrade = Malomrade.objects.get(slug="skapa-god-start-i-livet")
    result = compile_version(omfattning=Omfattning.MALOMRADE, malomrade=malomrade)
    rubriker = headings(media_root / result.docx_fil)
    tvaor = [t for s, t in rubriker if s == "Heading 2"]
    assert malomrade.namn in tvaor
    assert not ({m.namn for m in Malomrade.objects.exclude(pk=malomrade.pk)} & set(tvaor))
    assert "Aktiviteter för styrning, uppföljning och samordning" not in [t for s, t in rubriker if s == "Heading 1"]
    assert KONTO in docx_text(media_root / result.docx_fil)  # names strategies of this målområde


def test_another_chapter_can_be_registered(demo, media_root):
    def indikatorer(data):
        return Kapitel("indikatorer", "Indikatorer", [Stycke(f"Indikatorer för {data.ar}.")])

    fore = list(KAPITEL)
    try:
        registrera(indikatorer, fore="diagram")
        registrera(indikatorer, fore="diagram")  # registered twice: still once
        result = compile_version()
    finally:
        KAPITEL[:] = fore
    rubriker = [t for s, t in headings(media_root / result.docx_fil) if s == "Heading 1"]
    assert rubriker.count("Indikatorer") == 1
    assert rubriker.index("Indikatorer") == rubriker.index("Status i diagram") - 1
    assert "Indikatorer för 2021." in pdf_text(media_root / result.pdf_fil)


def test_too_many_texts_for_a_readable_document_point_to_the_excel_sheets(demo, monkeypatch):
    data = gather(plan=plan_current(), ar=2021)
    draw_charts(data)
    html = " ".join(render_html(dokument(data)).split())
    assert KONTO in html and SAMMANFATTNING in html
    monkeypatch.setattr(sammanstallning_data, "KONTO_MAX", 3)  # the latest period alone has more
    data = gather(plan=plan_current(), ar=2021)
    draw_charts(data)
    html = " ".join(render_html(dokument(data)).split())
    assert KONTO not in html and SAMMANFATTNING not in html
    assert "för många för ett läsbart dokument" in html
    assert "Samlad bedömning: Genomförs i hög grad enligt intentionen" in html  # evaluations stay
    blad = {b.titel: b for k in dokument(data).kapitel for b in k.blad}
    assert any(KONTO in (r[4] or "") for r in blad["Redovisningar"].rader)
    assert SAMMANFATTNING in [r[3] for r in blad["Samlad status"].rader]
