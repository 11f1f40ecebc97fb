from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "plan"
    verbose_name = _("Planen")

    def ready(self):
        from plan.behorighet import connect_signals  # noqa: PLC0415 (models are ready only here)

        connect_signals()
