from django.urls import path

from plan import views

app_name = "plan"
urlpatterns = [
    path("organisationer/", views.organisation_list, name="organisationer"),
    path("aktiviteter/", views.aktivitet_list, name="aktiviteter"),
    path("aktiviteter.csv", views.aktivitet_list_csv, name="aktiviteter-csv"),
    path("aktiviteter.xlsx", views.aktivitet_list_xlsx, name="aktiviteter-xlsx"),
]
