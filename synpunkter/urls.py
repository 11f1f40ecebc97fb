from django.urls import path

from synpunkter import views

app_name = "synpunkter"

urlpatterns = [
    path("tillganglighet/", views.redogorelse, name="redogorelse"),
    path("tillganglighet/synpunkt/", views.synpunkt, name="synpunkt"),
    path("tillganglighet/synpunkt/tack/", views.tack, name="tack"),
]
