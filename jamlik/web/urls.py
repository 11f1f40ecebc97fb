from django.urls import path

from jamlik.web import monster, tema, views

app_name = "web"
urlpatterns = [
    path("", views.start, name="start"),
    path("sok/", views.search, name="sok"),
    path("tema.css", tema.tema_css, name="tema"),
    path("monster/", monster.monster, name="monster"),
    path("malomraden/<slug:slug>/", views.malomrade_detail, name="malomrade"),
    path("strategier/<slug:slug>/", views.strategi_detail, name="strategi"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("samverkansaktiviteter/<slug:slug>/", views.samverkansaktivitet_detail, name="samverkansaktivitet"),
    path("styrningsaktiviteter/<slug:slug>/", views.styrningsaktivitet_detail, name="styrningsaktivitet"),
]
