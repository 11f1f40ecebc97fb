"""Reads of the plan's structure. Every function runs a fixed number of
queries whatever the amount of data (prefetches, no per-row queries)."""

from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from jamlik.ops.fragments import plan_fragment
from plan.choices import PlanStatus, Roll
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Medlemskap, Organisation, Plan, Strategi


def planer() -> QuerySet[Plan]:
    """Every plan, the plan in force first, then the newest: the plan chooser's list."""
    return Plan.objects.select_related("program__kommun").order_by(
        Case(When(status=PlanStatus.GALLANDE, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "-giltig_fran",
        "namn",
    )


def plan_current() -> Plan | None:
    """The plan in force: the newest plan marked gällande (of the municipality in the setting
    PORTAL_KOMMUN when several municipalities share the portal), else the newest plan."""
    qs = Plan.objects.select_related("program__kommun")
    if kommun := getattr(settings, "PORTAL_KOMMUN", ""):
        qs = qs.filter(program__kommun__slug=kommun)
    return qs.filter(status=PlanStatus.GALLANDE).order_by("-giltig_fran").first() or qs.order_by("-giltig_fran").first()


def plan_current_cached() -> Plan | None:
    """plan_current() for reads (pages, lists, filters): kept under the plan-data version, a copy
    from the cache each time. Not for writes: a service loads its plan itself."""
    return plan_fragment("plan_current", render=plan_current)


def plan_for_page(slug: str | None) -> Plan:
    """The plan a public page shows: the one in its address, else the plan in force; 404 if none.
    Every public page asks first, so the answer is kept under the plan-data version (a copy from
    the cache each time: one round trip to the cache instead of one or two queries)."""
    if not slug:
        plan = plan_current_cached()
    else:
        plan = plan_fragment("plan_for_page", slug, render=lambda: _plan_by_slug(slug))
    if plan is None:
        raise Http404
    return plan


def _plan_by_slug(slug: str) -> Plan | None:
    return Plan.objects.select_related("program__kommun").filter(slug=slug).first()


def malomraden_with_strategier(*, plan: Plan) -> QuerySet[Malomrade]:
    return (
        Malomrade.objects.filter(plan=plan)
        .select_related("plan")
        .order_by("ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.select_related("plan").order_by("ordning")))
    )


def strategier_for_plan(*, plan: Plan) -> QuerySet[Strategi]:
    return Strategi.objects.filter(plan=plan).select_related("malomrade", "plan")


def organisation_by_slug(slug: str, *, queryset: QuerySet[Organisation] | None = None) -> Organisation | None:
    """Slugs are unique per municipality: the one of the plan in force's municipality first."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    current = plan_current()
    kommun_id = current.program.kommun_id if current else None
    return (
        queryset.filter(slug=slug)
        .order_by(Case(When(kommun_id=kommun_id, then=Value(0)), default=Value(1), output_field=IntegerField()), "pk")
        .first()
    )


def roller_prefetch() -> Prefetch:
    return Prefetch(
        "roller",
        queryset=Aktivitetsroll.objects.select_related("organisation").order_by("roll", "ordning"),
    )


def aktiviteter_with_roller(*, plan: Plan, typ: str | None = None) -> QuerySet[Aktivitet]:
    queryset = Aktivitet.objects.filter(plan=plan).select_related("plan")
    if typ:
        queryset = queryset.filter(typ=typ)
    return queryset.order_by("typ", "ordning").prefetch_related(roller_prefetch())


def aktivitet_ids(*, plan: Plan | None) -> list[int]:
    """The ids of the plan's activities, or of every plan's (plan data: kept under the plan-data
    version) — the follow-up versions a part showing their follow-up is kept under."""
    queryset = Aktivitet.objects.all() if plan is None else Aktivitet.objects.filter(plan=plan)
    return plan_fragment(
        "aktivitet_ids", getattr(plan, "pk", ""), render=lambda: list(queryset.values_list("pk", flat=True))
    )


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


def organisationer_list(*, plan: Plan) -> QuerySet[Organisation]:
    """The municipality's register of organisations (of the plan's municipality)."""
    return (
        Organisation.objects.filter(kommun_id=plan.program.kommun_id)
        .select_related("tillhor")
        .prefetch_related("alias", "ersatt_av")
        .order_by("namn")
    )


@dataclass
class Sokresultat:
    fraga: str
    aktiviteter: list[Aktivitet]
    strategier: list[Strategi]
    organisationer: list[Organisation]

    @property
    def antal(self) -> int:
        return len(self.aktiviteter) + len(self.strategier) + len(self.organisationer)


def sok(*, fraga: str, plan: Plan) -> Sokresultat:
    """Full-text search (PostgreSQL, Swedish stemming) across one plan's activities and strategies
    and its municipality's organisations including their aliases; substring matching on names too,
    because Swedish compounds (Kultur-nämnden) are single words to the full-text parser.
    icontains on SQLite."""
    fraga = fraga.strip()
    if not fraga:
        return Sokresultat(fraga, [], [], [])
    aktiviteter = Aktivitet.objects.filter(plan=plan)
    strategier = Strategi.objects.filter(plan=plan)
    organisationer = Organisation.objects.filter(kommun_id=plan.program.kommun_id)
    if connection.vendor == "postgresql":
        query = SearchQuery(fraga, config="swedish", search_type="websearch")
        aktivitet_ids = aktiviteter.annotate(
            sokvektor=SearchVector("titel", "matrisrubrik", "syfte", "beskrivning", config="swedish")
        ).filter(Q(sokvektor=query) | Q(titel__icontains=fraga))
        strategi_ids = strategier.annotate(sokvektor=SearchVector("namn", config="swedish")).filter(
            Q(sokvektor=query) | Q(namn__icontains=fraga)
        )
        organisation_ids = organisationer.annotate(
            sokvektor=SearchVector("namn", "beskrivning", "alias__namn", config="swedish")
        ).filter(Q(sokvektor=query) | Q(namn__icontains=fraga) | Q(alias__namn__icontains=fraga))
    else:
        aktivitet_ids = aktiviteter.filter(
            Q(titel__icontains=fraga) | Q(syfte__icontains=fraga) | Q(beskrivning__icontains=fraga)
        )
        strategi_ids = strategier.filter(namn__icontains=fraga)
        organisation_ids = organisationer.filter(
            Q(namn__icontains=fraga) | Q(beskrivning__icontains=fraga) | Q(alias__namn__icontains=fraga)
        )
    return Sokresultat(
        fraga=fraga,
        aktiviteter=list(
            Aktivitet.objects.filter(pk__in=aktivitet_ids.values("pk"))
            .select_related("plan")
            .order_by("typ", "ordning")
        ),
        strategier=list(
            Strategi.objects.filter(pk__in=strategi_ids.values("pk"))
            .select_related("malomrade", "plan")
            .order_by("malomrade__ordning", "ordning")
        ),
        organisationer=list(
            Organisation.objects.filter(pk__in=organisation_ids.values("pk")).prefetch_related("alias").order_by("namn")
        ),
    )


def kontaktpersoner(organisation_ids) -> dict[int, list]:
    """organisation id → the active users who act for it (its members and the members of the
    organisations that report for it), by name: the people to contact about its reports. One query."""
    organisation_ids = set(organisation_ids)
    resultat: dict[int, list] = {}
    for medlemskap in (
        Medlemskap.objects.filter(
            Q(organisation_id__in=organisation_ids) | Q(organisation__rapporterar_for_id__in=organisation_ids),
            anvandare__is_active=True,
        )
        .select_related("anvandare", "organisation")
        .order_by("anvandare__last_name", "anvandare__first_name", "anvandare__username")
    ):
        for org in {medlemskap.organisation_id, medlemskap.organisation.rapporterar_for_id} & organisation_ids:
            if medlemskap.anvandare not in resultat.setdefault(org, []):
                resultat[org].append(medlemskap.anvandare)
    return resultat
