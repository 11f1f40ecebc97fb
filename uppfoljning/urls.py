from django.urls import path

from uppfoljning import views

app_name = "uppfoljning"
urlpatterns = [
    path("styrningsaktiviteter/<slug:slug>/", views.styrningsaktivitet_detail, name="styrningsaktivitet"),
]
