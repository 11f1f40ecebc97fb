"""FilterSets shared by the web lists and the API, so the two never drift."""

import django_filters
from django.utils.translation import gettext_lazy as _

from plan.models import Aktivitet, Organisation
from uppfoljning.choices import Rapporttillstand, Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod


class UppfoljningsperiodFilterSet(django_filters.FilterSet):
    oppen = django_filters.BooleanFilter(label=_("öppen idag"), method="filter_oppen")

    class Meta:
        model = Uppfoljningsperiod
        fields = ["oppen"]

    def filter_oppen(self, queryset, name, value):
        from django.utils import timezone

        idag = timezone.localdate()
        oppen = {"oppnar__lte": idag, "sista_dag__gte": idag}
        return queryset.filter(**oppen) if value else queryset.exclude(**oppen)


class StatusrapportFilterSet(django_filters.FilterSet):
    period = django_filters.ModelChoiceFilter(
        queryset=Uppfoljningsperiod.objects.order_by("-oppnar"), to_field_name="slug", label=_("period")
    )
    aktivitet = django_filters.ModelChoiceFilter(
        queryset=Aktivitet.objects.order_by("typ", "ordning"), to_field_name="slug", label=_("aktivitet")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.filter(roller__isnull=False).distinct().order_by("namn"),
        to_field_name="slug",
        label=_("organisation"),
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("status"))
    tillstand = django_filters.ChoiceFilter(choices=Rapporttillstand.choices, label=_("tillstånd"))

    class Meta:
        model = Statusrapport
        fields = ["period", "aktivitet", "organisation", "status", "tillstand"]
