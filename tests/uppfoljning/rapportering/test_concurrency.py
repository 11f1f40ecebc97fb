"""Concurrency on real PostgreSQL: threads with their own connections race through the services."""

import threading

import pytest
from django.db import connection

from plan.models import Aktivitet, Aktivitetsroll, Organisation
from tests.factories import MedlemskapFactory, OrganisationFactory
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.services.rapportering import (
    Versionskonflikt,
    statusrapport_create,
    statusrapport_submit,
    statusrapport_update,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _run_together(targets):
    barrier = threading.Barrier(len(targets))
    results = [None] * len(targets)

    def run(i, target):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_simultaneous_edits_one_wins(plan, demo):
    rapport = Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )
    kollega = MedlemskapFactory(organisation=rapport.organisation).anvandare
    history_before = rapport.history.count()

    def edit(user, text):
        return lambda: statusrapport_update(
            user=user,
            rapport_id=rapport.pk,
            version=1,
            status="pagar_enligt_plan",
            genomfort=text,
            hinder="",
            nasta_steg="",
            strategier=[],
        )

    results = _run_together([edit(demo["tjansteperson"], "Tea skrev"), edit(kollega, "Kollegan skrev")])
    winners = [r for r in results if isinstance(r, Statusrapport)]
    conflicts = [r for r in results if isinstance(r, Versionskonflikt)]
    assert (len(winners), len(conflicts)) == (1, 1)
    assert conflicts[0].aktuell_version == 2
    rapport.refresh_from_db()
    assert (rapport.version, rapport.genomfort) == (2, winners[0].genomfort)
    assert rapport.history.count() == history_before + 1
    assert rapport.history.latest().genomfort == winners[0].genomfort


def test_twenty_officials_submit_at_once(plan, demo):
    aktivitet = Aktivitet.objects.get(slug="hallbara-livsmiljoer")
    period = Uppfoljningsperiod.objects.get(slug="2021")
    medlemmar = []
    for _ in range(20):
        organisation = OrganisationFactory()
        Aktivitetsroll.objects.create(aktivitet=aktivitet, organisation=organisation, roll="central_aktor")
        medlemmar.append(MedlemskapFactory(organisation=organisation))

    def report(medlemskap):
        def go():
            rapport = statusrapport_create(
                user=medlemskap.anvandare,
                period=period,
                aktivitet=aktivitet,
                organisation=Organisation.objects.get(pk=medlemskap.organisation_id),
                status="pagar_enligt_plan",
                genomfort=f"Rapport från {medlemskap.organisation.namn}",
            )
            return statusrapport_submit(user=medlemskap.anvandare, rapport_id=rapport.pk, version=1)

        return go

    results = _run_together([report(m) for m in medlemmar])
    assert [type(r).__name__ for r in results] == ["Statusrapport"] * 20
    stored = Statusrapport.objects.filter(organisation__in=[m.organisation for m in medlemmar])
    assert stored.count() == 20
    assert set(stored.values_list("tillstand", flat=True)) == {Rapporttillstand.INSKICKAD}
    assert sorted(stored.values_list("genomfort", flat=True)) == sorted(
        f"Rapport från {m.organisation.namn}" for m in medlemmar
    )
