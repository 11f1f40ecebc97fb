"""Plan-data fragments (jamlik/ops/fragments.py) and the plan-data version they are kept under
(jamlik/ops/published.py): follow-up data (an approval, a report, an evaluation, indicator values)
leaves the version alone, plan data bumps it; a fragment from the cache runs none of its queries,
a plan edit is visible on the next request, every address and language has its own entry, and Redis
down means rendering. Against the real Redis of scripts/with-services.sh, with the response cache off
(each request is a miss of it, as after an approval)."""

import re
from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indikatorer.choices import Kalla, Niva
from indikatorer.models import Indikator, Omrade, Varde
from jamlik.ops.fragments import plan_fragment
from jamlik.ops.published import (
    CHANNEL,
    FOLLOW_UP_VERSION_KEY,
    PLAN_VERSION_KEY,
    VERSION_KEY,
    _new_version,
    aktivitet_version_key,
    follower,
    plan_data_version,
    plan_data_version_followed,
    published_version,
    published_version_bump,
    version_of,
)
from plan.models import Aktivitetsroll, Organisation, Strategi
from samverkan.models import Matrisplacering, Samverkansaktivitet
from tests.test_faults import redis_answers, redis_start, redis_stop
from tests.test_public_cache import _samordnare_for
from tests.waiting import wait_for
from uppfoljning.choices import Rapporttillstand, Status, Utvarderingstillstand
from uppfoljning.models import (
    Aktivitetsstatus,
    PlaneradUppfoljning,
    Processutvardering,
    Statusrapport,
    Styrningsaktivitet,
)
from uppfoljning.services.rapportering import statusrapport_approve

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/om-planen/",
    "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
    "/strategier/minska-boendesegregationen/",
    "/organisationer/kulturnamnden/",
    "/sok/?q=bibliotek",
    "/planer/",
    "/uppfoljning/",
    "/organisationer/",
    "/organisationer/?typ=namnd",
    "/aktiviteter/",
    "/aktiviteter/?organisation=kulturnamnden",
    "/samverkansaktiviteter/familjecentrerat-arbetssatt/",
    "/styrningsaktiviteter/integrera-jamlikhet/",
    "/api/v1/planer/",
    "/api/v1/malomraden/",
    "/api/v1/strategier/",
    "/api/v1/forutsattningar/",
    "/api/v1/organisationer/",
    "/api/v1/styrande-dokument/",
    "/api/v1/samverkansaktiviteter/",
    "/api/v1/styrningsaktiviteter/",
    "/api/v1/matris/?samverkansaktivitet=familjecentrerat-arbetssatt",
    "/api/v1/statusrapporter/?period=2021",
    "/api/v1/processutvarderingar/",
    "/api/v1/uppfoljningsperioder/",
    "/uppfoljning/processutvarderingar/",
]


@pytest.fixture
def fragments(settings):
    """Fragments on (the test settings keep them off); switching bumps the plan-data version."""
    settings.PLAN_FRAGMENT_CACHE = True
    return settings


def _queries(client, url) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries), response.content


@pytest.mark.parametrize("url", PAGES)
def test_a_cached_fragment_runs_none_of_its_queries_and_renders_the_same(fragments, client, demo, url):
    first, content = _queries(client, url)
    second, again = _queries(client, url)
    assert second < first
    assert again == content


def test_follow_up_data_leaves_the_plan_data_version_alone_and_plan_data_bumps_it(
    fragments, demo, frozen_today, django_capture_on_commit_callbacks
):
    version = plan_data_version()
    rapport = Statusrapport.objects.filter(tillstand=Rapporttillstand.INSKICKAD).first()
    published = published_version()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    assert published_version() != published  # the public pages show the approval …
    assert plan_data_version() == version  # … the plan did not change

    # Plan data, whichever app holds it: a strategy, a role (and the m2m of a placement's
    # strategies), a steering activity through its proxy in uppfoljning, the planned follow-up.
    writes = [
        lambda: Strategi.objects.first().save(),
        lambda: Aktivitetsroll.objects.first().save(),
        lambda: Matrisplacering.objects.first().save(),
        lambda: Styrningsaktivitet.objects.first().save(),
        lambda: PlaneradUppfoljning.objects.first().save(),
    ]
    for write in writes:
        before = plan_data_version()
        write()
        assert plan_data_version() != before


def test_a_plan_edit_is_visible_on_the_next_request_and_an_approval_still_is(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    url = "/samverkansaktiviteter/familjecentrerat-arbetssatt/"
    client.get(url)
    client.get("/organisationer/")
    client.get("/api/v1/organisationer/")
    organisation = Organisation.objects.get(slug="kulturnamnden")
    organisation.namn = "Kulturnämnden i Göteborg"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        organisation.save()
    assert "Kulturnämnden i Göteborg" in client.get("/organisationer/").content.decode()
    assert "Kulturnämnden i Göteborg" in client.get("/api/v1/organisationer/").content.decode()

    # The follow-up parts around a cached fragment are rendered on every request.
    rapport = Statusrapport.objects.get(
        tillstand=Rapporttillstand.INSKICKAD, aktivitet__slug="familjecentrerat-arbetssatt"
    )
    client.get(url)
    assert "Språkcaféer på fyra bibliotek" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    assert "Språkcaféer på fyra bibliotek" in client.get(url).content.decode()


def test_statuses_and_approved_reports_beside_the_cached_plan_data_are_current(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    """The start, målområde, strategy, organisation and search pages keep their plan data under the
    plan-data version and what they show of the follow-up under the versions of the activities it
    belongs to: a change to a status or an approval shows on the next request."""
    status_pages = [
        "/",
        "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
        "/strategier/minska-boendesegregationen/",
    ]
    before = {}
    for url in status_pages:
        client.get(url)
        before[url] = client.get(url).content.decode()
    assert all("Avbruten" not in before[url] for url in status_pages[1:])  # the start page's table heads name it
    version = plan_data_version()
    for status in Aktivitetsstatus.objects.all():
        status.status = Status.AVBRUTEN
        with django_capture_on_commit_callbacks(execute=True):
            status.save()
    assert plan_data_version() == version  # the plan parts still come from the cache …
    after = {url: client.get(url).content.decode() for url in status_pages}  # … the statuses do not
    assert after["/"].count(">Avbruten<") > before["/"].count(">Avbruten<")  # the activities' cards
    assert all("Avbruten" in after[url] for url in status_pages[1:])

    rapport = Statusrapport.objects.filter(tillstand=Rapporttillstand.INSKICKAD).select_related("organisation").first()
    url = f"/organisationer/{rapport.organisation.slug}/"
    sok = "/sok/?q=" + max(rapport.genomfort.split(), key=len).strip(".,")
    for page in (url, sok):
        client.get(page)
        assert f"rapport-{rapport.pk}" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    assert f"#rapport-{rapport.pk}" in client.get(url).content.decode()
    assert f"rapport-{rapport.pk}" in client.get(sok).content.decode()


def test_a_renamed_malomrade_shows_at_once_on_every_page_that_keeps_it(
    fragments, client, plan, django_capture_on_commit_callbacks
):
    pages = ["/", "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/", "/strategier/minska-boendesegregationen/"]
    for url in pages:
        client.get(url)
    malomrade = Strategi.objects.get(slug="minska-boendesegregationen").malomrade
    malomrade.namn = "Hållbara livsmiljöer (nytt namn)"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        malomrade.save()
    for url in pages:
        assert "Hållbara livsmiljöer (nytt namn)" in client.get(url).content.decode(), url


def test_indicator_links_are_plan_data_and_their_values_follow_up(
    fragments, client, plan, django_capture_on_commit_callbacks
):
    """Which indicators follow a strategy is kept with the plan: linking one shows on the strategy's
    page at once; a value of it leaves the plan-data version alone."""
    url = "/strategier/minska-boendesegregationen/"
    client.get(url)
    assert "Andel i trångboddhet" not in client.get(url).content.decode()
    indikator = Indikator.objects.create(
        kommun=plan.program.kommun, namn="Andel i trångboddhet", slug="trangbodda", enhet="procent", kalla=Kalla.EGEN
    )
    with django_capture_on_commit_callbacks(execute=True):
        indikator.planer.add(plan)
        indikator.strategier.add(Strategi.objects.get(plan=plan, slug="minska-boendesegregationen"))
    assert "Andel i trångboddhet" in client.get(url).content.decode()

    version = plan_data_version()
    omrade = Omrade.objects.create(kommun=plan.program.kommun, namn="Hela staden", slug="staden", niva=Niva.KOMMUN)
    with django_capture_on_commit_callbacks(execute=True):
        Varde.objects.create(
            indikator=indikator, omrade=omrade, ar=2021, varde=12.5, kalla=Kalla.EGEN, hamtad=timezone.now()
        )
    assert plan_data_version() == version


def test_an_unknown_address_is_a_404_and_not_kept(fragments, client, plan):
    for url in [
        "/strategier/finns-inte/",
        "/malomraden/finns-inte/",
        "/organisationer/finns-inte/",
        "/samverkansaktiviteter/finns-inte/",
        "/styrningsaktiviteter/finns-inte/",
        "/planer/finns-inte/",
    ]:
        for _ in range(2):
            assert client.get(url).status_code == 404, url
    calls = []
    assert plan_fragment("prov", "saknas", render=lambda: calls.append(1)) is None
    assert plan_fragment("prov", "saknas", render=lambda: calls.append(1)) is None
    assert len(calls) == 2  # nothing found is never kept


def test_each_address_language_and_host_has_its_own_entry(fragments, client, plan):
    alla = client.get("/organisationer/").content.decode()
    namnder = client.get("/organisationer/?typ=namnd").content.decode()
    assert alla != namnder and "Polismyndigheten" in alla and "Polismyndigheten" not in namnder
    client.cookies["django_language"] = "en"
    engelska = client.get("/organisationer/").content.decode()
    assert "Organisations" in engelska and "Andra namn i planen" not in engelska
    del client.cookies["django_language"]
    api = client.get("/api/v1/planer/", HTTP_HOST="testserver").json()
    annan = client.get("/api/v1/planer/", HTTP_HOST="portal.example").json()
    assert api["results"][0]["url"].startswith("http://testserver/")
    assert annan["results"][0]["url"].startswith("http://portal.example/")


def test_bad_api_parameters_are_a_400_and_nothing_is_stored(fragments, client, plan):
    for _ in range(2):
        response = client.get("/api/v1/strategier/?plan=finns-inte")
        assert response.status_code == 400, response.content
    assert client.get("/api/v1/strategier/").status_code == 200


def test_a_value_is_kept_only_under_the_version_it_was_rendered_under(fragments, plan):
    calls = []

    def render():
        calls.append(1)
        return f"rendered {len(calls)}"

    assert plan_fragment("prov", "a", render=render) == "rendered 1"
    assert plan_fragment("prov", "a", render=render) == "rendered 1"
    assert plan_fragment("prov", "b", render=render) == "rendered 2"
    Strategi.objects.first().save()
    assert plan_fragment("prov", "a", render=render) == "rendered 3"
    # A restarted Redis: the key is gone, and with it every process's subscription (until the
    # follower has subscribed again it reads Redis): a new version, nothing old reachable.
    cache.delete(PLAN_VERSION_KEY)
    with mock.patch.object(follower, "current_plan", return_value=None):
        assert plan_fragment("prov", "a", render=render) == "rendered 4"


def test_a_followed_plan_fragment_is_read_from_this_process_memory(fragments, plan):
    """While the process follows the plan-data version a kept fragment costs no round trip; a plan
    write in this process (or announced by another) makes it unreachable at once."""
    wait_for(lambda: plan_data_version_followed() is not None, 5, "the follower to subscribe", interval=0.05)
    calls = []

    def render():
        calls.append(1)
        return [f"rendered {len(calls)}"]  # rows: each caller gets its own copy

    first = plan_fragment("minne", render=render)
    first.append("changed by a view")
    with (
        mock.patch.object(cache, "get", side_effect=AssertionError("a round trip")),
        mock.patch.object(cache, "get_many", side_effect=AssertionError("a round trip")),
    ):
        assert plan_fragment("minne", render=render) == ["rendered 1"]
    Strategi.objects.first().save()
    assert plan_fragment("minne", render=render) == ["rendered 2"]


def test_redis_down_renders_every_page_without_errors(fragments, client, demo):
    if not redis_answers():
        pytest.fail("needs the Redis of scripts/with-services.sh")
    expected = {url: client.get(url).content for url in PAGES}
    redis_stop()
    try:
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.content == expected[url], url
    finally:
        redis_start()


# --- An activity's follow-up (aktivitetsfragment) ---------------------------------------------------

AKTIVITET = "/samverkansaktiviteter/familjecentrerat-arbetssatt/"


def _inskickad(slug: str) -> Statusrapport:
    return Statusrapport.objects.get(tillstand=Rapporttillstand.INSKICKAD, aktivitet__slug=slug)


def test_an_approval_bumps_its_activity_only_and_shows_at_once(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    """An approval in one activity re-renders that activity's follow-up and leaves every other
    activity's page to its fragments (no query at all); nothing else of the follow-up is bumped."""
    annan = Samverkansaktivitet.objects.exclude(slug="familjecentrerat-arbetssatt").first()
    annan_url = annan.get_absolute_url()
    for url in (AKTIVITET, annan_url):
        client.get(url)
    assert _queries(client, annan_url)[0] == 0
    rapport = _inskickad("familjecentrerat-arbetssatt")
    follow_up = version_of(FOLLOW_UP_VERSION_KEY)
    egen, andras = (version_of(aktivitet_version_key(a.pk)) for a in (rapport.aktivitet, annan))
    assert "Språkcaféer på fyra bibliotek" not in client.get(AKTIVITET).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    assert version_of(aktivitet_version_key(rapport.aktivitet_id)) != egen
    assert version_of(aktivitet_version_key(annan.pk)) == andras
    assert version_of(FOLLOW_UP_VERSION_KEY) == follow_up  # the report and its history row are the activity's
    queries, content = _queries(client, AKTIVITET)
    assert queries > 0 and "Språkcaféer på fyra bibliotek" in content.decode()
    assert _queries(client, AKTIVITET)[0] == 0  # kept again
    assert _queries(client, annan_url)[0] == 0


def test_every_kind_of_follow_up_an_activity_page_shows_is_current(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    """The overall status, a final evaluation, a report's strategies (from either side of the m2m),
    and a period's name (a row of no one activity) each show on the next request."""
    rapport = Statusrapport.objects.filter(tillstand=Rapporttillstand.GODKAND).select_related("aktivitet").first()
    aktivitet = rapport.aktivitet
    url = aktivitet.get_absolute_url()

    def page(url=url) -> str:
        client.get(url)
        return client.get(url).content.decode()

    page()
    status = Aktivitetsstatus.objects.filter(aktivitet=aktivitet).order_by("-period__oppnar").first() or (
        Aktivitetsstatus(aktivitet=aktivitet, period=rapport.period, status=Status.PAGAR_ENLIGT_PLAN)
    )
    status.sammanfattning = "Ny sammanfattning från samordnaren."
    with django_capture_on_commit_callbacks(execute=True):
        status.save()
    assert "Ny sammanfattning från samordnaren." in page()

    visade = Statusrapport.objects.filter(aktivitet=aktivitet, tillstand=Rapporttillstand.GODKAND)
    ny = Strategi.objects.filter(plan=aktivitet.plan).exclude(statusrapporter__in=visade).first()
    with django_capture_on_commit_callbacks(execute=True):
        rapport.strategier.add(ny)
    assert ny.namn in page().split('id="rapporter"')[1]
    with django_capture_on_commit_callbacks(execute=True):
        ny.statusrapporter.remove(rapport)  # the strategy's side: of no one activity
    assert ny.namn not in page().split('id="rapporter"')[1]

    period = rapport.period
    period.namn = "Uppföljningsperiod med nytt namn"
    with django_capture_on_commit_callbacks(execute=True):
        period.save()
    assert "Uppföljningsperiod med nytt namn" in page()

    utvardering = Processutvardering.objects.exclude(tillstand=Utvarderingstillstand.SLUTLIG).first()
    url = utvardering.aktivitet.get_absolute_url()
    antal = page(url).count("(slutlig)")
    lista = "/uppfoljning/processutvarderingar/"  # the public list of final evaluations, kept too
    assert utvardering.get_absolute_url() not in page(lista)
    utvardering.tillstand = Utvarderingstillstand.SLUTLIG
    with django_capture_on_commit_callbacks(execute=True):
        utvardering.save()
    assert page(url).count("(slutlig)") == antal + 1
    assert utvardering.get_absolute_url() in page(lista)


def test_activity_bumps_after_commit_are_one_per_activity_and_survive_a_rollback(
    fragments, plan, django_capture_on_commit_callbacks
):
    aktiviteter = list(Samverkansaktivitet.objects.filter(plan=plan)[:2])
    with transaction.atomic():
        try:
            with transaction.atomic():
                published_version_bump(plan_data=False, aktivitet_id=aktiviteter[0].pk)
                raise RuntimeError
        except RuntimeError:
            pass
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        for _ in range(3):
            for aktivitet in aktiviteter:
                published_version_bump(plan_data=False, aktivitet_id=aktivitet.pk)
        before = [version_of(aktivitet_version_key(a.pk)) for a in aktiviteter]
    for callback in callbacks:
        callback()
    after = [version_of(aktivitet_version_key(a.pk)) for a in aktiviteter]
    assert all(b != a for b, a in zip(before, after, strict=True))  # both bumped again after the commit
    # One callback for the transaction, although the first was rolled back with its savepoint.
    assert len(callbacks) == 1


def test_a_plan_bump_in_another_process_reaches_this_ones_memory(fragments, plan):
    """Another worker's plan-data bump: the plan key changes in Redis, then the published one, then
    the announcement (its Bump's order). This process reads both on the announcement."""
    wait_for(lambda: plan_data_version_followed() is not None, 5, "the follower to subscribe", interval=0.05)
    calls = []

    def render():
        calls.append(1)
        return f"rendered {len(calls)}"

    assert plan_fragment("annan-process", render=render) == "rendered 1"
    assert plan_fragment("annan-process", render=render) == "rendered 1"
    plan_version = _new_version()
    cache.set(PLAN_VERSION_KEY, plan_version, None)
    cache.set(VERSION_KEY, _new_version(), None)
    redis.Redis.from_url(django_settings.REDIS_URL).publish(CHANNEL, b"1")
    wait_for(lambda: plan_data_version_followed() == plan_version, 5, "the announced plan version", interval=0.01)
    assert plan_fragment("annan-process", render=render) == "rendered 2"


def test_the_frame_is_kept_per_page_kind_plan_and_language_and_each_menu_is_its_own(
    fragments, client, plan, demo, tmp_path, django_capture_on_commit_callbacks
):
    from tests.plan.test_planer import NY, efterfoljare, skriv

    def huvud(url: str) -> str:
        html = client.get(url).content.decode()
        return html[html.index("<header") : html.index("</header>")]

    # The active section follows the page, whatever was kept for another page.
    assert 'href="/matris/" aria-current="page"' in huvud("/matris/")
    om = huvud("/om-planen/")
    assert 'href="/om-planen/" aria-current="page"' in om and 'href="/matris/" aria-current' not in om
    namnder = huvud("/organisationer/?typ=namnd")
    assert 'href="/organisationer/" aria-current="page"' in namnder and 'href="/om-planen/" aria-current' not in namnder

    # A signed-in menu is the user's own: never kept, never served to a visitor, and the reverse.
    client.force_login(demo["tjansteperson"])
    inloggad = huvud("/om-planen/")
    assert "Mina rapporter" in inloggad and "Logga ut" in inloggad and "Logga in" not in inloggad
    namn = demo["tjansteperson"].get_full_name() or demo["tjansteperson"].get_username()
    assert ">Planägare<" not in inloggad and namn in inloggad.split("Logga ut")[1]
    client.force_login(demo["stadsledningskontoret"])  # the same page kind: the planägare's own menu
    planagare = huvud("/om-planen/")
    assert ">Planägare<" in planagare and namn not in planagare
    client.logout()
    anonym = huvud("/om-planen/")
    assert "Logga in" in anonym and "Mina rapporter" not in anonym and "Logga ut" not in anonym

    # The language switch carries each page's own address, never the first page kept.
    assert 'name="next" type="hidden" value="/organisationer/?typ=namnd"' in huvud("/organisationer/?typ=namnd")
    client.cookies["django_language"] = "en"
    engelska = huvud("/om-planen/")
    assert "The strategy matrix" in engelska and "Strategimatrisen" not in engelska
    del client.cookies["django_language"]

    # Each plan has its own frame: a second plan's pages name it, the first plan's still name it.
    from jamlik.management.commands.load_plan import load_plan_file

    with django_capture_on_commit_callbacks(execute=True):
        load_plan_file(skriv(tmp_path, efterfoljare()))
        plan.status = "historisk"
        plan.save()
    ny = huvud(f"/planer/{NY}/om-planen/")  # the plan in force now: its pages have the short addresses
    assert "2023–2026 (exempel)" in ny and 'href="/matris/"' in ny
    gammal = huvud(f"/planer/{plan.slug}/om-planen/")
    assert "2019–2022" in gammal and f'href="/planer/{plan.slug}/matris/"' in gammal


def test_follow_up_api_lists_are_kept_for_the_public_and_current_after_an_approval(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    url = "/api/v1/statusrapporter/?period=2021&limit=500"
    rapport = Statusrapport.objects.filter(tillstand=Rapporttillstand.INSKICKAD).first()
    client.get(url)
    first, content = _queries(client, url)
    assert first == 0 and rapport.pk not in {r["id"] for r in client.get(url).json()["results"]}

    # A signed-in reader sees their own organisation's drafts: read afresh, never kept for the public.
    client.force_login(demo["tjansteperson"])
    egna = client.get(url).json()["results"]
    assert any(r["tillstand"] == Rapporttillstand.UTKAST for r in egna)
    client.logout()
    assert _queries(client, url)[1] == content

    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    assert rapport.pk in {r["id"] for r in client.get(url).json()["results"]}


def test_report_rows_are_kept_by_their_own_state_and_each_user_sees_their_own_links(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    from uppfoljning.services.rapportering import statusrapport_submit

    tjansteperson = demo["tjansteperson"]
    rapport = Statusrapport.objects.filter(
        tillstand=Rapporttillstand.UTKAST, organisation__medlemskap__anvandare=tjansteperson
    ).first()
    lank = f'href="/rapportering/statusrapporter/{rapport.pk}/"'

    def rad(url: str) -> str:
        html = client.get(url).content.decode()
        return next(r for r in html.split("<tr") if lank in r)

    client.force_login(tjansteperson)
    url = f"/rapportering/statusrapporter/?period={rapport.period.slug}"
    assert "Utkast" in rad(url) and rad(url) == rad(url)
    mina = client.get("/rapportering/").content.decode()
    assert lank in mina.split('id="utkast"')[1].split("</section>")[0]
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_submit(user=tjansteperson, rapport_id=rapport.pk, version=rapport.version)
    assert "Inskickad" in rad(url) and "Utkast" not in rad(url)  # the row's own state changed
    mina = client.get("/rapportering/").content.decode()
    assert lank not in mina.split('id="utkast"')[1].split("</section>")[0]

    # Completeness: the same rows for the samordnare and the planägare (who reports for
    # Kommunstyrelsen), each with the "Samlad status" links of the activities they lead.
    from plan.models import Aktivitet
    from uppfoljning.rules.rapportering import ledda_aktivitet_ids

    adress = f"/rapportering/kompletthet/?plan={rapport.period.plan.slug}&period={rapport.period.slug}"
    lankar = {}
    for namn in ("samordnare", "stadsledningskontoret", "samordnare"):
        client.force_login(demo[namn])
        html = client.get(adress).content.decode()
        ledda = Aktivitet.objects.filter(pk__in=ledda_aktivitet_ids(demo[namn])).values_list("slug", flat=True)
        lankar[namn] = {
            href.rstrip("/").rsplit("/", 1)[1] for href in re.findall(r'href="([^"]+)">Samlad status<span', html)
        }
        assert lankar[namn] and lankar[namn] <= set(ledda), namn
    assert lankar["samordnare"] != lankar["stadsledningskontoret"]


def test_mina_rapporter_is_kept_per_user_and_current_after_every_change(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    from plan.choices import Roll
    from plan.models import Medlemskap
    from tests.factories import OrganisationFactory
    from uppfoljning.services.rapportering import statusrapport_create, uppfoljningsperiod_update

    tjansteperson = demo["tjansteperson"]
    url = "/rapportering/"

    def avsnitt(html: str, namn: str) -> str:
        return html.split(f'id="{namn}"')[1].split("</section>")[0]

    client.force_login(tjansteperson)
    html = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content.decode()
    # The sections' queries: none while nothing changed.
    assert not [q for q in queries.captured_queries if "uppfoljning_statusrapport" in q["sql"]]
    for namn in ("att-rapportera", "utkast", "inskickade"):
        assert avsnitt(again, namn) == avsnitt(html, namn)
    att_skapa = avsnitt(html, "att-rapportera")

    # Another official's page is their own, never this one's.
    client.force_login(demo["tjansteperson2"])
    assert avsnitt(client.get(url).content.decode(), "utkast") != avsnitt(html, "utkast")
    egen = Statusrapport.objects.filter(organisation__medlemskap__anvandare=tjansteperson, period__slug="2021").first()
    assert f"/rapportering/statusrapporter/{egen.pk}/" not in client.get(url).content.decode()

    # A new organisation with a role: something more to write, at once.
    client.force_login(tjansteperson)
    period = egen.period
    ny = OrganisationFactory(namn="Mätnämnden för Mina rapporter")
    with django_capture_on_commit_callbacks(execute=True):
        Aktivitetsroll.objects.create(aktivitet=egen.aktivitet, organisation=ny, roll=Roll.CENTRAL_AKTOR)
        Medlemskap.objects.create(anvandare=tjansteperson, organisation=ny)
    assert "Mätnämnden för Mina rapporter" in avsnitt(client.get(url).content.decode(), "att-rapportera")

    # Writing it moves it from "to write" to the drafts.
    with django_capture_on_commit_callbacks(execute=True):
        rapport = statusrapport_create(
            user=tjansteperson,
            period=period,
            aktivitet=egen.aktivitet,
            organisation=ny,
            status=Status.PAGAR_ENLIGT_PLAN,
        )
    html = client.get(url).content.decode()
    assert "Mätnämnden för Mina rapporter" not in avsnitt(html, "att-rapportera")
    assert f"/rapportering/statusrapporter/{rapport.pk}/" in avsnitt(html, "utkast")
    assert avsnitt(html, "att-rapportera") == att_skapa

    # A deadline moved into the past: what is left is late.
    with django_capture_on_commit_callbacks(execute=True):
        uppfoljningsperiod_update(
            user=demo["stadsledningskontoret"],
            period_id=period.pk,
            namn=period.namn,
            slug=period.slug,
            oppnar=period.oppnar,
            sista_dag=timezone.localdate() - timedelta(days=1),
        )
    assert "Saknas (försenat)" in client.get(url).content.decode()


def test_the_report_list_and_completeness_are_kept_per_reader_and_current(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    """Kept for everyone who may read the same reports (plan/behorighet.py's key), per address, until
    a report of the plan changes."""
    from uppfoljning.services.rapportering import statusrapport_submit

    tjansteperson, planagare = demo["tjansteperson"], demo["stadsledningskontoret"]
    lista = "/rapportering/statusrapporter/?period=2021"
    kompletthet = "/rapportering/kompletthet/"

    def rapporter(url: str) -> str:
        """The tables: what is kept (the page around them has a fresh CSRF token)."""
        html = client.get(url).content.decode()
        return "".join(part.split("</tbody>")[0] for part in html.split("<tbody>")[1:])

    def antal(html: str, tillstand: str) -> int:
        return int(re.search(rf"<th scope=\"row\">{tillstand}</th>\s*<td[^>]*>(\d+)", html).group(1))

    for user, url in ((tjansteperson, lista), (tjansteperson, lista + "&tillstand=utkast"), (planagare, kompletthet)):
        client.force_login(user)
        first = rapporter(url)
        with CaptureQueriesContext(connection) as queries:
            assert rapporter(url) == first, url
        assert not [q for q in queries.captured_queries if "uppfoljning_statusrapport" in q["sql"]], url

    # Another official reads other reports: never this one's page.
    client.force_login(tjansteperson)
    egna = rapporter(lista + "&tillstand=utkast")
    client.force_login(demo["tjansteperson2"])
    assert rapporter(lista + "&tillstand=utkast") != egna

    # A draft sent: the list's filters and the planägare's counts show it on the next request.
    client.force_login(planagare)
    fore = client.get(kompletthet).content.decode()
    rapport = Statusrapport.objects.filter(
        tillstand=Rapporttillstand.UTKAST, organisation__medlemskap__anvandare=tjansteperson, period__slug="2021"
    ).first()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_submit(user=tjansteperson, rapport_id=rapport.pk, version=rapport.version)
    efter = client.get(kompletthet).content.decode()
    assert antal(efter, "Inskickad") == antal(fore, "Inskickad") + 1
    assert antal(efter, "Utkast") == antal(fore, "Utkast") - 1
    client.force_login(tjansteperson)
    with CaptureQueriesContext(connection) as queries:
        assert f"/rapportering/statusrapporter/{rapport.pk}/" not in rapporter(lista + "&tillstand=utkast")
    # The filter form's choices (plan data and periods) are still kept: no query lists them (the
    # chosen period is still checked: a query with LIMIT).
    valen = [q for q in queries.captured_queries if q["sql"].startswith("SELECT DISTINCT") and "LIMIT" not in q["sql"]]
    assert not valen
    assert f"/rapportering/statusrapporter/{rapport.pk}/" in rapporter(lista + "&tillstand=inskickad")


def test_a_report_forms_fields_are_kept_per_version_and_show_every_save(
    fragments, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    from uppfoljning.services.rapportering import statusrapport_update

    tjansteperson = demo["tjansteperson"]
    rapport = Statusrapport.objects.filter(
        tillstand=Rapporttillstand.UTKAST, organisation__medlemskap__anvandare=tjansteperson, period__slug="2021"
    ).first()
    client.force_login(tjansteperson)

    def falt(pk: int) -> str:
        html = client.get(f"/rapportering/statusrapporter/{pk}/andra/").content.decode()
        formular = html.split('enctype="multipart/form-data"')[1].split('<button type="submit"')[0]
        return formular.split('name="csrfmiddlewaretoken"')[1].split(">", 1)[1]  # after the fresh token

    forsta = falt(rapport.pk)
    assert falt(rapport.pk) == forsta
    strategi = Strategi.objects.filter(plan=rapport.period.plan).exclude(statusrapporter=rapport).first()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_update(
            user=tjansteperson,
            rapport_id=rapport.pk,
            version=rapport.version,
            status=Status.PAGAR_MED_AVVIKELSE,
            genomfort="Nytt om vad som gjorts",
            hinder="",
            nasta_steg="",
            strategier=[strategi],
        )
    efter = falt(rapport.pk)
    assert "Nytt om vad som gjorts" in efter and "Nytt om vad som gjorts" not in forsta
    assert re.search(rf'value="{strategi.pk}"[^>]*checked', efter)
    assert f'name="version" value="{rapport.version + 1}"' in efter
    # Sent back with errors, the form is the user's own input, never the kept one.
    html = client.post(
        f"/rapportering/statusrapporter/{rapport.pk}/andra/",
        {"version": rapport.version + 1, "status": "", "genomfort": "Skrivet men inte sparat"},
    ).content.decode()
    assert "Skrivet men inte sparat" in html
