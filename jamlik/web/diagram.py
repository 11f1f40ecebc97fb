"""Status charts for the public follow-up, drawn on the server as SVG (no JavaScript).

A chart is rows (målområden, activities, organisations) × columns (periods); each cell is a bar
split by status. Every status has a colour with at least 3:1 contrast against the white page, a
pattern of its own and, in the legend, its name, so a status never depends on colour alone
(WCAG 1.4.1, 1.4.11). Each cell also says in text what it holds (the status, or the count), and
the page puts the same numbers in a data table beside the chart. The geometry is computed here;
templates/komponenter/statusdiagram.html only draws it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from uppfoljning.choices import Status

INGEN = "ingen"

# status → (fill, pattern, short label for a cell). Fills: contrast against white ≥ 4.5:1.
STILAR = {
    Status.EJ_PABORJAD.value: ("#5e5e5e", "prickar", _("Ej påbörjad")),
    Status.PAGAR_ENLIGT_PLAN.value: ("#1b6e3a", "hel", _("Enligt plan")),
    Status.PAGAR_MED_AVVIKELSE.value: ("#8a5300", "snett", _("Avvikelse")),
    Status.FORSENAD.value: ("#b3261e", "rutor", _("Försenad")),
    Status.GENOMFORD.value: ("#1d4f91", "vagrett", _("Genomförd")),
    Status.AVBRUTEN.value: ("#6a2c91", "lodratt", _("Avbruten")),
    INGEN: ("#ffffff", "ingen", _("Ingen status")),
}
ORDNING = [s.value for s in Status] + [INGEN]

BREDD = 480  # viewBox width; the chart scales to the column (CSS max-width keeps text legible)
ETIKETT_HOJD = 30
STAPEL_HOJD = 24
TEXT_HOJD = 26
RAD_HOJD = ETIKETT_HOJD + STAPEL_HOJD + TEXT_HOJD + 10
RUBRIK_HOJD = 32
LUCKA = 8


def status_namn(status: str) -> str:
    return str(_("Ingen status rapporterad")) if status == INGEN else str(Status(status).label)


@dataclass
class Segment:
    status: str
    antal: int
    x: float
    bredd: float
    fyllning: str
    monster: str
    namn: str


@dataclass
class Cell:
    x: float
    bredd: float
    segment: list[Segment]
    text: str  # what the cell holds, in words (under the bar)
    beskrivning: str  # the same, in full, for the data table and the SVG <title>


@dataclass
class Rad:
    etikett: str
    url: str
    y: float
    celler: list[Cell]

    @property
    def y_etikett(self) -> float:
        return self.y + 22

    @property
    def y_stapel(self) -> float:
        return self.y + ETIKETT_HOJD

    @property
    def y_text(self) -> float:
        return self.y + ETIKETT_HOJD + STAPEL_HOJD + 21


@dataclass
class Diagram:
    id: str
    titel: str
    beskrivning: str
    kolumner: list[tuple[str, float]]  # (period name, x of its centre)
    rader: list[Rad]
    hojd: float
    legend: list[tuple[str, str, str, str]] = field(default_factory=list)  # (status, fill, pattern, name)
    bredd: int = BREDD
    stapel_hojd: int = STAPEL_HOJD
    enhet: str = ""  # "aktiviteter", "rapporter" … for the cell text; "" = one status per cell


def diagram(
    *,
    id: str,
    titel: str,
    beskrivning: str,
    kolumner: list[str],
    rader: list[tuple[str, str, list[dict[str, int]]]],
    en_status: bool = False,
    enhet_singular: str = "",
    enhet_plural: str = "",
) -> Diagram:
    """`rader`: (label, url, one {status: count} per column). With `en_status` each cell holds one
    status (an activity in a period) and says its name; otherwise it says the total."""
    n = max(len(kolumner), 1)
    cellbredd = (BREDD - LUCKA * (n - 1)) / n
    xs = [i * (cellbredd + LUCKA) for i in range(len(kolumner))]  # no columns: rows without cells
    ritade = []
    anvanda = set()
    for index, (etikett, url, antal_per_kolumn) in enumerate(rader):
        y = RUBRIK_HOJD + index * RAD_HOJD
        celler = []
        for x, antal in zip(xs, antal_per_kolumn, strict=True):
            total = sum(antal.values())
            segment, pos = [], x
            for status in ORDNING:
                k = antal.get(status, 0)
                if not k:
                    continue
                bredd = cellbredd * k / total
                fyllning, monster, _kort = STILAR[status]
                segment.append(Segment(status, k, pos, bredd, fyllning, monster, status_namn(status)))
                anvanda.add(status)
                pos += bredd
            delar = [f"{s.namn}: {s.antal}" for s in segment]
            if en_status:
                status = segment[0].status if segment else INGEN
                if not segment:
                    fyllning, monster, _kort = STILAR[INGEN]
                    segment = [Segment(INGEN, 0, x, cellbredd, fyllning, monster, status_namn(INGEN))]
                    anvanda.add(INGEN)
                text = str(STILAR[status][2])
                cellbeskrivning = status_namn(status)
            else:
                enhet = enhet_singular if total == 1 else enhet_plural
                text = f"{total} {enhet}" if total else "–"
                cellbeskrivning = "; ".join(delar) if delar else str(_("Inget att visa"))
            celler.append(Cell(x, cellbredd, segment, text, cellbeskrivning))
        ritade.append(Rad(etikett, url, y, celler))
    return Diagram(
        id=id,
        titel=titel,
        beskrivning=beskrivning,
        kolumner=[(namn, x + cellbredd / 2) for namn, x in zip(kolumner, xs, strict=False)],
        rader=ritade,
        hojd=RUBRIK_HOJD + len(rader) * RAD_HOJD,
        legend=[(s, STILAR[s][0], STILAR[s][1], status_namn(s)) for s in ORDNING if s in anvanda],
    )
