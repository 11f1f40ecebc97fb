"""The public pages. Every page of one plan exists twice: at the short address for the plan in
force (namespace `web`) and under `/planer/<plan>/` for every plan (namespace `planer`), so a
historical plan stays readable and citable. `plan.models.plan_reverse` picks the right one."""

from django.urls import path

from jamlik.web import flode, monster, tema, views
from plan import views as plan_views
from samverkan import views as samverkan_views

app_name = "web"

# The pages of one plan; each view takes the plan from the address (`plan`) or shows the plan in force.
planvyer = [
    path("", views.start, name="start"),
    path("om-planen/", views.plan_detail, name="plan"),
    path("sok/", views.search, name="sok"),
    path("matris/", samverkan_views.matris, name="matris"),
    path("matris.csv", samverkan_views.matris_csv, name="matris-csv"),
    path("matris.xlsx", samverkan_views.matris_xlsx, name="matris-xlsx"),
    path("malomraden/<slug:slug>/", views.malomrade_detail, name="malomrade"),
    path("strategier/<slug:slug>/", views.strategi_detail, name="strategi"),
    path("organisationer/", plan_views.organisation_list, name="organisationer"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("aktiviteter/", plan_views.aktivitet_list, name="aktiviteter"),
    path("aktiviteter.csv", plan_views.aktivitet_list_csv, name="aktiviteter-csv"),
    path("aktiviteter.xlsx", plan_views.aktivitet_list_xlsx, name="aktiviteter-xlsx"),
    path("samverkansaktiviteter/<slug:slug>/", views.samverkansaktivitet_detail, name="samverkansaktivitet"),
    path("styrningsaktiviteter/<slug:slug>/", views.styrningsaktivitet_detail, name="styrningsaktivitet"),
    # The public follow-up (what is published: uppfoljning/selectors/publicering.py)
    path("uppfoljning/", views.uppfoljning, name="uppfoljning"),
    path("uppfoljning/flode.atom", flode.UppfoljningFeed(), name="uppfoljning-flode"),
    path("uppfoljning/statusrapporter.csv", views.statusrapporter_csv, name="statusrapporter-csv"),
    path("uppfoljning/statusrapporter.xlsx", views.statusrapporter_xlsx, name="statusrapporter-xlsx"),
]

urlpatterns = [
    path("tema.css", tema.tema_css, name="tema"),
    path("monster/", monster.monster, name="monster"),
    path("planer/", views.plan_list, name="planer"),
    path("valj-plan/", views.plan_valj, name="plan_valj"),
    # The short addresses show the plan in force; `?plan=<slug>` there leads to that plan's own address.
    *[path(str(p.pattern), views.plan_i_fragan(p.callback), name=p.name) for p in planvyer],
]
# jamlik/urls.py mounts `planvyer` a second time under planer/<plan>/ (namespace `planer`).
