"""Bad reference data is refused with a clear message and leaves nothing behind."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from jamlik.management.commands.load_plan import DEFAULT_PATH
from plan.choices import AktivitetTyp, OrganisationTyp, Roll
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, OrganisationAlias, Plan, Strategi
from plan.services import Importresultat, organisation_by_name
from samverkan.models import Matrisplacering, Samverkansaktivitet
from samverkan.services import matrisrad_set
from tests.factories import goteborg

pytestmark = pytest.mark.django_db


def test_organisation_found_by_alias(plan):
    kommun = goteborg()
    assert organisation_by_name("Idrott- och föreningsnämnden", kommun=kommun).namn == "Idrotts- och föreningsnämnden"
    assert organisation_by_name("kulturnämnden", kommun=kommun).namn == "Kulturnämnden"


def test_unknown_organisation_is_a_clear_error(plan):
    with pytest.raises(ValidationError, match="Okänd organisation: ”Trollnämnden”"):
        organisation_by_name("Trollnämnden", kommun=goteborg())


def test_duplicate_organisation_refused(plan):
    duplicate = Organisation(kommun=goteborg(), namn="KULTURNÄMNDEN", slug="kultur-igen", typ=OrganisationTyp.NAMND)
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert "Det finns redan en organisation med det namnet." in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_organisation_name_clashing_with_alias_refused(plan):
    clash = Organisation(
        kommun=goteborg(), namn="Idrott- och föreningsnämnden", slug="idrott-2", typ=OrganisationTyp.NAMND
    )
    with pytest.raises(ValidationError, match="redan ett alias"):
        clash.full_clean()
    alias = OrganisationAlias(organisation=Organisation.objects.get(namn="Higab"), namn="Kulturnämnden")
    with pytest.raises(ValidationError, match="tillhör redan en annan organisation"):
        alias.full_clean()


def test_forvaltning_must_belong_to_a_namnd(plan):
    forvaltning = Organisation(
        kommun=goteborg(),
        namn="Ny förvaltning",
        slug="ny",
        typ=OrganisationTyp.FORVALTNING,
        tillhor=Organisation.objects.get(namn="Higab"),
    )
    with pytest.raises(ValidationError, match="tillhör en nämnd"):
        forvaltning.full_clean()


def test_matrix_cell_with_strategy_of_another_plan_refused(plan):
    other = Plan.objects.create(
        program=plan.program,
        namn="Annan plan",
        slug="annan",
        beslutad_av="KF",
        galler_for="Alla",
        diarienummer="1/23",
        beslutsdatum="2023-01-01",
        giltig_fran=2023,
        giltig_till=2026,
        dokumentansvarig="SLK",
        status="kommande",
    )
    foreign_malomrade = Malomrade.objects.create(plan=other, namn="Främmande", slug="frammande", ordning=1)
    foreign = Strategi.objects.create(
        plan=other, malomrade=foreign_malomrade, namn="Främmande strategi", slug="frammande-s", ordning=1
    )
    aktivitet = Samverkansaktivitet.objects.get(plan=plan, slug="hallbara-livsmiljoer")
    cell = Matrisplacering(
        samverkansaktivitet=aktivitet,
        malomrade=Malomrade.objects.get(plan=plan, slug="skapa-hallbara-och-jamlika-livsmiljoer"),
        strategi=foreign,
        ordning=99,
    )
    with pytest.raises(ValidationError, match="Strategin hör inte till aktivitetens plan"):
        cell.full_clean()
    column = Matrisplacering(
        samverkansaktivitet=aktivitet,
        malomrade=foreign_malomrade,
        strategi=Strategi.objects.filter(plan=plan).first(),
        ordning=99,
    )
    with pytest.raises(ValidationError, match="Målområdet hör inte till aktivitetens plan"):
        column.full_clean()


def test_matrix_row_with_unknown_strategy_refused_and_nothing_changed(plan):
    aktivitet = Samverkansaktivitet.objects.get(slug="hallbara-livsmiljoer")
    before = list(aktivitet.matrisplaceringar.values_list("pk", "ordning"))
    with pytest.raises(ValidationError, match="Okänd strategi i matrisen: ”finns-inte”"):
        matrisrad_set(
            samverkansaktivitet=aktivitet,
            celler={"skapa-hallbara-och-jamlika-livsmiljoer": ["minska-boendesegregationen", "finns-inte"]},
            resultat=Importresultat(),
        )
    assert list(aktivitet.matrisplaceringar.values_list("pk", "ordning")) == before


def test_matrix_cell_must_be_a_samverkansaktivitet(plan):
    styrning = Aktivitet.objects.get(slug="integrera-jamlikhet")
    cell = Matrisplacering(
        samverkansaktivitet=styrning, malomrade=Malomrade.objects.first(), strategi=Strategi.objects.first(), ordning=1
    )
    with pytest.raises(ValidationError):
        cell.full_clean()


def test_role_not_used_by_that_kind_of_activity_refused(plan):
    roll = Aktivitetsroll(
        aktivitet=Aktivitet.objects.get(slug="integrera-jamlikhet"),
        organisation=Organisation.objects.get(namn="Higab"),
        roll=Roll.SAMORDNINGSANSVAR,
    )
    with pytest.raises(ValidationError, match="Rollen finns inte för den här sortens aktivitet"):
        roll.full_clean()


def test_proxies_keep_their_type(plan):
    assert Aktivitet.objects.filter(typ=AktivitetTyp.SAMVERKAN).count() == Samverkansaktivitet.objects.count()


def test_load_plan_command_reports_bad_file_without_writing(plan, tmp_path):
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["samverkansaktiviteter"][0]["centrala_aktorer"].append("Trollnämnden")
    data["organisationer"].append({"namn": "Ny nämnd", "slug": "ny-namnd", "typ": "namnd"})
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"samverkansaktiviteter\[0\]\.central_aktor\[11\]: Okänd organisation: ”Trollnämnden”"
    ):
        call_command("load_plan", str(bad))
    assert not Organisation.objects.filter(slug="ny-namnd").exists()
