"""The demo indicators: loaded without network, idempotent, labelled Exempel on every page,
chart, download and API response."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indikatorer.models import Indikator, Omrade, Varde

pytestmark = pytest.mark.django_db


def test_loading_twice_writes_nothing_the_second_time(plan, settings):
    settings.DEBUG = True
    ut = StringIO()
    call_command("load_demo_indikatorer", stdout=ut)
    antal = Varde.objects.count()
    assert antal > 500 and f"{antal} värden skrivna" in ut.getvalue()
    ut = StringIO()
    call_command("load_demo_indikatorer", stdout=ut)
    assert "0 värden skrivna" in ut.getvalue() and Varde.objects.count() == antal
    assert not Varde.objects.filter(exempel=False).exists()
    assert not Indikator.objects.filter(exempel=False).exists()
    assert not Omrade.objects.filter(exempel=False).exists()


def test_refused_outside_debug_without_force(plan, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_indikatorer", stdout=StringIO())


def test_every_channel_labels_the_examples(client, plan):
    call_command("load_demo_indikatorer", "--force", stdout=StringIO())
    oversikt = client.get("/skillnader/").content.decode()
    assert oversikt.count(">Exempel<") >= 4
    sida = client.get("/skillnader/exempel-forvarvsfrekvens/").content.decode()
    assert "påhittade exempel" in sida
    assert sida.count("(Exempel)</title>") == 3  # each chart's own title says so
    csv = client.get("/skillnader/exempel-forvarvsfrekvens/varden.csv").content.decode("utf-8-sig")
    assert all(rad.endswith(";Ja") for rad in csv.strip().split("\r\n")[1:])
    for url in ["/api/v1/indikatorer/", "/api/v1/omraden/", "/api/v1/varden/?indikator=exempel-valdeltagande"]:
        resultat = client.get(url).json()["results"]
        assert resultat and all(r["exempel"] is True for r in resultat)
    strategi = client.get("/strategier/minska-boendesegregationen/").content.decode()
    assert "Trångbodda invånare (exempel)" in strategi and ">Exempel<" in strategi
