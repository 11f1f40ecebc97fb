"""What depends on today's date, on fixed days: the frozen day of the suite (tests/clock.py, inside
the demo's open period "2021") and, by travelling from it, the deadline 2031-01-31 and the days
around it. Nothing here changes with the day the suite runs."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from jamlik.errors import Domanfel
from plan.models import Aktivitet, Organisation
from tests.clock import IDAG, STOCKHOLM
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import period_current
from uppfoljning.services.rapportering import statusrapport_create, statusrapport_reopen, statusrapport_update

pytestmark = pytest.mark.django_db

SISTA_DAG = date(2031, 1, 31)  # the demo period's (fixtures/demo.json)


@pytest.fixture
def utkast(demo):
    return Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )


def _update(rapport, user, text="Ändrat"):
    return statusrapport_update(
        user=user,
        rapport_id=rapport.pk,
        version=rapport.version,
        status="pagar_enligt_plan",
        genomfort=text,
        hinder="",
        nasta_steg="",
        strategier=[],
    )


def test_the_frozen_day_is_inside_the_open_demo_period(demo):
    period = Uppfoljningsperiod.objects.get(slug="2021")
    assert timezone.localdate() == IDAG
    assert (period.sista_dag, period.ar_oppen()) == (SISTA_DAG, True)
    assert period_current() == period
    assert not Uppfoljningsperiod.objects.get(slug="2020").ar_oppen()


def test_mina_rapporter_is_late_only_after_the_deadline(client, demo):
    client.force_login(demo["tjansteperson"])
    mina = client.get(reverse("uppfoljning:mina_rapporter")).context["mina"]
    assert (mina.period.slug, mina.forsenad) == ("2021", False)
    with time_machine.travel(datetime(2031, 2, 1, 9, 0, tzinfo=STOCKHOLM), tick=True):
        client.force_login(demo["tjansteperson"])  # the session of 2022 has expired
        response = client.get(reverse("uppfoljning:mina_rapporter"))
    mina = response.context["mina"]
    assert (mina.period.slug, mina.forsenad) == ("2021", True)  # no period open: the latest that opened
    assert "Sista dag för perioden har passerat." in response.content.decode()


def test_api_oppen_filter_follows_the_day(demo):
    def slugs(oppen: str) -> list[str]:
        svar = APIClient().get(f"/api/v1/uppfoljningsperioder/?oppen={oppen}").json()
        return sorted(p["slug"] for p in svar["results"])

    assert (slugs("true"), slugs("false")) == (["2021"], ["2019", "2020"])
    with time_machine.travel(datetime(2031, 2, 1, 9, 0, tzinfo=STOCKHOLM), tick=True):
        assert (slugs("true"), slugs("false")) == ([], ["2019", "2020", "2021"])


@pytest.mark.parametrize(
    ("nu", "oppen"),
    [
        (datetime(2031, 1, 31, 23, 59, tzinfo=STOCKHOLM), True),  # the last day, Stockholm time (22:59 UTC)
        (datetime(2031, 2, 1, 0, 1, tzinfo=STOCKHOLM), False),  # the day after (still 31 January in UTC)
    ],
)
def test_officials_write_until_the_last_day_in_stockholm_time(demo, utkast, nu, oppen):
    tjp = demo["tjansteperson"]
    with time_machine.travel(nu, tick=False):
        assert timezone.localdate() == nu.date()
        assert tjp.has_perm("uppfoljning.change_statusrapport", utkast) == oppen
        if oppen:
            assert _update(utkast, tjp).version == utkast.version + 1
        else:
            with pytest.raises(Domanfel) as fel:
                _update(utkast, tjp)
            assert fel.value.message_dict == {
                "period": ["Perioden 2021 stängde 2031-01-31. Be planägaren att öppna rapporten igen."]
            }


def test_after_the_deadline_no_new_report_and_only_a_reopened_one_changes(demo):
    tjp, planagare = demo["tjansteperson"], demo["stadsledningskontoret"]
    inskickad = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="familjecentrerat-arbetssatt", organisation__namn="Kulturnämnden"
    )
    with time_machine.travel(SISTA_DAG + timedelta(days=1), tick=True):
        with pytest.raises(Domanfel) as fel:
            statusrapport_create(
                user=tjp,
                period=inskickad.period,
                aktivitet=Aktivitet.objects.get(slug="hallbara-livsmiljoer"),
                organisation=Organisation.objects.get(namn="Kulturnämnden"),
                status="pagar_enligt_plan",
            )
        assert fel.value.message_dict == {"period": ["Perioden 2021 har stängt för rapportering."]}
        rapport = statusrapport_reopen(
            user=planagare, rapport_id=inskickad.pk, version=inskickad.version, motivering="Sen komplettering"
        )
        rapport = _update(rapport, tjp, "Kompletterat efter sista dag")
    assert (rapport.tillstand, rapport.ateroppnad, rapport.genomfort) == (
        "returnerad",
        True,
        "Kompletterat efter sista dag",
    )
