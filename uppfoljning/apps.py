from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Styrning och uppföljning")

    def ready(self) -> None:
        # Register the tasks in every process (web too): services enqueue them by name.
        from uppfoljning import tasks  # noqa: F401, PLC0415 (apps are ready only here)
