from django.contrib import admin

from aviseringar.models import Avisering, Installning


@admin.register(Avisering)
class AviseringAdmin(admin.ModelAdmin):
    list_display = ["rubrik", "mottagare", "typ", "skapad", "skickad", "last", "forsok"]
    list_filter = ["typ", "epost"]
    search_fields = ["rubrik", "nyckel", "mottagare__username"]
    readonly_fields = [f.name for f in Avisering._meta.fields]


@admin.register(Installning)
class InstallningAdmin(admin.ModelAdmin):
    list_display = ["anvandare", "veckosammanfattning", "sprak"]
