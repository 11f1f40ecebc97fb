"""The chapters of the compiled follow-up report, in the plan's own structure: the målområden and
their samverkansaktiviteter, then each activity in words (the samordnare's overall status and
summary per period, each organisation's approved account, the final process evaluation in full),
the steering activities with the pilots, then the charts and tables.

The report is a Swedish publication: its text is deliberately not marked for translation (the job
renders it with Swedish active, so choice labels are Swedish too)."""

from django.utils.dateformat import format as format_date
from django.utils.text import capfirst
from django.utils.timezone import localtime

from plan.choices import AktivitetTyp
from uppfoljning.choices import Status
from uppfoljning.models import Processutvardering, ProcessutvarderingDel
from uppfoljning.models.utvardering import DEL_FALT, UTVARDERING_FALT
from uppfoljning.selectors.publicering import utvardering_underlag

from .data import DETALJ_MAX_RADER, Aktivitetsrad, Rapportdata
from .dokument import (
    Blad,
    Block,
    Definitioner,
    Diagram,
    Dokument,
    Kapitel,
    Lista,
    Rubrik,
    Stycke,
    Tabell,
    bygg_kapitel,
    registrera,
)

EXEMPEL = "Exempel"


def _etikett(modell, falt: str) -> str:
    return capfirst(str(modell._meta.get_field(falt).verbose_name))


def _datum(varde) -> str:
    return format_date(localtime(varde), "j F Y") if varde else ""


def _exempel(text: str, exempel: bool) -> str:
    return f"{text} ({EXEMPEL})" if exempel else text


def dokument(data: Rapportdata) -> Dokument:
    """The whole document: title page, then every registered chapter that has something to show."""
    titel = f"Uppföljning {data.ar} av {data.plan.namn}"
    urval = data.urval
    if urval is not None and urval.omfattning != "plan":
        titel = f"{titel}: {urval.text}"
    tidpunkt = format_date(localtime(data.underlag_tidpunkt), "j F Y H:i")
    inledning = [
        f"{data.uppfoljning.redovisas_med}. Uppföljningen genomförs av {data.uppfoljning.genomfors_av.lower()}.",
        f"Urval: {urval.text if urval else 'Hela planen'}.",
        "Perioder: " + ", ".join(p.namn for p in data.perioder) + ".",
        f"Innehållets fingeravtryck (SHA-256): {data.fingeravtryck}.",
        "Rapporten återger godkända statusrapporter, samordnarnas samlade status och slutliga "
        "processutvärderingar – det som portalen publicerar.",
    ]
    if data.har_exempel:
        inledning.append(
            f"{EXEMPEL}: underlaget innehåller påhittade demodata, markerade med ”{EXEMPEL}” där de förekommer."
        )
    return Dokument(titel, inledning, bygg_kapitel(data), f"Underlaget hämtades {tidpunkt}")


def andringar(data: Rapportdata) -> Kapitel | None:
    """What changed since the previous version of the same scope (set by the job before building)."""
    if not data.andringar:
        return None
    a = data.andringar
    block: list[Block] = []
    if a.get("foregaende") is None:
        block.append(Stycke("Den första versionen för det här urvalet.", "notis"))
    else:
        block.append(Stycke(f"Jämfört med version {a['foregaende']}:"))
        for nyckel, rubrik in ANDRINGSRUBRIKER:
            poster = a.get(nyckel) or []
            if poster:
                block.append(Rubrik(2, f"{rubrik} ({a.get(f'{nyckel}_antal', len(poster))})"))
                block.append(Lista(list(poster)))
        if len(block) == 1:
            block.append(Stycke("Inget i underlaget har ändrats; versionen skapades på begäran.", "notis"))
    return Kapitel("andringar", "Ändringar sedan föregående version", block)


ANDRINGSRUBRIKER = [
    ("rapporter_nya", "Nya godkända redovisningar"),
    ("rapporter_andrade", "Ändrade redovisningar"),
    ("rapporter_borttagna", "Redovisningar som inte längre är godkända"),
    ("statusar_andrade", "Nya eller ändrade samlade statusar"),
    ("utvarderingar_faststallda", "Processutvärderingar som blivit slutliga"),
    ("utvarderingar_andrade", "Ändrade processutvärderingar"),
    ("indikatorer_andrade", "Ändrade nyckeltal"),
]


# --- Målområden -------------------------------------------------------------------------------


def malomraden(data: Rapportdata) -> Kapitel | None:
    if not data.malomraden:
        return None
    status = {a.aktivitet.pk: a.senaste.label for a in data.aktiviteter}
    block: list[Block] = [
        Stycke(
            "Planens målområden med sina strategier, och de samverkansaktiviteter som strategimatrisen "
            "(Figur 4) placerar i varje målområde. Redovisningarna räknas där en godkänd statusrapport anger "
            "att arbetet bidragit till en av målområdets strategier."
        )
    ]
    for m in data.malomraden:
        block.append(Rubrik(2, m.namn, f"malomrade-{m.slug}"))
        block.append(Lista([s.namn for s in m.strategier.all()]))
        rader = [
            [a.titel, "; ".join(strategier), status.get(a.pk, "–"), data.malomrade_konton.get((m.pk, a.pk), 0)]
            for a, strategier in data.malomrade_aktiviteter.get(m.pk, [])
        ]
        if rader:
            block.append(
                Tabell(
                    f"Samverkansaktiviteter i målområdet {m.namn}",
                    ["Samverkansaktivitet", "Strategier i målområdet", "Senaste samlade status", "Redovisningar"],
                    rader,
                    tal=frozenset({3}),
                )
            )
        else:
            block.append(Stycke("Ingen samverkansaktivitet i urvalet är placerad i målområdet.", "notis"))
    return Kapitel("malomraden", "Målområden och samverkansaktiviteter", block)


# --- Activities in words ----------------------------------------------------------------------


def _konto_block(konto) -> list[Block]:
    return [
        Rubrik(4, _exempel(konto.organisation, konto.exempel)),
        Definitioner(
            [
                ("Status", konto.status_label),
                ("Vad har gjorts", konto.genomfort),
                ("Hinder", konto.hinder),
                ("Nästa steg", konto.nasta_steg),
                ("Strategier som arbetet bidragit till", "; ".join(konto.strategier)),
                ("Godkänd", _datum(konto.godkand)),
            ]
        ),
    ]


def _utvardering_block(u: Processutvardering) -> list[Block]:
    block: list[Block] = [
        Rubrik(3, f"Processutvärdering {u.planerad.uppfoljning.ar}", f"utvardering-{u.aktivitet.slug}"),
        Stycke(_exempel(f"Samlad bedömning: {u.get_samlad_bedomning_display()}", u.exempel), "bedomning"),
        Definitioner(
            [(_etikett(Processutvardering, f), getattr(u, f)) for f in UTVARDERING_FALT if f != "samlad_bedomning"]
        ),
    ]
    for del_ in u.delar.all():
        block.append(Rubrik(4, f"Pilotverksamhet: {del_.organisation.namn}"))
        if del_.samlad_bedomning:
            block.append(Stycke(f"Samlad bedömning: {del_.get_samlad_bedomning_display()}", "bedomning"))
        block.append(
            Definitioner(
                [(_etikett(ProcessutvarderingDel, f), getattr(del_, f)) for f in DEL_FALT if f != "samlad_bedomning"]
            )
        )
    underlag = utvardering_underlag(u)
    if underlag:
        block.append(
            Stycke(
                f"Underlag: {len(underlag)} godkända statusrapporter – "
                + "; ".join(
                    f"{r['organisation_namn']} {r['period_namn']} ({Status(r['status']).label})" for r in underlag
                )
                + ".",
                "notis",
            )
        )
    else:
        block.append(Stycke("Underlag: inga godkända statusrapporter.", "notis"))
    if u.faststalld:
        block.append(Stycke(f"Fastställd {_datum(u.faststalld)}.", "notis"))
    return block


def _aktivitet_block(data: Rapportdata, rad: Aktivitetsrad, utvardering: Processutvardering | None) -> list[Block]:
    a = rad.aktivitet
    block: list[Block] = [Rubrik(2, a.titel, f"aktivitet-{a.slug}")]
    block.append(Stycke(f"Samlad status: {rad.senaste.label}.", "bedomning"))
    if piloter := data.piloter.get(a.pk):
        block.append(Stycke(f"Pilotverksamheter: {', '.join(piloter)}."))
    konton = data.konton.get(a.pk, {})
    visade = {p.pk for p in data.konto_perioder}
    for period in data.perioder:
        samlad = data.samlad.get((period.pk, a.pk))
        periodens = konton.get(period.pk, [])
        if (not samlad and not periodens) or period.pk not in visade:
            continue
        block.append(Rubrik(3, f"Period {period.namn}"))
        if samlad:
            block.append(Stycke(f"Samlad status enligt samordnaren: {samlad.status_label}.", "bedomning"))
            if samlad.sammanfattning:
                block.append(
                    Definitioner([(_exempel("Samordnarens sammanfattning", samlad.exempel), samlad.sammanfattning)])
                )
        if not periodens:
            block.append(Stycke("Inga godkända redovisningar från organisationerna.", "notis"))
        for konto in periodens:
            block.extend(_konto_block(konto))
    if not konton and not any((p.pk, a.pk) in data.samlad for p in data.perioder):
        block.append(Stycke("Ingen godkänd statusrapport och ingen samlad status ännu.", "notis"))
    if utvardering is not None:
        block.extend(_utvardering_block(utvardering))
    return block


def _aktiviteter(data: Rapportdata, typ: str) -> list[Block]:
    utvarderingar = {u.aktivitet_id: u for u in data.utvarderingar}
    block: list[Block] = []
    for rad in data.aktiviteter:
        if rad.aktivitet.typ != typ:
            continue
        utvardering = utvarderingar.get(rad.aktivitet.pk)
        if not data.konto_perioder and utvardering is None:
            continue  # too many texts for a readable document: the status table and Excel have it
        block.extend(_aktivitet_block(data, rad, utvardering))
    return block


def _begransning(data: Rapportdata) -> list[Block]:
    if data.konto_perioder == data.perioder:
        return []
    if data.konto_perioder:
        text = (
            f"Urvalet har {data.antal_konton} godkända redovisningar. Här återges den senaste periodens "
            "redovisningar och sammanfattningar i sin helhet; alla finns i Excel-filens blad ”Redovisningar” "
            "och ”Samlad status”."
        )
    else:
        text = (
            f"Urvalet har {data.antal_konton} godkända redovisningar och samordnarnas sammanfattningar för "
            f"{len(data.aktiviteter)} aktiviteter, för många för ett läsbart dokument. Här återges "
            "processutvärderingarna; aktiviteternas status står i tabellen ”Status per aktivitet över "
            "perioderna”, och alla redovisningar och sammanfattningar finns i Excel-filens blad "
            "”Redovisningar” och ”Samlad status”."
        )
    return [Stycke(text, "notis")]


def samverkansaktiviteter(data: Rapportdata) -> Kapitel | None:
    block = _aktiviteter(data, AktivitetTyp.SAMVERKAN)
    if not block:
        return None
    inledning = Stycke(
        "För varje samverkansaktivitet: samordnarens samlade status och sammanfattning per period, "
        "organisationernas godkända redovisningar och processutvärderingen när den är slutlig."
    )
    return Kapitel("samverkansaktiviteter", "Samverkansaktiviteter", [inledning, *_begransning(data), *block])


def styrningsaktiviteter(data: Rapportdata) -> Kapitel | None:
    block = _aktiviteter(data, AktivitetTyp.STYRNING)
    if not block:
        return None
    return Kapitel(
        "styrningsaktiviteter", "Aktiviteter för styrning, uppföljning och samordning", [*_begransning(data), *block]
    )


def processutvarderingar(data: Rapportdata) -> Kapitel | None:
    """The evaluations themselves stand under their activities; this chapter says which are not
    final yet and gives the XLSX its sheets."""
    block: list[Block] = []
    if not data.utvarderingar:
        block.append(Stycke("Ingen processutvärdering är slutlig ännu.", "notis"))
    else:
        block.append(
            Lista(
                [
                    f"{u.aktivitet.titel}: {u.get_samlad_bedomning_display()}" + (f" ({EXEMPEL})" if u.exempel else "")
                    for u in data.utvarderingar
                ]
            )
        )
    if data.ej_slutliga:
        block.append(Stycke("Ännu inte slutliga och därför inte med: " + "; ".join(data.ej_slutliga) + ".", "notis"))
    # In the sheets the overall assessment comes right after the activity (and the pilot).
    falt = ["samlad_bedomning", *[f for f in UTVARDERING_FALT if f != "samlad_bedomning"]]
    del_falt = ["samlad_bedomning", *[f for f in DEL_FALT if f != "samlad_bedomning"]]

    def varde(objekt, f):
        return objekt.get_samlad_bedomning_display() if f == "samlad_bedomning" else getattr(objekt, f)

    return Kapitel(
        "processutvarderingar",
        "Processutvärderingar",
        block,
        blad=[
            Blad(
                "Processutvärderingar",
                ["Aktivitet", *[_etikett(Processutvardering, f) for f in falt], "Antal underlag"],
                [
                    [u.aktivitet.titel, *[varde(u, f) for f in falt], len(utvardering_underlag(u))]
                    for u in data.utvarderingar
                ],
                [40, 30] + [50] * (len(falt) - 1) + [14],
            ),
            Blad(
                "Pilotverksamheter",
                ["Aktivitet", "Pilotverksamhet", *[_etikett(ProcessutvarderingDel, f) for f in del_falt]],
                [
                    [u.aktivitet.titel, d.organisation.namn, *[varde(d, f) for f in del_falt]]
                    for u in data.utvarderingar
                    for d in u.delar.all()
                ],
                [40, 30, 30] + [50] * (len(del_falt) - 1),
            ),
        ],
    )


# --- Charts and tables ------------------------------------------------------------------------


def _diagram_tabell(titel: str, forsta: str, rader) -> Tabell:
    return Tabell(
        titel,
        [forsta, *[str(s.label) for s in Status], "Totalt"],
        [[namn, *[c.get(s, 0) for s in Status], sum(c.values())] for namn, c in rader],
        tal=frozenset(range(1, len(Status) + 2)),
    )


def diagram(data: Rapportdata) -> Kapitel | None:
    senaste = data.perioder[-1].namn if data.perioder else ""
    figurer = [
        (
            "malomrade",
            "Målområde",
            f"Godkända statusrapporter per målområde och status, period {senaste}",
            data.malomrade_status,
        ),
        ("perioder", "Period", "Godkända statusrapporter per period och status", data.period_status),
        (
            "organisation",
            "Organisation",
            f"Godkända statusrapporter per organisation och status, period {senaste}",
            data.organisation_status,
        ),
    ]
    block: list[Block] = [
        Stycke(
            "Varje stapel visar andelen rapporter per status; statusarna skiljs åt med mönster och förkortning "
            "i stapeln, inte bara med färg. Tabellen under varje diagram har samma siffror."
        )
    ]
    blad = []
    for nyckel, forsta, titel, rader in figurer:
        tabell = _diagram_tabell(titel, forsta, rader)
        blad.append(Blad(f"Diagram {forsta.lower()}", tabell.kolumner, tabell.rader, [50] + [16] * 7))
        if len(rader) > DETALJ_MAX_RADER:
            block.append(Rubrik(2, titel))
            block.append(
                Stycke(
                    f"{len(rader)} rader: för många för ett diagram och en tabell i ett läsbart dokument. "
                    f"Siffrorna finns i Excel-filens blad ”Diagram {forsta.lower()}”.",
                    "notis",
                )
            )
        elif svg := data.diagram.get(nyckel):
            block.append(Diagram(svg, titel, titel, tabell))
        else:
            block.append(Rubrik(2, titel))
            block.append(Stycke(f"{len(rader)} rader: för många för ett diagram; siffrorna står i tabellen.", "notis"))
            block.append(tabell)
    return Kapitel("diagram", "Status i diagram", block, blad=blad)


def status_per_period(data: Rapportdata) -> Kapitel | None:
    rader = [[a.aktivitet.titel, *[f"{c.label} ({c.antal})" for c in a.perioder]] for a in data.aktiviteter]
    return Kapitel(
        "aktiviteter",
        "Status per aktivitet över perioderna",
        [
            Stycke(
                "Aktivitetens samlade status som samordnaren angett, annars den vanligaste statusen i godkända "
                "rapporter (antal rapporter inom parentes)."
            ),
            Tabell("Status per aktivitet och period", ["Aktivitet", *[p.namn for p in data.perioder]], rader),
        ],
        blad=[
            Blad(
                "Status per aktivitet",
                ["Aktivitet", "Typ"]
                + [f"Status {p.namn}" for p in data.perioder]
                + [f"Antal rapporter {p.namn}" for p in data.perioder],
                [
                    [a.aktivitet.titel, a.aktivitet.get_typ_display()]
                    + [c.label for c in a.perioder]
                    + [c.antal for c in a.perioder]
                    for a in data.aktiviteter
                ],
                [60, 30] + [22] * (2 * len(data.perioder)),
            ),
            Blad(
                "Samlad status",
                ["Period", "Aktivitet", "Samlad status", "Samordnarens sammanfattning", "Exempel"],
                [
                    [p.namn, a.aktivitet.titel, s.status_label, s.sammanfattning, "Ja" if s.exempel else ""]
                    for p in data.perioder
                    for a in data.aktiviteter
                    if (s := data.samlad.get((p.pk, a.aktivitet.pk))) is not None
                ],
                [12, 60, 22, 80, 10],
            ),
        ],
    )


def matris(data: Rapportdata) -> Kapitel | None:
    status = {a.aktivitet.pk: a.senaste.label for a in data.aktiviteter}
    aktiviteter = {a.aktivitet.pk for a in data.aktiviteter}
    rader = [
        [
            f"{rad.aktivitet.titel} (status: {status.get(rad.aktivitet.pk, '–')})",
            *[
                "\n".join(f"{p.strategi.namn} ({data.strategi_antal.get(p.strategi_id, 0)})" for p in cell)
                for cell in rad.celler
            ],
        ]
        for rad in data.matris.rader
        if rad.aktivitet.pk in aktiviteter
    ]
    if not rader:
        return None
    return Kapitel(
        "matris",
        "Strategimatrisen och hur långt aktiviteterna kommit",
        [
            Stycke(
                "Varje strategi med antalet godkända rapporter som bidragit till den; aktivitetens senaste "
                "samlade status."
            ),
            Tabell(
                "Strategimatrisen (Figur 4) med antal godkända rapporter per strategi",
                ["Samverkansaktivitet", *[k.kortnamn or k.namn for k in data.matris.kolumner]],
                rader,
                liggande=True,
            ),
        ],
        blad=[
            Blad(
                "Strategimatris",
                [
                    "Samverkansaktivitet",
                    "Målområde (kolumn)",
                    "Strategi",
                    "Antal godkända rapporter",
                    "Aktivitetens senaste status",
                ],
                [
                    [
                        rad.aktivitet.titel,
                        data.matris.kolumner[i].namn,
                        p.strategi.namn,
                        data.strategi_antal.get(p.strategi_id, 0),
                        status.get(rad.aktivitet.pk, "–"),
                    ]
                    for rad in data.matris.rader
                    if rad.aktivitet.pk in aktiviteter
                    for i, cell in enumerate(rad.celler)
                    for p in cell
                ],
                [60, 40, 60, 16, 24],
            )
        ],
    )


def rapportering(data: Rapportdata) -> Kapitel | None:
    return Kapitel(
        "rapportering",
        "Rapportering per organisation",
        [
            Stycke(
                "Godkända rapporter av förväntade per period: varje organisation inom staden med en roll i en "
                "aktivitet rapporterar om den varje period."
            ),
            Tabell(
                "Godkända av förväntade rapporter per organisation och period",
                ["Organisation", *[p.namn for p in data.perioder], "Andel"],
                [[o.namn, *[f"{g} av {f}" for g, f in o.perioder], f"{o.andel} %"] for o in data.organisationer],
                tal=frozenset(range(1, len(data.perioder) + 2)),
            )
            if len(data.organisationer) <= DETALJ_MAX_RADER
            else Stycke(
                f"{len(data.organisationer)} organisationer: tabellen finns i Excel-filens blad ”Rapportering "
                "per organisation”.",
                "notis",
            ),
        ],
        blad=[
            Blad(
                "Rapportering per organisation",
                ["Organisation"]
                + [f"Godkända {p.namn}" for p in data.perioder]
                + [f"Förväntade {p.namn}" for p in data.perioder]
                + ["Andel godkända (%)"],
                [
                    [o.namn] + [g for g, _ in o.perioder] + [f for _, f in o.perioder] + [o.andel]
                    for o in data.organisationer
                ],
                [50] + [14] * (2 * len(data.perioder) + 1),
            )
        ],
    )


def detaljer(data: Rapportdata) -> Kapitel | None:
    block: list[Block] = []
    if not data.visa_detaljer:
        block.append(
            Stycke(
                f"Tabellen omfattar {data.detaljrader} rader och redovisas därför i Excel-filen (bladen ”Status "
                "per aktivitet” och ”Statusrapporter”), inte i den här rapporten.",
                "notis",
            )
        )
    else:
        for a in data.aktiviteter:
            if a.organisationer:
                block.append(Rubrik(2, a.aktivitet.titel))
                block.append(
                    Tabell(
                        f"Status per organisation och period: {a.aktivitet.titel}",
                        ["Organisation", *[p.namn for p in data.perioder]],
                        [[namn, *[c.label for c in celler]] for namn, celler in a.organisationer],
                    )
                )
    if not block:
        block.append(Stycke("Inga godkända statusrapporter i urvalet.", "notis"))
    period_namn = {p.pk: p.namn for p in data.perioder}
    return Kapitel(
        "detaljer",
        "Status per aktivitet och organisation",
        block,
        blad=[
            Blad(
                "Statusrapporter",
                ["Period", "Aktivitet", "Organisation", "Status", "Godkänd"],
                [list(r) for r in data.rapporter],
                [12, 60, 40, 22, 20],
            ),
            Blad(
                "Redovisningar",
                [
                    "Period",
                    "Aktivitet",
                    "Organisation",
                    "Status",
                    "Vad har gjorts",
                    "Hinder",
                    "Nästa steg",
                    "Strategier",
                    "Godkänd",
                    "Exempel",
                ],
                [
                    [
                        period_namn[k.period_id],
                        a.aktivitet.titel,
                        k.organisation,
                        k.status_label,
                        k.genomfort,
                        k.hinder,
                        k.nasta_steg,
                        "; ".join(k.strategier),
                        k.godkand,
                        "Ja" if k.exempel else "",
                    ]
                    for a in data.aktiviteter
                    for per in (data.konton.get(a.aktivitet.pk, {}),)
                    for p in data.perioder
                    for k in per.get(p.pk, [])
                ],
                [12, 50, 36, 22, 60, 60, 60, 50, 20, 10],
            ),
        ],
    )


for _byggare in (
    andringar,
    malomraden,
    samverkansaktiviteter,
    styrningsaktiviteter,
    processutvarderingar,
    diagram,
    status_per_period,
    matris,
    rapportering,
    detaljer,
):
    registrera(_byggare)

# Chapters of other parts of the portal register themselves when imported, after the report's own.
from . import indikatorkapitel  # noqa: E402, F401
