from django.contrib import admin

from jamlik.admin_forms import LabelledTabularInline
from plan.admin import AktivitetsrollInline
from samverkan.models import Insats, Matrisplacering, Samverkansaktivitet


class MatrisplaceringInline(LabelledTabularInline):
    model = Matrisplacering
    fk_name = "samverkansaktivitet"
    extra = 0
    autocomplete_fields = ["strategi"]


@admin.register(Samverkansaktivitet)
class SamverkansaktivitetAdmin(admin.ModelAdmin):
    list_display = ["titel", "plan", "ordning"]
    list_filter = ["plan"]
    search_fields = ["titel", "syfte", "beskrivning"]
    exclude = ["typ"]
    inlines = [AktivitetsrollInline, MatrisplaceringInline]
    prepopulated_fields = {"slug": ["titel"]}


@admin.register(Matrisplacering)
class MatrisplaceringAdmin(admin.ModelAdmin):
    list_display = ["samverkansaktivitet", "malomrade", "ordning", "strategi"]
    list_filter = ["malomrade", "samverkansaktivitet"]
    search_fields = ["strategi__namn", "samverkansaktivitet__titel"]
    list_select_related = ["samverkansaktivitet", "malomrade", "strategi"]
    autocomplete_fields = ["strategi"]


@admin.register(Insats)
class InsatsAdmin(admin.ModelAdmin):
    list_display = ["titel", "samverkansaktivitet", "exempel"]
    list_filter = ["exempel", "samverkansaktivitet"]
    search_fields = ["titel", "beskrivning"]
    filter_horizontal = ["organisationer", "strategier"]
    prepopulated_fields = {"slug": ["titel"]}
