"""The published files of a compiled report, read through Django's storage API."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

FORMAT = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def artefakt_namn(rapport, format: str) -> str:
    """The stored name of a complete report's file; 404 for anything not (yet) published."""
    if format not in FORMAT or not rapport.ar_klar:
        raise Http404
    namn = rapport.fil(format)[0]
    if not namn or not default_storage.exists(namn):
        raise Http404
    return namn


def download_response(rapport, format: str) -> FileResponse:
    namn = artefakt_namn(rapport, format)
    response = FileResponse(
        default_storage.open(namn, "rb"),
        as_attachment=True,
        filename=namn.rsplit("/", 1)[-1],
        content_type=FORMAT[format],
    )
    response["X-Content-SHA256"] = rapport.fil(format)[1]
    return response
