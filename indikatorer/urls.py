from django.urls import path

from indikatorer.views import statistik as views

app_name = "indikatorer"
urlpatterns = [
    path("indikatorer/import/", views.statistik_import, name="import"),
    path("indikatorer/import/mall.xlsx", views.statistik_mall, name="import_mall"),
    path("indikatorer/import/spara/", views.statistik_spara, name="import_spara"),
]
