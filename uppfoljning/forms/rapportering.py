"""Forms of reporting. They parse and show input; the rules are the services' (their domain errors
are put back on the form next to the field they concern, by `add_service_error`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jamlik.errors import Domanfel
from plan.models import Strategi
from uppfoljning.choices import Status
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod
from uppfoljning.services.rapportering import bilaga_check


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's domain error on the form: next to its field if the form has it."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class VersionForm(forms.Form):
    """A workflow action: the version the user saw, to refuse acting on a changed report."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StatusrapportForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    strategier = forms.ModelMultipleChoiceField(
        queryset=Strategi.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Strategier som arbetet bidragit till"),
    )
    bilaga = forms.FileField(
        label=_("Bilaga (valfri)"),
        required=False,
        help_text=_("PDF, PNG, JPEG, Word (.docx) eller Excel (.xlsx)."),
    )

    class Meta:
        model = Statusrapport
        fields = ["status", "genomfort", "hinder", "nasta_steg", "strategier"]
        widgets = {
            "genomfort": forms.Textarea(attrs={"rows": 6}),
            "hinder": forms.Textarea(attrs={"rows": 4}),
            "nasta_steg": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "status": {
                "invalid_choice": _("Välj en status ur listan."),
                "required": _("Välj en status."),
            },
        }

    def __init__(self, *args, aktivitet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategier"].queryset = (
            Strategi.objects.filter(plan_id=aktivitet.plan_id)
            .select_related("malomrade")
            .order_by("malomrade__ordning", "ordning")
        )
        self.fields["status"].choices = [("", _("Välj status")), *Status.choices]

    def clean_bilaga(self):
        fil = self.cleaned_data.get("bilaga")
        if fil:
            try:
                bilaga_check(fil=fil)
            except Domanfel as exc:
                raise ValidationError(exc.messages) from exc
        return fil


class NyStatusrapportForm(StatusrapportForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"), empty_label=None)

    class Meta(StatusrapportForm.Meta):
        fields = ["organisation", *StatusrapportForm.Meta.fields]

    def __init__(self, *args, organisationer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisationer
        self.order_fields(["organisation"])


class GodkannForm(VersionForm):
    kommentar = forms.CharField(
        label=_("Kommentar till organisationen (valfri)"),
        help_text=_("Syns i rapportens historik för organisationen, samordnarna och planägaren, inte för allmänheten."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class ReturForm(VersionForm):
    kommentar = forms.CharField(
        label=_("Vad behöver kompletteras?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AteroppnaForm(VersionForm):
    motivering = forms.CharField(
        label=_("Varför öppnas rapporten igen?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class UppfoljningsperiodForm(forms.ModelForm):
    class Meta:
        model = Uppfoljningsperiod
        fields = ["namn", "slug", "oppnar", "sista_dag"]
        widgets = {
            "oppnar": forms.DateInput(attrs={"type": "date"}),
            "sista_dag": forms.DateInput(attrs={"type": "date"}),
        }


class AktivitetsstatusForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Aktivitetsstatus
        fields = ["status", "sammanfattning"]
        widgets = {"sammanfattning": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"status": {"invalid_choice": _("Välj en status ur listan.")}}
