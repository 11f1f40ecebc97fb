from django.urls import path

from uppfoljning.views import public, rapporter, rapportering

app_name = "uppfoljning"
urlpatterns = [
    path("styrningsaktiviteter/<slug:slug>/", public.styrningsaktivitet_detail, name="styrningsaktivitet"),
    # Reporting (officials, samordnare, planägare)
    path("rapportering/", rapportering.mina_rapporter, name="mina_rapporter"),
    path("rapportering/statusrapporter/", rapportering.statusrapport_list, name="statusrapporter"),
    path("rapportering/statusrapporter/ny/", rapportering.statusrapport_create, name="statusrapport_ny"),
    path("rapportering/statusrapporter/<int:pk>/", rapportering.statusrapport_detail, name="statusrapport"),
    path("rapportering/statusrapporter/<int:pk>/andra/", rapportering.statusrapport_update, name="statusrapport_andra"),
    path(
        "rapportering/statusrapporter/<int:pk>/<slug:action>/",
        rapportering.statusrapport_action,
        name="statusrapport_action",
    ),
    path("rapportering/bilagor/<int:pk>/", rapportering.bilaga_download, name="bilaga"),
    path("rapportering/bilagor/<int:pk>/ta-bort/", rapportering.bilaga_delete, name="bilaga_ta_bort"),
    path("rapportering/perioder/", rapportering.period_list, name="perioder"),
    path("rapportering/perioder/ny/", rapportering.period_form, name="period_ny"),
    path("rapportering/perioder/<int:pk>/andra/", rapportering.period_form, name="period_andra"),
    path("rapportering/kompletthet/", rapportering.kompletthet, name="kompletthet"),
    path("rapportering/kompletthet.xlsx", rapportering.kompletthet_xlsx, name="kompletthet_xlsx"),
    path(
        "rapportering/aktivitetsstatus/<slug:period>/<slug:aktivitet>/",
        rapportering.aktivitetsstatus_form,
        name="aktivitetsstatus",
    ),
    # The follow-up: compiled reports and process evaluations (planägare)
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
