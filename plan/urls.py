from django.urls import path

from plan import views

app_name = "plan"
urlpatterns = [
    path("", views.start, name="start"),
    path("sok/", views.search, name="sok"),
    path("malomraden/<slug:slug>/", views.malomrade_detail, name="malomrade"),
    path("strategier/<slug:slug>/", views.strategi_detail, name="strategi"),
    path("organisationer/", views.organisation_list, name="organisationer"),
    path("organisationer/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("aktiviteter/", views.aktivitet_list, name="aktiviteter"),
    path("aktiviteter.csv", views.aktivitet_list_csv, name="aktiviteter-csv"),
    path("aktiviteter.xlsx", views.aktivitet_list_xlsx, name="aktiviteter-xlsx"),
]
