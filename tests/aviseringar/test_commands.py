from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_command_runs_the_schedule_once_and_twice_sends_nothing_more(demo):
    out = StringIO()
    call_command("aviseringar", "--vecka", stdout=out)
    assert (
        "Nya aviseringar: period öppnad 4, sista dag närmar sig 0, försenad 0, veckosammanfattning 0" in out.getvalue()
    )
    assert "Skickade e-postmeddelanden: 4" in out.getvalue()
    call_command("aviseringar", "--vecka", stdout=StringIO())
    assert len(mail.outbox) == 4
