"""Upload bounds (issue 11): ZIP-based formats are checked once for entry count and uncompressed
size before anything parses them, a report holds a bounded number of attachments, and a body too
large is refused from its Content-Length header before it is read."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jamlik.errors import Domanfel
from jamlik.uploads import filtyp, ooxml_check
from uppfoljning.models import Statusrapport
from uppfoljning.services.rapportering import bilaga_add

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def ooxml(prefix: str = "word/", entries: int = 1, inflated: int = 10) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(f"{prefix}document.xml", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1024 * 1024)
            left = inflated
            while left > 0:
                entry.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
        for n in range(entries - 1):
            archive.writestr(f"{prefix}media/bild{n}.xml", "")
    return buffer.getvalue()


@pytest.fixture
def utkast(demo, frozen_today):
    """Kulturnämnden's draft, on a day its period is open (tests/clock.py): attachments are added
    through the form, which the deadline rule closes after 2031-01-31."""
    return Statusrapport.objects.get(
        period__slug="2021", aktivitet__slug="skolan-som-gemensam-arena", organisation__namn="Kulturnämnden"
    )


def post_attachment(client, rapport, fil):
    data = {"version": rapport.version, "status": "forsenad", "genomfort": "Mitt arbete", "hinder": "", "bilaga": fil}
    return client.post(reverse("uppfoljning:statusrapport_andra", args=[rapport.pk]), data)


def test_a_small_docx_and_xlsx_are_recognised():
    assert filtyp(io.BytesIO(ooxml()))[1] == ".docx"
    assert filtyp(io.BytesIO(ooxml("xl/")))[1] == ".xlsx"
    ooxml_check(io.BytesIO(ooxml("xl/")), kind="xlsx")
    with pytest.raises(Domanfel):
        ooxml_check(io.BytesIO(ooxml()), kind="xlsx")


def test_docx_inflating_to_a_gibibyte_is_refused_before_it_is_inflated(client, demo, utkast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bomb = ooxml(inflated=1024 * 1024 * 1024)
    assert len(bomb) < settings.ATTACHMENT_MAX_BYTES
    client.force_login(demo["tjansteperson"])
    started = time.perf_counter()
    response = post_attachment(client, utkast, SimpleUploadedFile("rapport.docx", bomb, content_type=DOCX))
    assert time.perf_counter() - started < 3
    assert response.status_code == 200
    assert response.context["form"].errors["bilaga"] == [
        "Filen packas upp till för mycket data (1024 MB, högst 100 MB är tillåtet)."
    ]
    assert "Mitt arbete</textarea>" in response.content.decode()
    assert utkast.bilagor.count() == 0


def test_xlsx_with_too_many_entries_is_refused_after_reading_the_archive_once(
    client, demo, utkast, settings, monkeypatch
):
    many = ooxml("xl/", entries=settings.UPLOAD_ZIP_MAX_ENTRIES)  # + [Content_Types].xml
    opened = []
    real_init = zipfile.ZipFile.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting_init)
    client.force_login(demo["tjansteperson"])
    response = post_attachment(client, utkast, SimpleUploadedFile("tabell.xlsx", many))
    assert response.context["form"].errors["bilaga"] == [
        f"Filen innehåller för många delar ({settings.UPLOAD_ZIP_MAX_ENTRIES + 1}, "
        f"högst {settings.UPLOAD_ZIP_MAX_ENTRIES} är tillåtna)."
    ]
    assert len(opened) == 1


def test_a_valid_docx_is_opened_once_from_form_to_storage(client, demo, utkast, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    docx = SimpleUploadedFile("plan.docx", ooxml(), content_type=DOCX)
    opened = []
    real_init = zipfile.ZipFile.__init__

    def counting_init(self, *args, **kwargs):
        opened.append(1)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting_init)
    client.force_login(demo["tjansteperson"])
    response = post_attachment(client, utkast, docx)
    assert response.status_code == 302
    assert utkast.bilagor.get().innehallstyp == DOCX
    assert len(opened) == 1


def test_a_broken_zip_is_refused_with_a_reason():
    with pytest.raises(Domanfel) as error:
        filtyp(io.BytesIO(b"PK\x03\x04" + b"trasig" * 10))
    assert error.value.code == "zip_skadad"


def test_attachments_per_report_are_limited(client, demo, utkast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ATTACHMENT_MAX_PER_REPORT = 2
    for n in range(2):
        bilaga_add(user=demo["tjansteperson"], rapport_id=utkast.pk, fil=SimpleUploadedFile(f"{n}.pdf", b"%PDF-1"))
    with pytest.raises(Domanfel) as error:
        bilaga_add(user=demo["tjansteperson"], rapport_id=utkast.pk, fil=SimpleUploadedFile("3.pdf", b"%PDF-1"))
    assert error.value.code == "bilaga_antal"
    utkast.refresh_from_db()
    client.force_login(demo["tjansteperson"])
    response = post_attachment(client, utkast, SimpleUploadedFile("4.pdf", b"%PDF-1"))
    assert response.context["form"].errors["bilaga"] == [
        "En statusrapport kan ha högst 2 bilagor. Ta bort en bilaga först."
    ]
    assert utkast.bilagor.count() == 2


class Untouchable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize(
    ("path", "json"), [("/rapportering/statusrapporter/ny/", False), ("/api/v1/statusrapporter/", True)]
)
def test_a_body_too_large_is_refused_from_its_content_length(client, demo, path, json, settings):
    client.force_login(demo["tjansteperson"])
    response = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
        **{"wsgi.input": Untouchable()},
    )
    assert response.status_code == 413
    reason = response.json()["detail"] if json else response.content.decode()
    assert reason == "Förfrågan är för stor (60.0 MB). Största tillåtna storlek är 12 MB."
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.REQUEST_MAX_BYTES


def test_a_body_at_the_limit_is_read(client, demo, utkast, settings):
    settings.REQUEST_MAX_BYTES = 10_000
    client.force_login(demo["tjansteperson"])
    response = post_attachment(client, utkast, SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 5000))
    assert response.status_code != 413
