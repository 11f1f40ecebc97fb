"""Forms of accounts: Django's password reset request, with its mails held back until the answer
has gone out (konto.views.PasswordResetView) and limited per e-mail address (konto.losenord)."""

from django.contrib.auth import forms as auth_forms

from konto.losenord import email_mail_allowed


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Which accounts get a link is Django's rule: active, with a usable password (an account made
    by single sign-on has none), and this e-mail address. The mails are collected in `mails` and
    sent by `send_collected`, after the response, so the time the answer takes says nothing about
    whether the address has an account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mails = []

    def get_users(self, email):
        if not email_mail_allowed(email):
            return iter(())
        return super().get_users(email)

    def send_mail(self, *args, **kwargs):
        self.mails.append((args, kwargs))

    def send_collected(self) -> None:
        # Django's send_mail logs a mail server error instead of raising it.
        for args, kwargs in self.mails:
            super().send_mail(*args, **kwargs)
        self.mails = []
