"""Recording notices exactly once, in the recipient's language and as they chose, and sending them."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from aviseringar import services
from aviseringar.choices import Typ
from aviseringar.models import Avisering, Installning
from tests.factories import MedlemskapFactory, UserFactory
from uppfoljning.models import Uppfoljningsperiod
from uppfoljning.services import rapportering as rapportering_services

pytestmark = pytest.mark.django_db


def _return(demo, rapport, kommentar="Beskriv hindren tydligare.", capture=None):
    with capture(execute=True):
        rapportering_services.statusrapport_return(
            user=demo["samordnare"], rapport_id=rapport.pk, version=rapport.version, kommentar=kommentar
        )


def test_returned_report_notifies_its_officials_with_the_comment_by_mail_and_in_the_portal(
    demo, inskickad, django_capture_on_commit_callbacks
):
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    avisering = Avisering.objects.get(typ=Typ.RETURNERAD)
    assert avisering.mottagare == demo["tjansteperson"]
    assert avisering.nyckel == f"rapport:{inskickad.pk}:v{inskickad.version + 1}"
    assert avisering.rubrik.startswith("Rapporten om Samverkan genom det familjecentrerade")
    assert "Kommentar:\n\nBeskriv hindren tydligare." in avisering.text
    assert avisering.lank == f"/rapportering/statusrapporter/{inskickad.pk}/"
    # Sent once the change committed (tasks run in-process here: no broker in the unit tests).
    services.aviseringar_send()
    assert [m.to for m in mail.outbox] == [["tjansteperson@example.org"]]
    body = mail.outbox[0].body
    assert "Beskriv hindren tydligare." in body
    assert f"http://127.0.0.1:8000/rapportering/statusrapporter/{inskickad.pk}/" in body
    assert Avisering.objects.get(pk=avisering.pk).skickad is not None


def test_submitting_notifies_the_samordnare_and_approval_the_officials(demo, django_capture_on_commit_callbacks):
    from uppfoljning.models import Statusrapport

    utkast = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    with django_capture_on_commit_callbacks(execute=True):
        rapport = rapportering_services.statusrapport_submit(
            user=demo["tjansteperson"], rapport_id=utkast.pk, version=utkast.version
        )
    granska = Avisering.objects.filter(typ=Typ.ATT_GRANSKA)
    assert {a.mottagare.username for a in granska} == {"samordnare"}
    assert "väntar på granskning" in granska.get().text
    with django_capture_on_commit_callbacks(execute=True):
        rapportering_services.statusrapport_approve(
            user=demo["samordnare"], rapport_id=rapport.pk, version=rapport.version
        )
    godkand = Avisering.objects.get(typ=Typ.GODKAND)
    assert godkand.mottagare == demo["tjansteperson"]
    assert "är godkänd och publicerad" in godkand.text


def test_a_duplicated_event_records_and_sends_once(demo, inskickad, django_capture_on_commit_callbacks):
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    for _ in range(3):
        assert services.rapporthandelse_record(rapport_id=inskickad.pk, typ=Typ.RETURNERAD) == 0
    assert services.aviseringar_send() == 1
    assert services.aviseringar_send() == 0
    assert len(mail.outbox) == 1
    assert Avisering.objects.count() == 1


def test_texts_in_english_for_a_user_who_chose_english(demo, inskickad, django_capture_on_commit_callbacks):
    Installning.objects.create(anvandare=demo["tjansteperson"], sprak="en")
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    avisering = Avisering.objects.get(typ=Typ.RETURNERAD)
    assert avisering.rubrik.startswith("The report on Samverkan genom")  # plan content stays Swedish
    assert "Comment:" in avisering.text
    services.aviseringar_send()
    assert "Open in the portal: http://127.0.0.1:8000/" in mail.outbox[0].body


def test_the_users_choices_decide_the_channels(demo, inskickad, django_capture_on_commit_callbacks):
    Installning.objects.create(anvandare=demo["tjansteperson"], epost=[], webb=[Typ.RETURNERAD])
    Installning.objects.create(anvandare=demo["samordnare"], epost=[], webb=[])
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    avisering = Avisering.objects.get()
    assert (avisering.epost, avisering.webb) == (False, True)
    assert services.aviseringar_send() == 0
    assert mail.outbox == []


def test_period_deadline_and_overdue_notices_go_to_those_with_reports_outstanding(demo, frozen_today):
    period = Uppfoljningsperiod.objects.get(slug="2021")
    # Nothing yet: the last day is far away; the period is open.
    assert services.sista_dag_narmar_record(idag=frozen_today) == 0
    assert services.period_oppnad_record(idag=frozen_today) == 4
    assert {a.mottagare.username for a in Avisering.objects.filter(typ=Typ.PERIOD_OPPNAD)} == {
        "tjansteperson",
        "tjansteperson2",
        "samordnare",
        "stadsledningskontoret",  # reports for Kommunstyrelsen; the administrator acts for no organisation
    }
    assert services.period_oppnad_record(idag=frozen_today) == 0  # once per period
    Uppfoljningsperiod.objects.filter(pk=period.pk).update(sista_dag=frozen_today + timedelta(days=3))
    assert services.sista_dag_narmar_record(idag=frozen_today) > 0
    narmar = {a.mottagare.username: a for a in Avisering.objects.filter(typ=Typ.SISTA_DAG_NARMAR)}
    # Kulturnämnden: three expected, one submitted → two outstanding.
    assert "2 statusrapporter för perioden 2021 är inte inskickade" in narmar["tjansteperson"].text
    assert narmar["tjansteperson"].rubrik == "Sista dag för rapportering är 18 juni 2022"
    assert services.sista_dag_narmar_record(idag=frozen_today) == 0
    # After the last day: overdue, once.
    efter = frozen_today + timedelta(days=4)
    assert services.forsenad_record(idag=efter) == len(narmar)
    assert services.forsenad_record(idag=efter) == 0
    assert "Sista dag var 18 juni 2022" in Avisering.objects.filter(typ=Typ.FORSENAD).first().text


def test_who_must_report_is_the_one_definition_collectives_and_partners_are_never_notified(demo, frozen_today):
    period = Uppfoljningsperiod.objects.get(slug="2021")
    Uppfoljningsperiod.objects.filter(pk=period.pk).update(sista_dag=frozen_today + timedelta(days=1))
    from plan.choices import OrganisationTyp
    from plan.models import Aktivitetsroll

    extern = (
        Aktivitetsroll.objects.exclude(organisation__typ__in=OrganisationTyp.inom_staden())
        .select_related("organisation")
        .first()
    )
    assert extern is not None
    utomstaende = MedlemskapFactory(organisation=extern.organisation, anvandare=UserFactory(email="extern@example.org"))
    services.sista_dag_narmar_record(idag=frozen_today)
    assert not Avisering.objects.filter(mottagare=utomstaende.anvandare).exists()


def test_weekly_digest_once_per_week_with_the_unread_notices(demo, inskickad, django_capture_on_commit_callbacks):
    Installning.objects.create(anvandare=demo["tjansteperson"], veckosammanfattning=True)
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    idag = timezone.localdate()
    assert services.veckosammanfattning_record(idag=idag) == 1
    assert services.veckosammanfattning_record(idag=idag) == 0
    digest = Avisering.objects.get(typ=Typ.VECKOSAMMANFATTNING)
    assert (digest.epost, digest.webb) == (True, False)
    assert "Du har 1 oläst avisering från den senaste veckan" in digest.text


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=1)
def test_mail_server_down_keeps_the_notice_unsent_and_counts_the_attempt(
    demo, inskickad, django_capture_on_commit_callbacks
):
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    assert services.aviseringar_send() == 0
    avisering = Avisering.objects.get()
    assert avisering.skickad is None
    assert avisering.forsok == 1
    assert avisering.senaste_fel.startswith("ConnectionRefusedError")


def test_a_user_without_an_address_gets_the_notice_in_the_portal_only(
    demo, inskickad, django_capture_on_commit_callbacks
):
    demo["tjansteperson"].email = ""
    demo["tjansteperson"].save()
    _return(demo, inskickad, capture=django_capture_on_commit_callbacks)
    assert services.aviseringar_send() == 0
    avisering = Avisering.objects.get()
    assert (avisering.epost, avisering.webb, avisering.skickad) == (False, True, None)


def test_a_leading_organisations_report_waits_for_the_planagare_not_its_own_samordnare(
    demo, django_capture_on_commit_callbacks
):
    """Four eyes: Grundskolenämnden leads "Skolan som gemensam arena", so its own report (returned in
    the demo data) is reviewed by the planägare once sent again; the notice goes where the review may be done."""
    from uppfoljning.models import Statusrapport

    egen = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Grundskolenämnden"
    )
    with django_capture_on_commit_callbacks(execute=True):
        rapportering_services.statusrapport_submit(user=demo["samordnare"], rapport_id=egen.pk, version=egen.version)
    granska = Avisering.objects.filter(typ=Typ.ATT_GRANSKA, nyckel__startswith=f"rapport:{egen.pk}:")
    assert {a.mottagare.username for a in granska} == {"stadsledningskontoret"}


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_notice_exactly_once(demo):
    """Two workers sending at the same time (SELECT … FOR UPDATE SKIP LOCKED): every notice once."""
    import threading

    from django.db import connections

    users = [UserFactory(username=f"mottagare{i}", email=f"mottagare{i}@example.org") for i in range(450)]
    services.aviseringar_record(
        typ=Typ.PAMINNELSE,
        poster=[
            services.Post(
                mottagare_id=u.pk,
                nyckel="period:1:2022-06-15",
                kontext={"period": "2021", "sista_dag": timezone.localdate(), "antal": 1},
            )
            for u in users
        ],
    )
    skickade, start = [], threading.Barrier(2)

    def sender():
        start.wait()
        try:
            skickade.append(services.aviseringar_send(batch=50))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(skickade) == 450
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert not Avisering.objects.filter(skickad__isnull=True).exists()


def test_a_message_refused_for_good_does_not_hold_back_the_others(demo, monkeypatch):
    import smtplib

    for i in range(3):
        UserFactory(username=f"m{i}", email=f"m{i}@example.org")
    ids = list(
        get_user_model().objects.filter(username__in=["m0", "m1", "m2"]).order_by("pk").values_list("pk", flat=True)
    )
    services.aviseringar_record(
        typ=Typ.GODKAND,
        poster=[
            services.Post(
                mottagare_id=uid,
                nyckel="rapport:1:v2",
                kontext={"aktivitet": "A", "organisation": "O", "period": "2021", "kommentar": ""},
            )
            for uid in ids
        ],
    )
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def refuse_m0(self, messages):
        if messages[0].to == ["m0@example.org"]:
            raise smtplib.SMTPDataError(554, b"Message rejected")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_m0)
    assert services.aviseringar_send() == 2
    refused = Avisering.objects.get(mottagare__username="m0")
    assert (refused.epost, refused.skickad) == (False, None)
    assert [m.to for m in mail.outbox] == [["m1@example.org"], ["m2@example.org"]]
