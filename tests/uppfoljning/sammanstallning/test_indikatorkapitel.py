"""The indicators' chapter of the compiled report (issue 15): in every format, per målområde, with
the gap between areas and the source; a changed value makes the next compilation a new version that
says so; a report of one organisation has none."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from indikatorer.models import Indikator, Varde
from plan.models import Organisation
from plan.selectors import plan_current
from uppfoljning.choices import Jobbstatus, Omfattning
from uppfoljning.models import Uppfoljningsrapport
from uppfoljning.sammanstallning import jobb

from .test_dokument import docx_text, headings, pdf_text

pytestmark = pytest.mark.django_db

RUBRIK = "Nyckeltal: skillnader i livsvillkor"


def _compile(version: int, **kwargs) -> Uppfoljningsrapport:
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=version, **kwargs)
    result = jobb.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert result.status == Jobbstatus.DONE, result.felmeddelande
    return result


@pytest.fixture
def indikatorer(demo):
    call_command("load_demo_indikatorer", "--force", verbosity=0)
    return list(Indikator.objects.filter(planer=plan_current()).order_by("ordning", "namn"))


def test_chapter_in_pdf_docx_xlsx_with_gap_and_source(indikatorer, media_root):
    result = _compile(1)
    rubriker = [t for s, t in headings(media_root / result.docx_fil) if s == "Heading 1"]
    assert rubriker.index(RUBRIK) == rubriker.index("Status i diagram") - 1
    ettan = indikatorer[0]
    for text in (pdf_text(media_root / result.pdf_fil), docx_text(media_root / result.docx_fil)):
        assert RUBRIK in text and ettan.namn in text
        assert "skillnad mellan områden" in text and "Högst" in text and "Kvot" in text
        assert f"Källa: {ettan.kallhanvisning}" in text
        assert "Exempel" in text  # the demo's values are examples, and the report says so
    blad = load_workbook(media_root / result.xlsx_fil, read_only=True)["Nyckeltal"]
    rader = list(blad.iter_rows(values_only=True))
    assert rader[0][:5] == ("Målområde", "Nyckeltal", "Kön", "År", "Värde (hela kommunen)")
    assert any(r[1] == ettan.namn and r[7] == "Ja" for r in rader[1:])


def test_a_changed_value_is_a_new_version_that_says_so(indikatorer, media_root):
    forsta = _compile(1)
    varde = Varde.objects.filter(indikator__in=indikatorer, ar__lte=2021).exclude(varde=None).first()
    varde.varde, varde.hamtad = varde.varde + 1, timezone.now()
    varde.save()
    andra = _compile(2)
    assert andra.fingeravtryck != forsta.fingeravtryck
    assert andra.andringar["indikatorer_andrade_antal"] == 1
    assert "Ändrade nyckeltal" in docx_text(media_root / andra.docx_fil)


def test_one_organisations_report_has_no_indicator_chapter(indikatorer, media_root):
    organisation = Organisation.objects.get(slug="kulturnamnden")
    result = _compile(1, omfattning=Omfattning.ORGANISATION, organisation=organisation)
    assert RUBRIK not in [t for s, t in headings(media_root / result.docx_fil) if s == "Heading 1"]
