"""The spreadsheet round-trip in headless Chromium: download the organisation's reports, edit the
file with openpyxl, upload it, read the preview, apply. A stale row (someone saved meanwhile) and a
formula are refused and nothing is applied; the corrected file is applied whole."""

import io

import pytest
from openpyxl import load_workbook

from tests.clock import open_period_around_today
from tests.factories import demo_users
from uppfoljning.models import Statusrapport
from uppfoljning.services import rapportering as services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("demo-jamlik-2021")
    page.get_by_role("button", name="Logga in").click()


def _download(page):
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner kalkylbladet").click()
    assert info.value.suggested_filename.endswith(".xlsx")
    wb = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    ws = wb["Rapporter"]
    return wb, ws, {ws.cell(r, 3).value: r for r in range(2, ws.max_row + 1)}


def _upload(page, wb, tmp_path, name):
    path = tmp_path / name
    wb.save(path)
    page.get_by_label("Ifyllt kalkylblad (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Förhandsgranska").click()


def test_download_edit_upload_preview_apply(plan, live_server, page, axe_violations, tmp_path):
    users = demo_users()
    open_period_around_today()
    _login(page, live_server, "tjansteperson")
    page.get_by_role("link", name="Rapportera alla aktiviteter i ett kalkylblad").click()
    assert axe_violations(page) == []

    wb, ws, rader = _download(page)
    skolan, livsmiljoer = rader["skolan-som-gemensam-arena"], rader["hallbara-livsmiljoer"]
    ws.cell(skolan, 8).value = "Försenad"
    ws.cell(skolan, 10).value = "Lokalerna är inte klara."
    ws.cell(livsmiljoer, 8).value = "Pågår enligt plan"
    ws.cell(livsmiljoer, 9).value = "=1+1"  # a formula
    # Meanwhile a colleague saves the draft in the portal: the file's row is stale.
    utkast = Statusrapport.objects.get(pk=ws.cell(skolan, 1).value)
    services.statusrapport_update(
        user=users["tjansteperson"], rapport_id=utkast.pk, version=utkast.version, status="genomford",
        genomfort="Kollegans text", hinder="", nasta_steg="", strategier=[],
    )  # fmt: skip
    _upload(page, wb, tmp_path, "med-fel.xlsx")
    summary = page.locator("[data-felsammanfattning]")
    assert "2 rader kan inte tas emot" in summary.inner_text()
    assert "har ändrats i portalen sedan filen laddades ner" in summary.inner_text()
    assert "formler tas inte emot" in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-felsammanfattning')")
    assert page.get_by_role("button", name="Spara").count() == 0
    assert axe_violations(page) == []
    utkast.refresh_from_db()
    assert (utkast.genomfort, utkast.hinder) == ("Kollegans text", "")
    assert not Statusrapport.objects.filter(
        aktivitet__slug="hallbara-livsmiljoer", organisation__namn="Kulturnämnden"
    ).exists()

    # A fresh download, both rows corrected: the preview says exactly what changes, then apply.
    wb, ws, rader = _download(page)
    ws.cell(rader["skolan-som-gemensam-arena"], 10).value = "Lokalerna är inte klara."
    ws.cell(rader["hallbara-livsmiljoer"], 8).value = "Pågår enligt plan"
    ws.cell(rader["hallbara-livsmiljoer"], 9).value = "Två träffar med bostadsbolagen."
    _upload(page, wb, tmp_path, "rattad.xlsx")
    tabell = page.locator("table.forhandsvisning")
    assert "Lokalerna är inte klara." in tabell.inner_text()
    assert "Ny rapport" in tabell.inner_text()
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_role("button", name="Spara alla 2 rader").click()
    assert page.locator("h1").inner_text() == "Mina rapporter"
    assert "2 rapporter är sparade från kalkylbladet." in page.content()
    utkast.refresh_from_db()
    assert (utkast.genomfort, utkast.hinder) == ("Kollegans text", "Lokalerna är inte klara.")
    ny = Statusrapport.objects.get(aktivitet__slug="hallbara-livsmiljoer", organisation__namn="Kulturnämnden")
    assert (ny.status, ny.genomfort, ny.tillstand) == ("pagar_enligt_plan", "Två träffar med bostadsbolagen.", "utkast")
