"""FilterSet of the strategy matrix, shared by the matrix page and the API's matris/."""

from django.utils.translation import gettext_lazy as _

from jamlik.filters import SlugFilter
from plan.filters import PlanFilterSet, PlanSlugFilter
from plan.models import Aktivitetsroll, Malomrade, Organisation, Plan, Strategi
from samverkan.models import Matrisplacering, Samverkansaktivitet


class MatrisplaceringFilterSet(PlanFilterSet):
    plan = SlugFilter(
        queryset=Plan.objects.order_by("-giltig_fran"),
        field_name="samverkansaktivitet__plan",
        label=_("Plan"),
        help_text=_("Planens kortnamn (slug); utelämnad: alla planer i listor."),
    )
    samverkansaktivitet = PlanSlugFilter(
        queryset=Samverkansaktivitet.objects.order_by("ordning"),
        label=_("Samverkansaktivitet"),
        help_text=_("Radens samverkansaktivitet (slug)."),
    )
    malomrade = PlanSlugFilter(
        queryset=Malomrade.objects.order_by("ordning"),
        label=_("Målområde"),
        help_text=_("Kolumnens målområde (slug)."),
    )
    strategi = PlanSlugFilter(
        queryset=Strategi.objects.order_by("malomrade__ordning", "ordning"),
        label=_("Strategi"),
        help_text=_("Strategins slug."),
    )
    organisation = PlanSlugFilter(
        queryset=Organisation.objects.order_by("namn"),
        plan_lookup="kommun__program__planer",
        method="filter_organisation",
        label=_("Organisation"),
        help_text=_("Rader där organisationen har någon roll (slug)."),
    )

    class Meta:
        model = Matrisplacering
        fields = ["plan", "samverkansaktivitet", "malomrade", "strategi", "organisation"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(
            samverkansaktivitet_id__in=Aktivitetsroll.objects.filter(organisation=value).values("aktivitet_id")
        )
