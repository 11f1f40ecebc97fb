from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JamlikConfig(AppConfig):
    """The project package as an app: commands that combine the apps (load_plan, load_demo,
    backup, restore) and the pages that combine them (jamlik.web). It has no models."""

    name = "jamlik"
    verbose_name = _("Portalen")

    def ready(self) -> None:
        # Register the permissions of the portal's own pages (django-rules only autodiscovers jamlik.rules).
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from jamlik import lookups  # noqa: F401, PLC0415 (registers `__bland`)
        from jamlik.ops.published import connect_signals  # noqa: PLC0415 (apps are ready only here)
        from jamlik.ops.sessions import session_start  # noqa: PLC0415
        from jamlik.web import rules  # noqa: F401, PLC0415 (apps are ready only here)

        connect_signals()
        # A login starts the session's clock (its maximum) and sets its first end.
        user_logged_in.connect(session_start, dispatch_uid="jamlik_session_start")
