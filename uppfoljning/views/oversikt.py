"""Where a signed-in user lands: the planägare on what needs them (their own page), everyone else
on Mina rapporter."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from jamlik.rules import require
from plan.rules import is_planagare
from plan.selectors import plan_current_cached
from uppfoljning.selectors.oversikt import planagaroversikt


@login_required
def inloggad_start(request):
    """LOGIN_REDIRECT_URL: the planägare's overview for planägare, Mina rapporter for officials."""
    if is_planagare(request.user):
        return redirect("uppfoljning:planagare")
    return redirect("uppfoljning:mina_rapporter")


@login_required
def planagare_oversikt(request):
    require(request.user, "uppfoljning.manage_uppfoljningsperiod")
    plan = plan_current_cached()
    return render(
        request,
        "uppfoljning/oversikt/planagare.html",
        {"plan": plan, "oversikt": planagaroversikt(user=request.user, plan=plan)},
    )
