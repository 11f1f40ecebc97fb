from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AviseringarConfig(AppConfig):
    name = "aviseringar"
    verbose_name = _("Aviseringar")

    def ready(self):
        # Connect the receivers of uppfoljning's events and of logins (apps.ready is the one place
        # where an import inside a function is right: the models are loaded only now).
        from aviseringar import receivers  # noqa: F401, PLC0415
