"""The suite holds after the demo period's deadline (2031-01-31).

Here the machine's clock beneath the suite's frozen one (tests/clock.py) stands at 2031-06-01:
`machine_clock` is travelled before `frozen_today` freezes the day on top of it, exactly as every
follow-up test is set up when the suite runs in June 2031. Representative deadline tests then run
their bodies unchanged, and pass."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from jamlik.errors import Domanfel
from tests.clock import IDAG, STOCKHOLM
from tests.uppfoljning.rapportering import test_validation, test_views
from uppfoljning.models import Statusrapport
from uppfoljning.services.rapportering import statusrapport_update

pytestmark = pytest.mark.django_db

EFTER_2031 = datetime(2031, 6, 1, 9, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def machine_clock():
    with time_machine.travel(EFTER_2031, tick=True):
        assert timezone.localdate() == date(2031, 6, 1)
        yield


@pytest.fixture
def utkast(demo):
    return Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )


def test_without_the_frozen_day_the_demo_draft_could_not_be_changed(demo, utkast):
    """The control: on 2031-06-01 itself the deadline rule refuses the change these tests make."""
    with time_machine.travel(EFTER_2031, tick=True):
        assert not demo["tjansteperson"].has_perm("uppfoljning.change_statusrapport", utkast)
        with pytest.raises(Domanfel) as fel:
            statusrapport_update(
                user=demo["tjansteperson"],
                rapport_id=utkast.pk,
                version=utkast.version,
                status="pagar_enligt_plan",
                genomfort="Ändrat",
                hinder="",
                nasta_steg="",
                strategier=[],
            )
        assert fel.value.message_dict == {
            "period": ["Perioden 2021 stängde 2031-01-31. Be planägaren att öppna rapporten igen."]
        }


def test_the_workflow_holds_after_2031(client, demo):
    assert timezone.localdate() == IDAG
    test_views.test_create_edit_submit_return_approve(client, demo)


def test_edits_conflicts_and_submit_through_the_api_hold_after_2031(demo, utkast):
    test_validation.test_api_conflict_is_409_and_domain_error_400(demo, utkast)
