"""Writes to the plan's structure: loading a municipality's program, plan and organisations from a
transcription file. Every object is validated (full_clean) before it is saved, so bad reference
data is refused with a Swedish message that names the place in the file, and nothing is written
(the caller runs the whole load in one transaction).

Plan content is identified within its plan: loading a successor plan (a new plan slug) creates its
own målområden, strategier, förutsättningar and activities and never touches an earlier plan's
rows. A file that would turn an existing plan into another one (another program, or another
validity period under the same slug) is refused."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel
from plan.choices import AktivitetTyp, Roll
from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Kommun,
    Malomrade,
    Organisation,
    OrganisationAlias,
    Plan,
    Planavsnitt,
    Program,
    Strategi,
    StyrandeDokument,
)


class Importfel(Domanfel):
    """A transcription file the portal refuses, with the place in the file (e.g. `plan.malomraden[2]`)."""

    def __init__(self, plats: str, meddelande: str):
        super().__init__(f"{plats}: {meddelande}", code="import")
        self.plats = plats


@dataclass
class Importresultat:
    """Counts of what an import created and updated, by model name."""

    skapade: dict[str, int] = field(default_factory=dict)
    uppdaterade: dict[str, int] = field(default_factory=dict)

    def notera(self, model: type[models.Model], skapad: bool) -> None:
        target = self.skapade if skapad else self.uppdaterade
        target[model.__name__] = target.get(model.__name__, 0) + 1


def _meddelanden(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{namn}: {' '.join(fel)}" for namn, fel in exc.message_dict.items())
    return " ".join(exc.messages)


def upsert(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    resultat: Importresultat,
    *,
    plats: str,
):
    """Create or update one row found by `lookup`, validating it completely first."""
    instance = model._default_manager.filter(**lookup).first()
    skapad = instance is None
    if skapad:
        instance = model(**lookup)
    andrad = skapad
    for name, value in values.items():
        falt = model._meta.get_field(name)
        if falt.is_relation:
            nuvarande, jamfor = getattr(instance, falt.attname), getattr(value, "pk", value)
        else:
            try:
                value = falt.to_python(value)  # "2020-04-16" → date, so an unchanged row stays unchanged
            except ValidationError as exc:
                raise Importfel(f"{plats}.{name}", " ".join(exc.messages)) from exc
            nuvarande, jamfor = getattr(instance, name), value
        if nuvarande != jamfor:
            setattr(instance, name, value)
            andrad = True
    if not andrad:
        return instance  # nothing to write: no history row, no cache bump
    try:
        instance.full_clean()
    except ValidationError as exc:
        raise Importfel(plats, _meddelanden(exc)) from exc
    instance.save()
    resultat.notera(model, skapad)
    return instance


def _krav(data: dict[str, Any], nyckel: str, plats: str) -> Any:
    if not isinstance(data, dict) or nyckel not in data:
        raise Importfel(plats, _("”%(nyckel)s” saknas.") % {"nyckel": nyckel})
    return data[nyckel]


def _unika(slugs: Iterable[str], plats: str, vad: str) -> None:
    sedda: set[str] = set()
    for index, slug in enumerate(slugs):
        if slug in sedda:
            raise Importfel(
                f"{plats}[{index}]", _("%(vad)s ”%(slug)s” förekommer två gånger.") % {"vad": vad, "slug": slug}
            )
        sedda.add(slug)


def organisation_by_name(namn: str, *, kommun: Kommun, plats: str = "") -> Organisation:
    """The one organisation of the municipality a name in the plan refers to, by name or alias."""
    organisation = Organisation.objects.filter(kommun=kommun, namn__iexact=namn).first()
    if organisation is None:
        alias = (
            OrganisationAlias.objects.select_related("organisation")
            .filter(organisation__kommun=kommun, namn__iexact=namn)
            .first()
        )
        organisation = alias.organisation if alias else None
    if organisation is None:
        annan = Organisation.objects.select_related("kommun").filter(namn__iexact=namn).exclude(kommun=kommun).first()
        if annan is not None:
            meddelande = _("Organisationen ”%(namn)s” hör till en annan kommun (%(kommun)s).") % {
                "namn": namn,
                "kommun": annan.kommun.namn,
            }
        else:
            meddelande = _("Okänd organisation: ”%(namn)s”. Lägg till den bland organisationerna först.") % {
                "namn": namn
            }
        raise Importfel(plats or "organisation", meddelande)
    return organisation


@transaction.atomic
def kommun_import(*, data: dict[str, Any], resultat: Importresultat) -> Kommun:
    slug = _krav(data, "slug", "kommun")
    return upsert(
        Kommun,
        {"slug": slug},
        {"namn": _krav(data, "namn", "kommun"), "kommunkod": data.get("kommunkod", "")},
        resultat,
        plats="kommun",
    )


@transaction.atomic
def program_import(*, kommun: Kommun, data: dict[str, Any], resultat: Importresultat) -> Program:
    values = {k: v for k, v in data.items() if k not in {"slug", "malomraden", "forutsattningar"}}
    return upsert(
        Program, {"kommun": kommun, "slug": _krav(data, "slug", "program")}, values, resultat, plats="program"
    )


@transaction.atomic
def plan_import(*, program: Program, data: dict[str, Any], resultat: Importresultat) -> Plan:
    """The plan with its own målområden, strategier, förutsättningar and sections of text."""
    slug = _krav(data, "slug", "plan")
    befintlig = Plan.objects.select_related("program").filter(slug=slug).first()
    if befintlig is not None and befintlig.program_id != program.pk:
        raise Importfel(
            "plan.slug",
            _("Planen ”%(slug)s” hör redan till programmet ”%(program)s”; filen skulle flytta den.")
            % {"slug": slug, "program": befintlig.program.namn},
        )
    if befintlig is not None and (befintlig.giltig_fran, befintlig.giltig_till) != (
        data.get("giltig_fran"),
        data.get("giltig_till"),
    ):
        raise Importfel(
            "plan.slug",
            _(
                "Planen ”%(slug)s” gäller %(fran)s–%(till)s; filen anger en annan giltighetstid. "
                "En ny plan behöver ett eget kortnamn (slug), så att den tidigare planen finns kvar."
            )
            % {"slug": slug, "fran": befintlig.giltig_fran, "till": befintlig.giltig_till},
        )
    values = {k: v for k, v in data.items() if k not in {"slug", "malomraden", "forutsattningar", "avsnitt"}}
    if befintlig is not None:
        # Whether a loaded plan is in force is decided in the portal (admin): loading its file again
        # (make run, every release) must not make a plan marked historisk gällande again.
        values.pop("status", None)
    plan = upsert(Plan, {"slug": slug}, {**values, "program": program}, resultat, plats="plan")

    malomraden = _krav(data, "malomraden", "plan")
    _unika((m.get("slug") for m in malomraden), "plan.malomraden", _("Målområdet"))
    _unika(
        (s.get("slug") for m in malomraden for s in m.get("strategier", [])),
        "plan.malomraden[].strategier",
        _("Strategin"),
    )
    for ordning, mal in enumerate(malomraden, 1):
        plats = f"plan.malomraden[{ordning - 1}]"
        malomrade = upsert(
            Malomrade,
            {"plan": plan, "slug": _krav(mal, "slug", plats)},
            {
                "namn": _krav(mal, "namn", plats),
                "kortnamn": mal.get("kortnamn", ""),
                "ordning": tillfallig_ordning(plan.malomraden, {"slug": mal["slug"]}, ordning),
                "beskrivning": mal.get("beskrivning", ""),
                "genomsyrar_samverkan": mal.get("genomsyrar_samverkan", False),
            },
            resultat,
            plats=plats,
        )
        for s_ordning, strategi in enumerate(_krav(mal, "strategier", plats), 1):
            s_plats = f"{plats}.strategier[{s_ordning - 1}]"
            upsert(
                Strategi,
                {"plan": plan, "slug": _krav(strategi, "slug", s_plats)},
                {
                    "malomrade": malomrade,
                    "namn": _krav(strategi, "namn", s_plats),
                    "ordning": tillfallig_ordning(
                        Strategi.objects.filter(malomrade=malomrade), {"slug": strategi["slug"]}, s_ordning
                    ),
                },
                resultat,
                plats=s_plats,
            )
    _final_order(Malomrade.objects.filter(plan=plan), [m["slug"] for m in malomraden])
    for mal in malomraden:
        _final_order(
            Strategi.objects.filter(plan=plan, malomrade__slug=mal["slug"]), [s["slug"] for s in mal["strategier"]]
        )

    forutsattningar = data.get("forutsattningar", [])
    _unika((f.get("slug") for f in forutsattningar), "plan.forutsattningar", _("Förutsättningen"))
    for ordning, forutsattning in enumerate(forutsattningar, 1):
        plats = f"plan.forutsattningar[{ordning - 1}]"
        upsert(
            Forutsattning,
            {"plan": plan, "slug": _krav(forutsattning, "slug", plats)},
            {
                "namn": _krav(forutsattning, "namn", plats),
                "ordning": tillfallig_ordning(plan.forutsattningar, {"slug": forutsattning["slug"]}, ordning),
                "beskrivning": _krav(forutsattning, "beskrivning", plats),
            },
            resultat,
            plats=plats,
        )
    _final_order(Forutsattning.objects.filter(plan=plan), [f["slug"] for f in forutsattningar])

    avsnitt = data.get("avsnitt", [])
    _unika((a.get("slug") for a in avsnitt), "plan.avsnitt", _("Avsnittet"))
    for ordning, item in enumerate(avsnitt, 1):
        plats = f"plan.avsnitt[{ordning - 1}]"
        upsert(
            Planavsnitt,
            {"plan": plan, "slug": _krav(item, "slug", plats)},
            {
                "rubrik": _krav(item, "rubrik", plats),
                "text": _krav(item, "text", plats),
                "ordning": tillfallig_ordning(plan.avsnitt, {"slug": item["slug"]}, ordning),
            },
            resultat,
            plats=plats,
        )
    plan.avsnitt.exclude(slug__in=[a["slug"] for a in avsnitt]).delete()
    _final_order(Planavsnitt.objects.filter(plan=plan), [a["slug"] for a in avsnitt])
    return plan


def tillfallig_ordning(queryset, lookup: dict[str, Any], ordning: int) -> int:
    """The position to write while upserting: the final one when the row already has it (so an
    unchanged file writes nothing), otherwise a temporary one, so reordering never collides."""
    return ordning if queryset.filter(**lookup, ordning=ordning).exists() else 1000 + ordning


def _final_order(queryset, slugs: list[str]) -> None:
    """Give rows their final order (1, 2, …) after the temporary one used while upserting."""
    for ordning, slug in enumerate(slugs, 1):
        queryset.filter(slug=slug).exclude(ordning=ordning).update(ordning=ordning)


@transaction.atomic
def organisationer_import(*, kommun: Kommun, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    """The municipality's register. Two passes: first every organisation, then the links between
    them (tillhör, rapporterar för, ersätter) and the aliases."""
    _unika((o.get("slug") for o in data), "organisationer", _("Organisationen"))
    for index, org in enumerate(data):
        plats = f"organisationer[{index}]"
        upsert(
            Organisation,
            {"kommun": kommun, "slug": _krav(org, "slug", plats)},
            {
                "namn": _krav(org, "namn", plats),
                "typ": _krav(org, "typ", plats),
                "samlingsbegrepp": org.get("samlingsbegrepp", False),
                "giltig_fran": org.get("giltig_fran"),
                "giltig_till": org.get("giltig_till"),
                "anmarkning": org.get("anmarkning", ""),
            },
            resultat,
            plats=plats,
        )
    for index, org in enumerate(data):
        plats = f"organisationer[{index}]"
        organisation = Organisation.objects.get(kommun=kommun, slug=org["slug"])
        lankar = {
            falt: organisation_by_name(org[falt], kommun=kommun, plats=f"{plats}.{falt}") if org.get(falt) else None
            for falt in ("tillhor", "rapporterar_for")
        }
        upsert(Organisation, {"pk": organisation.pk}, lankar, resultat, plats=plats)
        ersatter = [
            organisation_by_name(namn, kommun=kommun, plats=f"{plats}.ersatter[{i}]")
            for i, namn in enumerate(org.get("ersatter", []))
        ]
        if {o.pk for o in ersatter} != set(organisation.ersatter.values_list("pk", flat=True)):
            organisation.ersatter.set(ersatter)
        for a_index, alias in enumerate(org.get("alias", [])):
            namn, i_planen = (alias, True) if isinstance(alias, str) else (alias["namn"], alias.get("i_planen", True))
            upsert(
                OrganisationAlias,
                {"organisation": organisation, "namn": namn},
                {"i_planen": i_planen},
                resultat,
                plats=f"{plats}.alias[{a_index}]",
            )


@transaction.atomic
def styrande_dokument_import(*, plan: Plan, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    _unika((d.get("slug") for d in data), "styrande_dokument", _("Dokumentet"))
    ordning_per_kategori: dict[str, int] = {}
    for index, dokument in enumerate(data):
        plats = f"styrande_dokument[{index}]"
        kategori = _krav(dokument, "kategori", plats)
        ordning = ordning_per_kategori[kategori] = ordning_per_kategori.get(kategori, 0) + 1
        values = {k: v for k, v in dokument.items() if k != "slug"}
        upsert(
            StyrandeDokument,
            {"plan": plan, "slug": _krav(dokument, "slug", plats)},
            {**values, "ordning": ordning},
            resultat,
            plats=plats,
        )


@transaction.atomic
def aktivitet_import(
    *,
    plan: Plan,
    typ: AktivitetTyp,
    ordning: int,
    data: dict[str, Any],
    roller: dict[Roll, list[str]],
    resultat: Importresultat,
    plats: str,
) -> Aktivitet:
    """Create or update one activity of the plan and make its roles exactly those given, in order."""
    aktivitet = upsert(
        Aktivitet,
        {"plan": plan, "slug": _krav(data, "slug", plats)},
        {
            "typ": typ,
            "ordning": ordning,
            "titel": _krav(data, "titel", plats),
            "matrisrubrik": data.get("matrisrubrik", ""),
            "syfte": data.get("syfte", ""),
            "beskrivning": data.get("beskrivning", ""),
            "fotnoter": data.get("fotnoter", ""),
        },
        resultat,
        plats=plats,
    )
    kommun = plan.program.kommun
    behall = []
    for roll, namn_lista in roller.items():
        for r_ordning, namn in enumerate(namn_lista, 1):
            r_plats = f"{plats}.{roll}[{r_ordning - 1}]"
            rad = upsert(
                Aktivitetsroll,
                {
                    "aktivitet": aktivitet,
                    "organisation": organisation_by_name(namn, kommun=kommun, plats=r_plats),
                    "roll": roll,
                },
                {"ordning": r_ordning},
                resultat,
                plats=r_plats,
            )
            behall.append(rad.pk)
    aktivitet.roller.exclude(pk__in=behall).delete()
    return aktivitet
