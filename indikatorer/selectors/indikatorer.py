"""Reads of indicators for the public pages, the API and the compiled report. Every function runs
a fixed number of queries whatever the amount of data (values are aggregated in the database or
read in one query per indicator)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Min, Prefetch, Q, QuerySet

from indikatorer.choices import Kon, Niva
from indikatorer.models import Indikator, Malvarde, Varde
from indikatorer.selectors.skillnader import Skillnad, skillnader, trend
from jamlik.ops.fragments import plan_fragment
from plan.models import Aktivitet, Malomrade, Plan, Strategi


def indikatorer_for_plan(*, plan: Plan) -> QuerySet[Indikator]:
    return Indikator.objects.filter(planer=plan).select_related("agare")


def indikatorer_kopplade(
    *,
    plan: Plan,
    strategi: Strategi | None = None,
    malomrade: Malomrade | None = None,
    aktivitet: Aktivitet | None = None,
) -> list[Indikator]:
    """The plan's indicators that follow a strategy, a målområde or an activity: which indicators a
    plan follows and where is plan data, kept under the plan-data version (one query when it changed)."""
    vary = [getattr(o, "pk", None) for o in (strategi, malomrade, aktivitet)]
    return plan_fragment(
        "indikatorer_kopplade",
        plan.pk,
        *vary,
        render=lambda: _indikatorer_kopplade(plan=plan, strategi=strategi, malomrade=malomrade, aktivitet=aktivitet),
    )


def _indikatorer_kopplade(*, plan, strategi, malomrade, aktivitet) -> list[Indikator]:
    qs = indikatorer_for_plan(plan=plan)
    if strategi is not None:
        qs = qs.filter(strategier=strategi)
    if malomrade is not None:
        qs = qs.filter(malomraden=malomrade)
    if aktivitet is not None:
        qs = qs.filter(aktiviteter=aktivitet)
    return list(qs.distinct())


@dataclass
class Oversiktsrad:
    indikator: Indikator
    ar: int | None = None
    hogst: float | None = None
    lagst: float | None = None
    antal_omraden: int = 0
    exempel: bool = False

    @property
    def skillnad(self) -> float | None:
        return None if self.hogst is None else self.hogst - self.lagst

    @property
    def kvot(self) -> float | None:
        if self.hogst is None or self.lagst == 0 or (self.lagst < 0) != (self.hogst < 0):
            return None
        return self.hogst / self.lagst


@dataclass
class Oversiktsgrupp:
    malomrade: Malomrade | None
    rader: list[Oversiktsrad] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"indikatorer-{self.malomrade.slug if self.malomrade else 'ovriga'}"


def skillnadsoversikt(*, plan: Plan) -> list[Oversiktsgrupp]:
    """The "Skillnader i livsvillkor" overview: the plan's indicators by målområde, each with the
    latest year in which at least two areas of its comparison level have a total (T) value, and
    the highest and lowest of them. Three queries."""
    malomraden = Prefetch("malomraden", queryset=Malomrade.objects.filter(plan=plan).order_by("ordning"))
    indikatorer = list(indikatorer_for_plan(plan=plan).prefetch_related(malomraden))
    rader = {i.pk: Oversiktsrad(i, exempel=i.exempel) for i in indikatorer}
    aggregat = (
        Varde.objects.filter(
            indikator__in=rader, kon=Kon.TOTALT, grupp="", varde__isnull=False, omrade__niva=F("indikator__omradesniva")
        )
        .values("indikator", "ar")
        .annotate(
            hogst=Max("varde"), lagst=Min("varde"), antal=Count("pk"), exempel=Count("pk", filter=Q(exempel=True))
        )
        .filter(antal__gte=2)
        .order_by("indikator", "ar")
    )
    for a in aggregat:  # ordered by year: the last one per indicator wins
        rad = rader[a["indikator"]]
        rad.ar, rad.hogst, rad.lagst, rad.antal_omraden = a["ar"], a["hogst"], a["lagst"], a["antal"]
        rad.exempel = rad.indikator.exempel or a["exempel"] > 0
    grupper: dict[int | None, Oversiktsgrupp] = {}
    for malomrade in Malomrade.objects.filter(plan=plan).order_by("ordning"):
        grupper[malomrade.pk] = Oversiktsgrupp(malomrade)
    ovriga = Oversiktsgrupp(None)
    for indikator in indikatorer:
        egna = list(indikator.malomraden.all())
        for malomrade in egna:
            grupper[malomrade.pk].rader.append(rader[indikator.pk])
        if not egna:
            ovriga.rader.append(rader[indikator.pk])
    return [g for g in [*grupper.values(), ovriga] if g.rader]


@dataclass
class Indikatordetalj:
    indikator: Indikator
    ar: list[int]
    kommun: dict[str, dict[int, float | None]]  # gender → year → the municipality's value
    omraden: list[str]  # the comparison level's areas, in order
    jamforelse: dict[str, dict[str, dict[int, float | None]]]  # area → gender → year → value
    skillnader: list[Skillnad]
    senaste_ar: int | None
    malvarden: list[Malvarde]
    strategier: list[Strategi]
    malomraden: list[Malomrade]
    aktiviteter: list[Aktivitet]
    exempel: bool
    har_grupper: bool
    trend: str | None

    @property
    def senaste_jamforelse(self) -> list[tuple[str, dict[str, float | None]]]:
        """(area, {gender: value}) in the latest year, highest total first (missing last)."""
        if self.senaste_ar is None:
            return []
        rader = [(o, {k: self.jamforelse[o].get(k, {}).get(self.senaste_ar) for k in "TKM"}) for o in self.omraden]
        return sorted(rader, key=lambda r: (r[1]["T"] is None, -(r[1]["T"] or 0), r[0]))


def indikator_detalj(*, plan: Plan, slug: str) -> Indikatordetalj | None:
    """Everything the indicator page shows, in a fixed number of queries: the indicator and its
    links (1 + 4 prefetches) and every value (1)."""
    indikator = (
        indikatorer_for_plan(plan=plan)
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("strategier", queryset=Strategi.objects.filter(plan=plan).select_related("plan")),
            Prefetch("malomraden", queryset=Malomrade.objects.filter(plan=plan).select_related("plan")),
            Prefetch("aktiviteter", queryset=Aktivitet.objects.filter(plan=plan).select_related("plan")),
            "malvarden",
        )
        .first()
    )
    if indikator is None:
        return None
    varden = Varde.objects.filter(indikator=indikator).values_list(
        "omrade__namn", "omrade__niva", "omrade__ordning", "ar", "kon", "grupp", "varde", "exempel"
    )
    kommun: dict[str, dict[int, float | None]] = defaultdict(dict)
    jamforelse: dict[str, dict[str, dict[int, float | None]]] = defaultdict(lambda: defaultdict(dict))
    ordning: dict[str, tuple] = {}
    ar, exempel, har_grupper = set(), indikator.exempel, False
    for namn, niva, omr_ordning, v_ar, kon, grupp, varde, v_exempel in varden:
        if grupp:
            har_grupper = True
            continue
        ar.add(v_ar)
        exempel = exempel or v_exempel
        if niva == Niva.KOMMUN:
            kommun[kon][v_ar] = varde
        if niva == indikator.omradesniva:
            jamforelse[namn][kon][v_ar] = varde
            ordning[namn] = (omr_ordning, namn)
    omraden = sorted(jamforelse, key=lambda n: ordning[n])
    platt = [
        (o, a, k, v) for o, per_kon in jamforelse.items() for k, per_ar in per_kon.items() for a, v in per_ar.items()
    ]
    gap = skillnader(platt, hogre_ar_battre=indikator.hogre_ar_battre)
    senaste = max((s.ar for s in gap), default=None)
    if senaste is None and jamforelse:
        senaste = max(a for per_kon in jamforelse.values() for per_ar in per_kon.values() for a in per_ar)
    return Indikatordetalj(
        indikator=indikator,
        ar=sorted(ar),
        kommun={k: dict(v) for k, v in kommun.items()},
        omraden=omraden,
        jamforelse={o: dict(v) for o, v in jamforelse.items()},
        skillnader=gap,
        senaste_ar=senaste,
        malvarden=list(indikator.malvarden.all()),
        strategier=list(indikator.strategier.all()),
        malomraden=list(indikator.malomraden.all()),
        aktiviteter=list(indikator.aktiviteter.all()),
        exempel=exempel,
        har_grupper=har_grupper,
        trend=trend(sorted(kommun.get(Kon.TOTALT, {}).items()), hogre_ar_battre=indikator.hogre_ar_battre),
    )


def varden_for_export(*, indikator: Indikator) -> QuerySet[Varde]:
    return (
        Varde.objects.filter(indikator=indikator)
        .select_related("omrade")
        .order_by("ar", "omrade__niva", "omrade__ordning", "omrade__namn", "kon", "grupp")
    )
