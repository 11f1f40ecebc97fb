"""Process evaluations: creation per planned evaluation, editing, workflow, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import UserFactory
from uppfoljning.choices import Utvarderingstillstand
from uppfoljning.models import PlaneradUppfoljning, Processutvardering
from uppfoljning.utvardering_services import (
    processutvardering_transition,
    processutvardering_update,
    processutvarderingar_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def utvarderingar(plan, planagare):
    processutvarderingar_create(uppfoljning=PlaneradUppfoljning.objects.get(ar=2021), user=planagare)
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
    assert processutvarderingar_create(uppfoljning=PlaneradUppfoljning.objects.get(ar=2021), user=planagare) == []
    assert Processutvardering.objects.count() == 5


def test_workflow_to_final_needs_an_assessment(utvarderingar, planagare):
    u = utvarderingar["skolan-som-gemensam-arena"]
    u = processutvardering_transition(utvardering=u, user=planagare, till="under_granskning", version=1)
    with pytest.raises(ValidationError, match="samlad bedömning"):
        processutvardering_transition(utvardering=u, user=planagare, till="slutlig", version=2)
    u = processutvardering_update(
        utvardering=u, user=planagare, version=2, data={"samlad_bedomning": "i_hog_grad", "hinder": "Lokalbrist."}
    )
    u = processutvardering_transition(utvardering=u, user=planagare, till="slutlig", version=3)
    assert (u.tillstand, u.version, u.hinder) == (Utvarderingstillstand.SLUTLIG, 4, "Lokalbrist.")
    assert u.history.count() == 4


def test_final_evaluation_cannot_be_edited_and_draft_cannot_jump_to_final(utvarderingar, planagare):
    u = utvarderingar["hallbara-livsmiljoer"]
    with pytest.raises(ValidationError, match="Det går inte att gå från ”Utkast” till ”Slutlig”"):
        processutvardering_transition(utvardering=u, user=planagare, till="slutlig", version=1)


def test_stale_version_is_refused(utvarderingar, planagare):
    u = utvarderingar["hallbara-livsmiljoer"]
    processutvardering_update(utvardering=u, user=planagare, version=1, data={"hinder": "A"})
    with pytest.raises(ValidationError, match="ändrats av någon annan"):
        processutvardering_update(utvardering=u, user=planagare, version=1, data={"hinder": "B"})


def test_only_planagare_may_change(utvarderingar):
    with pytest.raises(PermissionDenied):
        processutvardering_update(
            utvardering=utvarderingar["hallbara-livsmiljoer"], user=UserFactory(), version=1, data={"hinder": "X"}
        )
