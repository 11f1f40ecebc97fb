"""Reads of reporting. Visibility lives here as querysets (`*_for_user`) that express the same rules
as uppfoljning/rules/rapportering.py, so a list never shows a row its detail page would refuse."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from jamlik.ops.fragments import aktiviteter_fragment
from jamlik.ops.published import plan_data_version_current
from plan.behorighet import behorighet
from plan.choices import LEDANDE_ROLLER, OrganisationTyp
from plan.models import Aktivitet, Aktivitetsroll, Organisation, Plan, Strategi
from plan.rules import is_planagare, organisation_ids
from plan.selectors import aktivitet_ids
from samverkan.models import Matrisplacering
from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod
from uppfoljning.rules.rapportering import ledda_aktivitet_ids
from uppfoljning.selectors.publicering import publicerade_statusrapporter


def perioder(*, plan: Plan | None = None) -> QuerySet[Uppfoljningsperiod]:
    qs = Uppfoljningsperiod.objects.select_related("plan")
    return (qs.filter(plan=plan) if plan is not None else qs).order_by("-oppnar", "plan__namn")


def period_current(*, plan: Plan | None = None) -> Uppfoljningsperiod | None:
    """The open period with the nearest deadline, else the latest one that has opened (of the plan,
    when given)."""
    idag = timezone.localdate()
    qs = Uppfoljningsperiod.objects.select_related("plan")
    if plan is not None:
        qs = qs.filter(plan=plan)
    oppen = qs.filter(oppnar__lte=idag, sista_dag__gte=idag).order_by("sista_dag").first()
    return oppen or qs.filter(oppnar__lte=idag).order_by("-oppnar").first()


# --- Who must report: one definition --------------------------------------------------------------
#
# The city's own organisations (nämnder, förvaltningar, bolag; not collective names such as
# "Kommunala bolag") with a role in an activity are obliged reporters for every period in which they
# existed. External actors and collective names are partners: shown on the activity's page, never
# expected to report, never counted as missing. Mina rapporter, completeness, reminders and the
# compiled report all use the functions below.

RAPPORTERINGSSKYLDIG = Q(organisation__typ__in=OrganisationTyp.inom_staden(), organisation__samlingsbegrepp=False)


def _fanns_under(period: Uppfoljningsperiod) -> Q:
    return (Q(organisation__giltig_fran__isnull=True) | Q(organisation__giltig_fran__lte=period.sista_dag)) & (
        Q(organisation__giltig_till__isnull=True) | Q(organisation__giltig_till__gte=period.oppnar)
    )


def forvantade_roller(*, period: Uppfoljningsperiod) -> QuerySet[Aktivitetsroll]:
    """The roles that oblige a report in the period (possibly several per activity × organisation)."""
    return Aktivitetsroll.objects.filter(RAPPORTERINGSSKYLDIG, _fanns_under(period), aktivitet__plan_id=period.plan_id)


def forvantade_par(*, plan: Plan, perioder: list[Uppfoljningsperiod]) -> dict[int, set[tuple[int, int]]]:
    """period id → the (aktivitet id, organisation id) pairs expected to report in it. One query
    however many periods: the same rule as forvantade_roller, applied to each period."""
    roller = list(
        Aktivitetsroll.objects.filter(RAPPORTERINGSSKYLDIG, aktivitet__plan=plan).select_related("organisation")
    )
    return {
        period.pk: {
            (r.aktivitet_id, r.organisation_id)
            for r in roller
            if r.organisation.finns_under(period.oppnar, period.sista_dag)
        }
        for period in perioder
    }


def statusrapporter_for_user(user) -> QuerySet[Statusrapport]:
    """Reports the user may read: published ones; plus for officials their own organisations' reports
    (where the organisation has a role in the activity) and every report of an activity they lead;
    everything for planägare.

    Each row carries `internt_synlig`: whether the user may read its internals (the return comment,
    reopen reasons), the rule `uppfoljning.view_internt_statusrapport` as a query."""
    qs = Statusrapport.objects.select_related("period__plan", "aktivitet__plan", "organisation")
    if is_planagare(user):
        return qs.annotate(internt_synlig=Value(True))
    publicerade = Q(tillstand=Rapporttillstand.GODKAND)
    if user.is_authenticated and organisation_ids(user):
        egen_roll = Aktivitetsroll.objects.filter(
            aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id")
        )
        interna = Q(Exists(egen_roll), organisation_id__bland=organisation_ids(user)) | Q(
            aktivitet_id__in=ledda_aktivitet_ids(user)
        )
        return qs.filter(publicerade | interna).annotate(
            internt_synlig=Case(When(interna, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
    return qs.filter(publicerade).annotate(internt_synlig=Value(False))


def kept_for_reader(name: str, *vary, user, plan: Plan | None, render):
    """A reader's list (`render()`): kept for everyone who may read the same reports — per the
    reader's profile (plan.behorighet: organisations, planägare, led activities) and `vary` — under
    the follow-up versions of the plan's activities (every plan's when `plan` is None), the
    plan-data version and the day (jamlik/ops/fragments.py). A report written, sent or approved, a
    role, a period or a membership changed: read again on the next request."""
    return aktiviteter_fragment(aktivitet_ids(plan=plan), name, behorighet(user).nyckel, *vary, render=render)


def statusrapport(pk) -> Statusrapport | None:
    """One report with its period, activity and organisation (not their plans: wide rows that its
    pages never show)."""
    return Statusrapport.objects.select_related("period", "aktivitet", "organisation").filter(pk=pk).first()


MINA_SIDSTORLEK = 25  # rows per section of Mina rapporter; each section pages on its own


class Avsnitt(list):
    """One section of Mina rapporter: the rows of its current page (a list), how many there are in
    all (`antal`), and the page (`sida`, from 1, of `sidor`)."""

    def __init__(self, rader=(), *, antal: int | None = None, sida: int = 1):
        super().__init__(rader)
        self.antal = len(self) if antal is None else antal
        self.sida = sida
        self.sidor = max(1, -(-self.antal // MINA_SIDSTORLEK))

    @property
    def foregaende(self) -> int | None:
        return self.sida - 1 if self.sida > 1 else None

    @property
    def nasta(self) -> int | None:
        return self.sida + 1 if self.sida < self.sidor else None


# The sections of Mina rapporter that page, by their query parameter (`?utkast=2`).
MINA_AVSNITT = ("att_skapa", "returnerade", "utkast", "inskickade", "godkanda", "att_granska")
_AVSNITT_AV_TILLSTAND = {
    Rapporttillstand.UTKAST: "utkast",
    Rapporttillstand.RETURNERAD: "returnerade",
    Rapporttillstand.INSKICKAD: "inskickade",
    Rapporttillstand.GODKAND: "godkanda",
}


@dataclass
class MinaRapporter:
    period: Uppfoljningsperiod | None
    att_skapa: Avsnitt = field(default_factory=Avsnitt)  # of (Aktivitet, Organisation)
    utkast: Avsnitt = field(default_factory=Avsnitt)
    returnerade: Avsnitt = field(default_factory=Avsnitt)
    inskickade: Avsnitt = field(default_factory=Avsnitt)
    godkanda: Avsnitt = field(default_factory=Avsnitt)
    att_granska: Avsnitt = field(default_factory=Avsnitt)
    # The samordnare's own part: each activity their organisation leads, with its overall status
    # for the period (None: still to write). As many as the plan has activities: not paged.
    samlad_status: list[tuple[Aktivitet, Aktivitetsstatus | None]] = field(default_factory=list)
    forsenad: bool = False

    @property
    def samlad_status_att_skriva(self) -> int:
        return sum(1 for _aktivitet, status in self.samlad_status if status is None)


# A page number beyond this is past the end of any list (and its offset beyond a database integer).
STORSTA_SIDA = 1_000_000


def _sida(varde) -> int:
    try:
        return min(max(1, int(varde)), STORSTA_SIDA)
    except (TypeError, ValueError):
        return 1


def _en_sida(qs: QuerySet, sida: int) -> tuple[list, int, int]:
    """One page of `qs` and the number of rows in all, in one query (a window count); a page past
    the end gives the last page (then two more queries)."""
    qs = qs.annotate(antal_i_alla=Window(Count("pk")))
    rader = list(qs[(sida - 1) * MINA_SIDSTORLEK : sida * MINA_SIDSTORLEK])
    if rader:
        return rader, rader[0].antal_i_alla, sida
    antal = qs.count() if sida > 1 else 0
    if antal == 0:
        return [], 0, 1
    sida = -(-antal // MINA_SIDSTORLEK)
    return list(qs[(sida - 1) * MINA_SIDSTORLEK : sida * MINA_SIDSTORLEK]), antal, sida


# What Mina rapporter shows of a report and of an activity × organisation: compiling and reading
# the full rows of four joined tables was most of the page's cost.
_AKTIVITET_ORGANISATION = (
    "aktivitet__titel",
    "aktivitet__slug",
    "aktivitet__typ",
    "aktivitet__ordning",
    "organisation__namn",
    "organisation__slug",
)
_LISTAD = (
    "tillstand",
    "exempel",
    "returkommentar",
    "version",
    "uppdaterad",
    "period_id",
    "aktivitet_id",
    "organisation_id",
    "inskickad_av_id",
    *_AKTIVITET_ORGANISATION,
)


def mina_rapporter(*, user, period: Uppfoljningsperiod | None, sidor=None) -> MinaRapporter:
    """What the user's organisations must report in the period, and where their reports stand, one
    page of each section (`sidor`: section → page number, as MINA_AVSNITT; the first by default).
    A fixed number of queries however many activities and reports there are, and none while nothing
    in the period's plan has changed (kept_for_reader, per user too: their own submissions are not
    theirs to review), period and pages."""
    if period is None:
        return MinaRapporter(period=period)
    sidor = {namn: _sida((sidor or {}).get(namn)) for namn in MINA_AVSNITT}
    return kept_for_reader(
        "mina_rapporter",
        user.pk,
        period.pk,
        *sidor.values(),
        user=user,
        plan=period.plan,
        render=lambda: _mina_rapporter(user=user, period=period, sidor=sidor),
    )


def _mina_rapporter(*, user, period: Uppfoljningsperiod, sidor: dict[str, int]) -> MinaRapporter:
    resultat = MinaRapporter(period=period)
    resultat.forsenad = timezone.localdate() > period.sista_dag
    orgs = organisation_ids(user)
    ordning = ("aktivitet__typ", "aktivitet__ordning", "organisation__namn", "pk")

    # The reports: one page per state, each row numbered within its state, in one query.
    egna = Statusrapport.objects.filter(period=period, organisation_id__bland=orgs).annotate(
        nr=Window(RowNumber(), partition_by=[F("tillstand")], order_by=[F(o).asc() for o in ordning]),
        antal_i_tillstand=Window(Count("pk"), partition_by=[F("tillstand")]),
    )
    if all(sidor[namn] == 1 for namn in _AVSNITT_AV_TILLSTAND.values()):
        pa_sidan = Q(nr__lte=MINA_SIDSTORLEK)  # the usual case, and quicker to compile than the Ors
    else:
        pa_sidan = Q(pk__in=[])
        for tillstand, namn in _AVSNITT_AV_TILLSTAND.items():
            fore = (sidor[namn] - 1) * MINA_SIDSTORLEK
            pa_sidan |= Q(tillstand=tillstand, nr__gt=fore, nr__lte=fore + MINA_SIDSTORLEK)
    rader: dict[str, list[Statusrapport]] = {namn: [] for namn in _AVSNITT_AV_TILLSTAND.values()}
    antal: dict[str, int] = {}
    for rapport in egna.filter(pa_sidan).select_related("aktivitet", "organisation").only(*_LISTAD).order_by(*ordning):
        namn = _AVSNITT_AV_TILLSTAND[rapport.tillstand]
        rader[namn].append(rapport)
        antal[namn] = rapport.antal_i_tillstand
    for tillstand, namn in _AVSNITT_AV_TILLSTAND.items():
        if namn not in antal and sidor[namn] > 1:  # a page past the end: the section's last page
            rader[namn], antal[namn], sidor[namn] = _en_sida(
                Statusrapport.objects.filter(period=period, organisation_id__bland=orgs, tillstand=tillstand)
                .select_related("aktivitet", "organisation")
                .only(*_LISTAD)
                .order_by(*ordning),
                sidor[namn],
            )
        setattr(resultat, namn, Avsnitt(rader[namn], antal=antal.get(namn, 0), sida=sidor[namn]))

    # Still to write: the expected roles without a report, one per activity × organisation.
    forsta_rollen = Aktivitetsroll.objects.filter(
        aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id"), pk__lt=OuterRef("pk")
    )
    rapport = Statusrapport.objects.filter(
        period=period, aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id")
    )
    roller, n, sida = _en_sida(
        forvantade_roller(period=period)
        .filter(organisation_id__bland=orgs)
        .exclude(Exists(rapport))
        .exclude(Exists(forsta_rollen))
        .select_related("aktivitet", "organisation")
        .only("aktivitet_id", "organisation_id", *_AKTIVITET_ORGANISATION)
        .order_by(*ordning),
        sidor["att_skapa"],
    )
    resultat.att_skapa = Avsnitt([(r.aktivitet, r.organisation) for r in roller], antal=n, sida=sida)

    # The reviewer's part, for those who review: samordnare (their organisations lead activities,
    # read once per request and shared with the permissions) and planägare.
    leder = ledda_aktivitet_ids(user)
    if leder or is_planagare(user):
        granska, n, sida = _en_sida(
            att_granska(user=user, period=period)
            .select_related(None)
            .select_related("aktivitet", "organisation")
            .only(*_LISTAD),
            sidor["att_granska"],
        )
        resultat.att_granska = Avsnitt(granska, antal=n, sida=sida)
    if leder:
        ledda = list(
            Aktivitet.objects.filter(pk__in=leder, plan_id=period.plan_id)
            .select_related("plan")
            .order_by("typ", "ordning")
        )
        statusar = {
            s.aktivitet_id: s
            for s in Aktivitetsstatus.objects.filter(period=period, aktivitet__in=[a.pk for a in ledda])
        }
        resultat.samlad_status = [(a, statusar.get(a.pk)) for a in ledda]
    return resultat


def att_granska(*, user, period: Uppfoljningsperiod | None = None) -> QuerySet[Statusrapport]:
    """Submitted reports waiting for this user's review, the approve/return rule as a query (four
    eyes): the activities the user's organisations lead, except their own organisations' reports
    and those the user submitted; for planägare also the reports of an activity's leading
    organisation (which that organisation may not review itself)."""
    orgs = organisation_ids(user)
    if not user.is_authenticated:
        return Statusrapport.objects.none()
    granskas = Q(aktivitet_id__in=ledda_aktivitet_ids(user))
    if is_planagare(user):
        ledande = Aktivitetsroll.objects.filter(
            aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id"), roll__in=LEDANDE_ROLLER
        )
        granskas |= Q(Exists(ledande))
    qs = Statusrapport.objects.filter(granskas, tillstand=Rapporttillstand.INSKICKAD).exclude(
        organisation_id__bland=orgs
    )
    qs = qs.exclude(inskickad_av=user)
    if period is not None:
        qs = qs.filter(period=period)
    return qs.select_related("period__plan", "aktivitet__plan", "organisation").order_by(
        "aktivitet__typ", "aktivitet__ordning", "organisation__namn", "pk"
    )


SAKNAS = "saknas"


@dataclass
class Kompletthet:
    period: Uppfoljningsperiod
    rader: list[dict]  # {"aktivitet", "organisation", "roll", "rapport" (or None), "tillstand"}
    antal: dict[str, int]  # tillstand (or "saknas") → count
    totalt_alla: int | None = None  # when `rader` is one page (kompletthet_sida): rows on every page

    @property
    def totalt(self) -> int:
        return len(self.rader) if self.totalt_alla is None else self.totalt_alla


def kompletthet_roller(*, user, period: Uppfoljningsperiod) -> QuerySet[Aktivitetsroll]:
    """The expected reports of the period as roles annotated with the state of their report
    (`rapport_tillstand`, "saknas" when there is none), for KompletthetFilterSet to narrow.
    Planägare see the whole plan; a samordnare the activities their organisation leads."""
    # At most one report per period × activity × organisation (an index lookup): no ordering, which
    # would join the four tables of Statusrapport's default order for every row.
    rapport = Statusrapport.objects.filter(
        period=period, aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id")
    ).order_by()
    roller = (
        forvantade_roller(period=period)
        .select_related("aktivitet__plan", "organisation")
        .annotate(
            rapport_id=Subquery(rapport.values("pk")[:1]),
            rapport_tillstand=Coalesce(Subquery(rapport.values("tillstand")[:1]), Value(SAKNAS)),
        )
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn", "roll", "pk")
    )
    if not is_planagare(user):
        roller = roller.filter(aktivitet_id__in=ledda_aktivitet_ids(user))
    return roller


def kompletthet(*, period: Uppfoljningsperiod, roller: QuerySet[Aktivitetsroll]) -> Kompletthet:
    """Activities × obliged organisations × the state of their report in the period, from the
    (filtered) roles of kompletthet_roller. Three queries whatever the size."""
    roller = list(roller)
    rapporter = Statusrapport.objects.only(
        "pk", "aktivitet_id", "organisation_id", "tillstand", "status", "uppdaterad", "version", "exempel"
    ).in_bulk([r.rapport_id for r in roller if r.rapport_id])
    rader, sedda = [], set()
    antal = {SAKNAS: 0, **{t.value: 0 for t in Rapporttillstand}}
    for roll in roller:
        nyckel = (roll.aktivitet_id, roll.organisation_id)
        if nyckel in sedda:
            continue
        sedda.add(nyckel)
        antal[roll.rapport_tillstand] += 1
        rader.append(
            {
                "aktivitet": roll.aktivitet,
                "organisation": roll.organisation,
                "roll": roll,
                "rapport": rapporter.get(roll.rapport_id),
                "tillstand": roll.rapport_tillstand,
            }
        )
    return Kompletthet(period=period, rader=rader, antal=antal)


KOMPLETTHET_SIDSTORLEK = 50


class KantAntalPaginator(Paginator):
    """A Paginator told its number of rows (known from the counts already read): no count query."""

    def __init__(self, object_list, per_page, antal: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = antal


def sida_med_antal(qs: QuerySet, nummer, storlek: int) -> Page:
    """Paginator(qs, storlek).get_page(nummer) in one query instead of two: the page's rows carry the
    number of rows in all (a window count). A page past the end is the last page (a count and a
    second read), anything but a number the first."""
    nummer = _sida(nummer)
    qs = qs.annotate(antal_i_alla=Window(Count("pk")))
    rader = list(qs[(nummer - 1) * storlek : nummer * storlek])
    antal = rader[0].antal_i_alla if rader else (qs.count() if nummer > 1 else 0)
    paginator = KantAntalPaginator([], storlek, antal)  # holds no query: the page can be kept as is
    if not rader and antal:
        nummer = paginator.num_pages
        rader = list(qs[(nummer - 1) * storlek : nummer * storlek])
    return Page(rader, min(nummer, paginator.num_pages), paginator)


@dataclass
class RapportRef:
    """What the completeness table shows of a report: its link and state."""

    pk: int
    tillstand: str


def kompletthet_sida(*, period: Uppfoljningsperiod, roller: QuerySet[Aktivitetsroll], sida) -> tuple[Kompletthet, Page]:
    """One page of completeness for the page (kompletthet() has every row, for the export): the
    counts per state of all the (filtered) expected reports, and the rows of page `sida` — the same
    rows as kompletthet(), one per activity × organisation (its first role by name). Two queries
    whatever the size."""
    forre_roll = Aktivitetsroll.objects.filter(
        aktivitet_id=OuterRef("aktivitet_id"), organisation_id=OuterRef("organisation_id"), roll__lt=OuterRef("roll")
    )
    roller = roller.exclude(Exists(forre_roll))
    antal = {SAKNAS: 0, **{t.value: 0 for t in Rapporttillstand}}
    for tillstand, n in roller.order_by().values_list("rapport_tillstand").annotate(n=Count("pk")):
        antal[tillstand] = n
    # Only what the table shows (not the activities' and plans' long texts).
    roller = (
        roller.select_related(None)
        .select_related("aktivitet", "organisation")
        .only("roll", "aktivitet_id", "organisation_id", "aktivitet__titel", "aktivitet__slug", "organisation__namn")
    )
    page = KantAntalPaginator(roller, KOMPLETTHET_SIDSTORLEK, sum(antal.values())).get_page(sida)
    # The page's rows read, and a paginator that holds no query: the page can be kept as is.
    page = Page(
        list(page.object_list), page.number, KantAntalPaginator([], KOMPLETTHET_SIDSTORLEK, page.paginator.count)
    )
    rader = [
        {
            "aktivitet": roll.aktivitet,
            "organisation": roll.organisation,
            "roll": roll,
            "rapport": RapportRef(roll.rapport_id, roll.rapport_tillstand) if roll.rapport_id else None,
            "tillstand": roll.rapport_tillstand,
        }
        for roll in page.object_list
    ]
    return Kompletthet(period=period, rader=rader, antal=antal, totalt_alla=page.paginator.count), page


def aktuell_status(*, plan: Plan) -> dict[int, Aktivitetsstatus]:
    """Each activity's overall status from the latest period that has one (one query)."""
    statusar = (
        Aktivitetsstatus.objects.filter(aktivitet__plan=plan)
        .select_related("period")
        .order_by("aktivitet_id", "-period__oppnar")
    )
    latest: dict[int, Aktivitetsstatus] = {}
    for status in statusar:
        latest.setdefault(status.aktivitet_id, status)
    return latest


def godkanda_rapporter_for_organisation(*, organisation: Organisation) -> QuerySet[Statusrapport]:
    """An organisation's approved (published) reports, newest period first."""
    return (
        publicerade_statusrapporter()
        .filter(organisation=organisation)
        .order_by("-period__oppnar", "aktivitet__typ", "aktivitet__ordning")
    )


def strategigrupper(*, aktivitet: Aktivitet) -> list[tuple[str, list[int], bool]]:
    """The plan's strategies for a report's checklist, grouped by målområde: (målområde name,
    strategy ids, the activity's own?). First the activity's strategies from the matrix (Figur 4)
    in its columns, then every other strategy under its own målområde. Two queries."""
    egna: dict[str, list[int]] = {}
    sedda: set[int] = set()
    for placering in (
        Matrisplacering.objects.filter(samverkansaktivitet_id=aktivitet.pk)
        .select_related("malomrade")
        .order_by("malomrade__ordning", "ordning")
    ):
        if placering.strategi_id not in sedda:
            sedda.add(placering.strategi_id)
            egna.setdefault(placering.malomrade.namn, []).append(placering.strategi_id)
    ovriga: dict[str, list[int]] = {}
    for strategi in (
        Strategi.objects.filter(plan_id=aktivitet.plan_id)
        .exclude(pk__in=sedda)
        .select_related("malomrade")
        .order_by("malomrade__ordning", "ordning")
    ):
        ovriga.setdefault(strategi.malomrade.namn, []).append(strategi.pk)
    return [(namn, pks, True) for namn, pks in egna.items()] + [(namn, pks, False) for namn, pks in ovriga.items()]


def strategival(*, aktivitet: Aktivitet) -> tuple[list[tuple[str, list[int], bool]], dict[int, str]]:
    """strategigrupper() and each strategy's name: a report form's checklist. Plan data only, so
    kept in the cache under the plan-data version (three queries on every form otherwise)."""
    version = plan_data_version_current()  # followed: no round trip
    key = f"rapportering:strategival:{aktivitet.pk}:{version}"
    found = cache.get(key) if version is not None else None
    if found is None:
        grupper = strategigrupper(aktivitet=aktivitet)
        pks = [pk for _label, ids, _egen in grupper for pk in ids]
        found = (grupper, dict(Strategi.objects.filter(pk__in=pks).values_list("pk", "namn")))
        if version is not None:
            cache.set(key, found, 24 * 60 * 60)
    return found


def forra_rapporten(
    *, aktivitet: Aktivitet, organisation: Organisation, fore: Uppfoljningsperiod
) -> Statusrapport | None:
    """The organisation's latest report on the activity from a period before `fore`: the starting
    point of its next report (copy forward)."""
    return (
        Statusrapport.objects.filter(
            aktivitet=aktivitet, organisation=organisation, period__plan_id=fore.plan_id, period__oppnar__lt=fore.oppnar
        )
        .select_related("period")
        .order_by("-period__oppnar")
        .first()
    )
