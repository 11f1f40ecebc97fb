"""Reads of compiled follow-up reports: the versions a user may see (planägare only), and what a
compilation of a scope (urval) covers. The published rows come through selectors.publicering, the
one definition of what is public; this module only narrows them to a scope and names their
content (the manifest whose hash is a version's fingerprint)."""

import hashlib
import json
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indikatorer.models import Indikator, Varde
from jamlik.errors import Domanfel
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, Plan
from plan.rules import is_planagare
from uppfoljning.choices import Jobbstatus, Omfattning
from uppfoljning.models import (
    Aktivitetsstatus,
    Processutvardering,
    Statusrapport,
    Uppfoljningsperiod,
    Uppfoljningsrapport,
)
from uppfoljning.selectors.publicering import (
    publicerade_aktivitetsstatusar,
    publicerade_processutvarderingar,
    publicerade_statusrapporter,
)

# Part of every fingerprint: bump when what a compiled report shows changes, so the next
# compilation makes a new version even though the data is the same.
DOKUMENT_VERSION = "3"


def uppfoljningsrapporter_for_user(*, user) -> QuerySet[Uppfoljningsrapport]:
    if not is_planagare(user):
        return Uppfoljningsrapport.objects.none()
    return (
        Uppfoljningsrapport.objects.select_related("startad_av", "plan", "malomrade", "organisation")
        .defer("innehall")
        .order_by("plan__namn", "-ar", "-version")
    )


def uppfoljningsrapporter_klara(*, user) -> QuerySet[Uppfoljningsrapport]:
    """Only complete artefacts are ever listed as versions."""
    return uppfoljningsrapporter_for_user(user=user).filter(status=Jobbstatus.DONE)


@dataclass(frozen=True)
class Urval:
    """What one compilation covers: the whole plan, one målområde (its samverkansaktiviteter, and
    the accounts that name one of its strategies) or one organisation (the activities it has a role
    in or reported on, and its own accounts)."""

    plan: Plan
    ar: int
    omfattning: str = Omfattning.PLAN
    malomrade: Malomrade | None = None
    organisation: Organisation | None = None

    @classmethod
    def for_rapport(cls, rapport: Uppfoljningsrapport) -> "Urval":
        return cls(rapport.plan, rapport.ar, rapport.omfattning, rapport.malomrade, rapport.organisation)

    @property
    def text(self) -> str:
        """The scope in the report's own (Swedish) words."""
        if self.omfattning == Omfattning.MALOMRADE:
            return f"Målområdet {self.malomrade.namn}"
        if self.omfattning == Omfattning.ORGANISATION:
            return f"Organisationen {self.organisation.namn}"
        return "Hela planen"

    def perioder(self) -> QuerySet[Uppfoljningsperiod]:
        """The periods of the plan up to and including the follow-up year."""
        return Uppfoljningsperiod.objects.filter(plan=self.plan, oppnar__year__lte=self.ar).order_by("oppnar")

    def aktiviteter(self) -> QuerySet[Aktivitet]:
        qs = Aktivitet.objects.filter(plan=self.plan)
        if self.omfattning == Omfattning.MALOMRADE:
            qs = qs.filter(matrisplaceringar__malomrade=self.malomrade)
        elif self.omfattning == Omfattning.ORGANISATION:
            qs = qs.filter(
                Q(pk__in=Aktivitetsroll.objects.filter(organisation=self.organisation).values("aktivitet_id"))
                | Q(pk__in=self.statusrapporter().values("aktivitet_id"))
            )
        return qs.distinct().order_by("typ", "ordning")

    def statusrapporter(self) -> QuerySet[Statusrapport]:
        """The published reports of the scope (selectors.publicering), in the periods up to the year."""
        qs = publicerade_statusrapporter(plan=self.plan).filter(period__in=self.perioder())
        if self.omfattning == Omfattning.MALOMRADE:
            qs = qs.filter(
                aktivitet__matrisplaceringar__malomrade=self.malomrade,
                pk__in=Statusrapport.strategier.through.objects.filter(strategi__malomrade=self.malomrade).values(
                    "statusrapport_id"
                ),
            ).distinct()
        elif self.omfattning == Omfattning.ORGANISATION:
            qs = qs.filter(organisation=self.organisation)
        return qs

    def aktivitetsstatusar(self) -> QuerySet[Aktivitetsstatus]:
        return publicerade_aktivitetsstatusar(plan=self.plan).filter(
            period__in=self.perioder(), aktivitet__in=self.aktiviteter()
        )

    def utvarderingar(self) -> QuerySet[Processutvardering]:
        """The final evaluations of the follow-up year for the scope's activities."""
        return publicerade_processutvarderingar(plan=self.plan).filter(
            planerad__uppfoljning__plan=self.plan,
            planerad__uppfoljning__ar=self.ar,
            aktivitet__in=self.aktiviteter(),
        )

    def check(self) -> None:
        """Refuse a compilation that would be empty, in Swedish."""
        if not self.perioder().exists():
            raise Domanfel(
                {
                    "ar": _("%(plan)s har ingen uppföljningsperiod till och med år %(ar)s.")
                    % {"plan": self.plan.namn, "ar": self.ar}
                },
                code="ar",
            )
        if self.omfattning == Omfattning.MALOMRADE and not self.aktiviteter().exists():
            raise Domanfel(
                {
                    "malomrade": _("Målområdet %(namn)s har inga samverkansaktiviteter att sammanställa.")
                    % {"namn": self.malomrade.namn}
                },
                code="tomt_urval",
            )
        if self.omfattning == Omfattning.ORGANISATION and not self.aktiviteter().exists():
            raise Domanfel(
                {
                    "organisation": _(
                        "%(namn)s har ingen roll i planens aktiviteter och inga godkända rapporter: "
                        "det finns inget att sammanställa."
                    )
                    % {"namn": self.organisation.namn}
                },
                code="tomt_urval",
            )


def urval_innehall(urval: Urval) -> dict:
    """What a compilation of the scope would show, named by identity and version: the published
    reports, the samordnare's overall statuses and the final evaluations, the periods and the
    activities. Cheap (ids and versions only, one query each), so a start can tell whether anything
    changed since the last version without compiling."""
    return {
        "dokument": DOKUMENT_VERSION,
        "urval": [urval.omfattning, getattr(urval.malomrade, "pk", None), getattr(urval.organisation, "pk", None)],
        "perioder": [[pk, namn] for pk, namn in urval.perioder().values_list("pk", "namn")],
        "aktiviteter": [[pk, titel] for pk, titel in urval.aktiviteter().values_list("pk", "titel")],
        "rapporter": {str(pk): v for pk, v in urval.statusrapporter().values_list("pk", "version")},
        "statusar": {
            f"{p}:{a}": v for p, a, v in urval.aktivitetsstatusar().values_list("period_id", "aktivitet_id", "version")
        },
        "utvarderingar": {str(pk): v for pk, v in urval.utvarderingar().values_list("pk", "version")},
        "indikatorer": _indikatorer_innehall(urval),
    }


def _indikatorer_innehall(urval: Urval) -> list:
    """The indicators' chapter changes with the plan's indicators and any value up to the year
    (a changed value gets a new `hamtad`): their ids and names, the number of values, the newest."""
    if urval.omfattning == Omfattning.ORGANISATION:
        return []
    varden = Varde.objects.filter(indikator__planer=urval.plan, ar__lte=urval.ar).aggregate(
        antal=Count("pk"), senast=Max("hamtad")
    )
    senast = varden["senast"].isoformat() if varden["senast"] else None
    indikatorer = list(Indikator.objects.filter(planer=urval.plan).order_by("pk").values_list("pk", "namn"))
    return [[list(i) for i in indikatorer], varden["antal"], senast]


def fingeravtryck(innehall: dict) -> str:
    return hashlib.sha256(json.dumps(innehall, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def senaste_klara(urval: Urval, *, fore_version: int | None = None) -> Uppfoljningsrapport | None:
    """The newest complete version of the same scope (older than `fore_version` when given)."""
    qs = Uppfoljningsrapport.objects.filter(status=Jobbstatus.DONE)
    if fore_version is not None:
        qs = qs.filter(version__lt=fore_version)
    return (
        qs.filter(
            plan=urval.plan,
            ar=urval.ar,
            omfattning=urval.omfattning,
            malomrade=urval.malomrade,
            organisation=urval.organisation,
        )
        .order_by("-version")
        .first()
    )


def pagaende(urval: Urval) -> Uppfoljningsrapport | None:
    """A job of the same scope that is pending or running (a second start joins it)."""
    return (
        Uppfoljningsrapport.objects.filter(
            plan=urval.plan,
            ar=urval.ar,
            omfattning=urval.omfattning,
            malomrade=urval.malomrade,
            organisation=urval.organisation,
            status__in=(Jobbstatus.PENDING, Jobbstatus.RUNNING),
        )
        .order_by("-version")
        .first()
    )


def organisationer_att_valja(*, plan: Plan) -> QuerySet[Organisation]:
    """Organisations a compilation can be scoped to: those with a role in the plan's activities."""
    return Organisation.objects.filter(aktiviteter__plan=plan).distinct().order_by("namn")


# The kinds of change a version lists, in the order shown (keys of Uppfoljningsrapport.andringar).
ANDRINGSSLAG = [
    ("rapporter_nya", gettext_lazy("Nya godkända redovisningar")),
    ("rapporter_andrade", gettext_lazy("Ändrade redovisningar")),
    ("rapporter_borttagna", gettext_lazy("Redovisningar som inte längre är godkända")),
    ("statusar_andrade", gettext_lazy("Nya eller ändrade samlade statusar")),
    ("utvarderingar_faststallda", gettext_lazy("Processutvärderingar som blivit slutliga")),
    ("utvarderingar_andrade", gettext_lazy("Ändrade processutvärderingar")),
    ("indikatorer_andrade", gettext_lazy("Ändrade nyckeltal")),
]


def andringar_att_visa(rapport: Uppfoljningsrapport) -> dict | None:
    """A version's changes since the previous version of its scope, for its page: None before
    the version is complete (or for versions from before changes were recorded)."""
    a = rapport.andringar
    if not rapport.ar_klar or a is None:
        return None
    slag = [
        {"rubrik": rubrik, "poster": a.get(nyckel) or [], "antal": a.get(f"{nyckel}_antal", 0)}
        for nyckel, rubrik in ANDRINGSSLAG
        if a.get(f"{nyckel}_antal")
    ]
    return {"foregaende": a.get("foregaende"), "foregaende_id": a.get("foregaende_id"), "slag": slag}
