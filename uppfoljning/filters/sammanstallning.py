"""FilterSet of compiled follow-up reports (API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from jamlik.filters import ChoiceFilter, IntegerFilter
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Uppfoljningsrapport


class UppfoljningsrapportFilterSet(django_filters.FilterSet):
    ar = IntegerFilter(label=_("Uppföljningsår"))
    status = ChoiceFilter(choices=Jobbstatus.choices, label=_("Status"))

    class Meta:
        model = Uppfoljningsrapport
        fields = ["ar", "status"]
