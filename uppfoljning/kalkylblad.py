"""The reporting spreadsheet: an organisation's status reports for one period as XLSX, edited
offline and read back. Plain Python (openpyxl): building the workbook and reading an uploaded one
into rows, with every refusal as a Swedish reason naming the row and the column. What the rows
mean for the database (preview, apply) is uppfoljning/services/kalkylblad.py.

Layout of the sheet "Rapporter": row 1 the headers, one row per activity × organisation. Columns
A–D (report id, version, activity and organisation identifiers) are hidden and locked, E–G (names,
workflow state) locked, H–K (status with a dropdown, the three texts) open. The sheet is
protected without a password: it guards against slips, not against a determined user, so every
identifier is checked again on upload."""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jamlik.errors import Domanfel
from uppfoljning.choices import Status


@dataclass(frozen=True)
class Blankett:
    """A sheet's layout: its name, (key, header) columns, which are hidden and which are open for
    editing, and the open column with a dropdown list (key, values)."""

    blad: str
    kolumner: list
    dolda: frozenset
    oppna: tuple
    lista: str
    bredd: dict


BLAD = "Rapporter"
# (key, header) in column order; the headers are fixed Swedish text (the file is a Swedish form).
KOLUMNER = [
    ("id", "Rapport-id"),
    ("version", "Version"),
    ("aktivitet", "Aktivitet (id)"),
    ("organisation", "Organisation (id)"),
    ("aktivitet_namn", "Aktivitet"),
    ("organisation_namn", "Organisation"),
    ("tillstand", "Tillstånd"),
    ("status", "Status"),
    ("genomfort", "Vad har gjorts"),
    ("hinder", "Hinder"),
    ("nasta_steg", "Nästa steg"),
]
DOLDA = {"id", "version", "aktivitet", "organisation"}
OPPNA = ("status", "genomfort", "hinder", "nasta_steg")
BREDD = {"aktivitet_namn": 40, "organisation_namn": 28, "tillstand": 16, "status": 22}
TEXT_BREDD = 60
RAPPORTER = Blankett(BLAD, KOLUMNER, frozenset(DOLDA), OPPNA, "status", BREDD)

# The samordnare's review sheet: the submitted reports, read-only, and a decision with a comment.
GRANSKNING = Blankett(
    "Granskning",
    [
        ("id", "Rapport-id"),
        ("version", "Version"),
        ("aktivitet_namn", "Aktivitet"),
        ("organisation_namn", "Organisation"),
        ("status", "Status"),
        ("genomfort", "Vad har gjorts"),
        ("hinder", "Hinder"),
        ("nasta_steg", "Nästa steg"),
        ("beslut", "Beslut"),
        ("kommentar", "Kommentar"),
    ],
    frozenset({"id", "version"}),
    ("beslut", "kommentar"),
    "beslut",
    {"aktivitet_namn": 40, "organisation_namn": 28, "status": 20, "beslut": 16, "kommentar": 50},
)
BESLUT = {"Godkänn": "approve", "Returnera": "return"}

# Bounds checked on the zip container before openpyxl parses anything (a small file can expand to
# gigabytes: a "zip bomb"). 1 000 rows of full texts stay far below them.
MAX_BYTES = 5 * 1024 * 1024
MAX_ENTRIES = 100
MAX_EXPANDED = 60 * 1024 * 1024
MAX_RADER = 5000


def status_labels() -> dict[str, str]:
    """Status label (as shown in the dropdown) → value."""
    return {str(label): value for value, label in Status.choices}


def build(rader: list[dict], blankett: Blankett = RAPPORTER) -> bytes:
    """The workbook for `rader` (dicts with the blankett's column keys)."""
    wb = Workbook()
    ws = wb.active
    ws.title = blankett.blad
    bold = Font(bold=True)
    ws.append([rubrik for _key, rubrik in blankett.kolumner])
    for cell in ws[1]:
        cell.font = bold
    for rad in rader:
        values = []
        for key, _rubrik in blankett.kolumner:
            value = rad.get(key, "")
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            values.append(value)
        ws.append(values)
    sista = max(ws.max_row, 2)
    for index, (key, _rubrik) in enumerate(blankett.kolumner, 1):
        letter = get_column_letter(index)
        dim = ws.column_dimensions[letter]
        dim.width = blankett.bredd.get(key, TEXT_BREDD)
        dim.hidden = key in blankett.dolda
        for (cell,) in ws.iter_rows(min_row=2, max_row=sista, min_col=index, max_col=index):
            if key in blankett.oppna:
                cell.protection = Protection(locked=False)
            if key != blankett.lista and key not in ("id", "version"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, str) or key in blankett.oppna:
                    cell.data_type = "s"  # text stays text, whatever it starts with
    status_col = get_column_letter([k for k, _r in blankett.kolumner].index(blankett.lista) + 1)
    varden = status_labels() if blankett.lista == "status" else BESLUT
    lista = ",".join(varden)
    validering = DataValidation(
        type="list",
        formula1=f'"{lista}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=dict(blankett.kolumner)[blankett.lista],
        error="Välj ett värde ur listan.",
    )
    validering.add(f"{status_col}2:{status_col}{sista}")
    ws.add_data_validation(validering)
    ws.freeze_panes = "E2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may change; content of locked cells may not
    ws.protection.formatRows = False
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass
class Lasrad:
    """One data row as read: its row number, the values by key, and the cell errors found."""

    nummer: int
    varden: dict
    fel: list[str] = field(default_factory=list)


def _check_container(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise Domanfel(
            _("Filen är för stor (högst %(mb)s MB).") % {"mb": MAX_BYTES // (1024 * 1024)}, code="kalkylblad_storlek"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise Domanfel(_("Filen är inte en Excel-fil (.xlsx)."), code="kalkylblad_typ") from exc
    if len(entries) > MAX_ENTRIES:
        raise Domanfel(
            _("Filen innehåller för många delar (%(antal)s) för att vara portalens kalkylblad.")
            % {"antal": len(entries)},
            code="kalkylblad_delar",
        )
    if sum(entry.file_size for entry in entries) > MAX_EXPANDED:
        raise Domanfel(
            _("Filen packas upp till mer än %(mb)s MB och läses inte.") % {"mb": MAX_EXPANDED // (1024 * 1024)},
            code="kalkylblad_expansion",
        )


def read(data: bytes, blankett: Blankett = RAPPORTER) -> list[Lasrad]:
    """The data rows of an uploaded workbook. A file that is not the portal's sheet (size, zip
    bounds, no sheet "Rapporter", changed or unknown columns) is refused as a whole; formulas are
    refused per cell."""
    _check_container(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Domanfel(_("Filen kunde inte läsas som en Excel-fil (.xlsx)."), code="kalkylblad_typ") from exc
    try:
        if blankett.blad not in wb.sheetnames:
            raise Domanfel(
                _("Filen saknar bladet ”%(blad)s”. Ladda ner en ny fil från portalen.") % {"blad": blankett.blad},
                code="kalkylblad_blad",
            )
        rows = wb[blankett.blad].iter_rows()
        header = [c.value for c in next(rows, ())]
        rubriker = [r for _k, r in blankett.kolumner]
        while header and header[-1] in (None, ""):
            header.pop()
        if header[: len(rubriker)] != rubriker:
            raise Domanfel(
                _("Kolumnerna har ändrats. Första raden ska vara: %(rubriker)s.") % {"rubriker": ", ".join(rubriker)},
                code="kalkylblad_kolumner",
            )
        if len(header) > len(rubriker):
            okanda = ", ".join(
                f"{get_column_letter(i + 1)} (”{h}”)" for i, h in enumerate(header) if i >= len(rubriker)
            )
            raise Domanfel(
                _("Okända kolumner: %(kolumner)s. Ta bort dem och ladda upp igen.") % {"kolumner": okanda},
                code="kalkylblad_okand_kolumn",
            )
        resultat = []
        for nummer, row in enumerate(rows, 2):
            cells = list(row)
            if all(c.value in (None, "") for c in cells):
                continue
            if len(resultat) >= MAX_RADER:
                raise Domanfel(_("Filen har fler än %(max)s rader.") % {"max": MAX_RADER}, code="kalkylblad_rader")
            rad = Lasrad(nummer=nummer, varden={})
            for index, (key, rubrik) in enumerate(blankett.kolumner):
                cell = cells[index] if index < len(cells) else None
                value = cell.value if cell is not None else None
                if cell is not None and cell.data_type == "f":
                    rad.fel.append(
                        _("Kolumn %(kolumn)s (%(rubrik)s): formler tas inte emot; skriv värdet som text.")
                        % {"kolumn": get_column_letter(index + 1), "rubrik": rubrik}
                    )
                    value = None
                rad.varden[key] = value
            extra = [c for c in cells[len(blankett.kolumner) :] if c.value not in (None, "")]
            if extra:
                rad.fel.append(
                    _("Värden utanför formulärets kolumner (%(kolumn)s) tas inte emot.")
                    % {"kolumn": ", ".join(c.coordinate for c in extra if hasattr(c, "coordinate")) or "?"}
                )
            resultat.append(rad)
        return resultat
    finally:
        wb.close()
