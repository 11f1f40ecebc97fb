from django.urls import path

from uppfoljning.views import kalkylblad, oversikt, rapportering, sammanstallning, utvardering

app_name = "uppfoljning"
urlpatterns = [
    # Where a signed-in user lands; the planägare's overview of what needs them
    path("rapportering/start/", oversikt.inloggad_start, name="inloggad_start"),
    path("uppfoljning/planagare/", oversikt.planagare_oversikt, name="planagare"),
    # Reporting (officials, samordnare, planägare)
    path("rapportering/", rapportering.mina_rapporter, name="mina_rapporter"),
    path("rapportering/statusrapporter/", rapportering.statusrapport_list, name="statusrapporter"),
    path(
        "rapportering/statusrapporter.csv",
        rapportering.statusrapport_export,
        {"format": "csv"},
        name="statusrapporter_csv",
    ),
    path(
        "rapportering/statusrapporter.xlsx",
        rapportering.statusrapport_export,
        {"format": "xlsx"},
        name="statusrapporter_xlsx",
    ),
    path("rapportering/statusrapporter/ny/", rapportering.statusrapport_create, name="statusrapport_ny"),
    path("rapportering/statusrapporter/<int:pk>/", rapportering.statusrapport_detail, name="statusrapport"),
    path("rapportering/statusrapporter/<int:pk>/andra/", rapportering.statusrapport_update, name="statusrapport_andra"),
    path(
        "rapportering/statusrapporter/<int:pk>/<slug:action>/",
        rapportering.statusrapport_action,
        name="statusrapport_action",
    ),
    path("rapportering/kalkylblad/", kalkylblad.kalkylblad_page, name="kalkylblad"),
    path("rapportering/kalkylblad/ladda-ner/", kalkylblad.kalkylblad_download, name="kalkylblad_ladda_ner"),
    path("rapportering/kalkylblad/verkstall/", kalkylblad.kalkylblad_apply, name="kalkylblad_verkstall"),
    path("rapportering/granskningsblad/", kalkylblad.granskningsblad_page, name="granskningsblad"),
    path(
        "rapportering/granskningsblad/ladda-ner/",
        kalkylblad.granskningsblad_download,
        name="granskningsblad_ladda_ner",
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
    # The follow-up: compiled reports (sammanställningar) and process evaluations (planägare)
    path("uppfoljning/rapporter/", sammanstallning.rapport_list, name="sammanstallningar"),
    path("uppfoljning/rapporter/starta/", sammanstallning.rapport_start, name="sammanstallning_start"),
    path("uppfoljning/rapporter/<int:pk>/", sammanstallning.rapport_detail, name="sammanstallning"),
    path("uppfoljning/rapporter/<int:pk>/forlopp/", sammanstallning.rapport_forlopp, name="sammanstallning_forlopp"),
    path("uppfoljning/rapporter/<int:pk>/visa/", sammanstallning.rapport_visa, name="sammanstallning_visa"),
    path(
        "uppfoljning/rapporter/<int:pk>/ladda-ned/<str:format>/",
        sammanstallning.rapport_download,
        name="sammanstallning_fil",
    ),
    path("uppfoljning/processutvarderingar/", utvardering.processutvardering_list, name="processutvarderingar"),
    path(
        "uppfoljning/processutvarderingar/skapa/",
        utvardering.processutvarderingar_skapa,
        name="processutvarderingar_skapa",
    ),
    path(
        "uppfoljning/processutvarderingar/<int:pk>/", utvardering.processutvardering_detail, name="processutvardering"
    ),
    path(
        "uppfoljning/processutvarderingar/<int:pk>/redigera/",
        utvardering.processutvardering_edit,
        name="processutvardering_edit",
    ),
]
