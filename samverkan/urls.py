from django.urls import path

from samverkan import views

app_name = "samverkan"
urlpatterns = [
    path("matris/", views.matris, name="matris"),
    path("matris.csv", views.matris_csv, name="matris-csv"),
    path("matris.xlsx", views.matris_xlsx, name="matris-xlsx"),
]
