"""/monster/: the pattern library for staff. Every component of the portal in every state, rendered
by the same templates, tags and form renderer as the real pages, with the snippet to use."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from jamlik.templatetags.portal import TAGS

# Who may open it: jamlik/web/rules.py (jamlik.view_monster).


class ExempelForm(forms.Form):
    """Every kind of field the portal's forms use, to show how the form renderer draws them."""

    namn = forms.CharField(label=_("Namn"), help_text=_("Som det står i planen."), max_length=200)
    beskrivning = forms.CharField(
        label=_("Beskrivning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=300,
        help_text=_("Kort och konkret."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Alla")), *TAGS["status"][0].choices])
    tillstand = forms.ChoiceField(label=_("Tillstånd"), choices=TAGS["tillstand"][0].choices, widget=forms.RadioSelect)
    organisationer = forms.MultipleChoiceField(
        label=_("Organisationer"),
        choices=[("a", "Arbetsmarknads- och vuxenutbildningsförvaltningen"), ("b", "Kulturnämnden")],
        widget=forms.CheckboxSelectMultiple,
    )
    godkann = forms.BooleanField(label=_("Jag har läst igenom rapporten"))


@login_required
@permission_required("jamlik.view_monster", raise_exception=True)
def monster(request):
    # ?fel=1 shows the form with errors: the error summary, each field's message and focus.
    med_fel = request.GET.get("fel") == "1"
    form = ExempelForm({"beskrivning": "x" * 310, "tillstand": ""} if med_fel else None)
    if med_fel:
        form.is_valid()
    tags = [(kind, [value for value, _label in choices.choices]) for kind, (choices, _styles) in TAGS.items()]
    context = {
        "form": form,
        "med_fel": med_fel,
        "tags": tags,
        "sida": Paginator(range(30), 10).page(2),
        "crumbs": [("#", _("Planen")), ("#", _("Aktiviteter"))],
    }
    return render(request, "web/monster.html", context)
