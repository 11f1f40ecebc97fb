"""The admin shows reporting and the follow-up; it changes none of it. State and content of reports,
overall statuses and evaluations change only through the services (the portal's pages and the
API), which check permissions, the workflow and versions and keep history; periods likewise.
Compiled reports are immutable and cannot be deleted. The plan's own data stays editable."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from jamlik.admin_forms import LabelledTabularInline
from plan.admin import AktivitetsrollInline
from uppfoljning.models import (
    Aktivitetsstatus,
    PlaneradProcessutvardering,
    PlaneradUppfoljning,
    Processutvardering,
    ProcessutvarderingDel,
    Statusrapport,
    Styrningsaktivitet,
    Uppfoljningsperiod,
    Uppfoljningsrapport,
)


class ReadOnlyAdminMixin:
    """Show and search, with history; no add, change or delete (writes go through the services)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """History shown, never reverted. django-simple-history saves whatever is posted to a history
    version's page, checking only the permission to *view* history (the revert button is merely
    hidden by SIMPLE_HISTORY_REVERT_DISABLED): a post would move a report past the workflow."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Styrningsaktivitet)
class StyrningsaktivitetAdmin(admin.ModelAdmin):
    list_display = ["titel", "plan", "ordning"]
    list_filter = ["plan"]
    search_fields = ["titel", "syfte", "beskrivning"]
    exclude = ["typ", "matrisrubrik"]
    inlines = [AktivitetsrollInline]
    prepopulated_fields = {"slug": ["titel"]}


class PlaneradProcessutvarderingInline(LabelledTabularInline):
    model = PlaneradProcessutvardering
    extra = 0


@admin.register(PlaneradUppfoljning)
class PlaneradUppfoljningAdmin(admin.ModelAdmin):
    list_display = ["plan", "ar", "redovisas_med", "genomfors_av"]
    list_filter = ["plan"]
    search_fields = ["beskrivning"]
    inlines = [PlaneradProcessutvarderingInline]


@admin.register(Uppfoljningsperiod)
class UppfoljningsperiodAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["namn", "plan", "oppnar", "sista_dag"]
    list_filter = ["plan"]
    search_fields = ["namn"]
    prepopulated_fields = {"slug": ["namn"]}


@admin.register(Statusrapport)
class StatusrapportAdmin(ReadOnlyHistoryAdmin):
    list_display = ["aktivitet", "organisation", "period", "status", "tillstand", "uppdaterad"]
    list_filter = ["period", "tillstand", "status", "aktivitet__typ"]
    search_fields = ["aktivitet__titel", "organisation__namn", "genomfort"]
    list_select_related = ["aktivitet", "organisation", "period"]


@admin.register(Aktivitetsstatus)
class AktivitetsstatusAdmin(ReadOnlyHistoryAdmin):
    list_display = ["aktivitet", "period", "status", "uppdaterad"]
    list_filter = ["period", "status"]
    search_fields = ["aktivitet__titel"]
    list_select_related = ["aktivitet", "period"]


class ProcessutvarderingDelInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = ProcessutvarderingDel
    extra = 0


@admin.register(Processutvardering)
class ProcessutvarderingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["aktivitet", "planerad", "tillstand", "samlad_bedomning", "uppdaterad"]
    list_filter = ["tillstand", "samlad_bedomning", "planerad__uppfoljning"]
    search_fields = ["aktivitet__titel"]
    inlines = [ProcessutvarderingDelInline]


@admin.register(Uppfoljningsrapport)
class UppfoljningsrapportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Compiled artefacts are immutable: the admin only shows them, and never deletes them."""

    list_display = ["ar", "version", "status", "progress", "underlag_tidpunkt", "klar", "startad_av"]
    list_filter = ["ar", "status"]
