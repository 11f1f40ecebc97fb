"""Who must report, and for whom: officials of a förvaltning report for the nämnd the plan names;
external actors and collective names are partners, never missing; an organisation reports only
for the periods in which it existed. Completeness, Mina rapporter and the compiled report agree."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from jamlik.errors import Domanfel
from plan.choices import AktivitetTyp, OrganisationTyp, Roll
from plan.models import Aktivitet, Aktivitetsroll, Organisation
from plan.selectors import plan_current
from tests.factories import MedlemskapFactory, OrganisationFactory
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.sammanstallning.data import gather
from uppfoljning.selectors.rapportering import (
    SAKNAS,
    forvantade_par,
    forvantade_roller,
    kompletthet,
    kompletthet_roller,
    mina_rapporter,
)
from uppfoljning.services.rapportering import statusrapport_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(demo):
    return Uppfoljningsperiod.objects.get(plan=plan_current(), slug="2021")


def test_an_official_of_stadsledningskontoret_reports_for_kommunstyrelsen(demo, period):
    slk = MedlemskapFactory(organisation=Organisation.objects.get(namn="Stadsledningskontoret")).anvandare
    ks = Organisation.objects.get(namn="Kommunstyrelsen")
    mina = mina_rapporter(user=slk, period=period)
    styrning = {a.slug for a, org in mina.att_skapa if org == ks and a.typ == AktivitetTyp.STYRNING}
    assert len(styrning) == 5  # Kommunstyrelsen has ansvar for five of the six steering activities
    aktivitet = Aktivitet.objects.get(plan=period.plan, slug="strategisk-funktion-for-samordning")
    rapport = statusrapport_create(user=slk, period=period, aktivitet=aktivitet, organisation=ks, status="genomford")
    assert rapport.organisation == ks
    rad = next(
        r
        for r in kompletthet(
            period=period, roller=kompletthet_roller(user=demo["stadsledningskontoret"], period=period)
        ).rader
        if r["aktivitet"] == aktivitet
    )
    assert (rad["organisation"], rad["tillstand"]) == (ks, "utkast")


def test_nobody_reports_for_an_organisation_they_do_not_act_for(demo, period):
    kultur = demo["tjansteperson"]
    ks = Organisation.objects.get(namn="Kommunstyrelsen")
    aktivitet = Aktivitet.objects.get(plan=period.plan, slug="strategisk-funktion-for-samordning")
    with pytest.raises(PermissionDenied, match=r"egen organisation|behörighet"):
        statusrapport_create(user=kultur, period=period, aktivitet=aktivitet, organisation=ks, status="genomford")


def test_partners_are_never_expected_to_report(demo, period):
    par = {(r.aktivitet_id, r.organisation_id) for r in forvantade_roller(period=period).select_related("organisation")}
    externa = Organisation.objects.exclude(typ__in=OrganisationTyp.inom_staden()) | Organisation.objects.filter(
        samlingsbegrepp=True
    )
    externa_ids = set(externa.values_list("pk", flat=True))
    assert externa_ids and not {org for _a, org in par} & externa_ids
    partners = Aktivitetsroll.objects.filter(aktivitet__plan=period.plan, organisation_id__in=externa_ids).count()
    assert partners >= 19  # Polismyndigheten, Socialstyrelsen, "aktörer från civilsamhället", "Kommunala bolag" …
    rader = kompletthet(
        period=period, roller=kompletthet_roller(user=demo["stadsledningskontoret"], period=period)
    ).rader
    assert not {r["organisation"].pk for r in rader} & externa_ids


def test_completeness_mina_rapporter_and_the_compiled_report_agree(demo, period):
    plan = period.plan
    resultat = kompletthet(period=period, roller=kompletthet_roller(user=demo["stadsledningskontoret"], period=period))
    fran_kompletthet = {(r["aktivitet"].pk, r["organisation"].pk) for r in resultat.rader}
    assert fran_kompletthet == forvantade_par(plan=plan, perioder=[period])[period.pk]
    data = gather(plan=plan, ar=2021)
    index = [p.pk for p in data.perioder].index(period.pk)
    assert sum(o.perioder[index][1] for o in data.organisationer) == len(fran_kompletthet)
    godkanda = sum(1 for r in resultat.rader if r["tillstand"] == "godkand")
    assert sum(o.perioder[index][0] for o in data.organisationer) == godkanda
    # Each organisation's own list of what it must create is the same rule, narrowed to it.
    kultur = Organisation.objects.get(namn="Kulturnämnden")
    user = demo["tjansteperson"]
    mina = mina_rapporter(user=user, period=period)
    skapade = {
        (r.aktivitet_id, r.organisation_id) for r in Statusrapport.objects.filter(period=period, organisation=kultur)
    }
    att_skapa = {(a.pk, o.pk) for a, o in mina.att_skapa}
    assert att_skapa | skapade == {par for par in fran_kompletthet if par[1] == kultur.pk}


def test_an_organisation_merged_mid_plan_keeps_its_earlier_reports(client, demo):
    plan = plan_current()
    fore = Uppfoljningsperiod.objects.get(plan=plan, slug="2020")
    efter = Uppfoljningsperiod.objects.get(plan=plan, slug="2021")
    gammal = OrganisationFactory(namn="Stadsdelsnämnden Test", slug="sdn-test", giltig_till=date(2020, 12, 31))
    ny = OrganisationFactory(namn="Socialnämnden Test", slug="sn-test", giltig_fran=date(2021, 1, 1))
    ny.ersatter.add(gammal)
    aktivitet = Aktivitet.objects.get(plan=plan, slug="familjecentrerat-arbetssatt")
    for org in (gammal, ny):
        Aktivitetsroll.objects.create(aktivitet=aktivitet, organisation=org, roll=Roll.CENTRAL_AKTOR, ordning=99)
    tjp = MedlemskapFactory(organisation=gammal).anvandare
    with time_machine.travel(date(2020, 12, 1)):  # during the 2020 period, before the merger
        rapport = statusrapport_create(
            user=tjp, period=fore, aktivitet=aktivitet, organisation=gammal, status="genomford"
        )
    forvantade = forvantade_par(plan=plan, perioder=[fore, efter])
    assert (aktivitet.pk, gammal.pk) in forvantade[fore.pk] and (aktivitet.pk, gammal.pk) not in forvantade[efter.pk]
    assert (aktivitet.pk, ny.pk) in forvantade[efter.pk]
    # 2020's period ends 2021-01-31, so the new nämnd existed during it too: the rule is "existed at
    # some point in the period"; a period wholly before 2021 would not expect it.
    assert Statusrapport.objects.get(pk=rapport.pk).organisation == gammal
    sida = client.get("/organisationer/sdn-test/").content.decode()
    assert "Socialnämnden Test" in sida and "Ersatt av" in sida
    assert "Stadsdelsnämnden Test" in client.get("/organisationer/sn-test/").content.decode()
    rader = kompletthet(period=efter, roller=kompletthet_roller(user=demo["stadsledningskontoret"], period=efter)).rader
    assert [r["tillstand"] for r in rader if r["organisation"] == ny] == [SAKNAS]
    assert not [r for r in rader if r["organisation"] == gammal]


def test_a_report_for_a_period_the_organisation_did_not_exist_in_is_refused(demo):
    plan = plan_current()
    period = Uppfoljningsperiod.objects.get(plan=plan, slug="2019")
    ny = OrganisationFactory(namn="Nybildad nämnd", slug="nybildad", giltig_fran=date(2021, 1, 1))
    aktivitet = Aktivitet.objects.get(plan=plan, slug="familjecentrerat-arbetssatt")
    Aktivitetsroll.objects.create(aktivitet=aktivitet, organisation=ny, roll=Roll.CENTRAL_AKTOR, ordning=99)
    tjp = MedlemskapFactory(organisation=ny).anvandare
    with time_machine.travel(date(2019, 12, 1)), pytest.raises(Domanfel, match="fanns inte"):  # the period is open
        statusrapport_create(user=tjp, period=period, aktivitet=aktivitet, organisation=ny, status="genomford")
