"""Forms of reporting. They parse and show input; the rules are the services' (their domain errors
are put back on the form next to the field they concern, by `add_service_error`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from jamlik.errors import Domanfel
from plan.models import Strategi
from uppfoljning.choices import Status
from uppfoljning.models import Aktivitetsstatus, Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import strategival
from uppfoljning.services.rapportering import TEXTFALT, bilaga_check


class Teckengrans(MaxLengthValidator):
    """The length limit with a message that says by how much, and that nothing was lost."""

    message = _(
        "Texten har %(show_value)d tecken men får ha högst %(limit_value)d. Korta den – allt du skrev står "
        "kvar i fältet."
    )


def keep_every_word(form: forms.Form, names) -> None:
    """Long texts are refused by the server with a message, never cut off by the browser: no
    `maxlength` attribute (pasting would silently drop the rest); the limit stays on the field (its
    counter and the validator)."""
    for name in names:
        field = form.fields[name]
        field.widget.attrs.pop("maxlength", None)
        field.validators = [
            Teckengrans(v.limit_value) if isinstance(v, MaxLengthValidator) else v for v in field.validators
        ]


class StrategiCheckboxar(forms.CheckboxSelectMultiple):
    """The strategy checklist grouped by målområde: the activity's own strategies from the matrix
    first, every other strategy of the plan behind "Visa alla strategier" (open when one of them
    is chosen). Option ids stay id_<name>_0…, so the error summary's link still lands."""

    template_name = "uppfoljning/rapportering/widgets/strategier.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.grupper: list[tuple[str, list[int], bool]] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = {str(o["value"]): o for _g, opts, _i in context["widget"]["optgroups"] for o in opts}
        egna, ovriga = [], []
        for label, pks, egen in self.grupper:
            valda = [options[str(pk)] for pk in pks if str(pk) in options]
            if valda:
                (egna if egen else ovriga).append((label, valda))
        context["widget"]["egna"] = egna
        context["widget"]["ovriga"] = ovriga
        context["widget"]["ovriga_valda"] = any(o["selected"] for _l, opts in ovriga for o in opts)
        return context


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
        widget=StrategiCheckboxar,
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
        grupper, namn = strategival(aktivitet=aktivitet)
        # Choices in the order they are shown (the activity's own first), so the first checkbox
        # (id_strategier_0, where the error summary links) is never hidden behind "Visa alla".
        ordning = [pk for _label, pks, _egen in grupper for pk in pks]
        self.fields["strategier"].queryset = Strategi.objects.filter(plan_id=aktivitet.plan_id)
        self.fields["strategier"].widget.choices = [(pk, namn[pk]) for pk in ordning]
        self.fields["strategier"].widget.grupper = grupper
        self.fields["status"].choices = [("", _("Välj status")), *Status.choices]
        keep_every_word(self, TEXTFALT)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_every_word(self, ["kommentar"])


class ReturForm(VersionForm):
    # Empty or only spaces (stripped): the message says which field and what to write (WCAG 3.3.1).
    kommentar = forms.CharField(
        label=_("Vad behöver kompletteras?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Skriv vad som behöver kompletteras.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_every_word(self, ["kommentar"])


class AteroppnaForm(VersionForm):
    motivering = forms.CharField(
        label=_("Varför öppnas rapporten igen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Skriv varför rapporten öppnas igen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_every_word(self, ["motivering"])


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
