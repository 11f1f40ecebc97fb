from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    name = "samverkan"
    verbose_name = _("Samverkan")

    def ready(self) -> None:
        from samverkan.cache import connect_signals  # noqa: PLC0415 (apps are ready only here)

        connect_signals()
