"""Restore a backup made by `manage.py backup`: the database is migrated, emptied and loaded
from the archive in one transaction, then MEDIA_ROOT is replaced by the archive's files."""

import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings


def backup_restore(*, archive: Path) -> None:
    if not archive.is_file():
        raise CommandError(f"Hittar ingen säkerhetskopia: {archive}")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        data = Path(tmp) / "data.json"
        if not data.is_file():
            raise CommandError("Arkivet saknar data.json – är det en säkerhetskopia från portalen?")
        call_command("migrate", interactive=False, verbosity=0)
        # History rows come from the archive; the loaded rows must not write new ones.
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data), verbosity=0)
        media = Path(settings.MEDIA_ROOT)
        if (Path(tmp) / "media").exists():
            if media.exists():
                shutil.rmtree(media)
            shutil.copytree(Path(tmp) / "media", media)


class Command(BaseCommand):
    help = "Återställer databasen och filerna från en säkerhetskopia (ersätter allt nuvarande innehåll)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Bekräfta att allt nuvarande innehåll ersätts.")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("Återställning ersätter allt innehåll. Kör igen med --yes för att bekräfta.")
        backup_restore(archive=archive)
        self.stdout.write(self.style.SUCCESS(f"Återställd från {archive}"))
