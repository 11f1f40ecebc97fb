"""The strategy matrix page and the samverkansaktivitet pages."""

import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from plan.models import Strategi
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def row_titles(html: str) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*>\s*<a href="/samverkansaktiviteter/([\w-]+)/"', html)


def test_matrix_filtered_by_organisation_shows_only_its_rows(client, plan):
    html = client.get("/matris/", {"organisation": "polismyndigheten"}).content.decode()
    assert row_titles(html) == ["hallbara-livsmiljoer"]
    html = client.get("/matris/", {"organisation": "kulturnamnden"}).content.decode()
    assert row_titles(html) == ["familjecentrerat-arbetssatt", "skolan-som-gemensam-arena", "hallbara-livsmiljoer"]


def test_matrix_filtered_by_strategy_answers_which_activities_work_on_it(client, plan):
    html = client.get("/matris/", {"strategi": "minska-boendesegregationen"}).content.decode()
    assert row_titles(html) == ["hallbara-livsmiljoer"]
    html = client.get("/matris/", {"strategi": "fokusera-pa-tidiga-insatser"}).content.decode()
    assert len(row_titles(html)) == 4


def test_matrix_marks_a_strategy_shown_outside_its_own_malomrade(client, plan):
    html = " ".join(
        client.get("/matris/", {"samverkansaktivitet": "jobb-och-kompetenscentrerat-arbetssatt"})
        .content.decode()
        .split()
    )
    assert html.count('class="tag"') >= 1


def test_matrix_with_an_unknown_organisation_is_a_400_with_a_swedish_message(client, plan):
    response = client.get("/matris/", {"organisation": "trollnamnden"})
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_activity_page_shows_approved_reports_and_never_drafts(client, plan):
    call_command("load_demo", "--force", stdout=StringIO())
    html = client.get("/samverkansaktiviteter/familjecentrerat-arbetssatt/").content.decode()
    for rapport in Statusrapport.objects.filter(aktivitet__slug="familjecentrerat-arbetssatt"):
        shown = rapport.genomfort in html
        assert shown == (rapport.tillstand == Rapporttillstand.GODKAND), rapport


def test_matrix_page_is_cached_and_invalidated_by_plan_changes(client, plan, django_assert_num_queries):
    client.get("/matris/")
    with django_assert_num_queries(0):
        assert client.get("/matris/").status_code == 200
    strategi = Strategi.objects.get(slug="minska-boendesegregationen")
    strategi.namn = "Minska boendesegregationen i hela staden"
    strategi.save()
    assert "Minska boendesegregationen i hela staden" in client.get("/matris/").content.decode()


def test_an_approval_leaves_the_matrix_content_cached(
    client, demo, frozen_today, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The matrix and the frame's plan list show the plan only: follow-up data leaves their caches
    (the plan-data version) alone."""
    from tests.test_public_cache import _samordnare_for
    from uppfoljning.services.rapportering import statusrapport_approve

    client.get("/matris/")
    rapport = Statusrapport.objects.filter(tillstand=Rapporttillstand.INSKICKAD).first()
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_approve(user=_samordnare_for(rapport.aktivitet), rapport_id=rapport.pk, version=rapport.version)
    with django_assert_num_queries(0):
        assert client.get("/matris/").status_code == 200
