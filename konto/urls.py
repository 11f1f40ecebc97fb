"""Account URLs under /konto/: single sign-on (names as mozilla-django-oidc expects them) and
password reset (Django's names, so its views and the admin find them)."""

from django.urls import path

from konto import views

urlpatterns = [
    path("sso/", views.oidc_start, name="oidc_authentication_init"),
    path("sso/tillbaka/", views.oidc_callback, name="oidc_authentication_callback"),
    path("losenord/", views.PasswordResetView.as_view(), name="password_reset"),
    path("losenord/skickat/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("losenord/klart/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("losenord/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
]
