"""The area-statistics file: the documented layout of a CSV or XLSX file of indicator values, read
into plain rows. Plain Python; what the rows mean for the database (validation against the
indicators, areas and plan, preview, apply) is indikatorer/services/statistik.py.

Layout (also in README.md, "Indicators", and on the import page): row 1 holds the
column names, one value per row after it.

    indikator   the indicator's short name (slug) or its Kolada KPI id            required
    omrade      the area's code (kod), Kolada id or short name (slug)              required
    ar          the year, four digits                                              required
    kon         T (totalt), K (kvinnor) or M (män); empty = T                      optional column
    grupp       a group such as an age band (e.g. 16-24); empty = everyone         optional column
    varde       the value: a number, decimal comma or point; empty = missing       required
    status      why a value is missing or uncertain (free text, ≤ 40 characters)   optional column

CSV: UTF-8 (with or without BOM), separated by semicolon or comma (taken from the header line).
XLSX: the first sheet. Unknown or missing columns refuse the whole file before any row is read."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from jamlik.errors import Domanfel
from jamlik.uploads import ooxml_check

KOLUMNER = ["indikator", "omrade", "ar", "kon", "grupp", "varde", "status"]
KRAVDA = {"indikator", "omrade", "ar", "varde"}
EXEMPEL = [
    ["indikator", "omrade", "ar", "kon", "grupp", "varde", "status"],
    ["N00945", "1480", "2021", "T", "", "81,5", ""],
    ["N00945", "1480", "2021", "K", "", "83,2", ""],
    ["forvarvsfrekvens", "angered", "2021", "M", "20-64", "", "för få svarande"],
]


@dataclass(slots=True)
class Filrad:
    """One data row as text, with its row number in the file (the header is row 1)."""

    rad: int
    indikator: str
    omrade: str
    ar: str
    kon: str
    grupp: str
    varde: str
    status: str


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value)) if not isinstance(value, bool) else str(value)
    return str(value).strip()


def _rubriker(rad: list) -> list[str]:
    namn = [_text(v).lower() for v in rad]
    while namn and not namn[-1]:
        namn.pop()
    okanda = [n for n in namn if n not in KOLUMNER]
    if okanda:
        raise Domanfel(
            _("Filen har kolumner som inte finns i mallen: %(kolumner)s. Tillåtna kolumner: %(tillatna)s.")
            % {"kolumner": ", ".join(okanda), "tillatna": ", ".join(KOLUMNER)},
            code="okand_kolumn",
        )
    dubbla = sorted({n for n in namn if namn.count(n) > 1})
    if dubbla:
        raise Domanfel(_("Kolumnen %(kolumn)s står två gånger.") % {"kolumn": dubbla[0]}, code="dubbel_kolumn")
    saknas = sorted(KRAVDA - set(namn))
    if saknas:
        raise Domanfel(
            _("Filen saknar kolumnerna %(kolumner)s.") % {"kolumner": ", ".join(saknas)}, code="saknad_kolumn"
        )
    return namn


def _rader(rubriker: list[str], rader, forsta: int):
    index = {n: i for i, n in enumerate(rubriker)}
    for nummer, rad in enumerate(rader, start=forsta):
        varden = [_text(v) for v in rad]
        if not any(varden):
            continue
        varden += [""] * (len(KOLUMNER) - len(varden))

        def cell(namn, varden=varden):
            i = index.get(namn)
            return varden[i] if i is not None and i < len(varden) else ""

        yield Filrad(
            nummer,
            cell("indikator"),
            cell("omrade"),
            cell("ar"),
            cell("kon"),
            cell("grupp"),
            cell("varde"),
            cell("status"),
        )


def read_csv(data: bytes) -> list[Filrad]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Domanfel(_("CSV-filen måste vara sparad som UTF-8."), code="kodning") from exc
    forsta_raden = text.split("\n", 1)[0]
    avgransare = ";" if forsta_raden.count(";") >= forsta_raden.count(",") else ","
    lasare = csv.reader(io.StringIO(text, newline=""), delimiter=avgransare)
    try:
        rubrikrad = next(lasare)
    except StopIteration as exc:
        raise Domanfel(_("Filen är tom."), code="tom") from exc
    try:
        return list(_rader(_rubriker(rubrikrad), lasare, 2))
    except csv.Error as exc:
        raise Domanfel(_("CSV-filen går inte att läsa: %(fel)s") % {"fel": exc}, code="csv") from exc


def read_xlsx(data: bytes) -> list[Filrad]:
    fil = io.BytesIO(data)
    ooxml_check(fil, kind="xlsx")
    try:
        wb = load_workbook(fil, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise Domanfel(_("Filen är skadad eller inte en giltig fil."), code="xlsx") from exc
    try:
        blad = wb.worksheets[0]
        rader = blad.iter_rows(values_only=True)
        try:
            rubrikrad = next(rader)
        except StopIteration as exc:
            raise Domanfel(_("Filen är tom."), code="tom") from exc
        return list(_rader(_rubriker(list(rubrikrad)), rader, 2))
    finally:
        wb.close()


def read(data: bytes, *, filnamn: str = "") -> list[Filrad]:
    """The rows of a CSV or XLSX file (told apart by content), or a Domanfel for the whole file."""
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data)
    if filnamn.lower().endswith(".xlsx"):
        raise Domanfel(_("Filen är skadad eller inte en giltig fil."), code="xlsx")
    return read_csv(data)


def mall_xlsx() -> bytes:
    """An XLSX template with the headers and example rows (labelled as examples)."""
    wb = Workbook()
    blad = wb.active
    blad.title = "Värden"
    for rad in EXEMPEL:
        blad.append(rad)
    ut = io.BytesIO()
    wb.save(ut)
    return ut.getvalue()
