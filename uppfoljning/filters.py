"""FilterSets shared by the web lists and the API, so the two never drift."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from plan.models import Aktivitet, Organisation
from uppfoljning.choices import Jobbstatus, Rapporttillstand, Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod, Uppfoljningsrapport


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is an error instead of being silently ignored."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if str(value).lower() in {"true", "1"}:
            return True
        if str(value).lower() in {"false", "0"}:
            return False
        raise ValidationError(_("Ange true eller false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class UppfoljningsperiodFilterSet(django_filters.FilterSet):
    oppen = StrictBooleanFilter(label=_("öppen idag"), method="filter_oppen")

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


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: "0.5" is an error, not a filter that matches nothing."""

    field_class = forms.IntegerField


class UppfoljningsrapportFilterSet(django_filters.FilterSet):
    ar = IntegerFilter(label=_("uppföljningsår"))
    status = django_filters.ChoiceFilter(choices=Jobbstatus.choices, label=_("status"))

    class Meta:
        model = Uppfoljningsrapport
        fields = ["ar", "status"]
