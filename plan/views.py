"""Public pages of the plan."""

from django.shortcuts import get_object_or_404, render

from plan.choices import AktivitetTyp
from plan.models import Malomrade, Organisation, Strategi
from plan.selectors import aktiviteter_with_roller, malomraden_with_strategier, plan_current


def start(request):
    plan = plan_current()
    context = {"plan": plan}
    if plan:
        context |= {
            "malomraden": malomraden_with_strategier(plan=plan),
            "samverkansaktiviteter": aktiviteter_with_roller(plan=plan, typ=AktivitetTyp.SAMVERKAN),
            "styrningsaktiviteter": aktiviteter_with_roller(plan=plan, typ=AktivitetTyp.STYRNING),
        }
    return render(request, "plan/start.html", context)


def malomrade_detail(request, slug):
    malomrade = get_object_or_404(Malomrade, slug=slug)
    return render(request, "plan/malomrade_detail.html", {"malomrade": malomrade})


def strategi_detail(request, slug):
    strategi = get_object_or_404(Strategi.objects.select_related("malomrade"), slug=slug)
    return render(request, "plan/strategi_detail.html", {"strategi": strategi})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "plan/organisation_detail.html", {"organisation": organisation})
