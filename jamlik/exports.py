"""Every table the portal lets people download, through one writer: CSV (UTF-8 with BOM, so Excel
reads å ä ö right) and XLSX (openpyxl, bold frozen headers with filters).

No text a user wrote ever becomes a formula. In XLSX every text cell is stored as text, whatever
it starts with, so it keeps its exact characters. In CSV, which has no types, text that starts
with =, +, -, @, tab or CR is prefixed with an apostrophe, the usual defence against CSV
injection (OWASP), because a spreadsheet would otherwise evaluate it."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMEL_START = ("=", "+", "-", "@", "\t", "\r")
_BOLD = Font(bold=True)


def _plain(value: Any) -> Any:
    """A value a spreadsheet can hold: lazy translations as text, datetimes in local time, naive."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def csv_safe(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMEL_START):
        return "'" + value
    return value


def csv_bytes(*, rubriker: Sequence[Any], rader: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_safe(r) for r in rubriker])
    for rad in rader:
        writer.writerow([csv_safe(v) for v in rad])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class Arbetsbok:
    """An XLSX workbook written row by row (constant memory, however many rows)."""

    def __init__(self):
        self._wb = Workbook(write_only=True)

    def _cell(self, ws, value: Any, *, bold: bool = False) -> WriteOnlyCell:
        value = _plain(value)
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text: never a formula, whatever it starts with
        if bold:
            cell.font = _BOLD
        return cell

    def blad(
        self,
        titel: str,
        rubriker: Sequence[Any],
        rader: Iterable[Sequence[Any]],
        *,
        bredder: Sequence[int] | None = None,
    ) -> None:
        ws = self._wb.create_sheet(str(titel)[:31])
        for index, rubrik in enumerate(rubriker, 1):
            bredd = bredder[index - 1] if bredder else min(max(len(str(rubrik)) + 4, 14), 60)
            ws.column_dimensions[get_column_letter(index)].width = bredd
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(rubriker), 1))}1"
        ws.append([self._cell(ws, r, bold=True) for r in rubriker])
        for rad in rader:
            ws.append([self._cell(ws, v) for v in rad])

    def save(self, fil) -> None:
        self._wb.save(fil)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


def _download(content: bytes, content_type: str, filnamn: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    return response


def csv_response(*, filnamn: str, rubriker: Sequence[Any], rader: Iterable[Sequence[Any]]) -> HttpResponse:
    return _download(csv_bytes(rubriker=rubriker, rader=rader), CSV_TYPE, f"{filnamn}.csv")


def xlsx_response(*, filnamn: str, blad: str, rubriker: Sequence[Any], rader: Iterable[Sequence[Any]]) -> HttpResponse:
    bok = Arbetsbok()
    bok.blad(blad, rubriker, rader)
    return _download(bok.bytes(), XLSX_TYPE, f"{filnamn}.xlsx")
