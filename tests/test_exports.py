"""Safe exports: no text in a download ever becomes a formula (jamlik/exports.py).

CSV has no types, so text that starts with =, +, -, @, tab or CR is written with an apostrophe in
front; XLSX stores every text cell as text (data_type "s"), with its exact characters. Checked on
the writer itself and on every CSV and XLSX file the portal produces, with formula-looking text
put into the data each file shows."""

import csv
import io
from datetime import date, datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from jamlik.exports import FORMEL_START, Arbetsbok, csv_bytes
from plan.models import Aktivitet, Organisation, Strategi
from plan.selectors import plan_current
from tests.clock import STOCKHOLM
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Processutvardering, Uppfoljningsrapport
from uppfoljning.sammanstallning.jobb import compile_uppfoljningsrapport

FARLIGA = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
]
VANLIG = "Vanlig text, också med = + - @ inuti"
TAL = [42, -7, 2.5]
DAG = date(2031, 1, 31)


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())  # BOM: Excel reads å ä ö right
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))  # not read_only: cells keep their data_type


def all_cells(wb):
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


# --- the writer ----------------------------------------------------------------------------------


def test_csv_prefixes_formula_looking_text_only():
    rader = [[*FARLIGA, VANLIG, *TAL, DAG]]
    rubriker, rad = csv_rows(csv_bytes(rubriker=["=rubrik", "Rubrik"], rader=rader))
    assert rubriker == ["'=rubrik", "Rubrik"]
    assert rad[: len(FARLIGA)] == ["'" + v for v in FARLIGA]
    assert rad[len(FARLIGA) :] == [VANLIG, "42", "-7", "2.5", "2031-01-31"]  # a negative number stays a number


def _xlsx(rader, rubriker=("Rubrik",)) -> bytes:
    bok = Arbetsbok()
    bok.blad("Blad", list(rubriker), rader)
    return bok.bytes()


@pytest.mark.parametrize("text", [*FARLIGA, VANLIG])
def test_xlsx_stores_text_as_text(text):
    ws = workbook(_xlsx([[text]], rubriker=[text]))["Blad"]
    for cell in (ws["A1"], ws["A2"]):  # header and data row
        assert cell.data_type == "s"
        assert isinstance(cell.value, str)


# Every text keeps its exact characters, CR included: openpyxl writes through lxml (a dependency
# of python-docx, which the compiled report needs), and lxml escapes CR as &#13; in the sheet's XML.
@pytest.mark.parametrize("text", [*FARLIGA, VANLIG])
def test_xlsx_keeps_the_exact_text(text):
    ws = workbook(_xlsx([[text]]))["Blad"]
    assert ws["A2"].value == text


def test_xlsx_numbers_and_dates_keep_their_types():
    nu = datetime(2031, 1, 31, 23, 30, tzinfo=STOCKHOLM)
    ws = workbook(_xlsx([[*TAL, DAG, nu]], rubriker=["a", "b", "c", "d", "e"]))["Blad"]
    assert [c.value for c in ws[2][:3]] == TAL
    assert [c.data_type for c in ws[2][:3]] == ["n", "n", "n"]
    assert (ws["D2"].is_date, ws["D2"].value) == (True, datetime(2031, 1, 31))
    assert (ws["E2"].is_date, ws["E2"].value) == (True, datetime(2031, 1, 31, 23, 30))  # local time, naive
    assert [c for c in all_cells(workbook(_xlsx([[*FARLIGA, *TAL]]))) if c.data_type == "f"] == []


# --- every download of the portal -----------------------------------------------------------------

AKTIVITET = '=HYPERLINK("http://x","aktivitet")'
STRATEGI = "=cmd|' /C calc'!A0"
ORGANISATION = "@SUM(A1) Kulturnämnden"
UTVARDERING = '+HYPERLINK("http://x","hinder")'


@pytest.fixture
def hostile_data(demo, frozen_today):
    """Formula-looking text in what the downloads show: an activity's title (and matrix heading),
    a strategy, an organisation and the process evaluations' obstacles. Today is frozen inside the
    demo period (tests/clock.py): the completeness file shows the current period."""
    Aktivitet.objects.filter(slug="hallbara-livsmiljoer").update(titel=AKTIVITET, matrisrubrik=AKTIVITET)
    Strategi.objects.filter(slug="minska-boendesegregationen").update(namn=STRATEGI)
    Organisation.objects.filter(namn="Kulturnämnden").update(namn=ORGANISATION)
    Processutvardering.objects.update(hinder=UTVARDERING)
    cache.clear()
    return demo


def assert_safe_csv(content: bytes, markers: list[str]) -> None:
    cells = [cell for row in csv_rows(content) for cell in row]
    for marker in markers:
        assert "'" + marker in cells, marker
        assert marker not in cells, marker
    for cell in cells:
        # Nothing a spreadsheet would evaluate: every formula-looking cell is apostrophe-prefixed
        # (a number such as -7 is not text; none of these files has negative numbers).
        assert not cell.startswith(FORMEL_START), cell


def assert_safe_xlsx(content: bytes, markers: list[str]) -> None:
    cells = all_cells(workbook(content))
    assert [(c.parent.title, c.coordinate, c.value) for c in cells if c.data_type == "f"] == []
    for marker in markers:
        found = [c for c in cells if c.value == marker]
        assert found, marker
        assert {c.data_type for c in found} == {"s"}, marker
    assert not any(isinstance(c.value, str) and c.value.startswith("'") for c in cells)  # no CSV apostrophes


@pytest.mark.parametrize(
    ("url", "markers"),
    [
        ("/aktiviteter.csv", [AKTIVITET]),
        ("/matris.csv", [AKTIVITET, STRATEGI]),
    ],
)
def test_public_csv_downloads_are_safe(client, hostile_data, url, markers):
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert_safe_csv(response.content, markers)


@pytest.mark.parametrize(
    ("url", "markers"),
    [
        ("/aktiviteter.xlsx", [AKTIVITET]),
        ("/matris.xlsx", [AKTIVITET, STRATEGI]),
    ],
)
def test_public_xlsx_downloads_are_safe(client, hostile_data, url, markers):
    response = client.get(url)
    assert response.status_code == 200
    assert_safe_xlsx(response.content, markers)


def test_kompletthet_xlsx_is_safe(client, hostile_data):
    client.force_login(hostile_data["stadsledningskontoret"])  # planägare
    response = client.get(reverse("uppfoljning:kompletthet_xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kompletthet-2021.xlsx"'
    assert_safe_xlsx(response.content, [AKTIVITET, ORGANISATION])
    ws = workbook(response.content)["Kompletthet"]
    assert {c.data_type for c in ws["G"][1:] if c.value is not None} == {"d"}  # "Senast ändrad" stays a date


def test_compiled_report_xlsx_is_safe(client, hostile_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    rapport = Uppfoljningsrapport.objects.create(plan=plan_current(), ar=2021, version=1)
    rapport = compile_uppfoljningsrapport(rapport_id=rapport.pk)
    assert rapport.status == Jobbstatus.DONE
    client.force_login(hostile_data["stadsledningskontoret"])
    response = client.get(reverse("uppfoljning:sammanstallning_fil", args=[rapport.pk, "xlsx"]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert_safe_xlsx(content, [AKTIVITET, STRATEGI, ORGANISATION, UTVARDERING])
    wb = workbook(content)
    assert wb["Processutvärderingar"]["F2"].value == UTVARDERING  # the "Hinder" column
    assert all(c.data_type == "n" for c in wb["Status per aktivitet"][2][2:] if isinstance(c.value, int))
