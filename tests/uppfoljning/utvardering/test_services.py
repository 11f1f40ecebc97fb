"""Process evaluations: creation per planned evaluation, editing, the transition table, permissions."""

import pytest
from django.core.exceptions import PermissionDenied

from jamlik.actors import SYSTEM
from jamlik.errors import Domanfel, Versionskonflikt
from tests.factories import UserFactory
from uppfoljning.choices import Rapporttillstand, Utvarderingshandling, Utvarderingstillstand
from uppfoljning.models import PlaneradUppfoljning, Processutvardering, Statusrapport
from uppfoljning.services.utvardering import (
    processutvardering_transition,
    processutvardering_update,
    processutvarderingar_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def utvarderingar(plan, planagare):
    processutvarderingar_create(user=planagare, uppfoljning=PlaneradUppfoljning.objects.get(ar=2021))
    return {u.aktivitet.slug: u for u in Processutvardering.objects.select_related("aktivitet")}


def test_one_evaluation_per_planned_one_and_a_part_per_pilot(utvarderingar):
    assert sorted(utvarderingar) == [
        "familjecentrerat-arbetssatt",
        "hallbara-livsmiljoer",
        "integrera-jamlikhet",
        "jobb-och-kompetenscentrerat-arbetssatt",
        "skolan-som-gemensam-arena",
    ]
    assert [d.organisation.namn for d in utvarderingar["integrera-jamlikhet"].delar.all()] == [
        "Förskoleförvaltningen",
        "Grundskoleförvaltningen",
        "Arbetsmarknads- och vuxenutbildningsförvaltningen",
        "Stadsbyggnadskontoret",
    ]
    assert utvarderingar["skolan-som-gemensam-arena"].delar.count() == 0


def test_create_is_idempotent(utvarderingar, planagare):
    assert processutvarderingar_create(user=planagare, uppfoljning=PlaneradUppfoljning.objects.get(ar=2021)) == []
    assert Processutvardering.objects.count() == 5


def test_workflow_to_final_needs_an_assessment(utvarderingar, planagare):
    u = utvarderingar["skolan-som-gemensam-arena"]
    u = processutvardering_transition(
        user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.SUBMIT, version=1
    )
    with pytest.raises(Domanfel, match="samlad bedömning"):
        processutvardering_transition(
            user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.FINALISE, version=2
        )
    u = processutvardering_update(
        user=planagare, utvardering_id=u.pk, version=2, data={"samlad_bedomning": "i_hog_grad", "hinder": "Lokalbrist."}
    )
    u = processutvardering_transition(
        user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.FINALISE, version=3
    )
    assert (u.tillstand, u.version, u.hinder) == (Utvarderingstillstand.SLUTLIG, 4, "Lokalbrist.")
    assert u.history.count() == 4
    assert u.history.first().history_user == planagare


def test_final_evaluation_cannot_be_edited_and_draft_cannot_jump_to_final(utvarderingar, planagare):
    u = utvarderingar["hallbara-livsmiljoer"]
    with pytest.raises(Domanfel, match="Det går inte att gå från ”Utkast” till ”Slutlig”"):
        processutvardering_transition(
            user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.FINALISE, version=1
        )
    processutvardering_update(user=planagare, utvardering_id=u.pk, version=1, data={"samlad_bedomning": "i_hog_grad"})
    processutvardering_transition(user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.SUBMIT, version=2)
    processutvardering_transition(
        user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.FINALISE, version=3
    )
    with pytest.raises(Domanfel, match="En slutlig utvärdering kan inte ändras"):
        processutvardering_update(user=planagare, utvardering_id=u.pk, version=4, data={"hinder": "Sent tillägg"})


def test_stale_version_is_a_conflict(utvarderingar, planagare):
    u = utvarderingar["hallbara-livsmiljoer"]
    processutvardering_update(user=planagare, utvardering_id=u.pk, version=1, data={"hinder": "A"})
    with pytest.raises(Versionskonflikt) as exc:
        processutvardering_update(user=planagare, utvardering_id=u.pk, version=1, data={"hinder": "B"})
    assert exc.value.aktuell_version == 2
    assert Processutvardering.objects.get(pk=u.pk).hinder == "A"


def test_only_planagare_may_change(utvarderingar):
    with pytest.raises(PermissionDenied):
        processutvardering_update(
            user=UserFactory(), utvardering_id=utvarderingar["hallbara-livsmiljoer"].pk, version=1, data={"hinder": "X"}
        )


def test_no_user_is_no_bypass(utvarderingar):
    """Services never skip the permission check: a missing user is refused, the system actor is explicit."""
    uppfoljning = PlaneradUppfoljning.objects.get(ar=2021)
    with pytest.raises(PermissionDenied):
        processutvarderingar_create(user=None, uppfoljning=uppfoljning)
    with pytest.raises(PermissionDenied):
        processutvardering_update(
            user=None, utvardering_id=utvarderingar["hallbara-livsmiljoer"].pk, version=1, data={"hinder": "X"}
        )
    u = processutvardering_update(
        user=SYSTEM, utvardering_id=utvarderingar["hallbara-livsmiljoer"].pk, version=1, data={"hinder": "Y"}
    )
    assert (u.hinder, u.uppdaterad_av, u.history.first().history_user) == ("Y", None, None)


def test_evidence_must_be_approved_reports(utvarderingar, planagare, demo):
    u = Processutvardering.objects.get(pk=utvarderingar["familjecentrerat-arbetssatt"].pk)
    utkast = Statusrapport.objects.filter(aktivitet=u.aktivitet).exclude(tillstand=Rapporttillstand.GODKAND).first()
    godkand = Statusrapport.objects.filter(aktivitet=u.aktivitet, tillstand=Rapporttillstand.GODKAND).first()
    assert utkast is not None and godkand is not None
    if u.tillstand == Utvarderingstillstand.SLUTLIG:
        u = processutvardering_transition(
            user=planagare, utvardering_id=u.pk, handling=Utvarderingshandling.REOPEN, version=u.version
        )
    with pytest.raises(Domanfel, match="godkända statusrapporter"):
        processutvardering_update(user=planagare, utvardering_id=u.pk, version=u.version, data={}, underlag=[utkast])
    u = processutvardering_update(user=planagare, utvardering_id=u.pk, version=u.version, data={}, underlag=[godkand])
    assert list(u.underlag.all()) == [godkand]
