"""The upload form of area statistics."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class StatistikForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil med statistik per område (.csv eller .xlsx)"),
        help_text=_("I mallens format. Inget sparas förrän du har sett förhandsvisningen."),
        error_messages={"required": _("Välj filen med statistik.")},
    )

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if fil.size > settings.INDIKATORER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Filen är för stor (högst %(mb)s MB).")
                % {"mb": settings.INDIKATORER_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return fil
