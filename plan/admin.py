from django.contrib import admin

from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Malomrade,
    Medlemskap,
    Organisation,
    OrganisationAlias,
    Plan,
    Program,
    Strategi,
    StyrandeDokument,
)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["namn", "diarienummer", "giltig_fran", "giltig_till"]
    search_fields = ["namn", "diarienummer"]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["namn", "program", "diarienummer", "beslutsdatum", "giltig_fran", "giltig_till"]
    list_filter = ["program"]
    search_fields = ["namn", "diarienummer"]
    prepopulated_fields = {"slug": ["namn"]}


class StrategiInline(admin.TabularInline):
    model = Strategi
    extra = 0
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Malomrade)
class MalomradeAdmin(admin.ModelAdmin):
    list_display = ["namn", "program", "ordning"]
    list_filter = ["program"]
    search_fields = ["namn"]
    inlines = [StrategiInline]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Strategi)
class StrategiAdmin(admin.ModelAdmin):
    list_display = ["namn", "malomrade", "ordning"]
    list_filter = ["malomrade"]
    search_fields = ["namn"]
    list_select_related = ["malomrade"]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Forutsattning)
class ForutsattningAdmin(admin.ModelAdmin):
    list_display = ["namn", "program", "ordning"]
    list_filter = ["program"]
    search_fields = ["namn", "beskrivning"]
    prepopulated_fields = {"slug": ["namn"]}


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["namn", "typ", "tillhor", "samlingsbegrepp"]
    list_filter = ["typ", "samlingsbegrepp"]
    search_fields = ["namn", "alias__namn"]
    list_select_related = ["tillhor"]
    autocomplete_fields = ["tillhor"]
    inlines = [OrganisationAliasInline]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Medlemskap)
class MedlemskapAdmin(admin.ModelAdmin):
    list_display = ["anvandare", "organisation"]
    list_filter = ["organisation__typ"]
    search_fields = ["anvandare__username", "organisation__namn"]
    autocomplete_fields = ["anvandare", "organisation"]
    list_select_related = ["anvandare", "organisation"]


class AktivitetsrollInline(admin.TabularInline):
    model = Aktivitetsroll
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Aktivitet)
class AktivitetAdmin(admin.ModelAdmin):
    list_display = ["titel", "typ", "plan", "ordning"]
    list_filter = ["typ", "plan"]
    search_fields = ["titel", "syfte", "beskrivning"]
    inlines = [AktivitetsrollInline]
    prepopulated_fields = {"slug": ["titel"]}


@admin.register(Aktivitetsroll)
class AktivitetsrollAdmin(admin.ModelAdmin):
    list_display = ["organisation", "roll", "aktivitet"]
    list_filter = ["roll", "aktivitet__typ", "organisation__typ"]
    search_fields = ["organisation__namn", "aktivitet__titel"]
    list_select_related = ["organisation", "aktivitet"]
    autocomplete_fields = ["organisation", "aktivitet"]


@admin.register(StyrandeDokument)
class StyrandeDokumentAdmin(admin.ModelAdmin):
    list_display = ["namn", "kategori", "dokumentsort", "diarienummer", "beslutsdatum"]
    list_filter = ["kategori", "dokumentsort", "plan"]
    search_fields = ["namn", "diarienummer", "koppling"]
    prepopulated_fields = {"slug": ["namn"]}
