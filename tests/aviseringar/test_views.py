"""The notices list (unread count in the header, mark read), the settings page, and the
planägare's reminder from the completeness page; the completeness export's contact columns."""

import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from aviseringar import services
from aviseringar.choices import Typ
from aviseringar.models import Avisering, Installning

pytestmark = pytest.mark.django_db


def _notices(user, n):
    return services.aviseringar_record(
        typ=Typ.RETURNERAD,
        poster=[
            services.Post(
                mottagare_id=user.pk,
                nyckel=f"rapport:{i}:v1",
                lank="/rapportering/",
                kontext={
                    "aktivitet": f"Aktivitet {i}",
                    "organisation": "Kulturnämnden",
                    "period": "2021",
                    "kommentar": "Mer.",
                },
            )
            for i in range(n)
        ],
    )


def test_list_shows_own_notices_with_unread_count_in_header_and_marks_read(client, demo):
    user = demo["tjansteperson"]
    _notices(user, 2)
    _notices(demo["samordnare"], 1)
    client.force_login(user)
    page = client.get(reverse("aviseringar:lista")).content.decode()
    assert page.count('class="ds-card avisering avisering--olast"') == 2
    assert 'class="olasta-antal">2<span class="visually-hidden"> olästa</span>' in page
    assert "Aktivitet 0" in page and "Aktivitet 1" in page
    ett = Avisering.objects.filter(mottagare=user).first()
    response = client.post(reverse("aviseringar:markera_lasta"), {"avisering": ett.pk, "next": "/aviseringar/"})
    assert response.status_code == 302
    assert Avisering.objects.filter(mottagare=user, last__isnull=True).count() == 1
    client.post(reverse("aviseringar:markera_lasta"))
    assert not Avisering.objects.filter(mottagare=user, last__isnull=True).exists()
    # Another user's notice is never touched.
    assert Avisering.objects.filter(mottagare=demo["samordnare"], last__isnull=True).count() == 1
    assert "olasta-antal" not in client.get(reverse("aviseringar:lista")).content.decode()


def test_list_query_count_is_constant(client, demo, django_assert_num_queries):
    user = demo["tjansteperson"]
    client.force_login(user)
    _notices(user, 2)
    url = reverse("aviseringar:lista")
    client.get(url)  # the plan chooser's list is cached after the first page
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    _notices(user, 40)
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


def test_mark_read_refuses_a_foreign_next_url(client, demo):
    client.force_login(demo["tjansteperson"])
    response = client.post(reverse("aviseringar:markera_lasta"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("aviseringar:lista")


def test_settings_page_saves_the_users_choices(client, demo):
    user = demo["tjansteperson"]
    client.force_login(user)
    page = client.get(reverse("aviseringar:installningar"))
    assert page.status_code == 200
    assert page.context["form"].initial["epost"] == [t for t in Typ.values if t != Typ.VECKOSAMMANFATTNING]
    response = client.post(
        reverse("aviseringar:installningar"),
        {"epost": [Typ.RETURNERAD], "webb": [Typ.RETURNERAD, Typ.GODKAND], "veckosammanfattning": "on", "sprak": "en"},
    )
    assert response.status_code == 302
    installning = Installning.objects.get(anvandare=user)
    assert (installning.epost, installning.webb, installning.veckosammanfattning, installning.sprak) == (
        [Typ.RETURNERAD],
        [Typ.GODKAND, Typ.RETURNERAD],
        True,
        "en",
    )
    bad = client.post(reverse("aviseringar:installningar"), {"epost": ["okand"], "sprak": "sv"})
    assert bad.status_code == 200
    assert "okand" in str(bad.context["form"].errors["epost"])


def test_login_remembers_the_chosen_language_for_notices(client, demo):
    client.cookies["django_language"] = "en"
    client.post(reverse("login"), {"username": "tjansteperson", "password": "demo-jamlik-2021"})
    assert Installning.objects.get(anvandare=demo["tjansteperson"]).sprak == "en"


def test_planagare_reminds_everyone_missing_once_a_day(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo["stadsledningskontoret"])
    page = client.get(reverse("uppfoljning:kompletthet")).content.decode()
    assert "Påminn alla som inte har skickat in" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("aviseringar:paminnelse"), {"period": demo_period_pk()}, follow=True)
    assert "Påminnelsen skickas till 4 personer." in response.content.decode()
    paminda = {a.mottagare.username for a in Avisering.objects.filter(typ=Typ.PAMINNELSE)}
    assert paminda == {"tjansteperson", "tjansteperson2", "samordnare", "stadsledningskontoret"}
    # Sent once committed (here the task runs in-process: CELERY_TASK_ALWAYS_EAGER without Redis,
    # or queued to Redis under make test; either way the service sends them).
    services.aviseringar_send()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{u}@example.org" for u in paminda)
    assert "Planägaren påminner om rapporteringen." in mail.outbox[0].body
    again = client.post(reverse("aviseringar:paminnelse"), {"period": demo_period_pk()}, follow=True)
    assert "Alla som saknas har redan fått en påminnelse i dag." in again.content.decode()
    assert Avisering.objects.filter(typ=Typ.PAMINNELSE).count() == 4


def demo_period_pk() -> int:
    from uppfoljning.models import Uppfoljningsperiod

    return Uppfoljningsperiod.objects.get(slug="2021").pk


def test_only_planagare_may_remind(client, demo):
    client.force_login(demo["samordnare"])
    assert "Påminn alla" not in client.get(reverse("uppfoljning:kompletthet")).content.decode()
    assert client.post(reverse("aviseringar:paminnelse"), {"period": demo_period_pk()}).status_code == 403
    client.force_login(demo["stadsledningskontoret"])
    assert client.get(reverse("aviseringar:paminnelse")).status_code == 405
    assert not Avisering.objects.exists()


def test_completeness_export_has_contact_person_and_email(client, demo):
    client.force_login(demo["stadsledningskontoret"])
    response = client.get(reverse("uppfoljning:kompletthet_xlsx"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][-2:] == ("Kontaktperson", "E-post")
    kultur = [r for r in rows[1:] if r[2] == "Kulturnämnden"]
    assert kultur and all(r[-2:] == ("Tea Tjänsteperson", "tjansteperson@example.org") for r in kultur)
