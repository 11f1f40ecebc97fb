"""Query counts of the logged-in reporting pages do not grow with the amount of data: measured at
the demo's size, then at 10× and 100× its reports (organisations that take part in every activity
of the plan, each with a report in the open period, as bench/render.py --logged-in does)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plan.behorighet import behorighet_bump
from plan.choices import AktivitetTyp, OrganisationTyp, Roll
from plan.models import Aktivitet, Aktivitetsroll, Medlemskap, Organisation
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import kompletthet, kompletthet_roller

pytestmark = pytest.mark.django_db


def _grow(user, start: int, stop: int) -> None:
    """Organisations start…stop-1: each takes part in every activity with a report in 2021 (a
    draft, or submitted every third, returned every seventh), and `user` is a member of all."""
    period = Uppfoljningsperiod.objects.get(slug="2021")
    aktiviteter = list(Aktivitet.objects.filter(plan=period.plan))
    organisationer = Organisation.objects.bulk_create(
        Organisation(
            kommun=period.plan.program.kommun,
            namn=f"Mätnämnd {i:03d}",
            slug=f"matnamnd-{i:03d}",
            typ=OrganisationTyp.NAMND,
        )
        for i in range(start, stop)
    )
    Medlemskap.objects.bulk_create(Medlemskap(anvandare=user, organisation=o) for o in organisationer)
    behorighet_bump()  # bulk_create sends no signal
    Aktivitetsroll.objects.bulk_create(
        Aktivitetsroll(
            aktivitet=a,
            organisation=o,
            roll=Roll.CENTRAL_AKTOR if a.typ == AktivitetTyp.SAMVERKAN else Roll.PILOTVERKSAMHET,
        )
        for o in organisationer
        for a in aktiviteter
    )
    Statusrapport.objects.bulk_create(
        Statusrapport(
            period=period,
            aktivitet=a,
            organisation=o,
            status="pagar_enligt_plan",
            tillstand="returnerad" if n % 7 == 0 else "inskickad" if n % 3 == 0 else "utkast",
        )
        for n, (o, a) in enumerate((o, a) for o in organisationer for a in aktiviteter)
        if n % 5  # every fifth still to write
    )


def _count(client, url) -> int:
    """The queries of a request as the user's next ones are: after one that read their profile
    (plan/behorighet.py, three queries whatever the size) after the growth made it stale."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("username", "name"),
    [
        ("tjansteperson", "uppfoljning:mina_rapporter"),
        ("samordnare", "uppfoljning:mina_rapporter"),
        ("stadsledningskontoret", "uppfoljning:mina_rapporter"),
        ("tjansteperson", "uppfoljning:statusrapporter"),
        ("stadsledningskontoret", "uppfoljning:statusrapporter"),
        ("stadsledningskontoret", "uppfoljning:kompletthet"),
        ("samordnare", "uppfoljning:kompletthet"),
        ("tjansteperson", "uppfoljning:statusrapport_andra"),
    ],
)
def test_constant_query_count_at_10_and_100_times_the_data(client, demo, username, name):
    user = demo[username]
    client.force_login(user)
    if name == "uppfoljning:statusrapport_andra":
        egen = Statusrapport.objects.filter(organisation__medlemskap__anvandare=user, tillstand="utkast").first()
        url = reverse(name, args=[egen.pk])
    else:
        url = reverse(name)
    demo_storlek = Statusrapport.objects.count()
    before = _count(client, url)
    _grow(user, 0, 10)
    assert Statusrapport.objects.count() >= 10 * demo_storlek
    assert _count(client, url) == before
    _grow(user, 10, 100)
    assert Statusrapport.objects.count() >= 100 * demo_storlek
    assert _count(client, url) == before


def test_mina_rapporter_pages_each_section_on_its_own(client, demo):
    user = demo["tjansteperson"]
    client.force_login(user)
    _grow(user, 0, 20)
    url = reverse("uppfoljning:mina_rapporter")
    mina = client.get(url).context["mina"]
    utkast = Statusrapport.objects.filter(
        period__slug="2021", organisation__medlemskap__anvandare=user, tillstand="utkast"
    ).order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn", "pk")
    assert mina.utkast.antal == utkast.count() > 50
    sidor = -(-mina.utkast.antal // 25)
    assert (len(mina.utkast), mina.utkast.sida, mina.utkast.sidor) == (25, 1, sidor)
    assert list(mina.utkast) == list(utkast[:25])

    response = client.get(url + "?utkast=2&att_skapa=2")
    mina = response.context["mina"]
    assert list(mina.utkast) == list(utkast[25:50])
    assert mina.att_skapa.sida == 2 and mina.inskickade.sida == 1
    html = response.content.decode()
    # The next page of the drafts keeps the other section's page, and comes back to the section.
    assert 'href="?att_skapa=2&amp;utkast=3#utkast"' in html
    assert 'aria-label="Sidor: Utkast"' in html

    # A page past the end is the last page; nonsense is the first.
    mina = client.get(url + "?utkast=99&inskickade=x&att_skapa=" + "9" * 30).context["mina"]
    assert mina.utkast.sida == sidor and list(mina.utkast) == list(utkast[(sidor - 1) * 25 :])
    assert mina.inskickade.sida == 1 and mina.att_skapa.sida == mina.att_skapa.sidor > 1
    # Every expected pair is either still to write or has a report: nothing lost or repeated by the paging.
    forsta = client.get(url).context["mina"].att_skapa
    sidor = [client.get(f"{url}?att_skapa={n}").context["mina"].att_skapa for n in range(1, forsta.sidor + 1)]
    att_skapa = [(a.pk, o.pk) for sida in sidor for a, o in sida]
    assert len(att_skapa) == len(set(att_skapa)) == forsta.antal > 25
    skrivna = set(
        Statusrapport.objects.filter(period__slug="2021", organisation__medlemskap__anvandare=user).values_list(
            "aktivitet_id", "organisation_id"
        )
    )
    roller = set(
        Aktivitetsroll.objects.filter(organisation__medlemskap__anvandare=user).values_list(
            "aktivitet_id", "organisation_id"
        )
    )
    assert set(att_skapa) == roller - skrivna


def test_completeness_counts_everything_and_pages_the_rows(client, demo):
    user = demo["stadsledningskontoret"]
    client.force_login(user)
    _grow(demo["tjansteperson"], 0, 20)
    url = reverse("uppfoljning:kompletthet")
    period = Uppfoljningsperiod.objects.get(slug="2021")
    alla = kompletthet(period=period, roller=kompletthet_roller(user=user, period=period))
    response = client.get(url)
    resultat, sida = response.context["resultat"], response.context["sida"]
    # The counts and the chart are of every row, the table of one page.
    assert resultat.antal == alla.antal and resultat.totalt == alla.totalt > 100
    assert len(resultat.rader) == 50 and sida.paginator.num_pages == -(-alla.totalt // 50)
    html = response.content.decode()
    assert f"Rad 1–50 av {alla.totalt}." in html and 'href="?sida=2"' in html
    # The pages together are exactly the rows of the export, in its order.
    rader = [
        (rad["aktivitet"].pk, rad["organisation"].pk, rad["roll"].roll, rad["tillstand"])
        for n in range(1, sida.paginator.num_pages + 1)
        for rad in client.get(f"{url}?sida={n}").context["resultat"].rader
    ]
    assert rader == [
        (rad["aktivitet"].pk, rad["organisation"].pk, rad["roll"].roll, rad["tillstand"]) for rad in alla.rader
    ]
    # A filter narrows both, and the page links keep it.
    response = client.get(url + "?tillstand=utkast")
    assert response.context["resultat"].totalt == alla.antal["utkast"] > 50
    assert "tillstand=utkast&amp;sida=2" in response.content.decode()
    # Past the end (however far): the last page.
    sista = client.get(url + "?sida=" + "9" * 30).context["sida"]
    assert sista.number == sida.paginator.num_pages
