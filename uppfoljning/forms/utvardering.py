"""Forms of process evaluations. The evidence (underlag) offers approved status reports only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from uppfoljning.choices import Rapporttillstand
from uppfoljning.models import Processutvardering, ProcessutvarderingDel
from uppfoljning.models.utvardering import DEL_FALT, UTVARDERING_FALT


class ProcessutvarderingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Processutvardering
        fields = [*UTVARDERING_FALT, "underlag"]
        widgets = {"underlag": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["underlag"].queryset = (
            self.instance.aktivitet.statusrapporter.select_related("organisation", "period")
            .filter(period__plan_id=self.instance.aktivitet.plan_id, tillstand=Rapporttillstand.GODKAND)
            .order_by("period__oppnar", "organisation__namn")
        )
        self.fields["underlag"].help_text = _("Godkända statusrapporter som utvärderingen bygger på.")


class DelForm(forms.ModelForm):
    class Meta:
        model = ProcessutvarderingDel
        fields = list(DEL_FALT)


class SkapaForm(forms.Form):
    """Create the evaluations a planned follow-up prescribes."""

    ar = forms.IntegerField(
        label=_("Uppföljningsår"),
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": _("Ange ett årtal."), "required": _("Välj ett uppföljningsår.")},
    )
