from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from synpunkter.models import Synpunkt
from synpunkter.services import synpunkt_enqueue


@admin.register(Synpunkt)
class SynpunktAdmin(admin.ModelAdmin):
    list_display = ["skapad", "kort_meddelande", "sidadress", "epost", "skickad", "sandfel"]
    list_filter = [("skickad", admin.EmptyFieldListFilter), "skapad"]
    search_fields = ["meddelande", "sidadress", "epost"]
    readonly_fields = ["meddelande", "epost", "sidadress", "sprak", "skapad", "skickad", "sandfel"]
    date_hierarchy = "skapad"
    actions = ["send_again"]

    @admin.display(description=_("meddelande"))
    def kort_meddelande(self, obj: Synpunkt) -> str:
        return obj.meddelande[:80]

    @admin.action(description=_("Skicka valda synpunkter med e-post igen"))
    def send_again(self, request, queryset):
        ids = list(queryset.filter(skickad__isnull=True).values_list("pk", flat=True))
        for pk in ids:
            synpunkt_enqueue(synpunkt_id=pk)
        self.message_user(
            request,
            ngettext(
                "%(antal)d synpunkt köad för att skickas.", "%(antal)d synpunkter köade för att skickas.", len(ids)
            )
            % {"antal": len(ids)},
            messages.SUCCESS,
        )

    def has_add_permission(self, request) -> bool:
        return False
