"""Forms of compiled follow-up reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from uppfoljning.models import PlaneradUppfoljning


class StartForm(forms.Form):
    """Which planned follow-up to compile: a plan's follow-up year."""

    uppfoljning = forms.ModelChoiceField(
        queryset=PlaneradUppfoljning.objects.select_related("plan").order_by("plan__giltig_fran", "ar"),
        label=_("Uppföljning"),
        empty_label=None,
        error_messages={"invalid_choice": _("Välj en uppföljning som finns."), "required": _("Välj en uppföljning.")},
    )
