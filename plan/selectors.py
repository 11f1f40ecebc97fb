"""Reads of the plan's structure. Every function runs a fixed number of
queries whatever the amount of data (prefetches, no per-row queries)."""

from collections import OrderedDict
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from plan.choices import Roll
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, Plan, Strategi


def plan_current() -> Plan | None:
    """The plan in force: the latest by start year (one plan at a time)."""
    return Plan.objects.select_related("program").order_by("-giltig_fran").first()


def malomraden_with_strategier(*, plan: Plan) -> QuerySet[Malomrade]:
    return (
        Malomrade.objects.filter(program_id=plan.program_id)
        .order_by("ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )


def strategier_for_plan(*, plan: Plan) -> QuerySet[Strategi]:
    return Strategi.objects.filter(malomrade__program_id=plan.program_id).select_related("malomrade")


def roller_prefetch() -> Prefetch:
    return Prefetch(
        "roller",
        queryset=Aktivitetsroll.objects.select_related("organisation").order_by("roll", "ordning"),
    )


def aktiviteter_with_roller(*, plan: Plan, typ: str | None = None) -> QuerySet[Aktivitet]:
    queryset = Aktivitet.objects.filter(plan=plan)
    if typ:
        queryset = queryset.filter(typ=typ)
    return queryset.order_by("typ", "ordning").prefetch_related(roller_prefetch())


def roller_grouped(aktivitet: Aktivitet) -> dict[str, list]:
    """The activity's prefetched roles: role → organisations; central actors also by type."""
    grupper: dict[str, list] = {roll.value: [] for roll in Roll}
    for roll in aktivitet.roller.all():
        grupper[roll.roll].append(roll.organisation)
    return grupper


def organisationer_by_typ(organisationer: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
    grupper: OrderedDict = OrderedDict()
    for organisation in sorted(organisationer, key=lambda o: (o.typ, o.namn)):
        grupper.setdefault(organisation.get_typ_display(), []).append(organisation)
    return list(grupper.items())


def organisationer_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("tillhor").prefetch_related("alias").order_by("namn")


@dataclass
class Sokresultat:
    fraga: str
    aktiviteter: list[Aktivitet]
    strategier: list[Strategi]
    organisationer: list[Organisation]

    @property
    def antal(self) -> int:
        return len(self.aktiviteter) + len(self.strategier) + len(self.organisationer)


def sok(*, fraga: str) -> Sokresultat:
    """Full-text search (PostgreSQL, Swedish stemming) across activities, strategies and
    organisations including their aliases; substring matching on names too, because Swedish
    compounds (Kultur-nämnden) are single words to the full-text parser. icontains on SQLite."""
    fraga = fraga.strip()
    if not fraga:
        return Sokresultat(fraga, [], [], [])
    if connection.vendor == "postgresql":
        query = SearchQuery(fraga, config="swedish", search_type="websearch")
        aktivitet_ids = Aktivitet.objects.annotate(
            sokvektor=SearchVector("titel", "matrisrubrik", "syfte", "beskrivning", config="swedish")
        ).filter(Q(sokvektor=query) | Q(titel__icontains=fraga))
        strategi_ids = Strategi.objects.annotate(sokvektor=SearchVector("namn", config="swedish")).filter(
            Q(sokvektor=query) | Q(namn__icontains=fraga)
        )
        organisation_ids = Organisation.objects.annotate(
            sokvektor=SearchVector("namn", "beskrivning", "alias__namn", config="swedish")
        ).filter(Q(sokvektor=query) | Q(namn__icontains=fraga) | Q(alias__namn__icontains=fraga))
    else:
        aktivitet_ids = Aktivitet.objects.filter(
            Q(titel__icontains=fraga) | Q(syfte__icontains=fraga) | Q(beskrivning__icontains=fraga)
        )
        strategi_ids = Strategi.objects.filter(namn__icontains=fraga)
        organisation_ids = Organisation.objects.filter(
            Q(namn__icontains=fraga) | Q(beskrivning__icontains=fraga) | Q(alias__namn__icontains=fraga)
        )
    return Sokresultat(
        fraga=fraga,
        aktiviteter=list(Aktivitet.objects.filter(pk__in=aktivitet_ids.values("pk")).order_by("typ", "ordning")),
        strategier=list(
            Strategi.objects.filter(pk__in=strategi_ids.values("pk"))
            .select_related("malomrade")
            .order_by("malomrade__ordning", "ordning")
        ),
        organisationer=list(
            Organisation.objects.filter(pk__in=organisation_ids.values("pk")).prefetch_related("alias").order_by("namn")
        ),
    )
