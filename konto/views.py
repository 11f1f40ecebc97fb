"""Single sign-on endpoints (404 unless OpenID Connect is configured) and a logout that also ends
the session at the identity provider."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

_start = OIDCAuthenticationRequestView.as_view()
_callback = OIDCAuthenticationCallbackView.as_view()


def oidc_start(request):
    if not settings.OIDC_ENABLED:
        raise Http404
    return _start(request)


def oidc_callback(request):
    if not settings.OIDC_ENABLED:
        raise Http404
    return _callback(request)


class LogoutView(auth_views.LogoutView):
    """Django's logout; after a single sign-on, continue to the provider's end_session endpoint
    (RP-initiated logout) so that the provider's session ends too, then back to the portal."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if id_token and settings.OIDC_ENABLED and settings.OIDC_OP_LOGOUT_ENDPOINT:
            query = urlencode(
                {
                    "id_token_hint": id_token,
                    "client_id": settings.OIDC_RP_CLIENT_ID,
                    "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL)),
                }
            )
            return redirect(f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}")
        return response
