"""The admin goes through the rules: reporting, evaluations and periods are shown, never changed
there (every change goes through the services: permissions, workflow, versions, history), and a
compiled report is never deleted. Not even by a superuser, and not through the history pages."""

import pytest
from django.urls import reverse

from uppfoljning.models import (
    Aktivitetsstatus,
    Processutvardering,
    Statusrapport,
    Uppfoljningsperiod,
    Uppfoljningsrapport,
)
from uppfoljning.services.rapportering import statusrapport_submit

pytestmark = pytest.mark.django_db

READ_ONLY = [Statusrapport, Aktivitetsstatus, Processutvardering, Uppfoljningsperiod, Uppfoljningsrapport]


@pytest.fixture
def superuser(demo):
    return demo["admin"]


@pytest.fixture
def inskickad(demo) -> Statusrapport:
    """Kulturnämnden's draft, submitted once: two history rows, the first one a draft."""
    rapport = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    return statusrapport_submit(user=demo["tjansteperson"], rapport_id=rapport.pk, version=rapport.version)


@pytest.fixture
def sammanstallning(plan) -> Uppfoljningsrapport:
    return Uppfoljningsrapport.objects.create(plan=plan, ar=2021, version=1, status="done")


def _url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_superuser_sees_but_cannot_add_change_or_delete(client, superuser, model, inskickad, sammanstallning):
    client.force_login(superuser)
    obj = model.objects.order_by("pk").first()
    assert obj is not None
    assert client.get(_url(model, "changelist")).status_code == 200
    change = client.get(_url(model, "change", obj.pk))
    assert change.status_code == 200
    html = change.content.decode()
    assert 'name="_save"' not in html  # no save button: every field read-only
    assert client.get(_url(model, "add")).status_code == 403
    assert client.get(_url(model, "delete", obj.pk)).status_code == 403
    assert client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()
    # Nor in bulk: the list offers no delete action, and posting it deletes nothing.
    changelist = client.post(
        _url(model, "changelist"), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert changelist.status_code in {200, 302}
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_compiled_report_is_never_deleted_in_the_admin(client, superuser, sammanstallning):
    client.force_login(superuser)
    client.post(_url(Uppfoljningsrapport, "delete", sammanstallning.pk), {"post": "yes"})
    client.post(
        _url(Uppfoljningsrapport, "changelist"),
        {"action": "delete_selected", "_selected_action": [sammanstallning.pk], "post": "yes"},
    )
    assert Uppfoljningsrapport.objects.filter(pk=sammanstallning.pk).exists()


def test_state_cannot_be_changed_by_posting_the_change_form(client, superuser, inskickad):
    client.force_login(superuser)
    response = client.post(
        _url(Statusrapport, "change", inskickad.pk),
        {"tillstand": "godkand", "status": inskickad.status, "version": inskickad.version},
    )
    assert response.status_code == 403
    inskickad.refresh_from_db()
    assert inskickad.tillstand == "inskickad"


def test_history_is_shown_and_cannot_be_reverted(client, superuser, inskickad):
    """django-simple-history's "revert" form saves whatever is posted to it unless refused: a
    superuser could put a submitted report back to draft (or any state) past the workflow."""
    client.force_login(superuser)
    assert client.get(_url(Statusrapport, "history", inskickad.pk)).status_code == 200
    forsta = inskickad.history.order_by("history_id").first()
    assert forsta.tillstand == "utkast"
    url = _url(Statusrapport, "simple_history", inskickad.pk, forsta.history_id)
    assert client.get(url).status_code == 200  # the old version can be looked at
    response = client.post(
        url,
        {
            "period": inskickad.period_id,
            "aktivitet": inskickad.aktivitet_id,
            "organisation": inskickad.organisation_id,
            "status": forsta.status,
            "tillstand": "utkast",
            "genomfort": "Återställt i admin",
            "hinder": "",
            "nasta_steg": "",
            "version": forsta.version,
        },
    )
    assert response.status_code == 403
    inskickad.refresh_from_db()
    assert (inskickad.tillstand, inskickad.version) == ("inskickad", 2)
    assert inskickad.genomfort != "Återställt i admin"
