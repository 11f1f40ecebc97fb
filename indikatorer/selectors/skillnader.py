"""The difference between areas, computed from values: for each year and gender, the area with the
highest and the lowest value, the gap (highest − lowest) and the ratio (highest / lowest). Plain
Python on plain tuples, so it is tested on known data and used by pages, the API's consumers and
the compiled report alike.

Only areas with a value count (a missing value is neither highest nor lowest); a year needs at
least two areas with values to have a difference. The ratio is left out when the lowest value is
zero or the two have different signs (it would mean nothing). Which end is *better* depends on
the indicator (`hogre_ar_battre`), so each row also names the best and the worst area."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Skillnad:
    ar: int
    kon: str
    hogst_omrade: str
    hogst: float
    lagst_omrade: str
    lagst: float
    antal_omraden: int
    basta_omrade: str
    samsta_omrade: str

    @property
    def skillnad(self) -> float:
        return self.hogst - self.lagst

    @property
    def kvot(self) -> float | None:
        if self.lagst == 0 or (self.lagst < 0) != (self.hogst < 0):
            return None
        return self.hogst / self.lagst


def skillnader(varden: Iterable[tuple[str, int, str, float | None]], *, hogre_ar_battre: bool = True) -> list[Skillnad]:
    """`varden`: (area name, year, gender, value). One Skillnad per (year, gender) with at least two
    areas with values, ordered by year then T, K, M. Ties: the area named first alphabetically."""
    grupper: dict[tuple[int, str], list[tuple[str, float]]] = defaultdict(list)
    for omrade, ar, kon, varde in varden:
        if varde is not None:
            grupper[(ar, kon)].append((omrade, varde))
    ordning = {"T": 0, "K": 1, "M": 2}
    resultat = []
    for (ar, kon), rader in sorted(grupper.items(), key=lambda p: (p[0][0], ordning.get(p[0][1], 9))):
        if len(rader) < 2:
            continue
        hogst = min(rader, key=lambda r: (-r[1], r[0]))
        lagst = min(rader, key=lambda r: (r[1], r[0]))
        basta, samsta = (hogst, lagst) if hogre_ar_battre else (lagst, hogst)
        resultat.append(
            Skillnad(
                ar=ar,
                kon=kon,
                hogst_omrade=hogst[0],
                hogst=hogst[1],
                lagst_omrade=lagst[0],
                lagst=lagst[1],
                antal_omraden=len(rader),
                basta_omrade=basta[0],
                samsta_omrade=samsta[0],
            )
        )
    return resultat


def trend(serie: list[tuple[int, float | None]], *, hogre_ar_battre: bool = True) -> str | None:
    """The direction from the first to the last year with a value: "battre", "samre", "oforandrad",
    or None with fewer than two values."""
    med_varde = [(ar, v) for ar, v in sorted(serie) if v is not None]
    if len(med_varde) < 2:
        return None
    forsta, sista = med_varde[0][1], med_varde[-1][1]
    if abs(sista - forsta) <= 1e-9 * max(abs(forsta), abs(sista), 1):
        return "oforandrad"
    return "battre" if (sista > forsta) == hogre_ar_battre else "samre"
