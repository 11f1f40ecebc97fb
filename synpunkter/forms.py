from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

MEDDELANDE_MAX = 3000


class SynpunktForm(forms.Form):
    meddelande = forms.CharField(
        label=_("Vad fungerade inte?"),
        help_text=_("Beskriv problemet och vad du försökte göra, så att vi kan rätta det."),
        max_length=MEDDELANDE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Skriv vad som inte fungerade.")},
    )
    sidadress = forms.CharField(
        label=_("Sidans adress (frivilligt)"),
        help_text=_("Adressen till sidan där problemet finns, till exempel /matris/."),
        max_length=500,
        required=False,
        validators=[RegexValidator(r"^\S*$", _("Adressen får inte innehålla mellanslag eller radbrytningar."))],
    )
    epost = forms.EmailField(
        label=_("Din e-postadress (frivilligt)"),
        help_text=_("Fyll i om du vill ha svar. Vi använder den bara för att svara dig."),
        required=False,
        error_messages={"invalid": _("Skriv en e-postadress i formatet namn@exempel.se.")},
    )
