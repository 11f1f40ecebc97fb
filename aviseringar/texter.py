"""The texts of each kind of notice. Called under `translation.override(<recipient's language>)`:
Swedish, or English for users who chose English. Plain text (the e-mail is text/plain; the portal
escapes it)."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aviseringar.choices import Typ


def _dag(dag) -> str:
    return date_format(dag, "j F Y")


def rubrik_och_text(typ: str, k: dict) -> tuple[str, str]:
    """(subject, body) of a notice of the kind `typ` from its context `k`."""
    if typ == Typ.PERIOD_OPPNAD:
        return (
            _("Rapporteringsperioden %(period)s har öppnat") % {"period": k["period"]},
            ngettext(
                "Perioden %(period)s är öppen för statusrapporter till och med %(sista_dag)s. "
                "Din organisation ska rapportera om %(antal)s aktivitet.",
                "Perioden %(period)s är öppen för statusrapporter till och med %(sista_dag)s. "
                "Din organisation ska rapportera om %(antal)s aktiviteter.",
                k["antal"],
            )
            % {"period": k["period"], "sista_dag": _dag(k["sista_dag"]), "antal": k["antal"]},
        )
    if typ in (Typ.SISTA_DAG_NARMAR, Typ.PAMINNELSE):
        rubrik = (
            _("Sista dag för rapportering är %(sista_dag)s")
            if typ == Typ.SISTA_DAG_NARMAR
            else _("Påminnelse: rapportera senast %(sista_dag)s")
        ) % {"sista_dag": _dag(k["sista_dag"])}
        text = ngettext(
            "%(antal)s statusrapport för perioden %(period)s är inte inskickad än. Sista dag är %(sista_dag)s.",
            "%(antal)s statusrapporter för perioden %(period)s är inte inskickade än. Sista dag är %(sista_dag)s.",
            k["antal"],
        ) % {"period": k["period"], "sista_dag": _dag(k["sista_dag"]), "antal": k["antal"]}
        if typ == Typ.PAMINNELSE:
            # Any municipality: the role, not an organisation's name.
            text = _("Planägaren påminner om rapporteringen.") + " " + text
        return rubrik, text
    if typ == Typ.FORSENAD:
        return (
            _("Rapporteringen för %(period)s är försenad") % {"period": k["period"]},
            ngettext(
                "Sista dag var %(sista_dag)s och %(antal)s statusrapport är inte inskickad.",
                "Sista dag var %(sista_dag)s och %(antal)s statusrapporter är inte inskickade.",
                k["antal"],
            )
            % {"sista_dag": _dag(k["sista_dag"]), "antal": k["antal"]},
        )
    if typ == Typ.RETURNERAD:
        return (
            _("Rapporten om %(aktivitet)s har returnerats") % {"aktivitet": k["aktivitet"]},
            _(
                "Rapporten från %(organisation)s för perioden %(period)s har returnerats för komplettering. "
                "Kommentar:\n\n%(kommentar)s"
            )
            % {"organisation": k["organisation"], "period": k["period"], "kommentar": k["kommentar"]},
        )
    if typ == Typ.GODKAND:
        return (
            _("Rapporten om %(aktivitet)s är godkänd") % {"aktivitet": k["aktivitet"]},
            _("Rapporten från %(organisation)s för perioden %(period)s är godkänd och publicerad.")
            % {"organisation": k["organisation"], "period": k["period"]},
        )
    if typ == Typ.ATT_GRANSKA:
        return (
            _("En rapport väntar på granskning: %(aktivitet)s") % {"aktivitet": k["aktivitet"]},
            _(
                "%(organisation)s har skickat in sin rapport om %(aktivitet)s för perioden %(period)s. Den väntar på granskning."
            )
            % {"organisation": k["organisation"], "aktivitet": k["aktivitet"], "period": k["period"]},
        )
    if typ == Typ.VECKOSAMMANFATTNING:
        rader = "\n".join(f"– {rubrik}" for rubrik in k["rubriker"])
        return (
            _("Veckosammanfattning från %(portal)s") % {"portal": k["portal"]},
            ngettext(
                "Du har %(antal)s oläst avisering från den senaste veckan:\n\n%(rader)s",
                "Du har %(antal)s olästa aviseringar från den senaste veckan:\n\n%(rader)s",
                len(k["rubriker"]),
            )
            % {"antal": len(k["rubriker"]), "rader": rader},
        )
    raise ValueError(typ)


def epost_fot(*, lank: str, installningar: str) -> str:
    """The e-mail's closing lines: where to act, and where to change what one gets."""
    delar = []
    if lank:
        delar.append(_("Öppna i portalen: %(lank)s") % {"lank": lank})
    delar.append(_("Ändra vilka aviseringar du får: %(lank)s") % {"lank": installningar})
    return "\n\n-- \n" + "\n".join(delar)
