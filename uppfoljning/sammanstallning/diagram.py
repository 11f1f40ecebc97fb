"""Server-side SVG charts for the follow-up report: horizontal stacked bars of reported status.
Plain strings, no JavaScript and no external resources, so the same SVG works in the portal,
in the stored HTML file and in WeasyPrint's PDF."""

from collections import Counter
from collections.abc import Sequence
from html import escape

from django.utils.safestring import mark_safe

from uppfoljning.choices import Status

from .data import Rapportdata

# Sober, distinguishable colours (light to dark), one per status; readable in greyscale print too.
STATUS_FARG = {
    Status.EJ_PABORJAD: "#c9ced6",
    Status.PAGAR_ENLIGT_PLAN: "#8fbde6",
    Status.PAGAR_MED_AVVIKELSE: "#f0b429",
    Status.FORSENAD: "#b3261e",
    Status.GENOMFORD: "#1e6b24",
    Status.AVBRUTEN: "#5a3d68",
}

# A pattern per status as well as a colour, so the bars read in greyscale print and for readers
# who do not tell the colours apart: (pattern drawing over the colour, ink of the count label).
STATUS_MONSTER = {
    Status.EJ_PABORJAD: ('<circle cx="3" cy="3" r="1.2" fill="#1a1a1a"/>', "#1a1a1a"),
    Status.PAGAR_ENLIGT_PLAN: ('<path d="M0,6 L6,0" stroke="#1a1a1a" stroke-width="1.2"/>', "#1a1a1a"),
    Status.PAGAR_MED_AVVIKELSE: (
        '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#1a1a1a" stroke-width="1"/>',
        "#1a1a1a",
    ),
    Status.FORSENAD: ('<path d="M0,3 L6,3" stroke="#ffffff" stroke-width="1.5"/>', "#ffffff"),
    Status.GENOMFORD: ("", "#ffffff"),
    Status.AVBRUTEN: ('<path d="M3,0 L3,6" stroke="#ffffff" stroke-width="1.5"/>', "#ffffff"),
}

# A chart with more bars than this is not drawn (it would not fit a page nor be read); its data
# table says the same.
DIAGRAM_MAX_RADER = 60

RAD_HOJD = 22
ETIKETT_BREDD = 260
STAPEL_BREDD = 380
BREDD = ETIKETT_BREDD + STAPEL_BREDD + 60


def _kort(text: str, max_len: int = 42) -> str:
    return text if len(text) <= max_len else text[: max_len - 1] + "…"


def _fyllning(prefix: str, status: Status) -> str:
    return f"url(#{prefix}-{status.value})" if STATUS_MONSTER[status][0] else STATUS_FARG[status]


def _monster(prefix: str) -> str:
    """One <pattern> per status: its colour with the status's own drawing over it."""
    return (
        "<defs>"
        + "".join(
            f'<pattern id="{prefix}-{status.value}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{STATUS_FARG[status]}"/>{ritning}</pattern>'
            for status, (ritning, _ink) in STATUS_MONSTER.items()
            if ritning
        )
        + "</defs>"
    )


def stacked_bars(*, titel: str, rader: Sequence[tuple[str, Counter]], prefix: str = "m") -> str:
    """One bar per row, split by status; each bar scaled to its own total (shares), with the count
    printed after the bar and in each segment wide enough for it. Statuses differ by pattern as
    well as colour, segments are outlined. Returns an accessible SVG element (role=img, <title>,
    <desc> with every figure); the report puts the same figures in a table beside it."""
    legend_y = 8
    topp = 40
    hojd = topp + RAD_HOJD * max(len(rader), 1) + 10
    delar = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" width="{BREDD}" height="{hojd}" '
        f'viewBox="0 0 {BREDD} {hojd}" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(titel)}. Samma siffror finns i tabellen under diagrammet.</title>",
        "<desc>"
        + escape(
            "; ".join(
                f"{etikett}: " + ", ".join(f"{Status(s).label} {n}" for s, n in c.items()) for etikett, c in rader
            )
        )
        + "</desc>",
        _monster(prefix),
    ]
    x = 0
    for status in Status:
        delar.append(
            f'<rect x="{x}" y="{legend_y}" width="10" height="10" fill="{_fyllning(prefix, status)}" '
            'stroke="#1a1a1a" stroke-width="0.6"/>'
        )
        delar.append(f'<text x="{x + 14}" y="{legend_y + 9}">{escape(str(status.label))}</text>')
        x += 14 + 7 * len(str(status.label)) + 10
        if x > BREDD - 120:
            legend_y += 14
            x = 0
    for i, (etikett, counts) in enumerate(rader):
        y = topp + legend_y - 8 + i * RAD_HOJD
        total = sum(counts.values())
        delar.append(f'<text x="{ETIKETT_BREDD - 6}" y="{y + 14}" text-anchor="end">{escape(_kort(etikett))}</text>')
        bx = float(ETIKETT_BREDD)
        for status in Status:
            n = counts.get(status, 0)
            if not n:
                continue
            w = STAPEL_BREDD * n / total
            delar.append(
                f'<rect x="{bx:.1f}" y="{y + 3}" width="{w:.1f}" height="{RAD_HOJD - 6}" '
                f'fill="{_fyllning(prefix, status)}" stroke="#1a1a1a" stroke-width="0.6"/>'
            )
            if w >= 7 * len(str(n)) + 8:
                ink = STATUS_MONSTER[status][1]
                ruta = "#1a1a1a" if ink == "#ffffff" else "#ffffff"
                tw = 7 * len(str(n)) + 4
                delar.append(
                    f'<rect x="{bx + w / 2 - tw / 2:.1f}" y="{y + 6}" width="{tw}" height="11" fill="{ruta}"/>'
                    f'<text x="{bx + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="{ink}" '
                    f'font-size="10">{n}</text>'
                )
            bx += w
        if not total:
            delar.append(f'<text x="{ETIKETT_BREDD}" y="{y + 14}" fill="#555">Inga godkända rapporter</text>')
        else:
            delar.append(f'<text x="{ETIKETT_BREDD + STAPEL_BREDD + 6}" y="{y + 14}">{total}</text>')
    delar.append("</svg>")
    # The legend may have wrapped: grow the canvas accordingly.
    svg = "".join(delar)
    extra = legend_y - 8
    if extra:
        svg = svg.replace(
            f'height="{hojd}" viewBox="0 0 {BREDD} {hojd}"',
            f'height="{hojd + extra}" viewBox="0 0 {BREDD} {hojd + extra}"',
            1,
        )
    # Markup built here from numbers and escaped text only (every label goes through escape()
    # above), so the templates print it as it is, with no |safe of their own.
    return mark_safe(svg)


def draw_charts(data: Rapportdata) -> None:
    senaste = data.perioder[-1].namn if data.perioder else ""
    data.diagram = {
        "malomrade": stacked_bars(
            titel=f"Godkända statusrapporter per målområde och status, period {senaste}",
            rader=data.malomrade_status,
            prefix="malomrade",
        ),
        "organisation": stacked_bars(
            titel=f"Godkända statusrapporter per organisation och status, period {senaste}",
            rader=data.organisation_status,
            prefix="organisation",
        )
        if len(data.organisation_status) <= DIAGRAM_MAX_RADER
        else "",
        "perioder": stacked_bars(
            titel="Godkända statusrapporter per period och status", rader=data.period_status, prefix="perioder"
        ),
    }
