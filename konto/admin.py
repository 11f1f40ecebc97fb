"""API keys in the admin: issued here (the key is shown once, on the page that follows, never
stored or put in a message), listed by their short prefix and expiry, revoked by deleting them."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from konto.models import ApiNyckel, OidcIdentitet
from konto.services import api_nyckel_create

admin.site.unregister(AuthToken)


class ApiNyckelForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Användare"), queryset=get_user_model().objects.filter(is_active=True).order_by("username")
    )
    dagar = forms.IntegerField(
        label=_("Giltig i dagar"),
        min_value=1,
        help_text=_("Nyckeln slutar gälla efter så här många dagar."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dagar"].validators.append(MaxValueValidator(settings.API_TOKEN_MAX_DAYS))
        self.fields["dagar"].widget.attrs["max"] = settings.API_TOKEN_MAX_DAYS
        self.fields["dagar"].initial = settings.API_TOKEN_TTL_DAYS


@admin.register(ApiNyckel)
class ApiNyckelAdmin(admin.ModelAdmin):
    list_display = ["nyckel", "user", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["token_key", "user__username"]
    ordering = ["-created"]
    readonly_fields = ["nyckel", "user", "created", "expiry"]
    fields = ["nyckel", "user", "created", "expiry"]

    @admin.display(description=_("nyckel (början)"))
    def nyckel(self, obj: ApiNyckel) -> str:
        return f"{obj.token_key}…"

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        form = ApiNyckelForm(request.POST or None)
        plaintext = token = None
        if request.method == "POST" and form.is_valid():
            token, plaintext = api_nyckel_create(user=form.cleaned_data["user"], dagar=form.cleaned_data["dagar"])
            self.log_addition(request, ApiNyckel.objects.get(pk=token.pk), [{"added": {}}])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Skapa API-nyckel"),
            "form": form,
            "token": token,
            "plaintext": plaintext,
        }
        response = TemplateResponse(request, "admin/konto/apinyckel/skapa.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


@admin.register(OidcIdentitet)
class OidcIdentitetAdmin(admin.ModelAdmin):
    """Link an existing local account to its identity at the provider (issuer + sub), or remove it."""

    list_display = ["anvandare", "issuer", "sub", "senast_inloggad"]
    list_select_related = ["anvandare"]
    search_fields = ["anvandare__username", "sub"]
    raw_id_fields = ["anvandare"]
    readonly_fields = ["skapad", "senast_inloggad"]
