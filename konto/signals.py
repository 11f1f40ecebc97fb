"""Count failed logins per address (konto/inloggning.py). And: every path that changes a password or deactivates an account (admin, password reset, the
`changepassword` command, single sign-on deprovisioning) saves the user: revoke its API keys then."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from konto.inloggning import failures_record
from konto.services import api_nycklar_revoke

User = get_user_model()


@receiver(pre_save, sender=User, dispatch_uid="konto_note_credentials")
def note_credentials(sender, instance, raw=False, **kwargs) -> None:
    instance._konto_revoke = None
    update_fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (update_fields is not None and not {"password", "is_active"} & set(update_fields)):
        return  # e.g. the login's own save of last_login
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password:
        instance._konto_revoke = "password_changed"
    elif before["is_active"] and not instance.is_active:
        instance._konto_revoke = "deactivated"


@receiver(post_save, sender=User, dispatch_uid="konto_revoke_api_keys")
def revoke_api_keys(sender, instance, raw=False, **kwargs) -> None:
    orsak = getattr(instance, "_konto_revoke", None)
    if orsak and not raw:
        api_nycklar_revoke(user=instance, orsak=orsak)


@receiver(user_login_failed, dispatch_uid="konto_count_login_failure")
def count_login_failure(sender, credentials=None, request=None, **kwargs) -> None:
    if request is not None:
        failures_record(request)
