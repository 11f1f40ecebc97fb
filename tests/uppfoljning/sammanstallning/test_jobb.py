"""The compilation as plain Python: content of the outputs, publishing, idempotency."""

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan.selectors import plan_current
from samverkan.models import Matrisplacering, Samverkansaktivitet
from uppfoljning.choices import Jobbstatus, Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsrapport
from uppfoljning.sammanstallning import data as sammanstallning_data
from uppfoljning.sammanstallning import jobb as compilation
from uppfoljning.sammanstallning.data import gather
from uppfoljning.sammanstallning.diagram import draw_charts
from uppfoljning.sammanstallning.kapitel import dokument
from uppfoljning.sammanstallning.render import render_html

pytestmark = pytest.mark.django_db


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_compile_publishes_four_files_with_checksums(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert (result.status, result.progress, result.steg) == (Jobbstatus.DONE, 100, "Klar")
    # Each run stores under its own attempt folder; the row names the one that was published.
    assert (
        result.pdf_fil
        == f"uppfoljningsrapporter/plan-jamlik-stad-2019-2022/2021/v1/{result.forsok}/uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.pdf"
    )
    assert re.fullmatch(r"[0-9a-f]{32}", result.forsok)
    folder = media_root / "uppfoljningsrapporter" / "plan-jamlik-stad-2019-2022" / "2021" / "v1"
    assert [p.name for p in folder.iterdir()] == [result.forsok]
    assert sorted(p.name for p in (folder / result.forsok).iterdir()) == [
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.docx",
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.html",
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.pdf",
        "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.xlsx",
    ]
    for fmt in ("pdf", "docx", "xlsx", "html"):
        relativ, summa = result.fil(fmt)
        assert hashlib.sha256((media_root / relativ).read_bytes()).hexdigest() == summa
    assert [p for p in compilation.staging_root().iterdir() if p.name.startswith(f"{rapport.pk}-{result.forsok}")] == []


def test_pdf_has_every_samverkansaktivitet_and_final_assessments_only(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    text = pdf_text(media_root / result.pdf_fil)
    for aktivitet in Samverkansaktivitet.objects.all():
        assert aktivitet.titel in text
    assert "Genomförs i hög grad enligt intentionen" in text  # skolan, final
    assert "Genomförs i låg grad enligt intentionen" not in text  # jobb, still under review
    assert "Innehåll" in text
    assert "Sida 1 av " in text


def test_xlsx_has_one_sheet_per_table_with_expected_rows(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    wb = load_workbook(media_root / result.xlsx_fil, read_only=True)
    assert wb.sheetnames == [
        "Processutvärderingar",
        "Pilotverksamheter",
        "Diagram målområde",
        "Diagram period",
        "Diagram organisation",
        "Status per aktivitet",
        "Samlad status",
        "Strategimatris",
        "Rapportering per organisation",
        "Statusrapporter",
        "Redovisningar",
    ]
    rows = {name: len(list(wb[name].values)) for name in wb.sheetnames}
    godkanda = Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND).count()
    assert rows["Processutvärderingar"] == 1 + 3
    assert rows["Pilotverksamheter"] == 1 + 0  # the integration evaluation is still a draft
    assert rows["Status per aktivitet"] == 1 + 10
    assert rows["Strategimatris"] == 1 + Matrisplacering.objects.count()
    assert rows["Statusrapporter"] == 1 + godkanda
    assert rows["Redovisningar"] == 1 + godkanda


def test_compile_is_idempotent_for_a_done_job(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    first = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    mtime = (media_root / first.pdf_fil).stat().st_mtime_ns
    again = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert (again.pdf_sha256, again.klar) == (first.pdf_sha256, first.klar)
    assert (media_root / first.pdf_fil).stat().st_mtime_ns == mtime


def test_leftover_files_of_a_killed_run_are_never_published(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    stale = media_root / "uppfoljningsrapporter" / "plan-jamlik-stad-2019-2022" / "2021" / "v1" / "dodforsok"
    stale.mkdir(parents=True)
    (stale / "uppfoljningsrapport-plan-jamlik-stad-2019-2022-2021-v1.pdf").write_bytes(b"%PDF-")
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert result.status == Jobbstatus.DONE
    assert "dodforsok" not in result.pdf_fil
    assert (media_root / result.pdf_fil).read_bytes().startswith(b"%PDF-1.")


def test_a_run_that_lost_the_job_deletes_what_it_stored(demo, media_root, monkeypatch):
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    store = compilation._store

    def store_then_lose(ut, mapp, namn):
        lagrade = store(ut, mapp, namn)
        Uppfoljningsrapport.objects.filter(pk=rapport.pk).update(forsok="en-annan-korning")
        return lagrade

    monkeypatch.setattr(compilation, "_store", store_then_lose)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert (result.status, result.pdf_fil) == (Jobbstatus.RUNNING, "")
    assert [p for p in (media_root / "uppfoljningsrapporter").rglob("*") if p.is_file()] == []


def test_superseded_run_stops_without_writing(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(
        plan=plan_current(), ar=2021, version=1, status=Jobbstatus.RUNNING, forsok="annan"
    )
    with pytest.raises(compilation.Superseded):
        compilation._report(rapport.pk, "min", "html")
    rapport.refresh_from_db()
    assert (rapport.progress, rapport.forsok) == (0, "annan")


def test_failure_marks_the_job_failed_and_publishes_nothing(plan, media_root):
    rapport = Uppfoljningsrapport.objects.create(
        plan=plan_current(), ar=2020, version=1
    )  # no follow-up planned for 2020
    with pytest.raises(Exception, match="PlaneradUppfoljning matching query does not exist"):
        compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == Jobbstatus.FAILED
    assert not (media_root / "uppfoljningsrapporter" / "plan-jamlik-stad-2019-2022" / "2020").exists()


def test_gather_uses_a_fixed_number_of_queries(demo, django_assert_num_queries):
    # 27 reads (the manifest: 7, the indicators' count and newest value and their list among them;
    # who must report: forvantade_par; the evaluations with their parts and evidence; the pilots; the
    # planned evaluations; the matrix) + savepoint and release, whatever the size.
    with django_assert_num_queries(29):
        gather(plan=plan_current(), ar=2021)


def test_detail_table_moves_to_the_excel_file_when_too_large(demo, monkeypatch):
    data = gather(plan=plan_current(), ar=2021)
    draw_charts(data)
    html = render_html(dokument(data))
    assert data.visa_detaljer and data.detaljrader > 1
    assert "redovisas därför i Excel-filen" not in html
    monkeypatch.setattr(sammanstallning_data, "DETALJ_MAX_RADER", 1)
    html = render_html(dokument(data))
    assert f"Tabellen omfattar {data.detaljrader} rader och redovisas därför i Excel-filen" in " ".join(html.split())
