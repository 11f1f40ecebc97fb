"""Account URLs under /konto/: single sign-on (names as mozilla-django-oidc expects them)."""

from django.urls import path

from konto import views

urlpatterns = [
    path("sso/", views.oidc_start, name="oidc_authentication_init"),
    path("sso/tillbaka/", views.oidc_callback, name="oidc_authentication_callback"),
]
