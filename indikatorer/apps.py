from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndikatorerConfig(AppConfig):
    name = "indikatorer"
    verbose_name = _("Indikatorer")
