"""FilterSets of reporting, shared by the web lists and the API so the two never drift."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jamlik.filters import ChoiceFilter, OrderingFilter, SlugFilter, StrictBooleanFilter
from plan.filters import PlanFilterSet, PlanSlugFilter
from plan.models import Aktivitet, Aktivitetsroll, Organisation, Plan
from uppfoljning.choices import Rapporttillstand, Status
from uppfoljning.models import Statusrapport, Uppfoljningsperiod
from uppfoljning.selectors.rapportering import SAKNAS


class UppfoljningsperiodFilterSet(PlanFilterSet):
    oppen = StrictBooleanFilter(label=_("Öppen i dag"), method="filter_oppen")

    class Meta:
        model = Uppfoljningsperiod
        fields = ["plan", "oppen"]

    def filter_oppen(self, queryset, name, value):
        idag = timezone.localdate()
        oppen = {"oppnar__lte": idag, "sista_dag__gte": idag}
        return queryset.filter(**oppen) if value else queryset.exclude(**oppen)


# Sortable columns of the report list: model path → parameter value (web and API alike).
SORTERING = (
    ("period__oppnar", "period"),
    ("aktivitet__titel", "aktivitet"),
    ("organisation__namn", "organisation"),
    ("status", "status"),
    ("tillstand", "tillstand"),
    ("period__sista_dag", "sista_dag"),
    ("uppdaterad", "uppdaterad"),
)


class StatusrapportFilterSet(PlanFilterSet):
    plan = SlugFilter(
        queryset=Plan.objects.order_by("-giltig_fran"),
        field_name="period__plan",
        label=_("Plan"),
        help_text=_("Planens kortnamn (slug); utelämnad: alla planer."),
    )
    period = PlanSlugFilter(queryset=Uppfoljningsperiod.objects.order_by("-oppnar"), label=_("Period"))
    aktivitet = PlanSlugFilter(queryset=Aktivitet.objects.order_by("typ", "ordning"), label=_("Aktivitet"))
    organisation = PlanSlugFilter(
        queryset=Organisation.objects.filter(roller__isnull=False).order_by("namn"),
        plan_lookup="kommun__program__planer",
        label=_("Organisation"),
    )
    status = ChoiceFilter(choices=Status.choices, label=_("Status"))
    tillstand = ChoiceFilter(choices=Rapporttillstand.choices, label=_("Tillstånd"))
    ordning = OrderingFilter(
        fields=SORTERING,
        label=_("Sortering"),
        empty_label=_("Standard"),
        help_text=_("Kolumn att sortera på; ett minustecken först sorterar fallande (t.ex. -uppdaterad)."),
    )

    class Meta:
        model = Statusrapport
        fields = ["plan", "period", "aktivitet", "organisation", "status", "tillstand"]


class KompletthetFilterSet(PlanFilterSet):
    """Completeness: the expected reports of one period (the base queryset, from
    selectors.kompletthet_roller), narrowed by activity, organisation and the report's state."""

    period = PlanSlugFilter(
        queryset=Uppfoljningsperiod.objects.order_by("-oppnar"),
        label=_("Period"),
        method="filter_period",
        empty_label=None,
    )
    aktivitet = PlanSlugFilter(
        queryset=Aktivitet.objects.order_by("typ", "ordning"), label=_("Aktivitet"), empty_label=_("Alla aktiviteter")
    )
    organisation = PlanSlugFilter(
        queryset=Organisation.objects.filter(roller__isnull=False).order_by("namn"),
        plan_lookup="kommun__program__planer",
        label=_("Organisation"),
    )
    tillstand = ChoiceFilter(
        choices=[(SAKNAS, _("Saknas")), *Rapporttillstand.choices],
        field_name="rapport_tillstand",
        label=_("Rapportens tillstånd"),
    )

    class Meta:
        model = Aktivitetsroll
        fields = ["period", "aktivitet", "organisation", "tillstand"]

    def filter_period(self, queryset, name, value):
        return queryset  # the period chooses the base queryset (kompletthet_roller), not a row filter
