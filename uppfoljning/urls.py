from django.urls import path

from uppfoljning.views import public, rapporter

app_name = "uppfoljning"
urlpatterns = [
    path("styrningsaktiviteter/<slug:slug>/", public.styrningsaktivitet_detail, name="styrningsaktivitet"),
    path("uppfoljning/rapporter/", rapporter.rapport_list, name="rapporter"),
    path("uppfoljning/rapporter/starta/", rapporter.rapport_start, name="rapport_start"),
    path("uppfoljning/rapporter/<int:pk>/", rapporter.rapport_detail, name="rapport"),
    path("uppfoljning/rapporter/<int:pk>/visa/", rapporter.rapport_visa, name="rapport_visa"),
    path("uppfoljning/rapporter/<int:pk>/ladda-ned/<str:format>/", rapporter.rapport_download, name="rapport_fil"),
    path("uppfoljning/processutvarderingar/", rapporter.processutvardering_list, name="processutvarderingar"),
    path(
        "uppfoljning/processutvarderingar/skapa/",
        rapporter.processutvarderingar_skapa,
        name="processutvarderingar_skapa",
    ),
    path("uppfoljning/processutvarderingar/<int:pk>/", rapporter.processutvardering_detail, name="processutvardering"),
    path(
        "uppfoljning/processutvarderingar/<int:pk>/redigera/",
        rapporter.processutvardering_edit,
        name="processutvardering_edit",
    ),
]
