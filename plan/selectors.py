"""Reads of the plan's structure."""

from django.db.models import Prefetch, QuerySet

from plan.models import Aktivitet, Aktivitetsroll, Malomrade, Plan, Strategi


def plan_current() -> Plan | None:
    """The plan in force: the latest by start year (one plan at a time)."""
    return Plan.objects.select_related("program").order_by("-giltig_fran").first()


def malomraden_with_strategier(*, plan: Plan) -> QuerySet[Malomrade]:
    return (
        Malomrade.objects.filter(program_id=plan.program_id)
        .order_by("ordning")
        .prefetch_related(Prefetch("strategier", queryset=Strategi.objects.order_by("ordning")))
    )


def aktiviteter_with_roller(*, plan: Plan, typ: str) -> QuerySet[Aktivitet]:
    return (
        Aktivitet.objects.filter(plan=plan, typ=typ)
        .order_by("ordning")
        .prefetch_related(
            Prefetch(
                "roller",
                queryset=Aktivitetsroll.objects.select_related("organisation").order_by("roll", "ordning"),
            )
        )
    )
