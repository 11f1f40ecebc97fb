"""Uploaded files: what their content proves them to be, bounded before anything parses them.

ZIP-based formats (Word .docx, Excel .xlsx) are checked once, from the archive's central directory,
for the number of entries and the total uncompressed size they declare; Python's zipfile never
inflates an entry past its declared size, so these two numbers bound what any later parser
(openpyxl, python-docx) can be made to do. The verdict is remembered on the file object, so a form's
clean() and the service it calls do not open the archive twice.

Used by every upload path: attachments to status reports (uppfoljning.services.rapportering) and
spreadsheet imports (`ooxml_check(fil, kind="xlsx")` before openpyxl.load_workbook)."""

import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from jamlik.errors import Domanfel

# (content type, extension, magic bytes at offset 0)
SIGNATURER = [
    ("application/pdf", ".pdf", b"%PDF-"),
    ("image/png", ".png", b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", ".jpg", b"\xff\xd8\xff"),
]
OOXML = {
    "docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}
_VERDICT = "_jamlik_filtyp"


def zip_names(fil: IO[bytes]) -> list[str]:
    """The entry names of a ZIP archive after checking its bounds, or a Domanfel with the reason."""
    fil.seek(0)
    try:
        with zipfile.ZipFile(fil) as archive:
            infos = archive.infolist()
            if len(infos) > settings.UPLOAD_ZIP_MAX_ENTRIES:
                raise Domanfel(
                    _("Filen innehåller för många delar (%(antal)s, högst %(max)s är tillåtna).")
                    % {"antal": len(infos), "max": settings.UPLOAD_ZIP_MAX_ENTRIES},
                    code="zip_antal",
                )
            total = sum(info.file_size for info in infos)
            if total > settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES:
                raise Domanfel(
                    _("Filen packas upp till för mycket data (%(mb)s MB, högst %(max)s MB är tillåtet).")
                    % {
                        "mb": total // (1024 * 1024),
                        "max": settings.UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
                    },
                    code="zip_storlek",
                )
            return [info.filename for info in infos]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise Domanfel(_("Filen är skadad eller inte en giltig fil."), code="zip_skadad") from exc
    finally:
        fil.seek(0)


def filtyp(fil: IO[bytes]) -> tuple[str, str] | None:
    """(content type, extension) that the content proves — PDF, PNG, JPEG, .docx or .xlsx — or None.
    A ZIP past the bounds is a Domanfel. Computed once per file object."""
    if hasattr(fil, _VERDICT):
        return getattr(fil, _VERDICT)
    fil.seek(0)
    head = fil.read(8)
    fil.seek(0)
    verdict = None
    for content_type, ext, magic in SIGNATURER:
        if head.startswith(magic):
            verdict = (content_type, ext)
            break
    if verdict is None and head.startswith(b"PK\x03\x04"):
        try:
            names = zip_names(fil)
        except Domanfel:
            setattr(fil, _VERDICT, None)
            raise
        if "[Content_Types].xml" in names:
            for prefix, content_type, ext in OOXML.values():
                if any(name.startswith(prefix) for name in names):
                    verdict = (content_type, ext)
                    break
    setattr(fil, _VERDICT, verdict)
    return verdict


def ooxml_check(fil: IO[bytes], *, kind: str) -> None:
    """Refuse anything but a bounded Office Open XML file of `kind` ("xlsx" or "docx")."""
    _prefix, content_type, ext = OOXML[kind]
    verdict = filtyp(fil)
    if verdict != (content_type, ext):
        raise Domanfel(_("Filen är inte en %(typ)s-fil.") % {"typ": ext}, code="fel_filtyp")
