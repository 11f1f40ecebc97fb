"""FilterSet of compiled follow-up reports (API)."""

from django.utils.translation import gettext_lazy as _

from jamlik.filters import ChoiceFilter, IntegerFilter
from plan.filters import PlanFilterSet
from uppfoljning.choices import Jobbstatus
from uppfoljning.models import Uppfoljningsrapport


class UppfoljningsrapportFilterSet(PlanFilterSet):
    ar = IntegerFilter(label=_("Uppföljningsår"))
    status = ChoiceFilter(choices=Jobbstatus.choices, label=_("Status"))

    class Meta:
        model = Uppfoljningsrapport
        fields = ["plan", "ar", "status"]
