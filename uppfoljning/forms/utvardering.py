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
        # Sized for a few paragraphs each (the counter says how much more fits), not 24 tall boxes.
        widgets = {
            "underlag": forms.CheckboxSelectMultiple,
            **{falt: forms.Textarea(attrs={"rows": 5}) for falt in UTVARDERING_FALT if falt != "samlad_bedomning"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["underlag"].queryset = (
            self.instance.aktivitet.statusrapporter.select_related("organisation", "period")
            .filter(period__plan_id=self.instance.aktivitet.plan_id, tillstand=Rapporttillstand.GODKAND)
            .order_by("period__oppnar", "organisation__namn")
        )
        self.fields["underlag"].help_text = _(
            "Godkända statusrapporter som utvärderingen bygger på. När utvärderingen fastställs sparas "
            "rapporternas status som den är då."
        )
        self.fields["underlag"].label_from_instance = lambda r: (
            f"{r.period.namn} – {r.organisation.namn}: {r.get_status_display()}"
        )


class DelForm(forms.ModelForm):
    class Meta:
        model = ProcessutvarderingDel
        fields = list(DEL_FALT)
        widgets = {falt: forms.Textarea(attrs={"rows": 4}) for falt in DEL_FALT if falt != "samlad_bedomning"}


class SkapaForm(forms.Form):
    """Create the evaluations a planned follow-up prescribes."""

    ar = forms.IntegerField(
        label=_("Uppföljningsår"),
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": _("Ange ett årtal."), "required": _("Välj ett uppföljningsår.")},
    )
