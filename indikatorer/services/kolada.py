"""Fetching an indicator's values from Kolada into `Varde`, idempotently: the values go through
`varden_upsert`, so a run that brings nothing new writes nothing, and every run is recorded
(`Inlasning`: what was asked, how many rows came, what changed, or the error).

Which areas: an indicator reported per municipality is fetched for the areas of its municipality
that carry a Kolada id (the municipality itself, e.g. 1480); one reported per organisational unit
(`kolada_per_enhet`) for the areas of level `enhet` with a Kolada ou id. Which years: from
INDIKATORER_JAMFORELSEAR years before its earliest plan to the end of its latest plan. An indicator
not divided by gender keeps only Kolada's T rows."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from indikatorer.choices import Inlasningsstatus, Kalla, Kon, Niva
from indikatorer.kolada import Klient, KoladaFel
from indikatorer.models import Indikator, Inlasning, Omrade
from indikatorer.services.varden import Ny, Utfall, varden_upsert
from jamlik.ops.published import published_version_bump
from jamlik.rules import check_perm


def _ar(indikator: Indikator) -> list[int]:
    grans = indikator.planer.aggregate(fran=Min("giltig_fran"), till=Max("giltig_till"))
    if grans["fran"] is None:
        return []
    return list(range(grans["fran"] - settings.INDIKATORER_JAMFORELSEAR, grans["till"] + 1))


def _omraden(indikator: Indikator) -> dict[str, int]:
    omraden = Omrade.objects.filter(kommun_id=indikator.kommun_id).exclude(kolada_id="")
    enheter = Q(niva=Niva.ENHET)
    omraden = omraden.filter(enheter if indikator.kolada_per_enhet else ~enheter)
    return dict(omraden.values_list("kolada_id", "pk"))


def kolada_indikator_hamta(*, indikator: Indikator, klient: Klient, ar: list[int] | None = None) -> tuple[int, Utfall]:
    """Fetch one indicator (no permission check: called by `kolada_hamta`). Returns (rows, outcome)."""
    ar = ar or _ar(indikator)
    omraden = _omraden(indikator)
    if not ar or not omraden:
        return 0, Utfall()
    if not indikator.definition:
        meta = klient.kpi(indikator.kolada_kpi)
        beskrivning = str((meta or {}).get("description") or "")
        if beskrivning and Indikator.objects.filter(pk=indikator.pk, definition="").update(definition=beskrivning):
            published_version_bump()  # an update() sends no signal; an indicator's definition is plan data
    if indikator.kolada_per_enhet:
        rader = klient.oudata(indikator.kolada_kpi, enheter=sorted(omraden), ar=ar)
    else:
        rader = klient.data(indikator.kolada_kpi, kommuner=sorted(omraden), ar=ar)
    tillatna_kon = {k.value for k in Kon} if indikator.konsuppdelad else {Kon.TOTALT.value}
    nya: dict[tuple, Ny] = {}
    antal = 0
    for r in rader:
        antal += 1
        omrade_id = omraden.get(r.id)
        if omrade_id is None or r.kon not in tillatna_kon or r.kpi != indikator.kolada_kpi:
            continue
        nya[(omrade_id, r.ar, r.kon)] = Ny(indikator.pk, omrade_id, r.ar, r.kon, "", r.varde, r.status)
    return antal, varden_upsert(rader=nya.values(), kalla=Kalla.KOLADA)


def kolada_hamta(
    *, user, indikatorer: QuerySet[Indikator] | None = None, ar: list[int] | None = None, klient: Klient | None = None
) -> Inlasning:
    """Fetch every Kolada indicator (or those given) and record the run. A Kolada fault after the
    retries is recorded on the run and raised (KoladaFel); indicators fetched before it stay."""
    check_perm(user, "indikatorer.fetch_kolada")
    klient = klient or Klient.fran_installningar()
    valda = (indikatorer if indikatorer is not None else Indikator.objects.all()).filter(kalla=Kalla.KOLADA)
    valda = list(valda.order_by("pk"))
    inlasning = Inlasning.objects.create(
        kalla=Kalla.KOLADA,
        beskrivning=_("Kolada: %(antal)s indikatorer") % {"antal": len(valda)},
        parametrar={"kpi": [i.kolada_kpi for i in valda], "ar": ar or "plan", "bas": klient.bas},
    )
    totalt = Utfall()
    try:
        for indikator in valda:
            with transaction.atomic():
                antal, utfall = kolada_indikator_hamta(indikator=indikator, klient=klient, ar=ar)
            inlasning.antal_rader += antal
            totalt.nya += utfall.nya
            totalt.andrade += utfall.andrade
            totalt.oforandrade += utfall.oforandrade
    except KoladaFel as exc:
        inlasning.status, inlasning.fel = Inlasningsstatus.FEL, str(exc)
        raise
    else:
        inlasning.status = Inlasningsstatus.KLAR
    finally:
        inlasning.antal_nya, inlasning.antal_andrade, inlasning.antal_oforandrade = (
            totalt.nya,
            totalt.andrade,
            totalt.oforandrade,
        )
        inlasning.parametrar["anrop"] = klient.anrop
        inlasning.klar = timezone.now()
        inlasning.save()
    return inlasning
