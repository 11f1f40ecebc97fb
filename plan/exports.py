"""Tables as downloads: CSV (UTF-8 with BOM, so Excel reads å ä ö right) and XLSX (openpyxl)."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(*, filnamn: str, rubriker: list[str], rader: list[list[str]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(rubriker)
    writer.writerows(rader)
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filnamn}.csv"'
    return response


def xlsx_response(*, filnamn: str, blad: str, rubriker: list[str], rader: list[list[str]]) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = blad[:31]
    sheet.append(rubriker)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for rad in rader:
        sheet.append(rad)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filnamn}.xlsx"'
    return response
