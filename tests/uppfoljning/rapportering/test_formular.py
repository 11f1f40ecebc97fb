"""The status report form never loses a word: server message instead of truncation, the return
comment on the form, strategies grouped by målområde with the matrix's first, the error summary,
the note on files to choose again, one instruction on conflicts; the workflow forms' error summary;
copy forward from the last period; a return after the deadline can be completed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.models import Matrisplacering
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.services import rapportering as services

pytestmark = pytest.mark.django_db


def _rapport(aktivitet, organisation, period="2021"):
    return Statusrapport.objects.get(period__slug=period, aktivitet__slug=aktivitet, organisation__namn=organisation)


@pytest.fixture
def utkast(demo):
    return _rapport("skolan-som-gemensam-arena", "Kulturnämnden")


def _post(rapport, **changes):
    return {
        "version": rapport.version,
        "status": rapport.status,
        "genomfort": rapport.genomfort,
        "hinder": rapport.hinder,
        "nasta_steg": rapport.nasta_steg,
        **changes,
    }


def test_a_long_text_is_refused_with_a_message_and_kept_whole(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    url = reverse("uppfoljning:statusrapport_andra", args=[utkast.pk])
    html = client.get(url).content.decode()
    assert "maxlength" not in html  # nothing for the browser to cut off
    assert 'data-raknare="5000"' in html  # the counter's limit
    lang = "x" * 13200
    response = client.post(url, _post(utkast, genomfort=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Texten har 13200 tecken men får ha högst 5000" in html
    assert lang in html  # every word back in the field
    assert re.search(r'<a href="#id_genomfort">[^<]*Texten har 13200 tecken', html)  # in the error summary
    utkast.refresh_from_db()
    assert utkast.genomfort != lang


def test_the_return_comment_is_on_top_of_the_edit_form(client, demo):
    rapport = _rapport("skolan-som-gemensam-arena", "Grundskolenämnden")
    assert rapport.tillstand == Rapporttillstand.RETURNERAD
    rapport.returkommentar = "Beskriv vilka skolor som deltar."
    rapport.save(update_fields=["returkommentar"])
    client.force_login(demo["samordnare"])
    html = client.get(reverse("uppfoljning:statusrapport_andra", args=[rapport.pk])).content.decode()
    assert "Beskriv vilka skolor som deltar." in html
    assert html.index("Beskriv vilka skolor som deltar.") < html.index('<form method="post" enctype')


def test_strategies_grouped_with_the_activitys_own_first(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    html = client.get(reverse("uppfoljning:statusrapport_andra", args=[utkast.pk])).content.decode()
    egna = list(
        Matrisplacering.objects.filter(samverkansaktivitet=utkast.aktivitet).select_related("strategi", "malomrade")
    )
    assert egna
    details = html.index("Visa alla strategier")
    for placering in egna:
        assert html.index(f">{placering.strategi.namn}</label>") < details
        assert f'<legend class="ds-label">{placering.malomrade.namn}</legend>' in html
    egna_ids = {p.strategi_id for p in egna}
    ovrig = utkast.aktivitet.plan.strategier.exclude(pk__in=egna_ids).first()
    assert html.index(f">{ovrig.namn}</label>") > details
    # Each checkbox before its own label, in its own field.
    assert re.search(r'<div class="ds-field">\s*<input type="checkbox" name="strategier" value="\d+"', html)
    # A chosen strategy outside the matrix keeps "Visa alla" open.
    response = client.post(
        reverse("uppfoljning:statusrapport_andra", args=[utkast.pk]), _post(utkast, status="", strategier=[ovrig.pk])
    )
    assert re.search(r"<details class=\"ds-details strategier__alla\"\s+open", response.content.decode())


def test_error_summary_links_each_field_and_the_file_must_be_chosen_again(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    fil = SimpleUploadedFile("lagesbild.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("uppfoljning:statusrapport_andra", args=[utkast.pk]), _post(utkast, status="", bilaga=fil)
    )
    html = response.content.decode()
    assert "data-felsammanfattning" in html
    assert '<a href="#id_status">' in html
    assert html.index("data-felsammanfattning") < html.index('name="genomfort"')
    assert "Du hade valt filen ”lagesbild.pdf”. Den är inte sparad: välj den igen innan du sparar." in html
    assert not utkast.bilagor.exists()


def test_conflict_gives_one_instruction_and_the_saved_version_on_top(client, demo, utkast):
    client.force_login(demo["tjansteperson"])
    stale = _post(utkast, genomfort="Min text")
    services.statusrapport_update(
        user=demo["tjansteperson"], rapport_id=utkast.pk, version=utkast.version, status="forsenad",
        genomfort="Kollegans text", hinder="", nasta_steg="", strategier=[],
    )  # fmt: skip
    html = client.post(reverse("uppfoljning:statusrapport_andra", args=[utkast.pk]), stale).content.decode()
    assert html.count("Jämför med den sparade versionen") == 1
    assert "ladda om" not in html.lower()
    assert html.index("Kollegans text") < html.index("Min text")  # the saved version above the form's text


def test_return_form_error_summary_keeps_the_comment(client, demo):
    rapport = _rapport("familjecentrerat-arbetssatt", "Kulturnämnden")
    client.force_login(demo["samordnare"])
    url = reverse("uppfoljning:statusrapport_action", args=[rapport.pk, "returnera"])
    response = client.post(url, {"retur-version": rapport.version, "retur-kommentar": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_retur-kommentar">' in html
    assert "Skriv vad som behöver kompletteras." in html
    lang = "Komplettera " * 200
    response = client.post(url, {"retur-version": rapport.version, "retur-kommentar": lang})
    assert response.status_code == 400
    assert lang.strip() in response.content.decode()
    rapport.refresh_from_db()
    assert rapport.tillstand == Rapporttillstand.INSKICKAD


def test_copy_forward_from_the_last_period(client, demo):
    forra = _rapport("familjecentrerat-arbetssatt", "Kulturnämnden", period="2020")
    _rapport("familjecentrerat-arbetssatt", "Kulturnämnden").delete()
    client.force_login(demo["tjansteperson"])
    url = (
        reverse("uppfoljning:statusrapport_ny")
        + "?aktivitet=familjecentrerat-arbetssatt&organisation=kulturnamnden&period=2021"
    )
    html = client.get(url).content.decode()
    assert "Utgår från rapporten för 2020" in html
    assert forra.genomfort and forra.genomfort in html
    strategi = forra.strategier.get()
    assert re.search(rf'value="{strategi.pk}"[^>]*checked', html)
    assert "Utgår från rapporten" not in client.get(url + "&tom=1").content.decode()
    response = client.post(
        url,
        {
            "organisation": forra.organisation.pk,
            "status": "pagar_enligt_plan",
            "genomfort": forra.genomfort,
            "hinder": forra.hinder,
            "nasta_steg": forra.nasta_steg,
            "strategier": [strategi.pk],
        },
    )
    assert response.status_code == 302
    ny = _rapport("familjecentrerat-arbetssatt", "Kulturnämnden")
    assert (ny.genomfort, list(ny.strategier.all()), ny.tillstand) == (forra.genomfort, [strategi], "utkast")
    # Once saved it is the organisation's own report, no longer marked as a starting point.
    assert (
        "Utgår från rapporten"
        not in client.get(reverse("uppfoljning:statusrapport_andra", args=[ny.pk])).content.decode()
    )


def test_a_return_after_the_deadline_can_be_completed_without_a_reopen(demo):
    period = Uppfoljningsperiod.objects.get(slug="2020")  # its deadline has passed
    tjp, samordnare = demo["tjansteperson"], demo["samordnare"]
    rapport = Statusrapport.objects.create(
        period=period,
        aktivitet=_rapport("skolan-som-gemensam-arena", "Kulturnämnden").aktivitet,
        organisation=_rapport("skolan-som-gemensam-arena", "Kulturnämnden").organisation,
        status="forsenad",
        tillstand=Rapporttillstand.INSKICKAD,
    )
    assert not tjp.has_perm("uppfoljning.change_statusrapport", rapport)
    rapport = services.statusrapport_return(
        user=samordnare, rapport_id=rapport.pk, version=rapport.version, kommentar="Ange vilka skolor."
    )
    assert tjp.has_perm("uppfoljning.change_statusrapport", rapport)
    rapport = services.statusrapport_update(
        user=tjp, rapport_id=rapport.pk, version=rapport.version, status="genomford",
        genomfort="Fyra skolor.", hinder="", nasta_steg="", strategier=[],
    )  # fmt: skip
    rapport = services.statusrapport_submit(user=tjp, rapport_id=rapport.pk, version=rapport.version)
    assert rapport.tillstand == Rapporttillstand.INSKICKAD
    # Submitted again, it is closed like every other report after the deadline.
    assert not tjp.has_perm("uppfoljning.change_statusrapport", rapport)
