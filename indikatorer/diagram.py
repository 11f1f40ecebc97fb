"""Charts of indicators, drawn on the server as SVG (no JavaScript): a line chart for time series
and a bar chart for comparing areas. Each series has its own colour (≥ 3:1 against white), line
pattern (solid, dashed, dotted, dash-dot) and marker shape, named in the legend, so a series never
depends on colour alone (WCAG 1.4.1); every point carries its value as a <title>, and the page
puts the same numbers in a data table beside the chart. The geometry is computed here; the
templates indikatorer/_linjediagram.html and _stapeldiagram.html only draw it."""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format

BREDD = 480
HOJD = 280
VANSTER, HOGER, TOPP, BOTTEN = 64, 30, 16, 40  # room for the axis labels (the last year is centred on the edge)

# (colour, dash pattern, marker): contrast against white ≥ 4.5:1
STILAR = [
    ("#1d4f91", "", "cirkel"),
    ("#b3261e", "10 5", "kvadrat"),
    ("#1b6e3a", "3 4", "triangel"),
    ("#5e5e5e", "12 4 3 4", "romb"),
    ("#6a2c91", "6 3", "cirkel"),
    ("#8a5300", "2 2", "kvadrat"),
]


def tal(varde: float | None, decimaler: int = 1) -> str:
    """A value as the page shows it (locale's decimal separator), "–" when missing."""
    if varde is None:
        return "–"
    if float(varde).is_integer() and abs(varde) < 1e12:
        return number_format(int(varde), use_l10n=True, force_grouping=True)
    return number_format(round(varde, decimaler), decimal_pos=decimaler, use_l10n=True, force_grouping=True)


def _skala(lagst: float, hogst: float, steg: int = 5) -> list[float]:
    """Round tick values that cover [lagst, hogst]."""
    if lagst == hogst:
        lagst, hogst = lagst - 1, hogst + 1
    rå = (hogst - lagst) / steg
    magnitud = 10 ** math.floor(math.log10(rå))
    steglangd = next(m * magnitud for m in (1, 2, 2.5, 5, 10) if m * magnitud >= rå)
    start = math.floor(lagst / steglangd) * steglangd
    slut = math.ceil(hogst / steglangd) * steglangd
    antal = round((slut - start) / steglangd)
    return [start + i * steglangd for i in range(antal + 1)]


@dataclass
class Punkt:
    x: float
    y: float
    text: str


@dataclass
class Serie:
    namn: str
    farg: str
    streck: str
    markor: str
    linjer: list[str]  # "x,y x,y …" per unbroken stretch (a missing year breaks the line)
    punkter: list[Punkt]


@dataclass
class Linjediagram:
    id: str
    titel: str
    beskrivning: str
    serier: list[Serie]
    x_etiketter: list[tuple[float, str]]
    y_etiketter: list[tuple[float, str]]
    bredd: int = BREDD
    hojd: int = HOJD
    vanster: int = VANSTER
    hoger_kant: int = BREDD - HOGER
    botten: int = HOJD - BOTTEN
    topp: int = TOPP

    @property
    def tom(self) -> bool:
        return not any(s.punkter for s in self.serier)


def linjediagram(
    *,
    id: str,
    titel: str,
    beskrivning: str,
    ar: list[int],
    serier: list[tuple[str, dict[int, float | None]]],
    enhet: str = "",
) -> Linjediagram:
    """`serier`: (name, {year: value}). Years on the x axis in order, values on a rounded y scale."""
    alla = [v for _namn, per_ar in serier for v in per_ar.values() if v is not None]
    if not alla or not ar:
        return Linjediagram(id, titel, beskrivning, [], [], [])
    ticks = _skala(min(alla), max(alla))
    y0, y1 = ticks[0], ticks[-1]
    bredd = BREDD - VANSTER - HOGER
    hojd = HOJD - TOPP - BOTTEN

    def x(a: int) -> float:
        return VANSTER + (bredd / 2 if len(ar) == 1 else bredd * ar.index(a) / (len(ar) - 1))

    def y(v: float) -> float:
        return TOPP + hojd * (1 - (v - y0) / (y1 - y0))

    ritade = []
    for i, (namn, per_ar) in enumerate(serier):
        farg, streck, markor = STILAR[i % len(STILAR)]
        linjer, aktuell, punkter = [], [], []
        for a in ar:
            v = per_ar.get(a)
            if v is None:
                if len(aktuell) > 1:
                    linjer.append(" ".join(aktuell))
                aktuell = []
                continue
            px, py = x(a), y(v)
            aktuell.append(f"{px:.1f},{py:.1f}")
            punkter.append(Punkt(px, py, f"{namn} {a}: {tal(v)} {enhet}".strip()))
        if len(aktuell) > 1:
            linjer.append(" ".join(aktuell))
        ritade.append(Serie(namn, farg, streck, markor, linjer, punkter))
    glesa = max(1, math.ceil(len(ar) / 8))
    x_etiketter = [(x(a), str(a)) for i, a in enumerate(ar) if i % glesa == 0 or i == len(ar) - 1]
    y_etiketter = [(y(t), tal(t)) for t in ticks]
    return Linjediagram(id, titel, beskrivning, ritade, x_etiketter, y_etiketter)


@dataclass
class Stapel:
    namn: str
    y: float
    x: float
    bredd: float
    text: str

    @property
    def y_stapel(self) -> float:
        return self.y + 22

    @property
    def x_text(self) -> float:
        return self.x + self.bredd + 6

    @property
    def y_text(self) -> float:
        return self.y + 36


@dataclass
class Stapeldiagram:
    id: str
    titel: str
    beskrivning: str
    staplar: list[Stapel] = field(default_factory=list)
    bredd: int = BREDD
    hojd: int = 0
    stapel_hojd: int = 18
    x0: float = 0


RAD = 46


def stapeldiagram(
    *, id: str, titel: str, beskrivning: str, rader: list[tuple[str, float | None]], enhet: str = ""
) -> Stapeldiagram:
    """Horizontal bars, one per area, the name above its bar and the value after it. Missing
    values are listed with "–" and no bar."""
    varden = [v for _n, v in rader if v is not None]
    if not varden:
        return Stapeldiagram(id, titel, beskrivning)
    lagst = min(0.0, min(varden))
    hogst = max(0.0, max(varden))
    skala = (BREDD - 90) / ((hogst - lagst) or 1)
    x0 = -lagst * skala
    staplar = []
    for i, (namn, v) in enumerate(rader):
        y = i * RAD
        xv = x0 if v is None else (v - lagst) * skala
        staplar.append(
            Stapel(namn, y, min(x0, xv), abs(xv - x0), f"{tal(v)} {enhet}".strip() if v is not None else "–")
        )
    return Stapeldiagram(id, titel, beskrivning, staplar, hojd=len(rader) * RAD + 4, x0=x0)
