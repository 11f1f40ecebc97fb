"""The public indicator pages: the overview, an indicator's page with its charts and tables,
the downloads, the linked plan pages; constant query counts at 10× and 100× data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indikatorer.choices import Kalla, Niva
from indikatorer.models import Indikator, Omrade, Varde

pytestmark = pytest.mark.django_db


def fyll(plan, indikatorer, omraden, *, skala: int, start: int = 0):
    """`skala` extra areas and indicators, 5 years × 3 genders of values for each pair."""
    kommun = plan.program.kommun
    nya_omraden = Omrade.objects.bulk_create(
        Omrade(kommun=kommun, namn=f"Område {i:03}", slug=f"omrade-{i}", niva=Niva.STADSOMRADE, ordning=10 + i)
        for i in range(start, start + skala)
    )
    nya = Indikator.objects.bulk_create(
        Indikator(
            kommun=kommun,
            namn=f"Indikator {i:03}",
            slug=f"ind-{i}",
            enhet="procent",
            kalla=Kalla.EGEN,
            konsuppdelad=True,
        )
        for i in range(start, start + skala)
    )
    for ind in nya:
        ind.planer.add(plan)
        ind.malomraden.add(indikatorer["malomrade"])
    nu = timezone.now()
    fasta = [omraden["nordost"], omraden["centrum"], omraden["stad"]]
    par = [(indikatorer["forvarv"], omr) for omr in nya_omraden + (fasta if start == 0 else [])]
    par += [(ind, omr) for ind in nya for omr in nya_omraden + fasta]
    Varde.objects.bulk_create(
        Varde(
            indikator=ind,
            omrade=omr,
            ar=ar,
            kon=kon,
            varde=(omr.pk * 7 + ar + ord(kon)) % 100,
            kalla=Kalla.EGEN,
            hamtad=nu,
        )
        for ind, omr in par
        for ar in range(2019, 2022)
        for kon in "TKM"
    )


def test_the_indicator_page_shows_series_gaps_and_areas_with_the_source(client, plan, indikatorer, omraden):
    nu = timezone.now()
    ind = indikatorer["forvarv"]
    for omr, ar, kon, v in [
        ("stad", 2020, "T", 70.0),
        ("stad", 2021, "T", 72.0),
        ("stad", 2021, "K", 69.5),
        ("stad", 2021, "M", 74.0),
        ("nordost", 2021, "T", 52.5),
        ("centrum", 2021, "T", 84.0),
        ("sydvast", 2021, "T", 77.0),
        ("nordost", 2021, "K", 48.0),
        ("centrum", 2021, "K", 83.0),
    ]:
        Varde.objects.create(indikator=ind, omrade=omraden[omr], ar=ar, kon=kon, varde=v, kalla=Kalla.KOLADA, hamtad=nu)
    svar = client.get(reverse("web:indikator", kwargs={"slug": ind.slug}))
    assert svar.status_code == 200
    text = svar.content.decode()
    assert "Källa: Kolada (N00914)" in text
    assert "<svg" in text and 'role="img"' in text
    assert "stroke-dasharray" in text  # the second series is dashed, not only another colour
    gap = svar.context["detalj"].skillnader
    t2021 = next(s for s in gap if (s.ar, s.kon) == (2021, "T"))
    assert (t2021.hogst_omrade, t2021.lagst_omrade, t2021.skillnad) == ("Centrum", "Nordost", 31.5)
    assert "Centrum: 84" in text and "Nordost: 52,5" in text and "31,5" in text
    assert "Exempel" not in text
    # Linked from the strategy and målområde pages.
    strategi = indikatorer["strategi"]
    assert ind.namn in client.get(strategi.get_absolute_url()).content.decode()
    assert ind.namn in client.get(indikatorer["malomrade"].get_absolute_url()).content.decode()
    # The overview lists it under its målområde with the latest gap.
    oversikt = client.get(reverse("web:indikatorer")).content.decode()
    assert "Skillnader i livsvillkor" in oversikt and ind.namn in oversikt and "31,5" in oversikt


def test_example_values_are_labelled_on_page_and_download(client, plan, indikatorer, omraden):
    ind = indikatorer["trangbodda"]
    for omr, v in [("nordost", 30.0), ("centrum", 10.0)]:
        Varde.objects.create(
            indikator=ind, omrade=omraden[omr], ar=2021, varde=v, kalla=Kalla.EGEN, hamtad=timezone.now(), exempel=True
        )
    text = client.get(reverse("web:indikator", kwargs={"slug": ind.slug})).content.decode()
    assert "Exempel" in text and "påhittade exempel" in text
    csv = client.get(reverse("web:indikator-csv", kwargs={"slug": ind.slug})).content.decode("utf-8-sig")
    rader = csv.strip().split("\r\n")
    assert rader[0].endswith(";Exempel") and all(r.endswith(";Ja") for r in rader[1:])
    assert len(rader) == 3
    assert client.get(reverse("web:indikator-xlsx", kwargs={"slug": ind.slug})).status_code == 200
    assert "Exempel" in client.get(reverse("web:indikatorer")).content.decode()


def test_an_unknown_indicator_is_404(client, plan):
    assert client.get(reverse("web:indikator", kwargs={"slug": "finns-inte"})).status_code == 404


def _antal(client, url) -> int:
    with CaptureQueriesContext(connection) as fangat:
        assert client.get(url).status_code == 200
    return len(fangat)


@pytest.mark.parametrize("namn", ["web:indikatorer", "web:indikator", "web:strategi"])
def test_pages_are_constant_in_queries_at_10_and_100_times_the_data(
    client, plan, indikatorer, omraden, namn, django_assert_num_queries, settings
):
    settings.PUBLIC_CACHE_ENABLED = False
    kwargs = {
        "web:indikator": {"slug": "forvarvsfrekvens"},
        "web:strategi": {"slug": indikatorer["strategi"].slug},
    }.get(namn, {})
    url = reverse(namn, kwargs=kwargs)
    fyll(plan, indikatorer, omraden, skala=10)
    tio = _antal(client, url)
    varden_vid_tio = Varde.objects.count()
    fyll(plan, indikatorer, omraden, skala=90, start=10)  # 100 extra areas and indicators in all
    # 10× the areas and the indicators, so about 60× the values (1 287 → 77 427).
    assert Omrade.objects.count() > 100 and Indikator.objects.count() > 100
    assert Varde.objects.count() > 50 * varden_vid_tio
    with django_assert_num_queries(tio):
        client.get(url)
