"""The Atom feed of the public follow-up: newly approved status reports and final process
evaluations of a plan, newest first. Only what is published, and only its published fields
(uppfoljning/selectors/publicering.py)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaksbr
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from plan.models import Plan, plan_reverse
from plan.selectors import plan_for_page
from uppfoljning.selectors.publicering import publicerade_processutvarderingar, publicerade_statusrapporter

ANTAL = 50


@dataclass
class Post:
    titel: str
    url: str
    datum: datetime
    innehall: str
    kategori: str


def _rapportpost(rapport) -> Post:
    falt = [
        (_("Status"), rapport.get_status_display()),
        (_("Vad har gjorts"), rapport.genomfort),
        (_("Hinder"), rapport.hinder),
        (_("Nästa steg"), rapport.nasta_steg),
    ]
    strategier = ", ".join(s.namn for s in rapport.strategier.all())
    if strategier:
        falt.append((_("Strategier som arbetet bidragit till"), strategier))
    innehall = format_html(
        "<dl>{}</dl>",
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((rubrik, linebreaksbr(text or "–")) for rubrik, text in falt)),
    )
    return Post(
        titel=_("Godkänd statusrapport: %(aktivitet)s – %(organisation)s (%(period)s)")
        % {
            "aktivitet": rapport.aktivitet.titel,
            "organisation": rapport.organisation.namn,
            "period": rapport.period.namn,
        },
        url=f"{rapport.aktivitet.get_absolute_url()}#rapport-{rapport.pk}",
        datum=rapport.godkand or rapport.uppdaterad,
        innehall=innehall,
        kategori=_("Statusrapport"),
    )


def _utvarderingspost(utvardering) -> Post:
    innehall = format_html(
        "<p>{}: {}</p><p>{}</p>",
        _("Samlad bedömning"),
        utvardering.get_samlad_bedomning_display() or "–",
        linebreaksbr(utvardering.genomforande or ""),
    )
    return Post(
        titel=_("Fastställd processutvärdering %(ar)s: %(aktivitet)s")
        % {"ar": utvardering.ar, "aktivitet": utvardering.aktivitet.titel},
        url=utvardering.get_absolute_url(),
        datum=utvardering.faststalld or utvardering.uppdaterad,
        innehall=innehall,
        kategori=_("Processutvärdering"),
    )


class UppfoljningFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, plan=None):
        return plan_for_page(plan)

    def title(self, plan: Plan) -> str:
        return _("Uppföljning av %(plan)s") % {"plan": plan.namn}

    def subtitle(self, plan: Plan) -> str:
        return _("Nya godkända statusrapporter och fastställda processutvärderingar.")

    def link(self, plan: Plan) -> str:
        return plan_reverse(plan, "uppfoljning")

    def feed_url(self, plan: Plan) -> str:
        return plan_reverse(plan, "uppfoljning-flode")

    def items(self, plan: Plan) -> list[Post]:
        rapporter = publicerade_statusrapporter(plan=plan).order_by("-godkand", "-pk")[:ANTAL]
        utvarderingar = publicerade_processutvarderingar(plan=plan).order_by("-faststalld", "-pk")[:ANTAL]
        poster = [_rapportpost(r) for r in rapporter] + [_utvarderingspost(u) for u in utvarderingar]
        return sorted(poster, key=lambda p: p.datum, reverse=True)[:ANTAL]

    def item_title(self, item: Post) -> str:
        return item.titel

    def item_description(self, item: Post) -> str:
        return item.innehall

    def item_link(self, item: Post) -> str:
        return item.url

    def item_updateddate(self, item: Post) -> datetime:
        return item.datum

    def item_pubdate(self, item: Post) -> datetime:
        return item.datum

    def item_categories(self, item: Post) -> list[str]:
        return [item.kategori]
