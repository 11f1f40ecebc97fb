"""Pages of the steering activities and follow-up."""

from django.shortcuts import get_object_or_404, render

from uppfoljning.models import Styrningsaktivitet


def styrningsaktivitet_detail(request, slug):
    aktivitet = get_object_or_404(Styrningsaktivitet, slug=slug)
    return render(request, "uppfoljning/styrningsaktivitet_detail.html", {"aktivitet": aktivitet})
