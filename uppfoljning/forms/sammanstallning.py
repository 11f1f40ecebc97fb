"""Forms of compiled follow-up reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plan.models import Malomrade, Organisation
from uppfoljning.choices import Omfattning
from uppfoljning.models import PlaneradUppfoljning


class StartForm(forms.Form):
    """Which planned follow-up to compile (a plan's follow-up year) and what it covers: the whole
    plan, one målområde or one organisation. Whether the chosen målområde or organisation belongs
    to the plan is the service's rule (uppfoljningsrapport_start), reported next to the field."""

    uppfoljning = forms.ModelChoiceField(
        queryset=PlaneradUppfoljning.objects.select_related("plan").order_by("plan__giltig_fran", "ar"),
        label=_("Uppföljning"),
        empty_label=None,
        error_messages={"invalid_choice": _("Välj en uppföljning som finns."), "required": _("Välj en uppföljning.")},
    )
    omfattning = forms.ChoiceField(
        label=_("Omfattning"),
        choices=Omfattning.choices,
        initial=Omfattning.PLAN,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Välj vad rapporten ska omfatta."),
            "required": _("Välj vad rapporten ska omfatta."),
        },
    )
    malomrade = forms.ModelChoiceField(
        queryset=Malomrade.objects.select_related("plan").order_by("plan__giltig_fran", "ordning"),
        label=_("Målområde"),
        required=False,
        empty_label=_("Välj målområde"),
        help_text=_("När rapporten ska omfatta ett målområde."),
        error_messages={"invalid_choice": _("Välj ett målområde som finns.")},
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(aktiviteter__isnull=False).distinct().order_by("namn"),
        label=_("Organisation"),
        required=False,
        empty_label=_("Välj organisation"),
        help_text=_("När rapporten ska omfatta en organisation."),
        error_messages={"invalid_choice": _("Välj en organisation som finns.")},
    )
    tvinga = forms.BooleanField(
        label=_("Skapa en ny version även om inget har ändrats"),
        required=False,
        help_text=_("Annars visas den senaste versionen när underlaget är detsamma."),
    )

    def clean(self):
        data = super().clean()
        omfattning = data.get("omfattning")
        if omfattning == Omfattning.MALOMRADE and not data.get("malomrade"):
            self.add_error("malomrade", _("Välj vilket målområde rapporten ska omfatta."))
        if omfattning == Omfattning.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Välj vilken organisation rapporten ska omfatta."))
        return data

    def start_kwargs(self) -> dict:
        data = self.cleaned_data
        uppfoljning = data["uppfoljning"]
        return {
            "plan": uppfoljning.plan,
            "ar": uppfoljning.ar,
            "omfattning": data["omfattning"],
            "malomrade": data.get("malomrade") if data["omfattning"] == Omfattning.MALOMRADE else None,
            "organisation": data.get("organisation") if data["omfattning"] == Omfattning.ORGANISATION else None,
            "tvinga": data.get("tvinga", False),
        }
