"""Writes to the steering activities and the follow-up specification."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plan.choices import AktivitetTyp, Roll
from plan.models import Aktivitet, Plan
from plan.services import Importresultat, aktivitet_import, upsert
from uppfoljning.models import PlaneradProcessutvardering, PlaneradUppfoljning


@transaction.atomic
def styrningsaktiviteter_import(*, plan: Plan, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    for ordning, item in enumerate(data, 1):
        aktivitet_import(
            plan=plan,
            typ=AktivitetTyp.STYRNING,
            ordning=ordning,
            data=item,
            roller={Roll.ANSVAR: item["ansvar"], Roll.PILOTVERKSAMHET: item.get("pilotverksamheter", [])},
            resultat=resultat,
        )


@transaction.atomic
def planerad_uppfoljning_import(*, plan: Plan, data: dict[str, Any], resultat: Importresultat) -> PlaneradUppfoljning:
    uppfoljning = upsert(
        PlaneradUppfoljning,
        {"plan": plan, "ar": data["ar"]},
        {
            "redovisas_med": data["redovisas_med"],
            "genomfors_av": data["genomfors_av"],
            "beskrivning": data["beskrivning"],
        },
        resultat,
    )
    behall = []
    for ordning, item in enumerate(data["processutvarderingar"], 1):
        aktivitet = Aktivitet.objects.filter(plan=plan, slug=item["aktivitet"]).first()
        if aktivitet is None:
            raise ValidationError(_("Okänd aktivitet i uppföljningen: ”%(slug)s”.") % {"slug": item["aktivitet"]})
        rad = upsert(
            PlaneradProcessutvardering,
            {"uppfoljning": uppfoljning, "aktivitet": aktivitet},
            {"ordning": ordning, "omfattar_pilotverksamheter": item["omfattar_pilotverksamheter"]},
            resultat,
        )
        behall.append(rad.pk)
    uppfoljning.processutvarderingar.exclude(pk__in=behall).delete()
    return uppfoljning
