"""Forms of compiled follow-up reports."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StartForm(forms.Form):
    ar = forms.IntegerField(
        label=_("Uppföljningsår"),
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": _("Ange ett årtal."), "required": _("Välj ett uppföljningsår.")},
    )
