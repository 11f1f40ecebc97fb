from django import forms
from django.utils.translation import gettext_lazy as _

from aviseringar.choices import VALBARA_TYPER
from aviseringar.models import SPRAK

TYPVAL = [(t.value, t.label) for t in VALBARA_TYPER]


class InstallningForm(forms.Form):
    epost = forms.MultipleChoiceField(
        label=_("Med e-post"), choices=TYPVAL, required=False, widget=forms.CheckboxSelectMultiple
    )
    webb = forms.MultipleChoiceField(
        label=_("I portalen"), choices=TYPVAL, required=False, widget=forms.CheckboxSelectMultiple
    )
    veckosammanfattning = forms.BooleanField(
        label=_("Veckosammanfattning"),
        required=False,
        help_text=_("Ett e-postmeddelande varje måndag med veckans olästa aviseringar."),
    )
    sprak = forms.ChoiceField(label=_("Språk i aviseringarna"), choices=SPRAK)


class PaminnelseForm(forms.Form):
    period = forms.IntegerField(widget=forms.HiddenInput)
