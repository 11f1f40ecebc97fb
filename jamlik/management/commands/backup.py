"""Back up the whole portal — every table (reports, their history, evaluations, report
artefact records, users) and the uploaded/compiled files under MEDIA_ROOT — into one
.tar.gz. Restore it with `manage.py restore`. Works on PostgreSQL and SQLite alike."""

import io
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def backup_create(*, output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    data = io.StringIO()
    call_command("dumpdata", natural_foreign=True, exclude=EXCLUDE, indent=None, stdout=data)
    payload = data.getvalue().encode("utf-8")
    with (
        tempfile.NamedTemporaryFile(dir=output.parent, delete=False, suffix=".part") as tmp,
        tarfile.open(fileobj=tmp, mode="w:gz") as tar,
    ):
        info = tarfile.TarInfo("data.json")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            tar.add(media, arcname="media")
    Path(tmp.name).replace(output)  # only a complete archive ever carries the final name
    return output


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och uppladdade/sammanställda filer till en .tar.gz."

    def add_arguments(self, parser):
        default = Path(settings.BASE_DIR) / "var" / "backup" / f"jamlik-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        parser.add_argument("--output", type=Path, default=default)

    def handle(self, *args, output, **options):
        path = backup_create(output=output)
        self.stdout.write(self.style.SUCCESS(f"Säkerhetskopia skriven: {path}"))
