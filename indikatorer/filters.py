"""FilterSets of indicators, areas and values, used by the API (and open to the web lists). Unknown
slugs, a year that is not a whole number and a gender that is not T, K or M are form errors: 400
with the reason. Slugs of plan content are narrowed to the plan (`plan=`, else the plan in force),
area slugs to that plan's municipality."""

from django.utils.translation import gettext_lazy as _

from indikatorer.choices import Kalla, Kon, Niva
from indikatorer.models import Indikator, Omrade, Varde
from jamlik.filters import ChoiceFilter, IntegerFilter, SlugFilter
from plan.filters import PlanFilterSet, PlanSlugFilter
from plan.models import Malomrade, Plan, Strategi

PLAN_HJALP = _("Planens kortnamn (slug); utelämnad: alla planer.")


class IndikatorFilterSet(PlanFilterSet):
    plan = SlugFilter(
        field_name="planer", queryset=Plan.objects.order_by("-giltig_fran"), label=_("Plan"), help_text=PLAN_HJALP
    )
    strategi = PlanSlugFilter(
        field_name="strategier",
        queryset=Strategi.objects.order_by("malomrade__ordning", "ordning"),
        label=_("Strategi"),
        help_text=_("Strategins kortnamn (slug): indikatorer som följer strategin."),
    )
    malomrade = PlanSlugFilter(
        field_name="malomraden",
        queryset=Malomrade.objects.order_by("ordning"),
        label=_("Målområde"),
        help_text=_("Målområdets kortnamn (slug)."),
    )
    kalla = ChoiceFilter(choices=Kalla.choices, label=_("Källa"))

    class Meta:
        model = Indikator
        fields = ["plan", "strategi", "malomrade", "kalla"]


class OmradeFilterSet(PlanFilterSet):
    plan = SlugFilter(
        field_name="kommun__program__planer",
        queryset=Plan.objects.order_by("-giltig_fran"),
        label=_("Plan"),
        help_text=_("Planens kortnamn (slug): områdena i planens kommun."),
        distinct=True,
    )
    niva = ChoiceFilter(choices=Niva.choices, label=_("Nivå"))
    ar = IntegerFilter(method="filter_ar", label=_("År"), help_text=_("Områden som fanns det året."))

    class Meta:
        model = Omrade
        fields = ["plan", "niva", "ar"]

    def filter_ar(self, queryset, name, value):
        return queryset.exclude(giltig_fran__gt=value).exclude(giltig_till__lt=value)


class VardeFilterSet(PlanFilterSet):
    plan = SlugFilter(
        field_name="indikator__planer",
        queryset=Plan.objects.order_by("-giltig_fran"),
        label=_("Plan"),
        help_text=PLAN_HJALP,
    )
    indikator = PlanSlugFilter(
        queryset=Indikator.objects.order_by("ordning", "namn"),
        plan_lookup="planer",
        label=_("Indikator"),
        help_text=_("Indikatorns kortnamn (slug)."),
    )
    strategi = PlanSlugFilter(
        field_name="indikator__strategier",
        queryset=Strategi.objects.order_by("malomrade__ordning", "ordning"),
        label=_("Strategi"),
        help_text=_("Strategins kortnamn (slug): värden för indikatorer som följer strategin."),
    )
    omrade = PlanSlugFilter(
        queryset=Omrade.objects.order_by("ordning", "namn"),
        plan_lookup="kommun__program__planer",
        label=_("Område"),
        help_text=_("Områdets kortnamn (slug)."),
    )
    ar = IntegerFilter(label=_("År"))
    ar_fran = IntegerFilter(field_name="ar", lookup_expr="gte", label=_("Från år"))
    ar_till = IntegerFilter(field_name="ar", lookup_expr="lte", label=_("Till år"))
    kon = ChoiceFilter(choices=Kon.choices, label=_("Kön"), help_text=_("T (totalt), K (kvinnor) eller M (män)."))
    niva = ChoiceFilter(field_name="omrade__niva", choices=Niva.choices, label=_("Områdesnivå"))

    class Meta:
        model = Varde
        fields = ["plan", "indikator", "strategi", "omrade", "ar", "ar_fran", "ar_till", "kon", "niva"]
