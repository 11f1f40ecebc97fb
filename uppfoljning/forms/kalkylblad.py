"""The upload form of the reporting spreadsheet."""

from django import forms
from django.utils.translation import gettext_lazy as _


class KalkylbladForm(forms.Form):
    fil = forms.FileField(
        label=_("Ifyllt kalkylblad (.xlsx)"),
        help_text=_("Filen du laddade ner här och fyllde i. Inget sparas förrän du har sett förhandsvisningen."),
        error_messages={"required": _("Välj filen du har fyllt i.")},
    )
