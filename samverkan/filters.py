"""FilterSet of the strategy matrix, shared by the matrix page and the API's matris/."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from jamlik.filters import SlugFilter
from plan.models import Aktivitetsroll, Malomrade, Organisation, Strategi
from samverkan.models import Matrisplacering, Samverkansaktivitet


class MatrisplaceringFilterSet(filters.FilterSet):
    samverkansaktivitet = SlugFilter(
        queryset=Samverkansaktivitet.objects.order_by("ordning"),
        to_field_name="slug",
        label=_("Samverkansaktivitet"),
        help_text=_("Radens samverkansaktivitet (slug)."),
    )
    malomrade = SlugFilter(
        queryset=Malomrade.objects.order_by("ordning"),
        to_field_name="slug",
        label=_("Målområde"),
        help_text=_("Kolumnens målområde (slug)."),
    )
    strategi = SlugFilter(
        queryset=Strategi.objects.order_by("malomrade__ordning", "ordning"),
        to_field_name="slug",
        label=_("Strategi"),
        help_text=_("Strategins slug."),
    )
    organisation = SlugFilter(
        queryset=Organisation.objects.order_by("namn"),
        to_field_name="slug",
        method="filter_organisation",
        label=_("Organisation"),
        help_text=_("Rader där organisationen har någon roll (slug)."),
    )

    class Meta:
        model = Matrisplacering
        fields = ["samverkansaktivitet", "malomrade", "strategi", "organisation"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            samverkansaktivitet_id__in=Aktivitetsroll.objects.filter(organisation=value).values("aktivitet_id")
        )
