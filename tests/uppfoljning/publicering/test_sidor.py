"""The public follow-up pages: what they show, the feed, the downloads, and query counts that stay
the same at 10× and 100× the data (periods, approved reports, overall statuses)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plan.models import Aktivitet, Aktivitetsroll, Strategi
from plan.selectors import plan_current
from uppfoljning.choices import Rapporttillstand, Status
from uppfoljning.models import Aktivitetsstatus, Processutvardering, Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import RAPPORTERINGSSKYLDIG

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
STATUSAR = [s.value for s in Status]


def _more_data(fran: int, till: int) -> None:
    """Earlier periods number `fran`..`till`, each with an overall status for every activity and an approved
    report (with strategies) from every obliged organisation of the first activities."""
    plan = plan_current()
    aktiviteter = list(Aktivitet.objects.filter(plan=plan))
    roller = list(Aktivitetsroll.objects.filter(RAPPORTERINGSSKYLDIG, aktivitet__plan=plan)[:8])
    strategier = list(Strategi.objects.filter(plan=plan)[:3])
    start = Uppfoljningsperiod.objects.filter(plan=plan).order_by("oppnar").first().oppnar
    for i in range(fran, till + 1):
        oppnar = start - datetime.timedelta(days=7 * i)
        period = Uppfoljningsperiod.objects.create(
            plan=plan, namn=f"T{i}", slug=f"t{i}", oppnar=oppnar, sista_dag=oppnar + datetime.timedelta(days=5)
        )
        Aktivitetsstatus.objects.bulk_create(
            Aktivitetsstatus(period=period, aktivitet=a, status=STATUSAR[(i + n) % 6], sammanfattning=f"S{i}")
            for n, a in enumerate(aktiviteter)
        )
        rapporter = Statusrapport.objects.bulk_create(
            Statusrapport(
                period=period,
                aktivitet_id=r.aktivitet_id,
                organisation_id=r.organisation_id,
                status=STATUSAR[(i + n) % 6],
                tillstand=Rapporttillstand.GODKAND,
                genomfort=f"Gjort {i}",
                godkand=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=i),
            )
            for n, r in enumerate({(r.aktivitet_id, r.organisation_id): r for r in roller}.values())
        )
        Statusrapport.strategier.through.objects.bulk_create(
            Statusrapport.strategier.through(statusrapport_id=r.pk, strategi_id=s.pk)
            for r in rapporter
            for s in strategier
        )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def _urls() -> list[str]:
    aktivitet = Aktivitet.objects.get(slug="familjecentrerat-arbetssatt")
    slutlig = Processutvardering.objects.filter(tillstand="slutlig").first()
    return [
        "/uppfoljning/",
        aktivitet.get_absolute_url(),
        Aktivitet.objects.get(slug="integrera-jamlikhet").get_absolute_url(),
        "/uppfoljning/flode.atom",
        "/uppfoljning/statusrapporter.csv",
        f"/uppfoljning/processutvarderingar/{slutlig.pk}/",
        "/sok/?q=Gjort",
    ]


def test_query_counts_constant_at_10_and_100_times_the_data(client, demo, django_assert_num_queries):
    _more_data(1, 10)
    for url in _urls():  # warm the per-process caches (current plan, plan chooser)
        _count(client, url)
    baseline = {url: _count(client, url) for url in _urls()}
    _more_data(11, 100)
    assert Statusrapport.objects.filter(tillstand="godkand").count() > 100 * 5
    for url in _urls():  # the frame's plan list is read again once after a change
        _count(client, url)
    for url, antal in baseline.items():
        with django_assert_num_queries(antal):
            response = client.get(url)
            assert response.status_code == 200
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)


def test_overview_charts_have_data_tables_and_the_feed_is_linked(client, demo):
    page = client.get("/uppfoljning/").content.decode()
    for id_ in ("per-malomrade", "per-aktivitet", "per-organisation"):
        assert f'aria-labelledby="{id_}-svgtitel"' in page  # the chart, with a text alternative
        assert f'id="{id_}-tabell"' in page  # and its data table
    assert 'rel="alternate"' in page and 'type="application/atom+xml"' in page
    assert "Pågår enligt plan: 2" in page  # the 2021 counts of the demo's overall statuses
    start = client.get("/").content.decode()
    assert 'href="/uppfoljning/"' in start  # in the main navigation on every page


def test_feed_lists_approved_reports_and_final_evaluations(client, demo):
    response = client.get("/uppfoljning/flode.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    rot = ET.fromstring(response.content)
    titlar = [e.findtext(f"{ATOM}title") for e in rot.findall(f"{ATOM}entry")]
    godkanda = Statusrapport.objects.filter(tillstand="godkand").count()
    slutliga = Processutvardering.objects.filter(tillstand="slutlig").count()
    assert len(titlar) == godkanda + slutliga
    assert sum(t.startswith("Godkänd statusrapport") for t in titlar) == godkanda
    assert sum(t.startswith("Fastställd processutvärdering") for t in titlar) == slutliga


def test_activity_page_leads_with_status_summary_and_links(client, demo):
    aktivitet = Aktivitet.objects.get(slug="familjecentrerat-arbetssatt")
    status = Aktivitetsstatus.objects.filter(aktivitet=aktivitet).order_by("-period__oppnar").first()
    page = client.get(aktivitet.get_absolute_url()).content.decode()
    huvud = page[: page.index("Syfte")]
    assert status.sammanfattning in huvud
    slutlig = Processutvardering.objects.get(aktivitet=aktivitet, tillstand="slutlig")
    assert slutlig.get_absolute_url() in huvud and 'href="#rapporter"' in huvud
    # The full approved account, newest period first; nothing unapproved.
    godkanda = Statusrapport.objects.filter(aktivitet=aktivitet, tillstand="godkand").order_by("-period__oppnar")
    positions = [page.index(f'id="rapport-{r.pk}"') for r in godkanda]
    assert positions == sorted(positions)
    for r in godkanda:
        assert r.genomfort in page and r.nasta_steg in page
    for r in Statusrapport.objects.filter(aktivitet=aktivitet).exclude(tillstand="godkand"):
        assert f'id="rapport-{r.pk}"' not in page


def test_downloads_hold_published_fields_only(client, demo):
    text = client.get("/uppfoljning/statusrapporter.csv").content.decode("utf-8-sig")
    rubriker = text.splitlines()[0].split(";")
    assert rubriker[:7] == ["Period", "Aktivitet", "Organisation", "Status", "Vad har gjorts", "Hinder", "Nästa steg"]
    assert len(text.strip().splitlines()) == 1 + Statusrapport.objects.filter(tillstand="godkand").count()
