"""The compilation as plain Python: content of the outputs, publishing, idempotency."""

import hashlib
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.models import Matrisplacering, Samverkansaktivitet
from uppfoljning import compilation
from uppfoljning.choices import Jobbstatus, Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsrapport

pytestmark = pytest.mark.django_db


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_compile_publishes_three_files_with_checksums(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert (result.status, result.progress, result.steg) == (Jobbstatus.DONE, 100, "Klar")
    assert result.pdf_fil == "uppfoljningsrapporter/2021/v1/uppfoljningsrapport-2021-v1.pdf"
    folder = media_root / "uppfoljningsrapporter" / "2021" / "v1"
    assert sorted(p.name for p in folder.iterdir()) == [
        "uppfoljningsrapport-2021-v1.html",
        "uppfoljningsrapport-2021-v1.pdf",
        "uppfoljningsrapport-2021-v1.xlsx",
    ]
    for fmt in ("pdf", "xlsx", "html"):
        relativ, summa = result.fil(fmt)
        assert hashlib.sha256((media_root / relativ).read_bytes()).hexdigest() == summa
    assert list((media_root / "uppfoljningsrapporter" / ".staging").iterdir()) == []


def test_pdf_has_every_samverkansaktivitet_and_final_assessments_only(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    text = pdf_text(media_root / result.pdf_fil)
    for aktivitet in Samverkansaktivitet.objects.all():
        assert aktivitet.titel in text
    assert "Genomförs i hög grad enligt intentionen" in text  # skolan, final
    assert "Genomförs i låg grad enligt intentionen" not in text  # jobb, still under review
    assert "Innehåll" in text
    assert "Sida 1 av " in text


def test_xlsx_has_one_sheet_per_table_with_expected_rows(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    wb = load_workbook(media_root / result.xlsx_fil, read_only=True)
    assert wb.sheetnames == [
        "Processutvärderingar",
        "Pilotverksamheter",
        "Status per aktivitet",
        "Rapportering per organisation",
        "Strategimatris",
        "Statusrapporter",
    ]
    rows = {name: len(list(wb[name].values)) for name in wb.sheetnames}
    godkanda = Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND).count()
    assert rows["Processutvärderingar"] == 1 + 3
    assert rows["Pilotverksamheter"] == 1 + 0  # the integration evaluation is still a draft
    assert rows["Status per aktivitet"] == 1 + 10
    assert rows["Strategimatris"] == 1 + Matrisplacering.objects.count()
    assert rows["Statusrapporter"] == 1 + godkanda


def test_compile_is_idempotent_for_a_done_job(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1)
    first = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    mtime = (media_root / first.pdf_fil).stat().st_mtime_ns
    again = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert (again.pdf_sha256, again.klar) == (first.pdf_sha256, first.klar)
    assert (media_root / first.pdf_fil).stat().st_mtime_ns == mtime


def test_leftover_folder_of_a_crashed_publish_is_replaced(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1)
    stale = media_root / "uppfoljningsrapporter" / "2021" / "v1"
    stale.mkdir(parents=True)
    (stale / "halvfardig.pdf").write_bytes(b"%PDF-")
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert result.status == Jobbstatus.DONE
    assert "halvfardig.pdf" not in [p.name for p in stale.iterdir()]


def test_superseded_run_stops_without_writing(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1, status=Jobbstatus.RUNNING, forsok="annan")
    with pytest.raises(compilation.Superseded):
        compilation._report(rapport.pk, "min", "html")
    rapport.refresh_from_db()
    assert (rapport.progress, rapport.forsok) == (0, "annan")


def test_failure_marks_the_job_failed_and_publishes_nothing(plan, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2020, version=1)  # no follow-up planned for 2020
    with pytest.raises(Exception, match="PlaneradUppfoljning matching query does not exist"):
        compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == Jobbstatus.FAILED
    assert not (media_root / "uppfoljningsrapporter" / "2020").exists()


def test_gather_uses_a_fixed_number_of_queries(demo, django_assert_num_queries):
    with django_assert_num_queries(17):  # 15 reads + savepoint and release
        compilation.gather(ar=2021)


def test_detail_table_moves_to_the_excel_file_when_too_large(demo, monkeypatch):
    data = compilation.gather(ar=2021)
    html = compilation.render_html(data)
    assert data.visa_detaljer and data.detaljrader > 1
    assert "redovisas därför i Excel-filen" not in html
    monkeypatch.setattr(compilation, "DETALJ_MAX_RADER", 1)
    html = compilation.render_html(data)
    assert f"Tabellen omfattar {data.detaljrader} rader och redovisas därför i Excel-filen" in " ".join(html.split())
