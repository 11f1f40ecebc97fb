"""Public pages of the collaboration activities and the strategy matrix."""

from django.shortcuts import get_object_or_404, render

from plan.selectors import plan_current
from samverkan.models import Samverkansaktivitet
from samverkan.selectors import strategimatris


def matris(request):
    plan = plan_current()
    return render(
        request, "samverkan/matris.html", {"plan": plan, "matris": strategimatris(plan=plan) if plan else None}
    )


def samverkansaktivitet_detail(request, slug):
    aktivitet = get_object_or_404(Samverkansaktivitet, slug=slug)
    return render(request, "samverkan/samverkansaktivitet_detail.html", {"aktivitet": aktivitet})
