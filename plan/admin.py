from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jamlik.admin_forms import LabelledTabularInline
from plan.models import (
    Aktivitet,
    Aktivitetsroll,
    Forutsattning,
    Kommun,
    Malomrade,
    Medlemskap,
    Organisation,
    OrganisationAlias,
    Plan,
    Planavsnitt,
    Program,
    Strategi,
    StyrandeDokument,
)


@admin.register(Kommun)
class KommunAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "kommunkod"]
    search_fields = ["namn"]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "diarienummer", "giltig_fran", "giltig_till"]
    search_fields = ["namn", "diarienummer"]
    prepopulated_fields = {"slug": ["namn"]}


class PlanavsnittInline(admin.StackedInline):
    model = Planavsnitt
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "status", "program", "diarienummer", "beslutsdatum", "giltig_fran", "giltig_till"]
    list_filter = ["status", "program"]
    inlines = [PlanavsnittInline]
    search_fields = ["namn", "diarienummer"]
    prepopulated_fields = {"slug": ["namn"]}


class StrategiInline(LabelledTabularInline):
    model = Strategi
    extra = 0
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Malomrade)
class MalomradeAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "plan", "ordning"]
    list_filter = ["plan"]
    search_fields = ["namn"]
    inlines = [StrategiInline]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Strategi)
class StrategiAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "malomrade", "plan", "ordning"]
    list_filter = ["plan", "malomrade"]
    search_fields = ["namn"]
    list_select_related = ["malomrade"]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Forutsattning)
class ForutsattningAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "plan", "ordning"]
    list_filter = ["plan"]
    search_fields = ["namn", "beskrivning"]
    prepopulated_fields = {"slug": ["namn"]}


class OrganisationAliasInline(LabelledTabularInline):
    model = OrganisationAlias
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "kommun", "typ", "tillhor", "rapporterar_for", "giltig_fran", "giltig_till"]
    list_filter = ["kommun", "typ", "samlingsbegrepp"]
    search_fields = ["namn", "alias__namn"]
    list_select_related = ["tillhor", "rapporterar_for", "kommun"]
    autocomplete_fields = ["tillhor", "rapporterar_for", "ersatter"]
    inlines = [OrganisationAliasInline]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Medlemskap)
class MedlemskapAdmin(admin.ModelAdmin):
    list_display = ["anvandare", "organisation"]
    list_filter = ["organisation__typ"]
    search_fields = ["anvandare__username", "organisation__namn"]
    autocomplete_fields = ["anvandare", "organisation"]
    list_select_related = ["anvandare", "organisation"]


class AktivitetsrollInline(LabelledTabularInline):
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
