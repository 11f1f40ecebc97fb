"""The spreadsheet round-trip of status reports: what a sheet's rows would change (preview), and
applying all of them or none (apply) through the very services the form uses, with the same
permissions and version checks. Reading and writing the XLSX itself is uppfoljning/kalkylblad.py."""

from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel, Versionskonflikt
from jamlik.rules import hinder, may
from plan.models import Aktivitet, Organisation
from plan.rules import organisation_ids
from uppfoljning import kalkylblad
from uppfoljning.choices import Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import att_granska, forvantade_roller
from uppfoljning.services.rapportering import (
    TEXTFALT,
    statusrapport_approve,
    statusrapport_create,
    statusrapport_return,
    statusrapport_update,
)

FALT = ("status", *TEXTFALT)
FALTNAMN = {
    "status": "Status",
    "genomfort": "Vad har gjorts",
    "hinder": "Hinder",
    "nasta_steg": "Nästa steg",
}


def _par(*, user, period: Uppfoljningsperiod):
    """The (activity, organisation) pairs the user reports for in the period, and their reports."""
    roller = (
        forvantade_roller(period=period)
        .filter(organisation_id__bland=organisation_ids(user))
        .select_related("aktivitet", "organisation")
        .order_by("aktivitet__typ", "aktivitet__ordning", "organisation__namn")
    )
    par: dict[tuple[int, int], tuple[Aktivitet, Organisation]] = {}
    for roll in roller:
        par.setdefault((roll.aktivitet_id, roll.organisation_id), (roll.aktivitet, roll.organisation))
    rapporter = {
        (r.aktivitet_id, r.organisation_id): r
        for r in Statusrapport.objects.filter(
            period=period, organisation_id__bland=organisation_ids(user)
        ).select_related("period")
    }
    return par, rapporter


def kalkylblad_export(*, user, period: Uppfoljningsperiod) -> bytes:
    """One row per activity × organisation the user reports for, existing values filled in."""
    par, rapporter = _par(user=user, period=period)
    etiketter = dict(Status.choices)
    rader = []
    for nyckel, (aktivitet, organisation) in par.items():
        rapport = rapporter.get(nyckel)
        rader.append(
            {
                "id": rapport.pk if rapport else None,
                "version": rapport.version if rapport else None,
                "aktivitet": aktivitet.slug,
                "organisation": organisation.slug,
                "aktivitet_namn": aktivitet.titel,
                "organisation_namn": organisation.namn,
                "tillstand": rapport.get_tillstand_display() if rapport else str(_("Saknas")),
                "status": str(etiketter[rapport.status]) if rapport else "",
                **{name: getattr(rapport, name) if rapport else "" for name in TEXTFALT},
            }
        )
    return kalkylblad.build(rader)


@dataclass
class Forhandsrad:
    """What one row of the sheet would do."""

    rad: int
    aktivitet: str
    organisation: str
    handling: str  # "skapa", "andra", "ingen"
    rapport_id: int | None = None
    version: int | None = None
    aktivitet_id: int | None = None
    organisation_id: int | None = None
    varden: dict = field(default_factory=dict)  # field → new value (all four when created)
    andringar: list = field(default_factory=list)  # [field label, before, after]
    fel: list = field(default_factory=list)
    konflikt: bool = False


@dataclass
class Forhandsvisning:
    rader: list[Forhandsrad]
    fel: list[str] = field(default_factory=list)  # errors about the file as a whole

    @property
    def andrade(self) -> list[Forhandsrad]:
        return [r for r in self.rader if r.handling != "ingen" or r.fel or r.konflikt]

    @property
    def antal_fel(self) -> int:
        return sum(1 for r in self.rader if r.fel or r.konflikt) + len(self.fel)

    @property
    def kan_verkstallas(self) -> bool:
        return self.antal_fel == 0 and any(r.handling != "ingen" for r in self.rader)

    @property
    def antal_handlingar(self) -> int:
        return sum(1 for r in self.rader if r.handling != "ingen")

    def as_data(self) -> list[dict]:
        return [asdict(r) for r in self.rader if r.handling != "ingen"]


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").strip()


def kalkylblad_preview(*, user, period: Uppfoljningsperiod, data: bytes) -> Forhandsvisning:
    """Exactly what the sheet would change, row by row, and why a row cannot be taken: nothing is
    written. A fixed number of queries whatever the number of rows."""
    try:
        lasta = kalkylblad.read(data)
    except Domanfel as exc:
        return Forhandsvisning(rader=[], fel=list(exc.messages))
    par, rapporter = _par(user=user, period=period)
    by_slug = {(a.slug, o.slug): (a, o) for a, o in par.values()}
    by_id = {r.pk: r for r in rapporter.values()}
    statusar = kalkylblad.status_labels()
    max_len = {name: Statusrapport._meta.get_field(name).max_length for name in TEXTFALT}
    sedda: set[tuple[str, str]] = set()
    far_skapa: dict[int, bool] = {}  # activity id → may create (one question per activity)
    resultat = []
    for lasrad in lasta:
        v = lasrad.varden
        nyckel = (_text(v.get("aktivitet")), _text(v.get("organisation")))
        rad = Forhandsrad(
            rad=lasrad.nummer,
            aktivitet=_text(v.get("aktivitet_namn")) or nyckel[0],
            organisation=_text(v.get("organisation_namn")) or nyckel[1],
            handling="ingen",
            fel=list(lasrad.fel),
        )
        resultat.append(rad)
        if nyckel not in by_slug:
            rad.fel.append(
                _(
                    "Aktiviteten och organisationen (%(aktivitet)s, %(organisation)s) är inte någon som du rapporterar för i perioden."
                )
                % {"aktivitet": nyckel[0] or "–", "organisation": nyckel[1] or "–"}
            )
            continue
        if nyckel in sedda:
            rad.fel.append(_("Samma aktivitet och organisation står på flera rader."))
            continue
        sedda.add(nyckel)
        aktivitet, organisation = by_slug[nyckel]
        rad.aktivitet, rad.organisation = aktivitet.titel, organisation.namn
        rad.aktivitet_id, rad.organisation_id = aktivitet.pk, organisation.pk
        rapport = rapporter.get((aktivitet.pk, organisation.pk))
        rapport_id = v.get("id")
        if rapport_id not in (None, ""):
            try:
                rapport_id = int(rapport_id)
            except (TypeError, ValueError):
                rapport_id = -1
            if rapport is None or rapport_id != rapport.pk or by_id.get(rapport_id) is None:
                rad.fel.append(_("Rapport-id:t hör inte till den här aktiviteten och organisationen."))
                continue
        nya = {}
        status_text = _text(v.get("status"))
        if status_text:
            if status_text not in statusar:
                rad.fel.append(
                    _("Kolumn Status: ”%(varde)s” finns inte i listan (%(lista)s).")
                    % {"varde": status_text, "lista": ", ".join(statusar)}
                )
            else:
                nya["status"] = statusar[status_text]
        for name in TEXTFALT:
            text = _text(v.get(name))
            if len(text) > max_len[name]:
                rad.fel.append(
                    _("Kolumn %(kolumn)s: texten har %(antal)s tecken men får ha högst %(max)s.")
                    % {"kolumn": FALTNAMN[name], "antal": len(text), "max": max_len[name]}
                )
            nya[name] = text
        if rapport is None:
            if not any(nya.get(name) for name in FALT):
                continue  # an untouched empty row
            if "status" not in nya:
                rad.fel.append(_("Kolumn Status: välj en status för att skapa rapporten."))
            rad.handling = "skapa"
            rad.varden = nya
            rad.andringar = [[FALTNAMN[n], "", _visa(n, nya.get(n, ""))] for n in FALT if nya.get(n)]
            if aktivitet.pk not in far_skapa:
                far_skapa[aktivitet.pk] = may(user, "uppfoljning.add_statusrapport", aktivitet)
            if not far_skapa[aktivitet.pk]:
                rad.fel.append(_("Du får inte skapa rapporter för den här aktiviteten."))
            continue
        nya.setdefault("status", rapport.status)
        andrade = [n for n in FALT if nya[n] != (getattr(rapport, n) or "").replace("\r\n", "\n").strip()]
        if not andrade:
            continue
        rad.handling, rad.rapport_id, rad.varden = "andra", rapport.pk, nya
        rad.andringar = [[FALTNAMN[n], _visa(n, getattr(rapport, n)), _visa(n, nya[n])] for n in andrade]
        try:
            rad.version = int(v.get("version"))
        except (TypeError, ValueError):
            rad.version = None
        if rad.version != rapport.version:
            rad.konflikt = True
            rad.fel.append(
                _(
                    "Rapporten har ändrats i portalen sedan filen laddades ner (version %(fil)s, nu %(nu)s). "
                    "Raden skriver inte över ändringen: ladda ner en ny fil."
                )
                % {"fil": v.get("version") or "–", "nu": rapport.version}
            )
        elif (fel := hinder(user, "uppfoljning.change_statusrapport", rapport)) is not None:
            rad.fel.extend(fel.messages)
    return Forhandsvisning(rader=resultat)


def _visa(name: str, value: str) -> str:
    if name == "status":
        return str(dict(Status.choices).get(value, value))
    return value


@transaction.atomic
def kalkylblad_apply(*, user, period: Uppfoljningsperiod, rader: list[dict]) -> int:
    """Apply the previewed rows, all or none, through statusrapport_create/update (permissions,
    deadline, versions). The first refusal rolls everything back and names its row."""
    aktiviteter = Aktivitet.objects.in_bulk([r["aktivitet_id"] for r in rader if r["handling"] == "skapa"])
    organisationer = Organisation.objects.in_bulk([r["organisation_id"] for r in rader if r["handling"] == "skapa"])
    strategier = {
        r.pk: list(r.strategier.all())
        for r in Statusrapport.objects.filter(
            pk__in=[r["rapport_id"] for r in rader if r["rapport_id"]]
        ).prefetch_related("strategier")
    }
    antal = 0
    for rad in rader:
        try:
            if rad["handling"] == "skapa":
                statusrapport_create(
                    user=user,
                    period=period,
                    aktivitet=aktiviteter[rad["aktivitet_id"]],
                    organisation=organisationer[rad["organisation_id"]],
                    **rad["varden"],
                )
            elif rad["handling"] == "andra":
                statusrapport_update(
                    user=user,
                    rapport_id=rad["rapport_id"],
                    version=rad["version"],
                    strategier=strategier[rad["rapport_id"]],
                    **rad["varden"],
                )
            else:
                continue
        except Versionskonflikt as exc:
            raise Domanfel(
                _("Rad %(rad)s: rapporten har ändrats sedan förhandsvisningen. Inget har sparats.")
                % {"rad": rad["rad"]},
                code="conflict",
            ) from exc
        except Domanfel as exc:
            raise Domanfel(
                _("Rad %(rad)s: %(fel)s Inget har sparats.") % {"rad": rad["rad"], "fel": " ".join(exc.messages)},
                code=exc.code,
            ) from exc
        antal += 1
    return antal


# ---------------------------------------------------------------------------------------------------
# The samordnare's review sheet: approve or return several submitted reports at once.


def granskning_export(*, user, period: Uppfoljningsperiod) -> bytes:
    """The reports waiting for this user's review (four eyes: the same list as Mina rapporter)."""
    etiketter = dict(Status.choices)
    rader = [
        {
            "id": r.pk,
            "version": r.version,
            "aktivitet_namn": r.aktivitet.titel,
            "organisation_namn": r.organisation.namn,
            "status": str(etiketter[r.status]),
            **{name: getattr(r, name) for name in TEXTFALT},
            "beslut": "",
            "kommentar": "",
        }
        for r in att_granska(user=user, period=period)
    ]
    return kalkylblad.build(rader, kalkylblad.GRANSKNING)


def granskning_preview(*, user, period: Uppfoljningsperiod, data: bytes) -> Forhandsvisning:
    """Each decided row: approve or return, with the comment; refusals per row. Nothing written."""
    try:
        lasta = kalkylblad.read(data, kalkylblad.GRANSKNING)
    except Domanfel as exc:
        return Forhandsvisning(rader=[], fel=list(exc.messages))
    vantar = {r.pk: r for r in att_granska(user=user, period=period)}
    alla = Statusrapport.objects.select_related("aktivitet", "organisation").in_bulk(
        [int(r.varden["id"]) for r in lasta if str(r.varden.get("id") or "").isdigit()]
    )
    resultat, sedda = [], set()
    for lasrad in lasta:
        v = lasrad.varden
        beslut_text = _text(v.get("beslut"))
        kommentar = _text(v.get("kommentar"))
        rad = Forhandsrad(
            rad=lasrad.nummer,
            aktivitet=_text(v.get("aktivitet_namn")),
            organisation=_text(v.get("organisation_namn")),
            handling="ingen",
            fel=list(lasrad.fel),
        )
        resultat.append(rad)
        if not beslut_text and not kommentar and not rad.fel:
            continue  # not decided yet
        rapport_id = int(v["id"]) if str(v.get("id") or "").isdigit() else None
        rapport = vantar.get(rapport_id)
        if rapport is None:
            annan = alla.get(rapport_id)
            if annan is not None and may(user, "uppfoljning.view_statusrapport", annan):
                rad.aktivitet, rad.organisation = annan.aktivitet.titel, annan.organisation.namn
                if annan.tillstand != "inskickad":
                    rad.konflikt = True
                    rad.fel.append(
                        _("Rapporten är inte längre inskickad (nu ”%(tillstand)s”); någon har redan granskat den.")
                        % {"tillstand": annan.get_tillstand_display()}
                    )
                    continue
            rad.fel.append(_("Rapport-id:t hör inte till en rapport som väntar på din granskning."))
            continue
        if rapport_id in sedda:
            rad.fel.append(_("Samma rapport står på flera rader."))
            continue
        sedda.add(rapport_id)
        rad.aktivitet, rad.organisation, rad.rapport_id = rapport.aktivitet.titel, rapport.organisation.namn, rapport.pk
        if beslut_text not in kalkylblad.BESLUT:
            rad.fel.append(
                _("Kolumn Beslut: ”%(varde)s” finns inte i listan (%(lista)s).")
                % {"varde": beslut_text or "–", "lista": ", ".join(kalkylblad.BESLUT)}
            )
            continue
        handling = kalkylblad.BESLUT[beslut_text]
        if handling == "return" and not kommentar:
            rad.fel.append(_("Kolumn Kommentar: skriv vad som behöver kompletteras."))
        if len(kommentar) > 2000:
            rad.fel.append(
                _("Kolumn Kommentar: texten har %(antal)s tecken men får ha högst %(max)s.")
                % {"antal": len(kommentar), "max": 2000}
            )
        try:
            rad.version = int(v.get("version"))
        except (TypeError, ValueError):
            rad.version = None
        if rad.version != rapport.version:
            rad.konflikt = True
            rad.fel.append(
                _("Rapporten har ändrats sedan filen laddades ner (version %(fil)s, nu %(nu)s). Ladda ner en ny fil.")
                % {"fil": v.get("version") or "–", "nu": rapport.version}
            )
        rad.handling = handling
        rad.varden = {"kommentar": kommentar}
        rad.andringar = [[beslut_text, "", kommentar]]
    return Forhandsvisning(rader=resultat)


@transaction.atomic
def granskning_apply(*, user, period: Uppfoljningsperiod, rader: list[dict]) -> int:
    """Approve and return the previewed reports, all or none, through statusrapport_approve/return."""
    antal = 0
    for rad in rader:
        service = {"approve": statusrapport_approve, "return": statusrapport_return}.get(rad["handling"])
        if service is None:
            continue
        try:
            service(user=user, rapport_id=rad["rapport_id"], version=rad["version"], **rad["varden"])
        except Versionskonflikt as exc:
            raise Domanfel(
                _("Rad %(rad)s: rapporten har ändrats sedan förhandsvisningen. Inget har sparats.")
                % {"rad": rad["rad"]},
                code="conflict",
            ) from exc
        except Domanfel as exc:
            raise Domanfel(
                _("Rad %(rad)s: %(fel)s Inget har sparats.") % {"rad": rad["rad"], "fel": " ".join(exc.messages)},
                code=exc.code,
            ) from exc
        antal += 1
    return antal
