"""Lists that scale: the report list at 100× the demo's data paged with a total count and a constant
number of queries; the filtered list exported as CSV and XLSX (formula-safe); the samordnare's
to-dos on Mina rapporter."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plan.choices import OrganisationTyp
from plan.models import Aktivitet, Organisation
from tests.factories import goteborg
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod

pytestmark = pytest.mark.django_db


def _count(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def _hundredfold():
    """100× the demo's reports: 100 organisations × every activity of the plan."""
    period = Uppfoljningsperiod.objects.get(slug="2021")
    kommun = goteborg()
    orgs = Organisation.objects.bulk_create(
        Organisation(kommun=kommun, namn=f"Bulknämnd {i:03}", slug=f"bulknamnd-{i}", typ=OrganisationTyp.NAMND)
        for i in range(100)
    )
    aktiviteter = list(Aktivitet.objects.filter(plan=period.plan)[:8])
    Statusrapport.objects.bulk_create(
        Statusrapport(period=period, aktivitet=a, organisation=o, status="forsenad", tillstand="godkand")
        for o in orgs
        for a in aktiviteter
    )
    return len(orgs) * len(aktiviteter)


def test_report_list_at_100x_data_is_paged_with_total_and_constant_queries(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    url = reverse("uppfoljning:statusrapporter") + "?ordning=-uppdaterad"
    client.get(url)  # warm the per-process caches (the plan chooser's list of plans)
    before, response = _count(client, url)
    fore = response.context["sida"].paginator.count
    extra = _hundredfold()
    after, response = _count(client, url)
    assert after == before
    sida = response.context["sida"]
    assert sida.paginator.count == fore + extra >= 100 * fore
    assert len(sida.object_list) == 50
    assert f"{fore + extra} rapporter" in response.content.decode()
    last, response = _count(client, url + f"&sida={sida.paginator.num_pages}")
    assert last == before
    sista = response.context["sida"]
    assert sista.number == sida.paginator.num_pages and len(sista.object_list) == ((fore + extra) % 50 or 50)
    # Past the end: the last page; not a number: the first; pages never overlap.
    assert client.get(url + "&sida=9999").context["sida"].number == sida.paginator.num_pages
    assert client.get(url + "&sida=x").context["sida"].number == 1
    andra = client.get(url + "&sida=2").context["sida"].object_list
    assert not {r.pk for r in sida.object_list} & {r.pk for r in andra} and len(andra) == 50
    # The API pages the same FilterSet with the same total.
    api = client.get("/api/v1/statusrapporter/?limit=10&tillstand=godkand").json()
    assert api["count"] == Statusrapport.objects.filter(tillstand="godkand").count()


def test_export_of_the_filtered_list_csv_and_xlsx(client, demo):
    utkast = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    Statusrapport.objects.filter(pk=utkast.pk).update(genomfort='=HYPERLINK("http://example.com")')
    client.force_login(demo["tjansteperson"])
    lista = client.get(reverse("uppfoljning:statusrapporter") + "?tillstand=utkast").content.decode()
    assert reverse("uppfoljning:statusrapporter_csv") + "?tillstand=utkast" in lista
    response = client.get(reverse("uppfoljning:statusrapporter_csv") + "?tillstand=utkast")
    assert response["Content-Disposition"] == 'attachment; filename="statusrapporter.csv"'
    rader = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rader[0][:3] == ["Period", "Aktivitet", "Organisation"]
    assert [r[2] for r in rader[1:]] == ["Kulturnämnden"]  # only the drafts the official may read
    assert rader[1][7] == '\'=HYPERLINK("http://example.com")'  # formula-safe

    response = client.get(reverse("uppfoljning:statusrapporter_xlsx"))
    ws = load_workbook(io.BytesIO(response.content)).active
    synliga = client.get("/api/v1/statusrapporter/?limit=500").json()["count"]
    assert ws.max_row - 1 == synliga
    celler = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == '=HYPERLINK("http://example.com")']
    assert celler and all(c.data_type == "s" for c in celler)

    assert client.get(reverse("uppfoljning:statusrapporter_csv") + "?status=trasig").status_code == 400
    client.logout()
    assert client.get(reverse("uppfoljning:statusrapporter_csv")).status_code == 302


def test_samordnare_sees_review_and_overall_status_to_dos_with_counts(client, demo):
    samordnare = demo["samordnare"]
    client.force_login(samordnare)
    response = client.get(reverse("uppfoljning:mina_rapporter") + "?period=2021")
    mina = response.context["mina"]
    ledda = {a.slug for a, _s in mina.samlad_status}
    # Grundskolenämnden's samverkansaktiviteter and the steering activity it has ansvar for.
    assert ledda == {"skolan-som-gemensam-arena", "familjecentrerat-arbetssatt", "integrera-jamlikhet"}
    skrivna = set(
        Aktivitetsstatus.objects.filter(period__slug="2021", aktivitet__slug__in=ledda).values_list(
            "aktivitet__slug", flat=True
        )
    )
    assert mina.samlad_status_att_skriva == len(ledda - skrivna)
    html = response.content.decode()
    granskas = len(mina.att_granska)
    assert granskas == 1  # Kulturnämnden's submitted report in familjecentrerat
    assert "1 rapport väntar på din granskning" in html
    assert reverse("uppfoljning:aktivitetsstatus", args=["2021", "skolan-som-gemensam-arena"]) in html
    # An official who leads nothing sees no such section.
    client.force_login(demo["tjansteperson"])
    assert "Att göra som granskare" not in client.get(reverse("uppfoljning:mina_rapporter")).content.decode()


def test_filter_forms_from_the_cache_follow_changes_and_choices(client, demo, settings):
    """The filter fields are kept in the cache (jamlik.filters.filter_fields_html): the next request
    after a change to the choices shows it, the chosen value is the one selected, and a form with an
    error is never served from the cache."""
    settings.PLAN_FRAGMENT_CACHE = True  # the test settings keep fragments off
    client.force_login(demo["stadsledningskontoret"])
    url = reverse("uppfoljning:statusrapporter")
    for sida in (url, reverse("uppfoljning:kompletthet")):
        assert "Nyinrättade nämnden" not in client.get(sida).content.decode()
    aktivitet = Aktivitet.objects.get(slug="hallbara-livsmiljoer")
    ny = Organisation.objects.create(
        kommun=goteborg(), namn="Nyinrättade nämnden", slug="nyinrattade", typ=OrganisationTyp.NAMND
    )
    aktivitet.roller.create(organisation=ny, roll="central_aktor")
    for sida in (url, reverse("uppfoljning:kompletthet")):
        assert '<option value="nyinrattade">Nyinrättade nämnden</option>' in client.get(sida).content.decode()
    html = client.get(url + "?organisation=nyinrattade").content.decode()
    assert '<option value="nyinrattade" selected>Nyinrättade nämnden</option>' in html
    assert '<option value="nyinrattade" selected>' not in client.get(url).content.decode()  # each its own entry
    response = client.get(url + "?organisation=finns-inte")
    assert response.status_code == 400
    assert 'class="ds-validation-message falt__fel" data-field="validation" id="id_organisation_error"' in (
        response.content.decode()
    )
