"""Reads of notifications: who gets a notice (from the one definition of who must report in
uppfoljning.selectors.rapportering), a user's notices and settings."""

from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from aviseringar.choices import VALBARA_TYPER
from aviseringar.models import Avisering, Installning
from plan.choices import LEDANDE_ROLLER, PLANAGARE_GRUPP
from plan.models import Aktivitetsroll, Medlemskap
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import forvantade_roller

INSKICKADE = (Rapporttillstand.INSKICKAD, Rapporttillstand.GODKAND)


def aviseringar_for_user(user) -> QuerySet[Avisering]:
    return Avisering.objects.filter(mottagare=user, webb=True)


def olasta_antal(user) -> int:
    return Avisering.objects.filter(mottagare=user, webb=True, last__isnull=True).count()


def installning_for_user(user) -> Installning:
    """The user's settings, or the defaults (every kind by e-mail and in the portal) unsaved."""
    return Installning.objects.filter(anvandare=user).first() or Installning(anvandare=user)


def installningar(user_ids) -> dict[int, Installning]:
    """user id → settings (defaults for users who never saved any). One query."""
    sparade = {i.anvandare_id: i for i in Installning.objects.filter(anvandare_id__in=user_ids)}
    return {uid: sparade.get(uid) or Installning(anvandare_id=uid) for uid in user_ids}


def anvandare_for_organisationer(organisation_ids) -> dict[int, set[int]]:
    """organisation id → the active users who act for it: its members and the members of the
    organisations that report for it (a förvaltning's officials for its nämnd). One query."""
    organisation_ids = set(organisation_ids)
    resultat: dict[int, set[int]] = defaultdict(set)
    rader = Medlemskap.objects.filter(
        Q(organisation_id__in=organisation_ids) | Q(organisation__rapporterar_for_id__in=organisation_ids),
        anvandare__is_active=True,
    ).values_list("anvandare_id", "organisation_id", "organisation__rapporterar_for_id")
    for anvandare_id, organisation_id, rapporterar_for_id in rader:
        for org in (organisation_id, rapporterar_for_id):
            if org in organisation_ids:
                resultat[org].add(anvandare_id)
    return resultat


def utestaende(*, period: Uppfoljningsperiod) -> set[tuple[int, int]]:
    """The (aktivitet, organisation) pairs obliged to report in the period (forvantade_roller: the
    one definition) whose report is missing or not yet submitted (draft, returned). Two queries."""
    forvantade = set(forvantade_roller(period=period).values_list("aktivitet_id", "organisation_id"))
    klara = set(
        Statusrapport.objects.filter(period=period, tillstand__in=INSKICKADE).values_list(
            "aktivitet_id", "organisation_id"
        )
    )
    return forvantade - klara


def utestaende_per_anvandare(*, period: Uppfoljningsperiod, par: set[tuple[int, int]]) -> dict[int, int]:
    """user id → how many of the given (aktivitet, organisation) pairs the user should report."""
    per_org: dict[int, int] = defaultdict(int)
    for _aktivitet_id, organisation_id in par:
        per_org[organisation_id] += 1
    antal: dict[int, int] = defaultdict(int)
    for organisation_id, anvandare in anvandare_for_organisationer(per_org).items():
        for anvandare_id in anvandare:
            antal[anvandare_id] += per_org[organisation_id]
    return dict(antal)


def forvantade_per_anvandare(*, period: Uppfoljningsperiod) -> dict[int, int]:
    """user id → how many reports the user's organisations are expected to write in the period."""
    par = set(forvantade_roller(period=period).values_list("aktivitet_id", "organisation_id"))
    return utestaende_per_anvandare(period=period, par=par)


def samordnare_for(rapport: Statusrapport) -> set[int]:
    """The users who may review the report, by the one four-eyes rule (uppfoljning.rules): among
    those acting for an organisation that leads its activity, and the planägare, the ones allowed to
    approve it — never its own organisation's officials or the one who submitted it."""
    ledande = Aktivitetsroll.objects.filter(aktivitet_id=rapport.aktivitet_id, roll__in=LEDANDE_ROLLER).values_list(
        "organisation_id", flat=True
    )
    kandidater = set().union(*anvandare_for_organisationer(ledande).values())
    anvandare = (
        get_user_model()
        .objects.filter(Q(pk__in=kandidater) | Q(groups__name=PLANAGARE_GRUPP), is_active=True)
        .distinct()
    )
    return {u.pk for u in anvandare if u.has_perm("uppfoljning.approve_statusrapport", rapport)}


def rapportorer_for(rapport: Statusrapport) -> set[int]:
    """The users who write the report: those acting for its organisation."""
    return anvandare_for_organisationer([rapport.organisation_id]).get(rapport.organisation_id, set())


def perioder_oppnade(*, idag: date) -> QuerySet[Uppfoljningsperiod]:
    """Periods open today (a notice per user and period, whenever the task first sees it open)."""
    return Uppfoljningsperiod.objects.select_related("plan").filter(oppnar__lte=idag, sista_dag__gte=idag)


def perioder_nara_sista_dag(*, idag: date, dagar: int) -> QuerySet[Uppfoljningsperiod]:
    """Open periods whose last day is at most `dagar` days away."""
    return perioder_oppnade(idag=idag).filter(sista_dag__lte=idag + timedelta(days=dagar))


def perioder_forsenade(*, idag: date, dagar: int) -> QuerySet[Uppfoljningsperiod]:
    """Periods whose last day passed at most `dagar` days ago (older ones are history, not news)."""
    return Uppfoljningsperiod.objects.select_related("plan").filter(
        sista_dag__lt=idag, sista_dag__gte=idag - timedelta(days=dagar)
    )


def veckans_olasta(*, user_ids, sedan) -> dict[int, list[Avisering]]:
    """user id → the user's unread in-portal notices since the given time (one query)."""
    resultat: dict[int, list[Avisering]] = defaultdict(list)
    for avisering in Avisering.objects.filter(
        mottagare_id__in=user_ids, webb=True, last__isnull=True, skapad__gte=sedan
    ).order_by("skapad"):
        resultat[avisering.mottagare_id].append(avisering)
    return resultat


def veckosammanfattning_anvandare() -> QuerySet:
    return get_user_model().objects.filter(is_active=True, aviseringsinstallning__veckosammanfattning=True)


def idag() -> date:
    return timezone.localdate()


VALBARA = [t.value for t in VALBARA_TYPER]
