"""The indicators' chapter of the compiled follow-up report: per målområde of the plan, each
indicator's latest values for the whole municipality (by gender), the trend since the first year
of the plan's follow-up, and the gap between areas by gender in the latest year with area values.

`kapitel(plan=…, ar=…)` reads in six queries whatever the amount of data and returns plain data
(dataclasses of numbers and strings) that any renderer (HTML, PDF, DOCX, XLSX) can lay out; the
report's chapter registry calls it. Values after `ar` are ignored, so a report of 2021 stays the
same when 2022's values arrive."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import F, Max, Prefetch, Q

from indikatorer.choices import Kon, Niva
from indikatorer.models import Indikator, Varde
from indikatorer.selectors.skillnader import Skillnad, skillnader, trend
from plan.models import Malomrade, Plan

KON = [Kon.TOTALT.value, Kon.KVINNOR.value, Kon.MAN.value]


@dataclass
class Kapitelindikator:
    slug: str
    namn: str
    definition: str
    enhet: str
    kallhanvisning: str
    hogre_ar_battre: bool
    konsuppdelad: bool
    exempel: bool
    serie: dict[str, dict[int, float | None]]  # gender → year → the municipality's value (up to `ar`)
    senaste_ar: int | None  # the latest year with a value for the whole municipality
    senaste: dict[str, float | None]  # gender → that year's value
    trend: dict[str, str | None]  # gender → "battre" | "samre" | "oforandrad" | None, since the first year
    jamforelsear: int | None  # the latest year with values for at least two areas
    omradesniva: str
    skillnader: list[Skillnad]  # that year, one per gender with at least two areas


@dataclass
class Kapitelavsnitt:
    malomrade: Malomrade
    indikatorer: list[Kapitelindikator] = field(default_factory=list)


@dataclass
class Kapitel:
    plan: Plan
    ar: int
    avsnitt: list[Kapitelavsnitt]

    @property
    def exempel(self) -> bool:
        """True when any figure in the chapter is example data: the report must say so."""
        return any(i.exempel for a in self.avsnitt for i in a.indikatorer)

    @property
    def tomt(self) -> bool:
        return not any(a.indikatorer for a in self.avsnitt)


def kapitel(*, plan: Plan, ar: int) -> Kapitel:
    malomraden = list(Malomrade.objects.filter(plan=plan).order_by("ordning"))
    indikatorer = list(
        Indikator.objects.filter(planer=plan)
        .prefetch_related(Prefetch("malomraden", queryset=Malomrade.objects.filter(plan=plan)))
        .order_by("ordning", "namn")
    )
    ids = [i.pk for i in indikatorer]
    forsta_ar = plan.giltig_fran - settings.INDIKATORER_JAMFORELSEAR

    # The municipality's series, every gender, up to the report's year.
    serier: dict[int, dict[str, dict[int, float | None]]] = defaultdict(lambda: defaultdict(dict))
    exempel: dict[int, bool] = defaultdict(bool)
    for ind, v_ar, kon, varde, v_exempel in Varde.objects.filter(
        indikator__in=ids, omrade__niva=Niva.KOMMUN, grupp="", ar__lte=ar, ar__gte=forsta_ar
    ).values_list("indikator", "ar", "kon", "varde", "exempel"):
        serier[ind][kon][v_ar] = varde
        exempel[ind] = exempel[ind] or v_exempel

    # The latest year in which the indicator's comparison level has values, then those values.
    pa_niva = Q(omrade__niva=F("indikator__omradesniva"), grupp="", varde__isnull=False, ar__lte=ar)
    senaste_ar = dict(
        Varde.objects.filter(pa_niva, indikator__in=ids)
        .values("indikator")
        .annotate(ar=Max("ar"))
        .values_list("indikator", "ar")
    )
    omradesvarden: dict[int, list[tuple[str, int, str, float | None]]] = defaultdict(list)
    if senaste_ar:
        par = reduce(or_, (Q(indikator_id=i, ar=a) for i, a in senaste_ar.items()))
        for ind, namn, v_ar, kon, varde, v_exempel in Varde.objects.filter(pa_niva, par).values_list(
            "indikator", "omrade__namn", "ar", "kon", "varde", "exempel"
        ):
            omradesvarden[ind].append((namn, v_ar, kon, varde))
            exempel[ind] = exempel[ind] or v_exempel

    avsnitt = {m.pk: Kapitelavsnitt(m) for m in malomraden}
    for ind in indikatorer:
        serie = {k: dict(sorted(v.items())) for k, v in serier[ind.pk].items()}
        ar_med_varde = sorted({a for per_ar in serie.values() for a, v in per_ar.items() if v is not None})
        senaste = ar_med_varde[-1] if ar_med_varde else None
        rad = Kapitelindikator(
            slug=ind.slug,
            namn=ind.namn,
            definition=ind.definition,
            enhet=ind.enhet,
            kallhanvisning=str(ind.kallhanvisning),
            hogre_ar_battre=ind.hogre_ar_battre,
            konsuppdelad=ind.konsuppdelad,
            exempel=ind.exempel or exempel[ind.pk],
            serie=serie,
            senaste_ar=senaste,
            senaste={k: serie.get(k, {}).get(senaste) for k in KON if k in serie} if senaste else {},
            trend={k: trend(list(serie[k].items()), hogre_ar_battre=ind.hogre_ar_battre) for k in KON if k in serie},
            jamforelsear=senaste_ar.get(ind.pk),
            omradesniva=ind.get_omradesniva_display(),
            skillnader=skillnader(omradesvarden[ind.pk], hogre_ar_battre=ind.hogre_ar_battre),
        )
        for malomrade in ind.malomraden.all():
            avsnitt[malomrade.pk].indikatorer.append(rad)
    return Kapitel(plan=plan, ar=ar, avsnitt=list(avsnitt.values()))
