"""The compilation as plain Python: data, outputs, publishing, idempotency."""

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from samverkan.models import Samverkansaktivitet
from uppfoljning import compilation
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Uppfoljningsrapport

pytestmark = pytest.mark.django_db


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_compile_writes_pdf_xlsx_html_and_marks_done(demo, media_root):
    rapport = Uppfoljningsrapport.objects.create(ar=2021, version=1)
    result = compilation.compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert result.status == Jobbstatus.DONE
    assert result.progress == 100
    assert result.pdf_fil == "uppfoljningsrapporter/2021/v1/uppfoljningsrapport-2021-v1.pdf"
    folder = media_root / "uppfoljningsrapporter" / "2021" / "v1"
    assert sorted(p.name for p in folder.iterdir()) == [
        "uppfoljningsrapport-2021-v1.html",
        "uppfoljningsrapport-2021-v1.pdf",
        "uppfoljningsrapport-2021-v1.xlsx",
    ]
    text = pdf_text(folder / "uppfoljningsrapport-2021-v1.pdf")
    print(text[:3000])
    for aktivitet in Samverkansaktivitet.objects.all():
        assert aktivitet.titel in " ".join(text.split())
    wb = load_workbook(folder / "uppfoljningsrapport-2021-v1.xlsx", read_only=True)
    print(wb.sheetnames)
