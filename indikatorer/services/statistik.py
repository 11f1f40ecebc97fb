"""Importing area statistics from a CSV or XLSX file (layout: indikatorer/statistikfil.py):
every row validated against the plan's indicators, the municipality's areas and the plan's years,
a preview of what would change, then all rows or none.

The preview refuses, each with its row and a Swedish reason: an unknown indicator or area, an area
that did not exist that year, a year outside the plan, a gender that is not T/K/M (or K/M for an
indicator that is not divided by gender), a value that is not a number, and a row that repeats an
earlier row's indicator × area × year × gender × group. Apply reads the file again and refuses it
whole if anything is wrong now, so nothing is written on any error."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indikatorer import statistikfil
from indikatorer.choices import Inlasningsstatus, Kalla, Kon
from indikatorer.models import Indikator, Inlasning, Omrade
from indikatorer.services.varden import Ny, Utfall, forandring, varden_upsert
from jamlik.errors import Domanfel
from jamlik.rules import check_perm
from plan.models import Plan

VISADE_ANDRINGAR = 200  # the preview lists this many changed rows (the counts cover all)


@dataclass
class Radfel:
    rad: int
    text: str


@dataclass
class Forhandsvisning:
    rader: list[Ny] = field(default_factory=list)
    fel: list[Radfel] = field(default_factory=list)
    utfall: Utfall = field(default_factory=Utfall)
    andringar: list[tuple[str, str, int, str, str, float | None, float | None]] = field(default_factory=list)

    @property
    def kan_verkstallas(self) -> bool:
        return bool(self.rader) and not self.fel


def tillatna_ar(plan: Plan) -> tuple[int, int]:
    """The years a file may hold values for: the plan's years and, as a baseline to compare
    with, INDIKATORER_JAMFORELSEAR years before it."""
    return plan.giltig_fran - settings.INDIKATORER_JAMFORELSEAR, plan.giltig_till


def _tal(text: str) -> float:
    rensat = text.replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if rensat.count(",") == 1 and "." not in rensat:
        rensat = rensat.replace(",", ".")
    varde = float(rensat)
    if varde != varde or varde in (float("inf"), float("-inf")):
        raise ValueError
    return varde


def _uppslag(plan: Plan):
    indikatorer = {}
    for ind in Indikator.objects.filter(planer=plan).only("pk", "slug", "kolada_kpi", "konsuppdelad", "namn"):
        indikatorer[ind.slug.lower()] = ind
        if ind.kolada_kpi:
            indikatorer[ind.kolada_kpi.lower()] = ind
    omraden = {}
    for omr in Omrade.objects.filter(kommun_id=plan.program.kommun_id).only(
        "pk", "slug", "kod", "kolada_id", "namn", "giltig_fran", "giltig_till"
    ):
        for nyckel in (omr.slug, omr.kod, omr.kolada_id):
            if nyckel:
                omraden.setdefault(nyckel.lower(), omr)
    return indikatorer, omraden


def statistik_preview(*, user, plan: Plan, data: bytes, filnamn: str = "", kalla: str = Kalla.EGEN) -> Forhandsvisning:
    """Validate every row of the file and say what would change; nothing is written. A fault of
    the whole file (layout, encoding, container) is a Domanfel."""
    check_perm(user, "indikatorer.import_varde")
    return _validera(plan=plan, data=data, filnamn=filnamn, kalla=kalla, jamfor=True)


def _validera(*, plan: Plan, data: bytes, filnamn: str, kalla: str, jamfor: bool) -> Forhandsvisning:
    filrader = statistikfil.read(data, filnamn=filnamn)
    if not filrader:
        raise Domanfel(_("Filen innehåller inga värden."), code="tom")
    indikatorer, omraden = _uppslag(plan)
    fran, till = tillatna_ar(plan)
    resultat = Forhandsvisning()
    sedda: dict[tuple, int] = {}
    kod_till_kon = {k.value: k.value for k in Kon}
    for r in filrader:
        fel = []
        ind = indikatorer.get(r.indikator.lower())
        if ind is None:
            fel.append(
                _("Okänd indikator ”%(id)s” (ange kortnamn eller KPI-id för en indikator i planen).")
                % {"id": r.indikator}
            )
        omr = omraden.get(r.omrade.lower())
        if omr is None:
            fel.append(_("Okänt område ”%(id)s”.") % {"id": r.omrade})
        ar = None
        try:
            ar = int(r.ar)
            if len(r.ar) != 4:
                raise ValueError
        except ValueError:
            fel.append(_("Året ”%(ar)s” är inte ett årtal.") % {"ar": r.ar})
            ar = None
        if ar is not None and not (fran <= ar <= till):
            fel.append(
                _("Året %(ar)s ligger utanför planen (värden tas emot för %(fran)s–%(till)s).")
                % {"ar": ar, "fran": fran, "till": till}
            )
        if ar is not None and omr is not None and not omr.giltigt(ar):
            fel.append(_("Området %(omrade)s fanns inte år %(ar)s.") % {"omrade": omr.namn, "ar": ar})
        kon = kod_till_kon.get((r.kon or "T").upper())
        if kon is None:
            fel.append(_("Kön ”%(kon)s” finns inte: ange T, K eller M.") % {"kon": r.kon})
        elif ind is not None and kon != Kon.TOTALT and not ind.konsuppdelad:
            fel.append(_("Indikatorn %(namn)s är inte könsuppdelad: ange T.") % {"namn": ind.namn})
        varde = None
        if r.varde:
            try:
                varde = _tal(r.varde)
            except ValueError:
                fel.append(_("Värdet ”%(varde)s” är inte ett tal.") % {"varde": r.varde[:40]})
        if len(r.grupp) > 60:
            fel.append(_("Gruppen får vara högst 60 tecken."))
        if len(r.status) > 40:
            fel.append(_("Statusen får vara högst 40 tecken."))
        if ind is not None and omr is not None and ar is not None and kon is not None:
            nyckel = (ind.pk, omr.pk, ar, kon, r.grupp)
            tidigare = sedda.get(nyckel)
            if tidigare is not None:
                fel.append(
                    _("Samma indikator, område, år, kön och grupp står redan på rad %(rad)s.") % {"rad": tidigare}
                )
            else:
                sedda[nyckel] = r.rad
        if fel:
            resultat.fel.extend(Radfel(r.rad, text) for text in fel)
        else:
            resultat.rader.append(Ny(ind.pk, omr.pk, ar, kon, r.grupp, varde, r.status))
    if jamfor and not resultat.fel:
        resultat.utfall, andrade = forandring(rader=resultat.rader, kalla=kalla)
        namn_ind = {i.pk: i.namn for i in indikatorer.values()}
        namn_omr = {o.pk: o.namn for o in omraden.values()}
        resultat.andringar = [
            (namn_ind[n.indikator_id], namn_omr[n.omrade_id], n.ar, n.kon, n.grupp, fore, n.varde)
            for n, fore in andrade[:VISADE_ANDRINGAR]
        ]
    return resultat


@transaction.atomic
def statistik_apply(*, user, plan: Plan, data: bytes, filnamn: str = "", kalla: str = Kalla.EGEN) -> Inlasning:
    """Validate the file again and write every row, or refuse the whole file with the first reasons."""
    check_perm(user, "indikatorer.import_varde")
    forhand = _validera(plan=plan, data=data, filnamn=filnamn, kalla=kalla, jamfor=False)
    if forhand.fel:
        texter = [_("Rad %(rad)s: %(text)s") % {"rad": f.rad, "text": f.text} for f in forhand.fel[:5]]
        raise Domanfel(
            [_("Inget sparades: filen har %(antal)s fel.") % {"antal": len(forhand.fel)}, *texter], code="radfel"
        )
    utfall = varden_upsert(rader=forhand.rader, kalla=kalla)
    return Inlasning.objects.create(
        kalla=kalla,
        beskrivning=_("Fil: %(namn)s") % {"namn": filnamn or _("utan namn")},
        parametrar={"plan": plan.slug, "fil": filnamn},
        klar=timezone.now(),
        status=Inlasningsstatus.KLAR,
        antal_rader=len(forhand.rader),
        antal_nya=utfall.nya,
        antal_andrade=utfall.andrade,
        antal_oforandrade=utfall.oforandrade,
    )
