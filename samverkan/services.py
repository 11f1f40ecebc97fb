"""Writes to the collaboration activities and the strategy matrix."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from plan.choices import AktivitetTyp, Roll
from plan.models import Malomrade, Plan, Strategi
from plan.services import Importresultat, aktivitet_import, upsert
from samverkan.models import Matrisplacering, Samverkansaktivitet


@transaction.atomic
def matrisrad_set(
    *, samverkansaktivitet: Samverkansaktivitet, celler: dict[str, list[str]], resultat: Importresultat
) -> None:
    """Make one row of the matrix exactly `celler`: målområde slug → ordered strategy slugs."""
    behall = []
    for malomrade_slug, strategi_slugs in celler.items():
        malomrade = Malomrade.objects.filter(slug=malomrade_slug).first()
        if malomrade is None:
            raise ValidationError(_("Okänt målområde i matrisen: ”%(slug)s”.") % {"slug": malomrade_slug})
        for ordning, strategi_slug in enumerate(strategi_slugs, 1):
            strategi = Strategi.objects.select_related("malomrade").filter(slug=strategi_slug).first()
            if strategi is None:
                raise ValidationError(_("Okänd strategi i matrisen: ”%(slug)s”.") % {"slug": strategi_slug})
            rad = upsert(
                Matrisplacering,
                {"samverkansaktivitet": samverkansaktivitet, "malomrade": malomrade, "strategi": strategi},
                {"ordning": 1000 + ordning},  # temporary, so reordering never collides
                resultat,
            )
            behall.append((rad.pk, ordning))
    samverkansaktivitet.matrisplaceringar.exclude(pk__in=[pk for pk, _ in behall]).delete()
    for pk, ordning in behall:
        Matrisplacering.objects.filter(pk=pk).update(ordning=ordning)


@transaction.atomic
def samverkansaktiviteter_import(*, plan: Plan, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    for ordning, item in enumerate(data, 1):
        aktivitet = aktivitet_import(
            plan=plan,
            typ=AktivitetTyp.SAMVERKAN,
            ordning=ordning,
            data=item,
            roller={Roll.SAMORDNINGSANSVAR: item["samordningsansvar"], Roll.CENTRAL_AKTOR: item["centrala_aktorer"]},
            resultat=resultat,
        )
        matrisrad_set(
            samverkansaktivitet=Samverkansaktivitet.objects.get(pk=aktivitet.pk),
            celler=item["matris"],
            resultat=resultat,
        )
