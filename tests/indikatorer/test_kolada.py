"""The Kolada import against a local server in Kolada's format: paging, the gender split, missing
values, a server error and a timeout retried, a fault that persists recorded, an idempotent re-run."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indikatorer.choices import Inlasningsstatus, Kalla, Niva
from indikatorer.kolada import Klient, KoladaFel
from indikatorer.models import Indikator, Inlasning, Omrade, Varde
from indikatorer.services.kolada import kolada_hamta
from indikatorer.tasks import hamta_kolada
from jamlik.actors import SYSTEM
from jamlik.ops.published import published_version

from .kolada_server import KoladaServer, rad

pytestmark = pytest.mark.django_db

AR = [2019, 2020, 2021]
DATA = "data/kpi/N00914/municipality/1480/year/2019,2020,2021"


@pytest.fixture
def server():
    with KoladaServer() as s:
        yield s


def klient(server, **kw):
    return Klient(bas=server.bas, timeout=kw.pop("timeout", 2), forsok=kw.pop("forsok", 2), vantan=0, per_sida=2, **kw)


def skript_med_tva_sidor(server):
    server.satt(
        DATA,
        server.sida(
            DATA,
            [
                rad("N00914", "1480", 2019, ("T", 78.0, ""), ("K", 76.0, ""), ("M", 80.0, "")),
                rad("N00914", "1480", 2020, ("T", 77.5, ""), ("K", 75.1, ""), ("M", 79.9, "")),
            ],
            nasta=DATA + "?page=2&per_page=2",
        ),
    )
    server.satt(
        DATA + "?page=2",
        server.sida(DATA, [rad("N00914", "1480", 2021, ("T", 79.0, ""), ("K", None, "Missing"), ("M", 81.0, ""))]),
    )
    server.satt(
        "kpi/N00914",
        (
            "json",
            {
                "count": 1,
                "values": [
                    {
                        "id": "N00914",
                        "title": "Förvärvsarbetande",
                        "description": "Andel förvärvsarbetande invånare 20–64 år.",
                        "is_divided_by_gender": 1,
                    }
                ],
            },
        ),
    )


def test_paged_gender_split_values_with_a_missing_one_are_stored_and_a_rerun_changes_nothing(
    server, indikatorer, omraden
):
    skript_med_tva_sidor(server)
    inlasning = kolada_hamta(user=SYSTEM, ar=AR, klient=klient(server))
    assert inlasning.status == Inlasningsstatus.KLAR
    assert (inlasning.antal_rader, inlasning.antal_nya, inlasning.antal_andrade) == (9, 9, 0)
    assert "/v3/" + DATA + "?page=2" in server.anrop  # the second page was followed
    varden = {(v.ar, v.kon): (v.varde, v.status) for v in Varde.objects.filter(omrade=omraden["stad"])}
    assert varden[(2019, "K")] == (76.0, "")
    assert varden[(2021, "K")] == (None, "Missing")
    assert len(varden) == 9
    assert set(Varde.objects.values_list("kalla", flat=True)) == {Kalla.KOLADA}
    indikatorer["forvarv"].refresh_from_db()
    assert indikatorer["forvarv"].definition == "Andel förvärvsarbetande invånare 20–64 år."

    fore = published_version()
    igen = kolada_hamta(user=SYSTEM, ar=AR, klient=klient(server))
    assert (igen.antal_nya, igen.antal_andrade, igen.antal_oforandrade) == (0, 0, 9)
    assert published_version() == fore  # nothing public changed
    assert Varde.objects.count() == 9


def test_a_server_error_then_success_is_retried(server, indikatorer, omraden):
    skript_med_tva_sidor(server)
    server.skript["/v3/" + DATA].insert(0, ("fel", 500))
    k = klient(server)
    inlasning = kolada_hamta(user=SYSTEM, ar=AR, klient=k)
    assert inlasning.status == Inlasningsstatus.KLAR and inlasning.antal_nya == 9
    assert server.anrop.count("/v3/" + DATA) == 2
    assert inlasning.parametrar["anrop"] == k.anrop == 4  # kpi, 500, page 1, page 2


def test_a_timeout_then_success_is_retried(server, indikatorer, omraden):
    skript_med_tva_sidor(server)
    forsta = server.skript["/v3/" + DATA][0]
    server.skript["/v3/" + DATA].insert(0, ("vanta", 1.0, forsta[1]))
    inlasning = kolada_hamta(user=SYSTEM, ar=AR, klient=klient(server, timeout=0.3))
    assert inlasning.status == Inlasningsstatus.KLAR and inlasning.antal_nya == 9


def test_a_fault_that_persists_is_recorded_and_nothing_is_written(server, indikatorer, omraden):
    skript_med_tva_sidor(server)
    server.satt(DATA, ("fel", 503))
    vantetider = []
    k = Klient(bas=server.bas, timeout=2, forsok=3, vantan=0.5, per_sida=2, sov=vantetider.append)
    with pytest.raises(KoladaFel, match="efter 4 försök"):
        kolada_hamta(user=SYSTEM, ar=AR, klient=k)
    assert vantetider == [0.5, 1.0, 2.0]  # exponential back-off
    inlasning = Inlasning.objects.get()
    assert inlasning.status == Inlasningsstatus.FEL and "503" in inlasning.fel
    assert not Varde.objects.exists()


def test_a_client_error_is_not_retried_and_a_foreign_next_page_is_refused(server, indikatorer, omraden):
    server.satt("kpi/N00914", ("fel", 404))
    k = klient(server)
    with pytest.raises(KoladaFel, match="404"):
        k.kpi("N00914")
    assert k.anrop == 1
    server.satt(DATA, ("json", {"values": [], "next_page": "http://example.org/v3/steal"}))
    with pytest.raises(KoladaFel, match="utanför API:t"):
        list(k.data("N00914", kommuner=["1480"], ar=AR))


def test_an_indicator_not_divided_by_gender_keeps_total_rows_only_and_units_use_oudata(server, plan, omraden):
    kommun = plan.program.kommun
    skola = Omrade.objects.create(
        kommun=kommun,
        namn="Exempelskolan",
        slug="exempelskolan",
        niva=Niva.ENHET,
        kolada_id="V15E148000101",
        forelder=omraden["nordost"],
    )
    ind = Indikator.objects.create(
        kommun=kommun,
        namn="Behörighet gymnasiet",
        slug="behorighet",
        enhet="procent",
        kalla=Kalla.KOLADA,
        kolada_kpi="N15428",
        kolada_per_enhet=True,
        definition="Satt.",
    )
    ind.planer.add(plan)
    sokvag = "oudata/kpi/N15428/ou/V15E148000101/year/2021"
    server.satt(
        sokvag,
        server.sida(sokvag, [rad("N15428", "V15E148000101", 2021, ("T", 70.0, ""), ("K", 72.0, ""), nyckel="ou")]),
    )
    kolada_hamta(user=SYSTEM, ar=[2021], klient=klient(server))
    assert list(Varde.objects.filter(indikator=ind).values_list("omrade", "kon", "varde")) == [(skola.pk, "T", 70.0)]


def test_command_and_beat_task_use_the_configured_address(server, indikatorer, omraden, settings):
    skript_med_tva_sidor(server)
    settings.KOLADA_BASE_URL = server.bas
    settings.KOLADA_PER_PAGE = 2
    settings.KOLADA_BACKOFF = 0
    ut = StringIO()
    call_command("hamta_kolada", "--kpi", "N00914", "--ar", "2019", "--ar", "2020", "--ar", "2021", stdout=ut)
    assert "9 rader, 9 nya, 0 ändrade, 0 oförändrade" in ut.getvalue()
    # The beat task fetches every year of the plan and INDIKATORER_JAMFORELSEAR before it.
    alla = "data/kpi/N00914/municipality/1480/year/" + ",".join(str(a) for a in range(2009, 2023))
    server.satt(
        alla, server.sida(alla, [rad("N00914", "1480", 2022, ("T", 80.0, ""), ("K", 79.0, ""), ("M", 81.0, ""))])
    )
    inlasning = Inlasning.objects.get(pk=hamta_kolada.apply(throw=True).get())
    assert (inlasning.status, inlasning.antal_nya) == (Inlasningsstatus.KLAR, 3)
    server.satt(DATA, ("fel", 500))
    with pytest.raises(CommandError):
        call_command(
            "hamta_kolada", "--kpi", "N00914", "--ar", "2019", "--ar", "2020", "--ar", "2021", stdout=StringIO()
        )
    assert Inlasning.objects.filter(status=Inlasningsstatus.FEL).count() == 1
