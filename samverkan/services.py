"""Writes to the collaboration activities and the strategy matrix (loaded from the plan's file)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plan.choices import AktivitetTyp, Roll
from plan.models import Malomrade, Plan, Strategi
from plan.services import Importfel, Importresultat, aktivitet_import, tillfallig_ordning, upsert
from samverkan.models import Matrisplacering, Samverkansaktivitet


@transaction.atomic
def matrisrad_set(
    *,
    samverkansaktivitet: Samverkansaktivitet,
    celler: dict[str, list[str]],
    resultat: Importresultat,
    plats: str = "matris",
) -> None:
    """Make one row of the matrix exactly `celler`: målområde slug → ordered strategy slugs, all of
    the activity's own plan."""
    plan = samverkansaktivitet.plan
    behall = []
    for malomrade_slug, strategi_slugs in celler.items():
        c_plats = f"{plats}.{malomrade_slug}"
        malomrade = Malomrade.objects.filter(plan=plan, slug=malomrade_slug).first()
        if malomrade is None:
            raise Importfel(c_plats, _("Okänt målområde i matrisen: ”%(slug)s”.") % {"slug": malomrade_slug})
        sedda: set[str] = set()
        for ordning, strategi_slug in enumerate(strategi_slugs, 1):
            s_plats = f"{c_plats}[{ordning - 1}]"
            if strategi_slug in sedda:
                raise Importfel(
                    s_plats, _("Strategin ”%(slug)s” står två gånger i samma cell.") % {"slug": strategi_slug}
                )
            sedda.add(strategi_slug)
            strategi = Strategi.objects.filter(plan=plan, slug=strategi_slug).first()
            if strategi is None:
                raise Importfel(s_plats, _("Okänd strategi i matrisen: ”%(slug)s”.") % {"slug": strategi_slug})
            rad = upsert(
                Matrisplacering,
                {"samverkansaktivitet": samverkansaktivitet, "malomrade": malomrade, "strategi": strategi},
                {
                    "ordning": tillfallig_ordning(
                        samverkansaktivitet.matrisplaceringar,
                        {"malomrade": malomrade, "strategi": strategi},
                        ordning,
                    )
                },
                resultat,
                plats=s_plats,
            )
            behall.append((rad.pk, ordning))
    samverkansaktivitet.matrisplaceringar.exclude(pk__in=[pk for pk, _ in behall]).delete()
    for pk, ordning in behall:
        Matrisplacering.objects.filter(pk=pk).exclude(ordning=ordning).update(ordning=ordning)


@transaction.atomic
def samverkansaktiviteter_import(*, plan: Plan, data: list[dict[str, Any]], resultat: Importresultat) -> None:
    for ordning, item in enumerate(data, 1):
        plats = f"samverkansaktiviteter[{ordning - 1}]"
        aktivitet = aktivitet_import(
            plan=plan,
            typ=AktivitetTyp.SAMVERKAN,
            ordning=ordning,
            data=item,
            roller={
                Roll.SAMORDNINGSANSVAR: item.get("samordningsansvar", []),
                Roll.CENTRAL_AKTOR: item.get("centrala_aktorer", []),
            },
            resultat=resultat,
            plats=plats,
        )
        matrisrad_set(
            samverkansaktivitet=Samverkansaktivitet.objects.select_related("plan").get(pk=aktivitet.pk),
            celler=item.get("matris", {}),
            resultat=resultat,
            plats=f"{plats}.matris",
        )
