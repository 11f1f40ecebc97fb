"""The spreadsheet round-trip without a browser: download, edit with openpyxl, upload, preview,
apply all rows or none; conflicts, formulas, unknown columns, foreign identifiers and oversized
or exploding files refused with a reason."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plan.models import Organisation
from tests.factories import MedlemskapFactory
from uppfoljning import kalkylblad
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.services import kalkylblad as services
from uppfoljning.services import rapportering as rapportering

pytestmark = pytest.mark.django_db

URL = reverse("uppfoljning:kalkylblad") + "?period=2021"


def _download(client) -> bytes:
    response = client.get(reverse("uppfoljning:kalkylblad_ladda_ner") + "?period=2021")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="statusrapporter-2021.xlsx"'
    return response.content


def _rows(wb):
    ws = wb[kalkylblad.BLAD]
    keys = [k for k, _r in kalkylblad.KOLUMNER]
    return {ws.cell(row, 3).value: row for row in range(2, ws.max_row + 1)}, ws, keys


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(client, data: bytes, name="rapporter.xlsx"):
    return client.post(URL, {"fil": SimpleUploadedFile(name, data)})


@pytest.fixture
def official(client, demo):
    client.force_login(demo["tjansteperson"])
    return client


def test_download_has_one_row_per_activity_locked_ids_and_a_status_list(official):
    wb = load_workbook(io.BytesIO(_download(official)))
    rader, ws, _keys = _rows(wb)
    # Kulturnämnden's activities in 2021: its draft, its submitted report, and those not yet written.
    assert {"skolan-som-gemensam-arena", "familjecentrerat-arbetssatt", "hallbara-livsmiljoer"} <= set(rader)
    utkast = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    row = rader["skolan-som-gemensam-arena"]
    assert ws.cell(row, 1).value == utkast.pk and ws.cell(row, 2).value == utkast.version
    assert ws.cell(row, 9).value == utkast.genomfort
    assert ws.protection.sheet
    assert all(ws.column_dimensions[c].hidden for c in "ABCD")
    assert ws.cell(row, 1).protection.locked and not ws.cell(row, 9).protection.locked
    (validering,) = ws.data_validations.dataValidation
    assert validering.type == "list" and "Pågår enligt plan" in validering.formula1
    assert str(validering.sqref).startswith("H2")


def test_round_trip_preview_then_apply(official, demo):
    wb = load_workbook(io.BytesIO(_download(official)))
    rader, ws, _keys = _rows(wb)
    ws.cell(rader["skolan-som-gemensam-arena"], 8).value = "Försenad"
    ws.cell(rader["skolan-som-gemensam-arena"], 10).value = "Lokalerna är inte klara."
    ws.cell(rader["hallbara-livsmiljoer"], 8).value = "Pågår enligt plan"
    ws.cell(rader["hallbara-livsmiljoer"], 9).value = "=börjar med likhetstecken men är text"
    ws.cell(rader["hallbara-livsmiljoer"], 9).data_type = "s"
    response = _upload(official, _save(wb))
    assert response.status_code == 200, response.context["forhandsvisning"].rader
    forhandsvisning = response.context["forhandsvisning"]
    andrade = {r.aktivitet: r for r in forhandsvisning.andrade}
    assert len(andrade) == 2
    skolan = next(r for r in forhandsvisning.andrade if r.handling == "andra")
    assert [a[0] for a in skolan.andringar] == ["Status", "Hinder"]
    ny = next(r for r in forhandsvisning.andrade if r.handling == "skapa")
    assert ny.varden["genomfort"] == "=börjar med likhetstecken men är text"
    html = response.content.decode()
    assert "Lokalerna är inte klara." in html and "Spara alla 2 rader" in html
    assert not Statusrapport.objects.filter(
        aktivitet__slug="hallbara-livsmiljoer", organisation__namn="Kulturnämnden"
    ).exists()
    token = response.context["token"]
    response = official.post(reverse("uppfoljning:kalkylblad_verkstall"), {"token": token})
    assert response.status_code == 302
    utkast = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    assert (utkast.status, utkast.hinder, utkast.version) == ("forsenad", "Lokalerna är inte klara.", 2)
    assert utkast.history.first().history_user == demo["tjansteperson"]
    skapad = Statusrapport.objects.get(aktivitet__slug="hallbara-livsmiljoer", organisation__namn="Kulturnämnden")
    assert skapad.genomfort == "=börjar med likhetstecken men är text"
    # The token is spent: a second press changes nothing.
    response = official.post(reverse("uppfoljning:kalkylblad_verkstall"), {"token": token})
    assert response.status_code == 302
    assert Statusrapport.objects.get(pk=utkast.pk).version == 2


def test_conflict_and_formula_rows_are_refused_and_nothing_is_applied(official, demo):
    wb = load_workbook(io.BytesIO(_download(official)))
    rader, ws, _keys = _rows(wb)
    ws.cell(rader["skolan-som-gemensam-arena"], 11).value = "Mitt nästa steg"
    ws.cell(rader["hallbara-livsmiljoer"], 8).value = "Pågår enligt plan"
    ws.cell(rader["hallbara-livsmiljoer"], 9).value = '=HYPERLINK("http://example.com")'
    utkast = Statusrapport.objects.get(pk=ws.cell(rader["skolan-som-gemensam-arena"], 1).value)
    rapportering.statusrapport_update(
        user=demo["tjansteperson"], rapport_id=utkast.pk, version=utkast.version, status="genomford",
        genomfort="Kollegans text", hinder="", nasta_steg="", strategier=[],
    )  # fmt: skip
    response = _upload(official, _save(wb))
    assert response.status_code == 400
    forhandsvisning = response.context["forhandsvisning"]
    assert response.context["token"] is None
    fel = {r.rad: " ".join(r.fel) for r in forhandsvisning.rader if r.fel}
    assert "har ändrats i portalen sedan filen laddades ner" in fel[rader["skolan-som-gemensam-arena"]]
    assert "formler tas inte emot" in fel[rader["hallbara-livsmiljoer"]]
    assert "Spara alla" not in response.content.decode()
    utkast.refresh_from_db()
    assert utkast.genomfort == "Kollegans text" and utkast.nasta_steg == ""
    assert not Statusrapport.objects.filter(
        aktivitet__slug="hallbara-livsmiljoer", organisation__namn="Kulturnämnden"
    ).exists()


def test_apply_is_all_or_none_when_a_row_turns_stale_after_the_preview(official, demo):
    wb = load_workbook(io.BytesIO(_download(official)))
    rader, ws, _keys = _rows(wb)
    ws.cell(rader["skolan-som-gemensam-arena"], 11).value = "Mitt nästa steg"
    ws.cell(rader["hallbara-livsmiljoer"], 8).value = "Pågår enligt plan"
    response = _upload(official, _save(wb))
    token = response.context["token"]
    assert token
    utkast = Statusrapport.objects.get(pk=ws.cell(rader["skolan-som-gemensam-arena"], 1).value)
    rapportering.statusrapport_update(
        user=demo["tjansteperson"], rapport_id=utkast.pk, version=utkast.version, status="genomford",
        genomfort="Kollegans text", hinder="", nasta_steg="", strategier=[],
    )  # fmt: skip
    response = official.post(reverse("uppfoljning:kalkylblad_verkstall"), {"token": token}, follow=True)
    assert "rapporten har ändrats sedan förhandsvisningen. Inget har sparats." in response.content.decode()
    assert not Statusrapport.objects.filter(
        aktivitet__slug="hallbara-livsmiljoer", organisation__namn="Kulturnämnden"
    ).exists()


def test_foreign_identifiers_and_unknown_values_are_refused_with_a_reason(official):
    wb = load_workbook(io.BytesIO(_download(official)))
    rader, ws, _keys = _rows(wb)
    row = rader["hallbara-livsmiljoer"]
    ws.cell(row, 4).value = "stadsbyggnadsnamnden"  # another organisation's row
    ws.cell(row, 8).value = "Pågår enligt plan"
    skolan = rader["skolan-som-gemensam-arena"]
    ws.cell(skolan, 8).value = "Nästan klar"
    nordost = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Socialnämnden Nordost"
    )
    familj = rader["familjecentrerat-arbetssatt"]
    ws.cell(familj, 1).value = nordost.pk  # another organisation's report id
    ws.cell(familj, 10).value = "Ändrat"
    response = _upload(official, _save(wb))
    assert response.status_code == 400
    fel = {r.rad: " ".join(r.fel) for r in response.context["forhandsvisning"].rader if r.fel}
    assert "inte någon som du rapporterar för" in fel[row]
    assert "”Nästan klar” finns inte i listan" in fel[skolan]
    assert "Rapport-id:t hör inte till" in fel[familj]
    nordost.refresh_from_db()
    assert nordost.hinder != "Ändrat"


def test_a_submitted_report_cannot_be_changed_through_the_sheet(official):
    wb = load_workbook(io.BytesIO(_download(official)))
    rader, ws, _keys = _rows(wb)
    row = rader["familjecentrerat-arbetssatt"]  # inskickad
    ws.cell(row, 10).value = "Nytt hinder"
    response = _upload(official, _save(wb))
    fel = {r.rad: " ".join(r.fel) for r in response.context["forhandsvisning"].rader if r.fel}
    assert "kan inte ändras" in fel[row]


def test_files_that_are_not_the_sheet_are_refused_as_a_whole(official, settings):
    wb = load_workbook(io.BytesIO(_download(official)))
    ws = wb[kalkylblad.BLAD]
    ws.cell(1, 12).value = "Kommentar"
    response = _upload(official, _save(wb))
    assert "Okända kolumner: L (”Kommentar”)" in response.content.decode()

    response = _upload(official, b"inte en kalkylfil", name="rapporter.xlsx")
    assert "Filen är inte en Excel-fil (.xlsx)." in response.content.decode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/bomb.xml", b"0" * (kalkylblad.MAX_EXPANDED + 1))
    assert len(buffer.getvalue()) < kalkylblad.MAX_BYTES  # small on disk, huge unpacked
    response = _upload(official, buffer.getvalue())
    assert response.status_code == 400
    assert "packas upp till mer än" in response.content.decode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(kalkylblad.MAX_ENTRIES + 1):
            archive.writestr(f"xl/del{n}.xml", "x")
    assert "för många delar" in _upload(official, buffer.getvalue()).content.decode()

    response = _upload(official, b"0" * (kalkylblad.MAX_BYTES + 1))
    assert "Filen är för stor" in response.content.decode()


@pytest.mark.parametrize(("roll", "expected"), [("admin", 403), ("stadsledningskontoret", 200), (None, 302)])
def test_who_may_use_the_sheet(client, demo, roll, expected):
    if roll:
        client.force_login(demo[roll])
    assert client.get(URL).status_code == expected
    assert client.get(reverse("uppfoljning:kalkylblad_ladda_ner") + "?period=2021").status_code == expected


def test_preview_queries_do_not_grow_with_rows(official, demo, django_assert_max_num_queries):
    period = Uppfoljningsperiod.objects.get(slug="2021")
    data = _download(official)
    with django_assert_max_num_queries(12):
        services.kalkylblad_preview(user=demo["tjansteperson"], period=period, data=data)


GRANSKNING_URL = reverse("uppfoljning:granskningsblad") + "?period=2021"


def _granskning(client) -> tuple:
    response = client.get(reverse("uppfoljning:granskningsblad_ladda_ner") + "?period=2021")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb[kalkylblad.GRANSKNING.blad]
    return wb, ws, {ws.cell(r, 4).value: r for r in range(2, ws.max_row + 1)}


def _submitted(demo, aktivitet, organisation):
    rapport = Statusrapport.objects.get(period__slug="2021", aktivitet__slug=aktivitet, organisation__namn=organisation)
    if rapport.tillstand != "inskickad":
        user = demo["samordnare"] if organisation == "Grundskolenämnden" else demo["tjansteperson"]
        rapport = rapportering.statusrapport_submit(user=user, rapport_id=rapport.pk, version=rapport.version)
    return rapport


def test_review_sheet_approves_and_returns_several_at_once(client, demo):
    kultur = _submitted(demo, "familjecentrerat-arbetssatt", "Kulturnämnden")
    kultur_skolan = _submitted(demo, "skolan-som-gemensam-arena", "Kulturnämnden")
    egen = _submitted(demo, "skolan-som-gemensam-arena", "Grundskolenämnden")
    client.force_login(demo["samordnare"])
    wb, ws, _rader = _granskning(client)
    ids = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    assert set(ids) == {kultur.pk, kultur_skolan.pk}  # never its own organisation's report
    assert egen.pk not in ids
    assert ws.protection.sheet and ws.column_dimensions["A"].hidden
    ws.cell(ids[kultur.pk], 9).value = "Godkänn"
    ws.cell(ids[kultur.pk], 10).value = "Tydligt."
    ws.cell(ids[kultur_skolan.pk], 9).value = "Returnera"
    response = client.post(GRANSKNING_URL, {"fil": SimpleUploadedFile("g.xlsx", _save(wb))})
    assert response.status_code == 400
    fel = {r.rad: " ".join(r.fel) for r in response.context["forhandsvisning"].rader if r.fel}
    assert "skriv vad som behöver kompletteras" in fel[ids[kultur_skolan.pk]]
    ws.cell(ids[kultur_skolan.pk], 10).value = "Ange vilka skolor."
    response = client.post(GRANSKNING_URL, {"fil": SimpleUploadedFile("g.xlsx", _save(wb))})
    assert response.status_code == 200
    assert "Spara alla 2 rader" in response.content.decode()
    kultur.refresh_from_db()
    assert kultur.tillstand == "inskickad"  # nothing before the apply
    response = client.post(reverse("uppfoljning:kalkylblad_verkstall"), {"token": response.context["token"]})
    assert response.status_code == 302
    kultur.refresh_from_db()
    kultur_skolan.refresh_from_db()
    assert (kultur.tillstand, kultur.godkannandekommentar) == ("godkand", "Tydligt.")
    assert (kultur_skolan.tillstand, kultur_skolan.returkommentar) == ("returnerad", "Ange vilka skolor.")


def test_review_sheet_refuses_a_report_reviewed_meanwhile_and_applies_nothing(client, demo):
    kultur = _submitted(demo, "familjecentrerat-arbetssatt", "Kulturnämnden")
    kultur_skolan = _submitted(demo, "skolan-som-gemensam-arena", "Kulturnämnden")
    client.force_login(demo["samordnare"])
    wb, ws, _rader = _granskning(client)
    ids = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(ids[kultur.pk], 9).value = "Godkänn"
    ws.cell(ids[kultur_skolan.pk], 9).value = "Godkänn"
    forskola = MedlemskapFactory(organisation=Organisation.objects.get(namn="Förskolenämnden")).anvandare
    rapportering.statusrapport_approve(user=forskola, rapport_id=kultur.pk, version=kultur.version)
    response = client.post(GRANSKNING_URL, {"fil": SimpleUploadedFile("g.xlsx", _save(wb))})
    assert response.status_code == 400 and response.context["token"] is None
    fel = {r.rad: " ".join(r.fel) for r in response.context["forhandsvisning"].rader if r.fel}
    assert "inte längre inskickad" in fel[ids[kultur.pk]]
    kultur_skolan.refresh_from_db()
    assert kultur_skolan.tillstand == "inskickad"


@pytest.mark.parametrize(
    ("roll", "expected"), [("tjansteperson", 403), ("samordnare", 200), ("stadsledningskontoret", 200)]
)
def test_who_may_use_the_review_sheet(client, demo, roll, expected):
    client.force_login(demo[roll])
    assert client.get(GRANSKNING_URL).status_code == expected
