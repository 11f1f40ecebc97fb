"""Whole-response caching of public reads (jamlik/ops/public_cache.py) and the published-data
version (jamlik/ops/published.py): a hit runs no query and renders no template, a publication is
visible on the next anonymous request, a logged-in page is never served to anyone else, every
language and filter has its own entry, conditional requests get a 304, Redis down means rendering."""

from io import StringIO

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test.signals import template_rendered

from indikatorer.services.statistik import statistik_apply
from jamlik.ops.public_cache import LocalEntries
from jamlik.ops.published import CHANNEL, VERSION_KEY, _new_version, published_version, published_version_followed
from konto.services import api_nyckel_create
from plan.choices import Roll
from plan.models import Aktivitetsroll, Strategi
from samverkan.cache import matris_version
from tests.factories import MedlemskapFactory
from tests.test_faults import redis_answers, redis_start, redis_stop
from tests.waiting import wait_for
from uppfoljning.choices import Rapporttillstand, Utvarderingshandling, Utvarderingstillstand
from uppfoljning.models import Processutvardering, Statusrapport
from uppfoljning.services.rapportering import statusrapport_approve
from uppfoljning.services.utvardering import processutvardering_transition

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/om-planen/",
    "/matris/",
    "/matris/?organisation=kulturnamnden",
    "/malomraden/skapa-hallbara-och-jamlika-livsmiljoer/",
    "/strategier/minska-boendesegregationen/",
    "/organisationer/",
    "/organisationer/kulturnamnden/",
    "/aktiviteter/",
    "/aktiviteter/?organisation=kulturnamnden",
    "/samverkansaktiviteter/familjecentrerat-arbetssatt/",
    "/styrningsaktiviteter/integrera-jamlikhet/",
    "/sok/?q=bibliotek",
    "/skillnader/",
    "/aktiviteter.csv",
    "/api/v1/matris/",
    "/api/v1/organisationer/",
    "/api/v1/samverkansaktiviteter/",
    "/api/v1/statusrapporter/?period=2021",
]


@pytest.fixture
def response_cache(settings):
    """The whole-response cache and the plan-data fragments switched on, as in production (the test
    settings keep them off); switching bumps both versions, so no entry of an earlier test is reachable."""
    settings.PUBLIC_CACHE_ENABLED = True
    settings.PLAN_FRAGMENT_CACHE = True
    return settings


@pytest.fixture
def rendered():
    """The templates rendered while the test runs (Django's template_rendered signal)."""
    names = []

    def receiver(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(receiver)
    yield names
    template_rendered.disconnect(receiver)


@pytest.mark.parametrize("url", PUBLIC)
def test_a_hit_runs_no_query_and_renders_no_template(
    response_cache, client, demo, url, django_assert_num_queries, rendered
):
    first = client.get(url)
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert first["Cache-Control"] == "public, max-age=60"
    rendered.clear()
    with django_assert_num_queries(0):
        hit = client.get(url)
    assert (hit.status_code, hit["X-Cache"]) == (200, "hit")
    assert rendered == []
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"] and hit["Content-Type"] == first["Content-Type"]
    assert hit["Cache-Control"] == "public, max-age=60"
    assert "default-src 'self'" in hit["Content-Security-Policy"]


def test_head_is_cached_apart_from_get(response_cache, client, plan, django_assert_num_queries):
    assert client.head("/matris/")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.head("/matris/")["X-Cache"] == "hit"
    assert client.get("/matris/")["X-Cache"] == "miss"


def test_language_filter_format_and_host_each_get_their_own_entry(response_cache, client, plan):
    assert client.get("/matris/")["X-Cache"] == "miss"
    assert client.get("/matris/?organisation=kulturnamnden")["X-Cache"] == "miss"
    assert client.get("/matris/?organisation=socialnamnden-nordost")["X-Cache"] == "miss"
    filtered = client.get("/matris/?organisation=kulturnamnden")
    assert filtered["X-Cache"] == "hit"
    assert filtered.content != client.get("/matris/").content
    assert client.get("/matris/", HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get("/api/v1/matris/", HTTP_ACCEPT="application/json")["X-Cache"] == "miss"
    browsable = client.get("/api/v1/matris/", HTTP_ACCEPT="text/html")
    assert browsable["Content-Type"].startswith("text/html")
    assert client.get("/api/v1/matris/", HTTP_ACCEPT="application/json")["Content-Type"] == "application/json"

    svenska = client.get("/")
    client.cookies.load({"django_language": "en"})
    english = client.get("/")
    assert (english["X-Cache"], english["Content-Language"]) == ("miss", "en")
    assert client.get("/")["X-Cache"] == "hit"
    assert '<html lang="en">' in client.get("/").content.decode()
    client.cookies.load({"django_language": "sv"})
    assert client.get("/").content == svenska.content


def test_logged_in_users_never_get_nor_fill_the_cache(response_cache, client, demo):
    # Logged in first: the page (with the user's name) is rendered and not stored.
    client.force_login(demo["tjansteperson"])
    inloggad = client.get("/")
    assert "X-Cache" not in inloggad and inloggad["Cache-Control"] == "private, no-store"
    namn = demo["tjansteperson"].get_full_name() or demo["tjansteperson"].get_username()
    assert namn in inloggad.content.decode()
    client.logout()
    anonym = client.get("/")
    assert anonym["X-Cache"] == "miss" and namn not in anonym.content.decode()
    assert client.get("/")["X-Cache"] == "hit"
    # An anonymous entry exists now: a logged-in user still gets their own page.
    client.force_login(demo["tjansteperson"])
    again = client.get("/")
    assert "X-Cache" not in again and namn in again.content.decode()
    client.logout()
    # An API client with a token neither.
    _, key = api_nyckel_create(user=demo["stadsledningskontoret"])
    url = "/api/v1/statusrapporter/?period=2021"
    anonymous = client.get(url).json()
    assert client.get(url)["X-Cache"] == "hit"
    with_token = client.get(url, HTTP_AUTHORIZATION=f"Token {key}")
    assert "X-Cache" not in with_token and with_token["Cache-Control"] == "private, no-store"
    assert with_token.json()["count"] > anonymous["count"]  # the planägare sees drafts too


def test_responses_with_cookies_csrf_or_errors_are_not_cached(response_cache, client, plan):
    login = client.get("/konto/logga-in/")
    assert login.status_code == 200 and "X-Cache" not in login
    assert "no-store" in login["Cache-Control"]
    assert "csrftoken" in login.cookies and "X-Cache" not in client.get("/konto/logga-in/")
    assert client.get("/organisationer/finns-inte/")["Cache-Control"] == "private, no-store"
    assert "X-Cache" not in client.get("/organisationer/finns-inte/")
    assert client.get("/health/")["Cache-Control"].startswith("max-age=0")
    # A visitor with a messages cookie gets the page rendered (and sees the message).
    assert client.get("/")["X-Cache"] == "miss"
    client.cookies.load({"messages": "x"})
    assert "X-Cache" not in client.get("/")


def test_public_pages_carry_no_csrf_token_and_the_language_switch_still_works(response_cache, client, plan):
    page = client.get("/")
    assert "csrfmiddlewaretoken" not in page.content.decode() and not page.cookies
    client.handler.enforce_csrf_checks = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/matris/"})
    assert (response.status_code, response["Location"]) == (302, "/matris/")
    assert client.get("/matris/")["Content-Language"] == "en"


def test_etag_and_304(response_cache, client, plan, django_assert_num_queries):
    first = client.get("/organisationer/")
    etag = first["ETag"]
    assert etag.startswith('W/"') and first["Last-Modified"].endswith("GMT")
    with django_assert_num_queries(0):
        not_modified = client.get("/organisationer/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and not_modified["Cache-Control"] == "public, max-age=60"
    assert not_modified["Vary"] == "Cookie"
    assert client.get("/organisationer/", HTTP_IF_NONE_MATCH='W/"annan"').status_code == 200
    # Another page or language has another ETag; a publication changes every ETag.
    assert client.get("/organisationer/kulturnamnden/")["ETag"] != etag
    client.cookies.load({"django_language": "en"})
    assert client.get("/organisationer/")["ETag"] != etag
    client.cookies.load({"django_language": "sv"})
    Strategi.objects.filter(slug="minska-boendesegregationen").get().save()
    changed = client.get("/organisationer/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def _samordnare_for(aktivitet):
    roll = Aktivitetsroll.objects.filter(aktivitet=aktivitet, roll=Roll.SAMORDNINGSANSVAR).first()
    return MedlemskapFactory(anvandare__username="samordnare-x", organisation=roll.organisation).anvandare


def test_an_approval_is_visible_on_the_next_anonymous_request(
    response_cache, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    url = "/samverkansaktiviteter/familjecentrerat-arbetssatt/"
    rapport = Statusrapport.objects.get(
        tillstand=Rapporttillstand.INSKICKAD, aktivitet__slug="familjecentrerat-arbetssatt"
    )
    assert "Språkcaféer på fyra bibliotek" not in client.get(url).content.decode()
    api = "/api/v1/statusrapporter/?period=2021"
    count = client.get(api).json()["count"]
    assert client.get(url)["X-Cache"] == "hit" and client.get(api)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    page = client.get(url)
    assert page["X-Cache"] == "miss" and "Språkcaféer på fyra bibliotek" in page.content.decode()
    assert client.get(api).json()["count"] == count + 1


def test_a_plan_edit_is_visible_on_the_next_anonymous_request(response_cache, client, plan):
    url = "/strategier/minska-boendesegregationen/"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get("/matris/")["X-Cache"] == "miss"
    strategi = Strategi.objects.get(slug="minska-boendesegregationen")
    strategi.namn = "Minska boendesegregationen i hela staden"
    with transaction.atomic():
        strategi.save()
    assert "Minska boendesegregationen i hela staden" in client.get(url).content.decode()
    assert "Minska boendesegregationen i hela staden" in client.get("/matris/").content.decode()


def test_indicator_pages_are_cached_and_imported_values_are_visible_on_the_next_request(
    response_cache, client, plan, planagare, django_assert_num_queries
):
    call_command("load_demo_indikatorer", "--force", stdout=StringIO())
    urls = [
        "/skillnader/",
        "/skillnader/exempel-trangboddhet/",
        "/api/v1/varden/?indikator=exempel-trangboddhet&ar=2022&kon=T",
    ]
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            assert client.get(url)["X-Cache"] == "hit"
    # Values arrive by bulk writes (no model signals): the import bumps the version itself.
    fil = b"indikator;omrade;ar;kon;varde\nexempel-trangboddhet;exempel-angered;2022;T;99,9\n"
    statistik_apply(user=planagare, plan=plan, data=fil)
    for url in urls:
        svar = client.get(url)
        assert svar["X-Cache"] == "miss"
        assert "99,9" in svar.content.decode() or "99.9" in svar.content.decode()


def test_a_final_evaluation_is_visible_on_the_next_anonymous_request(
    response_cache, client, demo, frozen_today, django_capture_on_commit_callbacks
):
    url = "/uppfoljning/processutvarderingar/"
    utvardering = Processutvardering.objects.get(tillstand=Utvarderingstillstand.UNDER_GRANSKNING)
    before = client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        processutvardering_transition(
            user=demo["stadsledningskontoret"],
            utvardering_id=utvardering.pk,
            handling=Utvarderingshandling.FINALISE,
            version=utvardering.version,
        )
    after = client.get(url)
    assert after["X-Cache"] == "miss"
    assert after.content.decode().count("<tr") == before.count("<tr") + 1


def test_writes_to_models_that_never_reach_the_public_do_not_bump(response_cache, client, demo):
    version = published_version()
    api_nyckel_create(user=demo["tjansteperson"])
    demo["tjansteperson"].save()  # e.g. last_login on every login
    client.force_login(demo["tjansteperson"])  # a session row
    assert published_version() == version
    matris = matris_version()
    Strategi.objects.first().save()
    assert published_version() != version
    assert matris_version() != matris  # plan data: the matrix's version too


def test_the_version_is_bumped_again_after_commit(response_cache, plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        before = published_version()
        Strategi.objects.first().save()
        Strategi.objects.last().save()
        inside = published_version()
    assert inside != before
    assert len(callbacks) == 1  # once per transaction, however many rows
    for callback in callbacks:
        callback()
    assert published_version() not in {before, inside}


def test_redis_down_renders_every_page_without_errors(response_cache, client, demo):
    if not redis_answers():
        pytest.fail("needs the Redis of scripts/with-services.sh")
    for url in PUBLIC[:3]:
        client.get(url)
    redis_stop()
    try:
        # The process's follower of the version loses its subscription, and with it the entries in memory.
        wait_for(lambda: not published_version_followed(), 5, "the follower to notice Redis is down", interval=0.05)
        for url in PUBLIC:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Cache" not in response and response["Cache-Control"] == "public, max-age=60"
        assert cache.get(VERSION_KEY) is None
    finally:
        redis_start()
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"


def _bump_from_another_process() -> str:
    """What another worker's bump looks like here: the key changes in Redis and the change is
    announced on the channel (nothing in this process's memory is touched)."""
    version = _new_version()
    cache.set(VERSION_KEY, version, None)
    redis.Redis.from_url(django_settings.REDIS_URL).publish(CHANNEL, b"1")
    return version


def test_the_version_is_followed_without_asking_redis_and_hits_come_from_memory(
    response_cache, client, plan, monkeypatch
):
    wait_for(published_version_followed, 5, "the follower to subscribe", interval=0.05)
    assert client.get("/matris/")["X-Cache"] == "miss"

    def no_redis(*args, **kwargs):
        raise AssertionError("a hit asked Redis")

    for name in ("get", "get_many", "add", "set"):
        monkeypatch.setattr(cache, name, no_redis)
    hit = client.get("/matris/")
    monkeypatch.undo()
    assert hit["X-Cache"] == "hit" and hit.status_code == 200


def test_a_bump_in_another_process_reaches_this_one_before_its_next_request(response_cache, client, plan):
    wait_for(published_version_followed, 5, "the follower to subscribe", interval=0.05)
    client.get("/matris/")
    assert client.get("/matris/")["X-Cache"] == "hit"
    version = _bump_from_another_process()
    wait_for(lambda: published_version() == version, 5, "the announced version", interval=0.01)
    assert client.get("/matris/")["X-Cache"] == "miss"  # the entry in memory is of the old version
    assert client.get("/matris/")["X-Cache"] == "hit"


def test_entries_in_memory_are_bounded_least_recently_used_first(settings):
    settings.PUBLIC_CACHE_LOCAL_BYTES = 25
    entries = LocalEntries()
    for key in "abc":
        entries.put(key, ("v1", 200, {}, b"x" * 10))
    assert entries.get("a", "v1") is None  # dropped for c
    assert entries.get("b", "v1") is not None  # b used: c is now the oldest
    entries.put("d", ("v1", 200, {}, b"x" * 10))
    assert entries.get("c", "v1") is None and entries.get("b", "v1") and entries.get("d", "v1")
    assert entries.get("b", "v2") is None and entries.get("b", "v1") is None  # published since: gone
    entries.put("e", ("v1", 200, {}, b"x" * 26))  # larger than the whole budget: not kept
    assert entries.get("e", "v1") is None
