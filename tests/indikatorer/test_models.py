import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from indikatorer.choices import Kalla, Niva
from indikatorer.models import Indikator, Omrade, Varde

pytestmark = pytest.mark.django_db


def test_a_value_is_unique_per_indicator_area_year_gender_and_group(indikatorer, omraden):
    ind, omr = indikatorer["forvarv"], omraden["nordost"]
    Varde.objects.create(
        indikator=ind, omrade=omr, ar=2020, kon="K", varde=1, kalla=Kalla.KOLADA, hamtad=timezone.now()
    )
    Varde.objects.create(
        indikator=ind, omrade=omr, ar=2020, kon="K", grupp="16-24", varde=2, kalla=Kalla.KOLADA, hamtad=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Varde.objects.create(
            indikator=ind, omrade=omr, ar=2020, kon="K", varde=3, kalla=Kalla.KOLADA, hamtad=timezone.now()
        )


def test_a_kolada_indicator_needs_its_kpi_id(plan):
    ind = Indikator(kommun=plan.program.kommun, namn="X", slug="x", enhet="procent", kalla=Kalla.KOLADA)
    with pytest.raises(ValidationError) as fel:
        ind.full_clean()
    assert "kolada_kpi" in fel.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        ind.save()


def test_area_codes_are_unique_within_the_municipality_and_validity_is_ordered(plan, omraden):
    kommun = plan.program.kommun
    with pytest.raises(IntegrityError), transaction.atomic():
        Omrade.objects.create(kommun=kommun, namn="Annat", slug="annat", niva=Niva.STADSDEL, kod="SO1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Omrade.objects.create(
            kommun=kommun, namn="Bakvänt", slug="bakvant", niva=Niva.STADSDEL, giltig_fran=2022, giltig_till=2020
        )
    # Empty codes do not collide.
    Omrade.objects.create(kommun=kommun, namn="Utan kod 1", slug="u1", niva=Niva.DESO)
    Omrade.objects.create(kommun=kommun, namn="Utan kod 2", slug="u2", niva=Niva.DESO)
    assert omraden["sydvast"].giltigt(2019) and not omraden["sydvast"].giltigt(2018)


def test_source_reference_names_kolada_and_the_kpi(indikatorer):
    assert indikatorer["forvarv"].kallhanvisning == "Källa: Kolada (N00914)"
    assert indikatorer["trangbodda"].kallhanvisning == "Källa: Egen statistik"
