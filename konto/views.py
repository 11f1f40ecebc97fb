"""Single sign-on endpoints (404 unless OpenID Connect is configured), a logout that also ends
the session at the identity provider, and password reset by e-mail while local passwords are on."""

import logging
from urllib.parse import urlencode

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from konto.forms import PasswordResetForm
from konto.losenord import WINDOW_SECONDS as RESET_WINDOW_SECONDS
from konto.losenord import address_request_allowed, reset_available

logger = logging.getLogger("jamlik.konto")

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


class LocalPasswordsOnlyMixin:
    """The password reset pages exist only while local passwords are on (konto.losenord)."""

    def dispatch(self, request, *args, **kwargs):
        if not reset_available():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class RedirectThenSend(HttpResponseRedirect):
    """A redirect that runs `after` once the server has sent it (WSGI servers and the test client
    close every response)."""

    def __init__(self, url, after):
        super().__init__(url)
        self._after = after

    def close(self):
        try:
            super().close()
        finally:
            after, self._after = self._after, None
            if after:
                after()


class PasswordResetView(LocalPasswordsOnlyMixin, auth_views.PasswordResetView):
    """Ask for a reset link: the same answer whether or not the address has an account, limited per
    client address (429) and per e-mail address (silently)."""

    form_class = PasswordResetForm
    template_name = "registration/losenord_aterstall.html"
    subject_template_name = "registration/losenord_aterstall_amne.txt"
    email_template_name = "registration/losenord_aterstall_epost.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self):
        return {
            "portal_namn": settings.PORTAL_NAMN,
            "portal_url": settings.PORTAL_BASE_URL.rstrip("/"),
            "minuter": settings.PASSWORD_RESET_TIMEOUT // 60,
        }

    def post(self, request, *args, **kwargs):
        if not address_request_allowed(request):
            response = render(request, "registration/losenord_for_manga.html", status=429)
            response["Retry-After"] = str(RESET_WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        super().form_valid(form)  # collects the mails (PasswordResetForm)
        logger.info("password reset requested", extra={"event": "password_reset_requested"})
        return RedirectThenSend(self.get_success_url(), form.send_collected)


class PasswordResetDoneView(LocalPasswordsOnlyMixin, auth_views.PasswordResetDoneView):
    template_name = "registration/losenord_skickat.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "minuter": settings.PASSWORD_RESET_TIMEOUT // 60}


class PasswordResetConfirmView(LocalPasswordsOnlyMixin, auth_views.PasswordResetConfirmView):
    """Choose a new password from the link (once, within PASSWORD_RESET_TIMEOUT). Saving it revokes
    the user's API keys (konto.signals) and lifts a login lock-out of the username."""

    template_name = "registration/losenord_nytt.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        logger.info("password reset", extra={"event": "password_reset", "user_id": form.user.pk})
        return response


class PasswordResetCompleteView(LocalPasswordsOnlyMixin, auth_views.PasswordResetCompleteView):
    template_name = "registration/losenord_klart.html"
