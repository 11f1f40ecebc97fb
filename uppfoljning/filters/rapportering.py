"""FilterSets of reporting, shared by the web lists and the API so the two never drift."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamlik.filters import ChoiceFilter, SlugFilter, StrictBooleanFilter
from plan.models import Aktivitet, Organisation
from uppfoljning.choices import Rapporttillstand, Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod


class UppfoljningsperiodFilterSet(django_filters.FilterSet):
    oppen = StrictBooleanFilter(label=_("Öppen i dag"), method="filter_oppen")

    class Meta:
        model = Uppfoljningsperiod
        fields = ["oppen"]

    def filter_oppen(self, queryset, name, value):
        idag = timezone.localdate()
        oppen = {"oppnar__lte": idag, "sista_dag__gte": idag}
        return queryset.filter(**oppen) if value else queryset.exclude(**oppen)


class StatusrapportFilterSet(django_filters.FilterSet):
    period = SlugFilter(queryset=Uppfoljningsperiod.objects.order_by("-oppnar"), label=_("Period"))
    aktivitet = SlugFilter(queryset=Aktivitet.objects.order_by("typ", "ordning"), label=_("Aktivitet"))
    organisation = SlugFilter(
        queryset=Organisation.objects.filter(roller__isnull=False).distinct().order_by("namn"),
        label=_("Organisation"),
    )
    status = ChoiceFilter(choices=Status.choices, label=_("Status"))
    tillstand = ChoiceFilter(choices=Rapporttillstand.choices, label=_("Tillstånd"))

    class Meta:
        model = Statusrapport
        fields = ["period", "aktivitet", "organisation", "status", "tillstand"]
