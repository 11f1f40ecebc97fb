"""The compiled report's indicator chapter on known data: latest values by gender, trend, the gap
between areas in the latest year, nothing after the report's year, constant queries."""

import pytest
from django.utils import timezone

from indikatorer.choices import Kalla
from indikatorer.models import Varde
from indikatorer.selectors import kapitel

pytestmark = pytest.mark.django_db


def _satt(indikator, omrade, ar, kon, varde, exempel=False):
    Varde.objects.create(
        indikator=indikator,
        omrade=omrade,
        ar=ar,
        kon=kon,
        varde=varde,
        kalla=Kalla.KOLADA,
        hamtad=timezone.now(),
        exempel=exempel,
    )


def test_the_chapter_per_malomrade_with_latest_values_trend_and_gap(
    plan, indikatorer, omraden, django_assert_num_queries
):
    f = indikatorer["forvarv"]
    for ar, t, k, m in [(2019, 70.0, 68.0, 72.0), (2021, 73.0, 71.0, 75.0), (2023, 99.0, 99.0, 99.0)]:
        _satt(f, omraden["stad"], ar, "T", t)
        _satt(f, omraden["stad"], ar, "K", k)
        _satt(f, omraden["stad"], ar, "M", m)
    for omr, ar, kon, v in [
        ("nordost", 2020, "T", 50.0),
        ("centrum", 2020, "T", 85.0),
        ("nordost", 2021, "T", 55.0),
        ("centrum", 2021, "T", 84.0),
        ("sydvast", 2021, "T", 70.0),
        ("nordost", 2021, "K", 51.0),
        ("centrum", 2021, "K", 83.0),
        ("nordost", 2023, "T", 1.0),
        ("centrum", 2023, "T", 2.0),  # after the report's year: ignored
    ]:
        _satt(f, omraden[omr], ar, kon, v)
    _satt(indikatorer["trangbodda"], omraden["nordost"], 2021, "T", 30.0, exempel=True)

    with django_assert_num_queries(6):
        k = kapitel(plan=plan, ar=2022)
    assert k.ar == 2022 and not k.tomt
    forsta = k.avsnitt[0]
    assert forsta.malomrade == indikatorer["malomrade"]
    assert [a.malomrade.ordning for a in k.avsnitt] == sorted(a.malomrade.ordning for a in k.avsnitt)
    rad = next(i for i in forsta.indikatorer if i.slug == "forvarvsfrekvens")
    assert rad.kallhanvisning == "Källa: Kolada (N00914)"
    assert (rad.senaste_ar, rad.senaste) == (2021, {"T": 73.0, "K": 71.0, "M": 75.0})
    assert rad.trend == {"T": "battre", "K": "battre", "M": "battre"}
    assert rad.jamforelsear == 2021
    assert [(s.kon, s.hogst_omrade, s.lagst_omrade, s.skillnad) for s in rad.skillnader] == [
        ("T", "Centrum", "Nordost", 29.0),
        ("K", "Centrum", "Nordost", 32.0),
    ]
    assert rad.exempel is False
    trang = next(i for i in forsta.indikatorer if i.slug == "trangbodda-barn")
    assert trang.exempel is True and trang.skillnader == [] and trang.senaste_ar is None
    assert k.exempel is True


def test_a_plan_without_indicators_gives_an_empty_chapter(plan):
    k = kapitel(plan=plan, ar=2021)
    assert k.tomt and not k.exempel and len(k.avsnitt) == plan.malomraden.count()
