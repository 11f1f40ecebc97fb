"""The indicators' chapter of the compiled report (issue 15): per målområde, each indicator's latest
values for the whole municipality by gender with the trend since the plan began, and the gap
between areas in the latest year with area values — from `indikatorer.selectors.rapport.kapitel`,
which reads in a fixed number of queries inside the report's snapshot. Registered before the charts;
the Excel file gets every value of the municipality's series as a sheet of its own.

A report of one organisation has no indicator chapter: indicators describe the city's areas, not
one organisation's work. Like the rest of the report, the text is Swedish on purpose."""

from django.utils.formats import number_format

from indikatorer.choices import Kon
from indikatorer.selectors.rapport import kapitel as indikatordata
from uppfoljning.choices import Omfattning

from .data import Rapportdata
from .dokument import Blad, Block, Kapitel, Rubrik, Stycke, Tabell, registrera

EXEMPEL = "Exempel"
KON = dict(Kon.choices)
TREND = {"battre": "Bättre", "samre": "Sämre", "oforandrad": "Oförändrad", None: "–"}


def _tal(varde: float | None) -> str:
    return "–" if varde is None else number_format(round(varde, 2), decimal_pos=None, use_l10n=True)


def indikatorer(data: Rapportdata) -> Kapitel | None:
    urval = data.urval
    if urval is not None and urval.omfattning == Omfattning.ORGANISATION:
        return None
    innehall = indikatordata(plan=data.plan, ar=data.ar)
    avsnitt = [
        a
        for a in innehall.avsnitt
        if a.indikatorer
        and (urval is None or urval.omfattning != Omfattning.MALOMRADE or a.malomrade.pk == urval.malomrade.pk)
    ]
    if not avsnitt:
        return None
    block: list[Block] = [
        Stycke(
            "Nyckeltal för skillnader i livsvillkor, per målområde: det senaste värdet för hela kommunen per "
            "kön och trenden sedan planens början, och skillnaden mellan stadens områden det senaste år då "
            "områdena har värden. Varje tabell anger sin källa."
        )
    ]
    if any(i.exempel for a in avsnitt for i in a.indikatorer):
        block.append(Stycke(f"{EXEMPEL}: nyckeltal markerade ”{EXEMPEL}” har påhittade demovärden.", "exempel"))
    blad_rader = []
    for a in avsnitt:
        block.append(Rubrik(2, a.malomrade.namn, f"indikatorer-{a.malomrade.slug}"))
        for ind in a.indikatorer:
            namn = f"{ind.namn} ({EXEMPEL})" if ind.exempel else ind.namn
            enhet = f" ({ind.enhet})" if ind.enhet else ""
            block.append(Rubrik(3, namn))
            if ind.definition:
                block.append(Stycke(ind.definition))
            if ind.senaste_ar is None:
                block.append(Stycke(f"Inga värden till och med {data.ar}.", "notis"))
            else:
                block.append(
                    Tabell(
                        f"{ind.namn}: senaste värde för hela kommunen ({ind.senaste_ar}) och trend",
                        ["Kön", f"Värde{enhet}", "Trend sedan planens början"],
                        [[KON.get(k, k), _tal(v), TREND.get(ind.trend.get(k))] for k, v in ind.senaste.items()],
                    )
                )
            if ind.skillnader:
                block.append(
                    Tabell(
                        f"{ind.namn}: skillnad mellan områden ({ind.omradesniva.lower()}) {ind.jamforelsear}",
                        ["Kön", "Högst", "Lägst", f"Skillnad{enhet}", "Kvot"],
                        [
                            [
                                KON.get(s.kon, s.kon),
                                f"{s.hogst_omrade} {_tal(s.hogst)}",
                                f"{s.lagst_omrade} {_tal(s.lagst)}",
                                _tal(s.skillnad),
                                _tal(s.kvot),
                            ]
                            for s in ind.skillnader
                        ],
                        tal=frozenset({3, 4}),
                    )
                )
            block.append(Stycke(f"Källa: {ind.kallhanvisning}.", "notis"))
            blad_rader += [
                [
                    a.malomrade.namn,
                    ind.namn,
                    KON.get(k, k),
                    ar,
                    v,
                    ind.enhet,
                    ind.kallhanvisning,
                    "Ja" if ind.exempel else "",
                ]
                for k, per_ar in ind.serie.items()
                for ar, v in per_ar.items()
            ]
    blad = Blad(
        "Nyckeltal",
        ["Målområde", "Nyckeltal", "Kön", "År", "Värde (hela kommunen)", "Enhet", "Källa", "Exempel"],
        blad_rader,
        [30, 45, 10, 8, 14, 14, 30, 10],
    )
    return Kapitel("indikatorer", "Nyckeltal: skillnader i livsvillkor", block, [blad])


registrera(indikatorer, fore="diagram")
