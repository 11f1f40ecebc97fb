"""Writes of notifications: recording notices (exactly once per recipient and subject), sending the
unsent ones by e-mail, marking them read, and a user's settings.

Recording is idempotent: (mottagare, typ, nyckel) is unique and rows are inserted with
`ignore_conflicts`, so a duplicated or retried task records nothing twice. Sending takes unsent rows
under `select_for_update(skip_locked=True)`, so two workers never take the same row, and marks a
row sent only after the mail server accepted it; when the server is down the rows stay unsent and
the next run (Celery beat) sends them."""

import contextlib
import logging
import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from aviseringar import selectors
from aviseringar.choices import Typ
from aviseringar.models import Avisering, Installning
from aviseringar.texter import epost_fot, rubrik_och_text
from jamlik.rules import check_perm
from uppfoljning.models import Statusrapport, Uppfoljningsperiod

logger = logging.getLogger(__name__)

SKICKA_BATCH = 200
# What "the mail server is down" looks like: refused or dropped connections, timeouts, SMTP errors.
SMTP_FEL = (smtplib.SMTPException, OSError)


@dataclass
class Post:
    """One notice to record: to whom, about what (the subject key), where it links, its context."""

    mottagare_id: int
    nyckel: str
    lank: str = ""
    kontext: dict = field(default_factory=dict)


def absolut_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path if path else ""


@transaction.atomic
def aviseringar_record(*, typ: str, poster: list[Post], tvinga_epost: bool = False) -> int:
    """Record notices of kind `typ`, each in its recipient's language, as the recipient chose
    (e-mail, portal, neither). Rows that exist already are left alone. Returns how many were new."""
    if not poster:
        return 0
    val = selectors.installningar({p.mottagare_id for p in poster})
    befintliga = set(
        Avisering.objects.filter(
            typ=typ, mottagare_id__in={p.mottagare_id for p in poster}, nyckel__in={p.nyckel for p in poster}
        ).values_list("mottagare_id", "nyckel")
    )
    nya = []
    for post in poster:
        if (post.mottagare_id, post.nyckel) in befintliga:
            continue
        installning = val[post.mottagare_id]
        epost = tvinga_epost or typ in installning.epost
        webb = typ != Typ.VECKOSAMMANFATTNING and typ in installning.webb
        if not (epost or webb):
            continue
        with translation.override(installning.sprak):
            rubrik, text = rubrik_och_text(typ, post.kontext)
        nya.append(
            Avisering(
                mottagare_id=post.mottagare_id,
                typ=typ,
                nyckel=post.nyckel,
                rubrik=rubrik[:200],
                text=text,
                lank=post.lank,
                epost=epost,
                webb=webb,
            )
        )
    Avisering.objects.bulk_create(nya, ignore_conflicts=True, batch_size=1000)
    return len(nya)


# --- Events of a report (uppfoljning.signals) ------------------------------------------------------


def _rapport_kontext(rapport: Statusrapport) -> dict:
    return {
        "aktivitet": rapport.aktivitet.titel,
        "organisation": rapport.organisation.namn,
        "period": rapport.period.namn,
        "kommentar": rapport.returkommentar,
    }


def rapporthandelse_record(*, rapport_id: int, typ: str) -> int:
    """Notices of a report's workflow step: returned or approved → its writers; submitted → the
    samordnare who review it. Keyed by the report's version, so a second return is a new notice."""
    rapport = Statusrapport.objects.select_related("aktivitet", "organisation", "period").get(pk=rapport_id)
    mottagare = selectors.samordnare_for(rapport) if typ == Typ.ATT_GRANSKA else selectors.rapportorer_for(rapport)
    lank = reverse("uppfoljning:statusrapport", args=[rapport.pk])
    kontext = _rapport_kontext(rapport)
    nyckel = f"rapport:{rapport.pk}:v{rapport.version}"
    return aviseringar_record(
        typ=typ, poster=[Post(mottagare_id=uid, nyckel=nyckel, lank=lank, kontext=kontext) for uid in sorted(mottagare)]
    )


# --- Computed from the calendar (Celery beat) ---------------------------------------------------------


def _period_poster(period: Uppfoljningsperiod, antal: dict[int, int], nyckel: str) -> list[Post]:
    lank = reverse("uppfoljning:mina_rapporter")
    return [
        Post(
            mottagare_id=uid,
            nyckel=nyckel,
            lank=lank,
            kontext={"period": period.namn, "sista_dag": period.sista_dag, "antal": n},
        )
        for uid, n in sorted(antal.items())
        if n
    ]


def period_oppnad_record(*, idag: date) -> int:
    """A notice to everyone whose organisation must report in a period that is open, once per period."""
    nya = 0
    for period in selectors.perioder_oppnade(idag=idag):
        antal = selectors.forvantade_per_anvandare(period=period)
        nya += aviseringar_record(typ=Typ.PERIOD_OPPNAD, poster=_period_poster(period, antal, f"period:{period.pk}"))
    return nya


def sista_dag_narmar_record(*, idag: date) -> int:
    """Within AVISERINGAR_DAGAR_FORE days of the last day: a notice to everyone with reports not yet
    submitted, once per period and last day (a moved deadline gives a new notice)."""
    nya = 0
    for period in selectors.perioder_nara_sista_dag(idag=idag, dagar=settings.AVISERINGAR_DAGAR_FORE):
        antal = selectors.utestaende_per_anvandare(period=period, par=selectors.utestaende(period=period))
        nyckel = f"period:{period.pk}:{period.sista_dag.isoformat()}"
        nya += aviseringar_record(typ=Typ.SISTA_DAG_NARMAR, poster=_period_poster(period, antal, nyckel))
    return nya


def forsenad_record(*, idag: date) -> int:
    """After the last day: a notice to everyone with reports not submitted, once per period and day."""
    nya = 0
    for period in selectors.perioder_forsenade(idag=idag, dagar=settings.AVISERINGAR_FORSENAD_DAGAR):
        antal = selectors.utestaende_per_anvandare(period=period, par=selectors.utestaende(period=period))
        nyckel = f"period:{period.pk}:{period.sista_dag.isoformat()}"
        nya += aviseringar_record(typ=Typ.FORSENAD, poster=_period_poster(period, antal, nyckel))
    return nya


def veckosammanfattning_record(*, idag: date) -> int:
    """For users who chose the weekly digest: one e-mail per ISO week with their unread notices."""
    ar, vecka, _dag = idag.isocalendar()
    anvandare = list(selectors.veckosammanfattning_anvandare().values_list("pk", flat=True))
    olasta = selectors.veckans_olasta(user_ids=anvandare, sedan=timezone.now() - timedelta(days=7))
    poster = [
        Post(
            mottagare_id=uid,
            nyckel=f"vecka:{ar}-{vecka:02d}",
            lank=reverse("aviseringar:lista"),
            kontext={"portal": settings.PORTAL_NAMN, "rubriker": [a.rubrik for a in olasta[uid]]},
        )
        for uid in anvandare
        if olasta.get(uid)
    ]
    return aviseringar_record(typ=Typ.VECKOSAMMANFATTNING, poster=poster, tvinga_epost=True)


def paminnelse_send(*, user, period: Uppfoljningsperiod) -> tuple[int, int]:
    """A planägare reminds everyone whose report for the period is missing or not yet submitted.
    Once per period and day: pressing again the same day records nothing new.
    Returns (users reminded now, organisations missing)."""
    check_perm(user, "aviseringar.send_paminnelse")
    par = selectors.utestaende(period=period)
    antal = selectors.utestaende_per_anvandare(period=period, par=par)
    nyckel = f"period:{period.pk}:{timezone.localdate().isoformat()}"
    nya = aviseringar_record(typ=Typ.PAMINNELSE, poster=_period_poster(period, antal, nyckel))
    logger.info("reminders recorded", extra={"event": "paminnelse", "period": period.slug, "user_id": user.pk})
    return nya, len({org for _akt, org in par})


# --- Sending ------------------------------------------------------------------------------------------


def _meddelande(avisering: Avisering, connection) -> EmailMessage:
    installning = getattr(avisering.mottagare, "aviseringsinstallning", None) or Installning()
    with translation.override(installning.sprak):
        fot = epost_fot(
            lank=absolut_url(avisering.lank), installningar=absolut_url(reverse("aviseringar:installningar"))
        )
    return EmailMessage(
        subject=f"{settings.PORTAL_NAMN}: {avisering.rubrik}",
        body=avisering.text + fot,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[avisering.mottagare.email],
        connection=connection,
        headers={"Auto-Submitted": "auto-generated"},
    )


def aviseringar_send(*, batch: int = SKICKA_BATCH) -> int:
    """Send every unsent e-mail notice; return how many were sent. Stops at the first failure of
    the mail server: what was not accepted stays unsent (with the attempt counted) for the next run."""
    skickade = 0
    while True:
        with transaction.atomic():
            rader = list(
                Avisering.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("mottagare__aviseringsinstallning")
                .filter(epost=True, skickad__isnull=True)
                .order_by("pk")[:batch]
            )
            if not rader:
                return skickade
            klara, utan_adress, fel = [], [], None
            connection = get_connection()
            try:
                connection.open()
                for avisering in rader:
                    if not avisering.mottagare.email:
                        utan_adress.append(avisering.pk)
                        continue
                    try:
                        connection.send_messages([_meddelande(avisering, connection)])
                    except smtplib.SMTPRecipientsRefused:
                        # The server is up but will never take this address: not retried.
                        utan_adress.append(avisering.pk)
                        continue
                    except smtplib.SMTPResponseException as exc:
                        if exc.smtp_code < 500:
                            raise  # temporary (4xx): stop, keep the rest for the next run
                        # Refused for good (5xx) for this message only: not retried, and it does
                        # not hold back the ones after it.
                        utan_adress.append(avisering.pk)
                        continue
                    klara.append(avisering.pk)
            except Exception as exc:  # the server is down (SMTP_FEL) or a bug: keep what was not sent
                fel = exc
            finally:
                with contextlib.suppress(SMTP_FEL):
                    connection.close()
            nu = timezone.now()
            Avisering.objects.filter(pk__in=klara).update(skickad=nu, senaste_fel="")
            # No usable address, or refused for good: not sent, ever; shown in the portal only.
            Avisering.objects.filter(pk__in=utan_adress).update(
                epost=False, senaste_fel="ingen giltig e-postadress eller avvisad av e-postservern"
            )
            skickade += len(klara)
            if fel is not None:
                ej_skickade = [a.pk for a in rader if a.pk not in set(klara) | set(utan_adress)]
                for avisering in rader:
                    if avisering.pk in ej_skickade:
                        avisering.forsok += 1
                        avisering.senaste_fel = f"{type(fel).__name__}: {fel}"[:300]
                Avisering.objects.bulk_update(
                    [a for a in rader if a.pk in ej_skickade], ["forsok", "senaste_fel"], batch_size=1000
                )
                logger.warning(
                    "mail server unavailable",
                    extra={"event": "avisering_smtp_fel", "ej_skickade": len(ej_skickade), "fel": type(fel).__name__},
                )
                if not isinstance(fel, SMTP_FEL):
                    logger.exception("sending notices failed", exc_info=fel)
                return skickade


# --- The user's own ---------------------------------------------------------------------------------


def avisering_mark_read(*, user, avisering_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notice of the user read."""
    qs = Avisering.objects.filter(mottagare=user, last__isnull=True)
    if avisering_id is not None:
        qs = qs.filter(pk=avisering_id)
    return qs.update(last=timezone.now())


@transaction.atomic
def installning_save(*, user, epost: list[str], webb: list[str], veckosammanfattning: bool, sprak: str) -> Installning:
    installning, _created = Installning.objects.select_for_update().get_or_create(anvandare=user)
    installning.epost, installning.webb = sorted(epost), sorted(webb)
    installning.veckosammanfattning, installning.sprak = veckosammanfattning, sprak
    installning.full_clean()
    installning.save()
    return installning


def sprak_remember(*, user, sprak: str) -> None:
    """The language the user has chosen (language switch) becomes the language of their notices."""
    if sprak in dict(settings.LANGUAGES):
        Installning.objects.update_or_create(anvandare=user, defaults={"sprak": sprak})
