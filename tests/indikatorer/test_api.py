"""The open indicator API: indicators, areas and values, filters, 400 on bad filter values, the
schema, and constant queries."""

import pytest
from django.utils import timezone

from indikatorer.choices import Kalla
from indikatorer.models import Varde

pytestmark = pytest.mark.django_db


@pytest.fixture
def varden(indikatorer, omraden):
    nu = timezone.now()
    rader = [
        ("forvarv", "nordost", 2020, "T", 50.0),
        ("forvarv", "nordost", 2021, "K", 48.0),
        ("forvarv", "centrum", 2021, "T", 80.0),
        ("trangbodda", "nordost", 2021, "T", None),
    ]
    return [
        Varde.objects.create(
            indikator=indikatorer[i],
            omrade=omraden[o],
            ar=a,
            kon=k,
            varde=v,
            kalla=Kalla.EGEN,
            hamtad=nu,
            exempel=(i == "trangbodda"),
        )
        for i, o, a, k, v in rader
    ]


def test_indicators_say_their_source_and_links(client, plan, indikatorer):
    data = client.get("/api/v1/indikatorer/").json()
    assert data["count"] == 2
    forvarv = next(r for r in data["results"] if r["slug"] == "forvarvsfrekvens")
    assert forvarv["kallhanvisning"] == "Källa: Kolada (N00914)"
    assert forvarv["strategier"] == [indikatorer["strategi"].slug]
    assert forvarv["planer"] == [plan.slug] and forvarv["exempel"] is False
    detalj = client.get("/api/v1/indikatorer/forvarvsfrekvens/").json()
    assert detalj["kolada_kpi"] == "N00914"
    strategi = client.get(f"/api/v1/indikatorer/?strategi={indikatorer['strategi'].slug}").json()
    assert [r["slug"] for r in strategi["results"]] == ["forvarvsfrekvens"]


def test_values_filter_by_strategy_area_year_and_gender(client, plan, indikatorer, varden):
    def slugs(query):
        svar = client.get("/api/v1/varden/" + query)
        assert svar.status_code == 200, svar.content
        return [(r["indikator"], r["omrade"], r["ar"], r["kon"], r["varde"]) for r in svar.json()["results"]]

    assert len(slugs("")) == 4
    assert slugs("?omrade=centrum") == [("forvarvsfrekvens", "centrum", 2021, "T", 80.0)]
    assert slugs("?ar=2021&kon=K") == [("forvarvsfrekvens", "nordost", 2021, "K", 48.0)]
    assert len(slugs(f"?strategi={indikatorer['strategi'].slug}")) == 3
    assert slugs("?indikator=trangbodda-barn") == [("trangbodda-barn", "nordost", 2021, "T", None)]
    assert len(slugs("?ar_fran=2021&ar_till=2021")) == 3
    rad = client.get("/api/v1/varden/?indikator=trangbodda-barn").json()["results"][0]
    assert rad["exempel"] is True and rad["kallhanvisning"] == "Källa: Egen statistik"


@pytest.mark.parametrize(
    "query",
    [
        "?ar=tjugo",
        "?ar=2020.5",
        "?kon=X",
        "?omrade=atlantis",
        "?strategi=finns-inte",
        "?indikator=nej",
        "?plan=nej",
        "?niva=planet",
    ],
)
def test_bad_filter_values_are_400_with_the_reason(client, plan, indikatorer, query):
    svar = client.get("/api/v1/varden/" + query)
    assert svar.status_code == 400
    assert svar.json()  # a reason per field


def test_areas_by_level_and_year(client, plan, omraden):
    data = client.get("/api/v1/omraden/?niva=stadsomrade&ar=2018").json()
    assert [r["slug"] for r in data["results"]] == ["nordost", "centrum"]  # Sydväst from 2019
    assert client.get("/api/v1/omraden/nordost/").json()["forelder"] == "goteborg"
    assert client.get("/api/v1/omraden/?niva=x").status_code == 400


def test_the_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in ["/api/v1/indikatorer/", "/api/v1/omraden/", "/api/v1/varden/"]:
        assert path in schema
    assert "kallhanvisning" in schema


def test_value_list_is_constant_in_queries(client, plan, indikatorer, varden, django_assert_max_num_queries, settings):
    settings.PUBLIC_CACHE_ENABLED = False
    with django_assert_max_num_queries(6):
        client.get("/api/v1/varden/?limit=100")
