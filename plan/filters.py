"""FilterSets of the plan's models, shared by the public list pages and the API so the two
never drift. Unknown slugs and invalid choices make the form invalid: 400 in the API, an
error message on the page."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from jamlik.filters import ChoiceFilter, SlugFilter
from plan.choices import AktivitetTyp, OrganisationTyp
from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Organisation, Strategi


class StrategiFilterSet(filters.FilterSet):
    malomrade = SlugFilter(
        queryset=Malomrade.objects.order_by("ordning"),
        to_field_name="slug",
        label=_("Målområde"),
        help_text=_("Målområdets kortnamn (slug)."),
    )

    class Meta:
        model = Strategi
        fields = ["malomrade"]


class OrganisationFilterSet(filters.FilterSet):
    typ = ChoiceFilter(choices=OrganisationTyp.choices, label=_("Typ av organisation"))

    class Meta:
        model = Organisation
        fields = ["typ"]


class AktivitetFilterSet(filters.FilterSet):
    typ = ChoiceFilter(choices=AktivitetTyp.choices, label=_("Typ av aktivitet"))
    organisation = SlugFilter(
        queryset=Organisation.objects.order_by("namn"),
        to_field_name="slug",
        method="filter_organisation",
        label=_("Organisation"),
        help_text=_("Organisationens slug; aktiviteter där den har någon roll."),
    )
    strategi = SlugFilter(
        queryset=Strategi.objects.order_by("malomrade__ordning", "ordning"),
        to_field_name="slug",
        method="filter_strategi",
        label=_("Strategi"),
        help_text=_("Strategins slug; aktiviteter som arbetar med den enligt strategimatrisen."),
    )

    class Meta:
        model = Aktivitet
        fields = ["typ", "organisation", "strategi"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(pk__in=Aktivitetsroll.objects.filter(organisation=value).values("aktivitet_id"))

    def filter_strategi(self, queryset, name, value):
        return queryset.filter(matrisplaceringar__strategi=value).distinct()
