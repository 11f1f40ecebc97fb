"""Indicators and areas for the tests: Göteborg with three stadsområden and a stadsdel, two
indicators of the plan in force (one from Kolada, divided by gender; one of the city's own)."""

import pytest

from indikatorer.choices import Kalla, Niva
from indikatorer.models import Indikator, Omrade


@pytest.fixture
def omraden(plan):
    kommun = plan.program.kommun
    stad = Omrade.objects.create(
        kommun=kommun, namn="Göteborg", slug="goteborg", niva=Niva.KOMMUN, kod="1480", kolada_id="1480"
    )
    nordost = Omrade.objects.create(
        kommun=kommun, namn="Nordost", slug="nordost", niva=Niva.STADSOMRADE, kod="SO1", forelder=stad, ordning=1
    )
    centrum = Omrade.objects.create(
        kommun=kommun, namn="Centrum", slug="centrum", niva=Niva.STADSOMRADE, kod="SO2", forelder=stad, ordning=2
    )
    sydvast = Omrade.objects.create(
        kommun=kommun,
        namn="Sydväst",
        slug="sydvast",
        niva=Niva.STADSOMRADE,
        kod="SO3",
        forelder=stad,
        ordning=3,
        giltig_fran=2019,
    )
    return {"stad": stad, "nordost": nordost, "centrum": centrum, "sydvast": sydvast}


@pytest.fixture
def indikatorer(plan, omraden):
    kommun = plan.program.kommun
    malomrade = plan.malomraden.order_by("ordning").first()
    strategi = malomrade.strategier.order_by("ordning").first()
    forvarv = Indikator.objects.create(
        kommun=kommun,
        namn="Förvärvsfrekvens 20–64 år",
        slug="forvarvsfrekvens",
        enhet="procent",
        kalla=Kalla.KOLADA,
        kolada_kpi="N00914",
        konsuppdelad=True,
        hogre_ar_battre=True,
    )
    forvarv.planer.add(plan)
    forvarv.strategier.add(strategi)
    forvarv.malomraden.add(malomrade)
    trangbodda = Indikator.objects.create(
        kommun=kommun,
        namn="Trångbodda barn",
        slug="trangbodda-barn",
        enhet="procent",
        kalla=Kalla.EGEN,
        hogre_ar_battre=False,
    )
    trangbodda.planer.add(plan)
    trangbodda.malomraden.add(malomrade)
    return {"forvarv": forvarv, "trangbodda": trangbodda, "malomrade": malomrade, "strategi": strategi}
