"""Server-side SVG charts for the follow-up report: horizontal stacked bars of reported status.
Plain strings, no JavaScript and no external resources, so the same SVG works in the portal,
in the stored HTML file and in WeasyPrint's PDF."""

from collections import Counter
from collections.abc import Sequence
from html import escape

from uppfoljning.choices import Status

from .data import Rapportdata

# Sober, distinguishable colours (light to dark), one per status; readable in greyscale print too.
STATUS_FARG = {
    Status.EJ_PABORJAD: "#c9ced6",
    Status.PAGAR_ENLIGT_PLAN: "#5b9bd5",
    Status.PAGAR_MED_AVVIKELSE: "#f0b429",
    Status.FORSENAD: "#d9534f",
    Status.GENOMFORD: "#2e7d32",
    Status.AVBRUTEN: "#6b4c7a",
}

RAD_HOJD = 22
ETIKETT_BREDD = 260
STAPEL_BREDD = 380
BREDD = ETIKETT_BREDD + STAPEL_BREDD + 60


def _kort(text: str, max_len: int = 42) -> str:
    return text if len(text) <= max_len else text[: max_len - 1] + "…"


def stacked_bars(*, titel: str, rader: Sequence[tuple[str, Counter]]) -> str:
    """One bar per row, split by status; each bar scaled to its own total (shares), with the count
    printed after the bar. Returns an accessible SVG element (role=img, <title>, <desc>)."""
    legend_y = 8
    topp = 40
    hojd = topp + RAD_HOJD * max(len(rader), 1) + 10
    delar = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" width="{BREDD}" height="{hojd}" '
        f'viewBox="0 0 {BREDD} {hojd}" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(titel)}</title>",
        "<desc>"
        + escape(
            "; ".join(
                f"{etikett}: " + ", ".join(f"{Status(s).label} {n}" for s, n in c.items()) for etikett, c in rader
            )
        )
        + "</desc>",
    ]
    x = 0
    for status in Status:
        delar.append(f'<rect x="{x}" y="{legend_y}" width="10" height="10" fill="{STATUS_FARG[status]}"/>')
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
                f'<rect x="{bx:.1f}" y="{y + 3}" width="{w:.1f}" height="{RAD_HOJD - 6}" fill="{STATUS_FARG[status]}"/>'
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
    return svg


def draw_charts(data: Rapportdata) -> None:
    senaste = data.perioder[-1].namn if data.perioder else ""
    data.diagram = {
        "malomrade": stacked_bars(
            titel=f"Godkända statusrapporter per målområde och status, period {senaste}", rader=data.malomrade_status
        ),
        "organisation": stacked_bars(
            titel=f"Godkända statusrapporter per organisation och status, period {senaste}",
            rader=data.organisation_status,
        ),
        "perioder": stacked_bars(titel="Godkända statusrapporter per period och status", rader=data.period_status),
    }
