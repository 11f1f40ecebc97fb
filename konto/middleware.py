"""Refuse login attempts from an address with too many recent failures (konto/inloggning.py),
before the password is checked: 429 with Retry-After and the reason in Swedish."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from konto.inloggning import address_is_slowed


class LoginAddressThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        login_paths = {reverse("login"), reverse("admin:login")}
        if request.method == "POST" and request.path in login_paths and address_is_slowed(request):
            response = render(request, "registration/adress_sparrad.html", status=429)
            response["Retry-After"] = str(settings.LOGIN_IP_WINDOW_SECONDS)
            return response
        return self.get_response(request)
