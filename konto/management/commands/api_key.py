"""Issue or revoke API keys from the command line (integration accounts, scripts).

manage.py api_key create <username> [--days N]   prints the key once; only its digest is stored
manage.py api_key revoke <username>              revokes every key of the user
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jamlik.errors import Domanfel
from konto.services import api_nyckel_create, api_nycklar_revoke


class Command(BaseCommand):
    help = "Skapa eller återkalla API-nycklar."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "revoke"])
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, action: str, username: str, days: int | None, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Ingen användare heter {username!r}.") from exc
        if action == "revoke":
            count = api_nycklar_revoke(user=user, orsak="revoked_by_command")
            self.stdout.write(f"{count} nycklar återkallade för {username}.")
            return
        try:
            token, plaintext = api_nyckel_create(user=user, dagar=days)
        except Domanfel as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(f"API-nyckel för {username}, giltig till {token.expiry:%Y-%m-%d %H:%M}. Visas bara nu:")
        self.stdout.write(plaintext)
