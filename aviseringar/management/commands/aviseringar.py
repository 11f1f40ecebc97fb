"""Run the notification schedule once by hand (or from cron where Celery beat is not used):
period opened, last day approaching, overdue, the weekly digest (on Mondays or with --vecka),
then send everything unsent. Idempotent: running it twice records and sends nothing twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from aviseringar import services


class Command(BaseCommand):
    help = "Skapa dagens aviseringar (period öppnad, sista dag, försenad, veckosammanfattning) och skicka de oskickade."

    def add_arguments(self, parser):
        parser.add_argument(
            "--vecka", action="store_true", help="Skapa veckosammanfattningen även om det inte är måndag."
        )
        parser.add_argument("--bara-skicka", action="store_true", help="Skicka bara de oskickade.")

    def handle(self, *args, vecka: bool, bara_skicka: bool, **options):
        idag = timezone.localdate()
        if not bara_skicka:
            nya = {
                "period öppnad": services.period_oppnad_record(idag=idag),
                "sista dag närmar sig": services.sista_dag_narmar_record(idag=idag),
                "försenad": services.forsenad_record(idag=idag),
            }
            if vecka or idag.isoweekday() == 1:
                nya["veckosammanfattning"] = services.veckosammanfattning_record(idag=idag)
            self.stdout.write("Nya aviseringar: " + ", ".join(f"{k} {v}" for k, v in nya.items()))
        self.stdout.write(f"Skickade e-postmeddelanden: {services.aviseringar_send()}")
