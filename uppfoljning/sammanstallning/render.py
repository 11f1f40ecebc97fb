"""The three formats of a compiled follow-up report: HTML (the template), PDF (WeasyPrint, from the
same HTML) and XLSX (jamlik.exports: text cells stay text, never formulas)."""

import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from jamlik.exports import Arbetsbok
from plan.choices import AktivitetTyp

from .data import Cell, Rapportdata


def render_html(data: Rapportdata) -> str:
    matris = [
        {
            "aktivitet": rad.aktivitet,
            "status": next((a.senaste for a in data.aktiviteter if a.aktivitet.pk == rad.aktivitet.pk), Cell(None)),
            "celler": [[(p.strategi, data.strategi_antal.get(p.strategi_id, 0)) for p in cell] for cell in rad.celler],
        }
        for rad in data.matris.rader
    ]
    return render_to_string(
        "uppfoljning/sammanstallning/dokument.html",
        {
            "d": data,
            "matris": matris,
            "diagram": {k: mark_safe(v) for k, v in data.diagram.items()},  # built by charts.py, all text escaped
            "samverkan": [a for a in data.aktiviteter if a.aktivitet.typ == AktivitetTyp.SAMVERKAN],
            "styrning": [a for a in data.aktiviteter if a.aktivitet.typ == AktivitetTyp.STYRNING],
        },
    )


def render_pdf(html: str, path: Path) -> None:
    # Imported here, not at the top: only workers make PDFs, and WeasyPrint is heavy to load in
    # every web process (the tasks module, and so this one, is imported by each at start-up).
    import weasyprint  # noqa: PLC0415 (lazy: heavy, workers only)

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise
    # Only local files and inline data: a report must never fetch anything from the network.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf(path)


def render_xlsx(data: Rapportdata, path: Path) -> None:
    bok = Arbetsbok()
    sheet = bok.blad
    sheet(
        "Processutvärderingar",
        [
            "Aktivitet",
            "Samlad bedömning",
            "Genomförande",
            "Strukturer",
            "Aktörers delaktighet",
            "Hinder",
            "Framgångsfaktorer",
            "Målgruppers delaktighet",
            "Lärdomar",
            "Rekommendationer",
            "Antal underlag",
        ],
        (
            [
                u.aktivitet.titel,
                u.get_samlad_bedomning_display(),
                u.genomforande,
                u.strukturer,
                u.delaktighet_aktorer,
                u.hinder,
                u.framgangsfaktorer,
                u.delaktighet_malgrupper,
                u.lardomar,
                u.rekommendationer,
                u.antal_underlag,
            ]
            for u in data.utvarderingar
        ),
    )
    sheet(
        "Pilotverksamheter",
        ["Aktivitet", "Pilotverksamhet", "Samlad bedömning", "Genomförande", "Hinder", "Framgångsfaktorer", "Lärdomar"],
        (
            [
                u.aktivitet.titel,
                d.organisation.namn,
                d.get_samlad_bedomning_display(),
                d.genomforande,
                d.hinder,
                d.framgangsfaktorer,
                d.lardomar,
            ]
            for u in data.utvarderingar
            for d in u.delar.all()
        ),
    )
    sheet(
        "Status per aktivitet",
        ["Aktivitet", "Typ"]
        + [f"Status {p.namn}" for p in data.perioder]
        + [f"Antal rapporter {p.namn}" for p in data.perioder],
        (
            [a.aktivitet.titel, a.aktivitet.get_typ_display()]
            + [c.label for c in a.perioder]
            + [c.antal for c in a.perioder]
            for a in data.aktiviteter
        ),
    )
    sheet(
        "Rapportering per organisation",
        ["Organisation"]
        + [f"Godkända {p.namn}" for p in data.perioder]
        + [f"Förväntade {p.namn}" for p in data.perioder]
        + ["Andel godkända (%)"],
        ([o.namn] + [g for g, _ in o.perioder] + [f for _, f in o.perioder] + [o.andel] for o in data.organisationer),
    )
    sheet(
        "Strategimatris",
        [
            "Samverkansaktivitet",
            "Målområde (kolumn)",
            "Strategi",
            "Antal godkända rapporter",
            "Aktivitetens senaste status",
        ],
        (
            [
                rad.aktivitet.titel,
                data.matris.kolumner[i].namn,
                p.strategi.namn,
                data.strategi_antal.get(p.strategi_id, 0),
                next((a.senaste.label for a in data.aktiviteter if a.aktivitet.pk == rad.aktivitet.pk), "–"),
            ]
            for rad in data.matris.rader
            for i, cell in enumerate(rad.celler)
            for p in cell
        ),
    )
    sheet(
        "Statusrapporter",
        ["Period", "Aktivitet", "Organisation", "Status", "Godkänd"],
        ([p, a, o, s, g] for p, a, o, s, g in data.rapporter),
    )
    bok.save(path)
