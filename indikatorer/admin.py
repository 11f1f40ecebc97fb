from django.contrib import admin

from indikatorer.models import Indikator, Inlasning, Malvarde, Omrade, Varde
from jamlik.admin_forms import LabelledTabularInline


@admin.register(Omrade)
class OmradeAdmin(admin.ModelAdmin):
    list_display = ["namn", "niva", "forelder", "kod", "kolada_id", "giltig_fran", "giltig_till", "exempel"]
    list_filter = ["kommun", "niva", "exempel"]
    search_fields = ["namn", "kod", "kolada_id"]
    prepopulated_fields = {"slug": ["namn"]}
    autocomplete_fields = ["forelder"]


class MalvardeInline(LabelledTabularInline):
    model = Malvarde
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["namn", "kalla", "kolada_kpi", "enhet", "konsuppdelad", "omradesniva", "exempel"]
    list_filter = ["kommun", "kalla", "konsuppdelad", "planer", "exempel"]
    search_fields = ["namn", "kolada_kpi", "definition"]
    prepopulated_fields = {"slug": ["namn"]}
    filter_horizontal = ["planer", "strategier", "malomraden", "aktiviteter"]
    autocomplete_fields = ["agare"]
    inlines = [MalvardeInline]


@admin.register(Varde)
class VardeAdmin(admin.ModelAdmin):
    list_display = ["indikator", "omrade", "ar", "kon", "grupp", "varde", "kalla", "hamtad", "exempel"]
    list_filter = ["kalla", "kon", "exempel", "indikator"]
    search_fields = ["indikator__namn", "omrade__namn"]
    list_select_related = ["indikator", "omrade"]
    autocomplete_fields = ["indikator", "omrade"]


@admin.register(Inlasning)
class InlasningAdmin(admin.ModelAdmin):
    """What was fetched or imported: a record, read-only."""

    list_display = ["beskrivning", "kalla", "status", "startad", "antal_rader", "antal_nya", "antal_andrade"]
    list_filter = ["kalla", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
