"""Writes to the plan's structure. Every object is validated (full_clean) before it is saved,
so bad reference data is refused with a clear message instead of stored."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from plan.choices import AktivitetTyp, Roll
from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Malomrade,
    Organisation,
    OrganisationAlias,
    Plan,
    Program,
    Strategi,
    StyrandeDokument,
)


@dataclass
class Importresultat:
    """Counts of what an import created and updated, by model name."""

    skapade: dict[str, int] = field(default_factory=dict)
    uppdaterade: dict[str, int] = field(default_factory=dict)

    def notera(self, model: type[models.Model], skapad: bool) -> None:
        target = self.skapade if skapad else self.uppdaterade
        target[model.__name__] = target.get(model.__name__, 0) + 1


def upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], resultat: Importresultat):
    """Create or update one row found by `lookup`, validating it completely first."""
    instance = model._default_manager.filter(**lookup).first()
    skapad = instance is None
    if skapad:
        instance = model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    resultat.notera(model, skapad)
    return instance


def organisation_by_name(namn: str) -> Organisation:
    """The one organisation a name in the plan refers to, by its name or one of its aliases."""
    organisation = Organisation.objects.filter(namn__iexact=namn).first()
    if organisation is None:
        alias = OrganisationAlias.objects.select_related("organisation").filter(namn__iexact=namn).first()
        organisation = alias.organisation if alias else None
    if organisation is None:
        raise ValidationError(
            _("Okänd organisation: ”%(namn)s”. Lägg till den bland organisationerna först.") % {"namn": namn}
        )
    return organisation


@transaction.atomic
def program_import(*, data: dict[str, Any], resultat: Importresultat) -> Program:
    values = {k: v for k, v in data.items() if k not in {"slug", "malomraden", "forutsattningar"}}
    program = upsert(Program, {"slug": data["slug"]}, values, resultat)
    for ordning, mal in enumerate(data["malomraden"], 1):
        malomrade = upsert(
            Malomrade,
            {"slug": mal["slug"]},
            {
                "program": program,
                "namn": mal["namn"],
                "kortnamn": mal.get("kortnamn", ""),
                "ordning": ordning,
                "beskrivning": mal.get("beskrivning", ""),
            },
            resultat,
        )
        for s_ordning, strategi in enumerate(mal["strategier"], 1):
            upsert(
                Strategi,
                {"slug": strategi["slug"]},
                {"malomrade": malomrade, "namn": strategi["namn"], "ordning": s_ordning},
                resultat,
            )
    for ordning, forutsattning in enumerate(data["forutsattningar"], 1):
        upsert(
            Forutsattning,
            {"slug": forutsattning["slug"]},
            {
                "program": program,
                "namn": forutsattning["namn"],
                "ordning": ordning,
                "beskrivning": forutsattning["beskrivning"],
            },
            resultat,
        )
    return program


@transaction.atomic
def plan_import(*, program: Program, data: dict[str, Any], resultat: Importresultat) -> Plan:
    values = {k: v for k, v in data.items() if k != "slug"}
    return upsert(Plan, {"slug": data["slug"]}, {**values, "program": program}, resultat)


@transaction.atomic
def organisationer_import(*, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    # Two passes: first every organisation, then the links between them (tillhör).
    for org in data:
        upsert(
            Organisation,
            {"slug": org["slug"]},
            {"namn": org["namn"], "typ": org["typ"], "samlingsbegrepp": org.get("samlingsbegrepp", False)},
            resultat,
        )
    for org in data:
        organisation = Organisation.objects.get(slug=org["slug"])
        tillhor = organisation_by_name(org["tillhor"]) if org.get("tillhor") else None
        if organisation.tillhor != tillhor:
            organisation.tillhor = tillhor
            organisation.full_clean()
            organisation.save(update_fields=["tillhor"])
        for alias in org.get("alias", []):
            upsert(OrganisationAlias, {"namn": alias}, {"organisation": organisation}, resultat)


@transaction.atomic
def styrande_dokument_import(*, plan: Plan, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    ordning_per_kategori: dict[str, int] = {}
    for dokument in data:
        ordning = ordning_per_kategori[dokument["kategori"]] = ordning_per_kategori.get(dokument["kategori"], 0) + 1
        values = {k: v for k, v in dokument.items() if k != "slug"}
        upsert(StyrandeDokument, {"slug": dokument["slug"]}, {**values, "plan": plan, "ordning": ordning}, resultat)


@transaction.atomic
def aktivitet_import(
    *,
    plan: Plan,
    typ: AktivitetTyp,
    ordning: int,
    data: dict[str, Any],
    roller: dict[Roll, list[str]],
    resultat: Importresultat,
) -> Aktivitet:
    """Create or update one activity and make its roles exactly those given, in order."""
    aktivitet = upsert(
        Aktivitet,
        {"slug": data["slug"]},
        {
            "plan": plan,
            "typ": typ,
            "ordning": ordning,
            "titel": data["titel"],
            "matrisrubrik": data.get("matrisrubrik", ""),
            "syfte": data.get("syfte", ""),
            "beskrivning": data.get("beskrivning", ""),
        },
        resultat,
    )
    behall = []
    for roll, namn_lista in roller.items():
        for r_ordning, namn in enumerate(namn_lista, 1):
            rad = upsert(
                Aktivitetsroll,
                {"aktivitet": aktivitet, "organisation": organisation_by_name(namn), "roll": roll},
                {"ordning": r_ordning},
                resultat,
            )
            behall.append(rad.pk)
    aktivitet.roller.exclude(pk__in=behall).delete()
    return aktivitet
