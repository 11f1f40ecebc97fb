"""FilterSets of the plan's models, shared by the public list pages and the API so the two
never drift. Unknown slugs and invalid choices make the form invalid: 400 in the API, an
error message on the page.

Slugs are unique within a plan, so every plan-scoped FilterSet knows its plan: the page's plan
(`plan=`), else the `plan` filter's value, else the plan in force. Choices that name plan content
(målområde, strategi, activity, organisation) are narrowed to that plan."""

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from jamlik.filters import ChoiceFilter, SlugFilter
from plan.choices import AktivitetTyp, OrganisationTyp
from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Malomrade,
    Organisation,
    Plan,
    Strategi,
    StyrandeDokument,
)
from plan.selectors import plan_current_cached


class PlanSlugFilter(SlugFilter):
    """A slug filter whose choices are narrowed to the FilterSet's plan (`plan_lookup` from the row)."""

    def __init__(self, *args, plan_lookup: str = "plan", **kwargs):
        self.plan_lookup = plan_lookup
        super().__init__(*args, **kwargs)


class PlanFilterSet(filters.FilterSet):
    plan = SlugFilter(
        queryset=Plan.objects.order_by("-giltig_fran"),
        label=_("Plan"),
        help_text=_("Planens kortnamn (slug); utelämnad: alla planer i listor."),
    )

    def __init__(self, data=None, queryset=None, *, plan: Plan | None = None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if plan is not None:
            self.filters.pop("plan", None)  # the page's plan decides; not a choice on the page
        self.plan = plan or self._plan_from_data() or plan_current_cached()
        for f in self.filters.values():
            if isinstance(f, PlanSlugFilter) and self.plan is not None:
                f.queryset = f.queryset.filter(**{f.plan_lookup: self.plan}).distinct()

    def _plan_from_data(self) -> Plan | None:
        slug = (self.data or {}).get("plan") if "plan" in self.filters else None
        return Plan.objects.filter(slug=slug).first() if slug else None


class MalomradeFilterSet(PlanFilterSet):
    class Meta:
        model = Malomrade
        fields = ["plan"]


class ForutsattningFilterSet(PlanFilterSet):
    class Meta:
        model = Forutsattning
        fields = ["plan"]


class StyrandeDokumentFilterSet(PlanFilterSet):
    class Meta:
        model = StyrandeDokument
        fields = ["plan"]


class StrategiFilterSet(PlanFilterSet):
    malomrade = PlanSlugFilter(
        queryset=Malomrade.objects.order_by("ordning"),
        label=_("Målområde"),
        help_text=_("Målområdets kortnamn (slug)."),
    )

    class Meta:
        model = Strategi
        fields = ["plan", "malomrade"]


class OrganisationFilterSet(filters.FilterSet):
    typ = ChoiceFilter(choices=OrganisationTyp.choices, label=_("Typ av organisation"))

    class Meta:
        model = Organisation
        fields = ["typ"]


class AktivitetFilterSet(PlanFilterSet):
    typ = ChoiceFilter(choices=AktivitetTyp.choices, label=_("Typ av aktivitet"))
    organisation = PlanSlugFilter(
        queryset=Organisation.objects.order_by("namn"),
        plan_lookup="kommun__program__planer",
        method="filter_organisation",
        label=_("Organisation"),
        help_text=_("Organisationens slug; aktiviteter där den har någon roll."),
    )
    strategi = PlanSlugFilter(
        queryset=Strategi.objects.order_by("malomrade__ordning", "ordning"),
        method="filter_strategi",
        label=_("Strategi"),
        help_text=_("Strategins slug; aktiviteter som arbetar med den enligt strategimatrisen."),
    )

    class Meta:
        model = Aktivitet
        fields = ["plan", "typ", "organisation", "strategi"]

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(pk__in=Aktivitetsroll.objects.filter(organisation=value).values("aktivitet_id"))

    def filter_strategi(self, queryset, name, value):
        return queryset.filter(matrisplaceringar__strategi=value).distinct()
